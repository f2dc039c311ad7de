import { describe, expect, it } from 'vitest';
import { deployment, detailsIn, docs, lintIn, namespace, netpol, reportedIn } from './workspace';

const ID = 'selector-matches-nothing';
const one = (text: string) => reportedIn({ 'a.yaml': text }, 'a.yaml', ID);
const message = (text: string) => lintIn({ 'a.yaml': text }, 'a.yaml', ID).map((d) => d.message);
const wordpress = deployment('wordpress', 'blog', { app: 'wordpress', tier: 'front' });
const mysql = deployment('mysql', 'blog', { app: 'mysql' });
const subject = (selector: string) => netpol('p', 'blog', `podSelector: ${selector}`);

describe('selector-matches-nothing: spec.podSelector', () => {
  it('reports a selector that no workload of the namespace matches, on the podSelector key, with the closest label', () => {
    const text = docs(wordpress, mysql, subject('{ matchLabels: { app: wordpres } }'));
    const [found] = lintIn({ 'a.yaml': text }, 'a.yaml', ID);
    expect(one(text)).toEqual(['spec.podSelector => podSelector']);
    expect(found?.severity).toBe(2);
    expect(found?.message).toBe(
      'No workload declared in namespace "blog" has pods that match this podSelector: this policy applies to no pod, so it neither isolates nor allows any traffic. Did you mean `app: wordpress`?',
    );
    expect(detailsIn({ 'a.yaml': text }, 'a.yaml', ID)).toEqual([
      { suggestion: { key: 'app', value: 'wordpress' }, replaces: { key: 'app', value: 'wordpres' } },
    ]);
  });

  it('accepts a selector that some workload matches', () => {
    expect(one(docs(wordpress, subject('{ matchLabels: { app: wordpress } }')))).toEqual([]);
    expect(one(docs(wordpress, subject('{ matchLabels: { app: wordpress, tier: front } }')))).toEqual([]);
    expect(one(docs(wordpress, mysql, subject('{ matchExpressions: [{ key: app, operator: In, values: [nginx, mysql] }] }')))).toEqual([]);
    expect(one(docs(wordpress, subject('{ matchExpressions: [{ key: tier, operator: Exists }] }')))).toEqual([]);
  });

  it('reports labels that exist but never together, without a suggestion', () => {
    const text = docs(wordpress, mysql, subject('{ matchLabels: { app: mysql, tier: front } }'));
    expect(one(text)).toEqual(['spec.podSelector => podSelector']);
    expect(message(text)[0]).not.toContain('Did you mean');
    expect(detailsIn({ 'a.yaml': text }, 'a.yaml', ID)).toEqual([undefined]);
  });

  it('suggests only labels close to the written one', () => {
    expect(message(docs(wordpress, subject('{ matchLabels: { team: payments } }')))[0]).not.toContain('Did you mean');
    expect(message(docs(wordpress, subject('{ matchLabels: { tier: frnt } }')))[0]).toMatch(/Did you mean `tier: front`\?$/);
    expect(message(docs(wordpress, subject('{ matchExpressions: [{ key: ap, operator: In, values: [mysq, wordpres] }] }')))[0]).toMatch(
      /Did you mean `app: wordpress`\?$/,
    );
    // Only In values are compared: a NotIn or Exists requirement gets no suggestion.
    expect(message(docs(wordpress, subject('{ matchExpressions: [{ key: ap, operator: Exists }] }')))[0]).not.toContain('Did you mean');
  });

  it('says nothing where the workspace declares no workload in the namespace', () => {
    expect(one(subject('{ matchLabels: { app: wordpres } }'))).toEqual([]);
    expect(one(docs(deployment('wordpress', 'other', { app: 'wordpress' }), subject('{ matchLabels: { app: wordpres } }')))).toEqual([]);
  });

  it('never reports an empty selector', () => {
    expect(one(subject('{}'))).toEqual([]);
    expect(one(docs(wordpress, subject('{}')))).toEqual([]);
    expect(one(docs(wordpress, netpol('p', 'blog', 'ingress: [{}]')))).toEqual([]);
  });

  it('places workloads and policies without a namespace in the default namespace', () => {
    const text = docs(deployment('web', undefined, { app: 'web' }), netpol('p', undefined, 'podSelector: { matchLabels: { app: wbe } }'));
    expect(one(text)).toEqual(['spec.podSelector => podSelector']);
    expect(message(text)[0]).toContain('namespace "default"');
    expect(
      one(docs(deployment('web', 'default', { app: 'web' }), netpol('p', undefined, 'podSelector: { matchLabels: { app: web } }'))),
    ).toEqual([]);
  });

  it('finds the workloads in the other files', () => {
    const files = { 'apps.yaml': docs(wordpress, mysql), 'a.yaml': subject('{ matchLabels: { app: mysq } }') };
    expect(reportedIn(files, 'a.yaml', ID)).toEqual(['spec.podSelector => podSelector']);
    expect(lintIn(files, 'a.yaml', ID)[0]?.message).toMatch(/Did you mean `app: mysql`\?$/);
    expect(reportedIn({ ...files, 'a.yaml': subject('{ matchLabels: { app: mysql } }') }, 'a.yaml', ID)).toEqual([]);
  });
});

describe('selector-matches-nothing: peers', () => {
  it('reports a podSelector peer against the workloads of the policy’s namespace', () => {
    const text = docs(
      wordpress,
      mysql,
      netpol(
        'db',
        'blog',
        'podSelector: { matchLabels: { app: mysql } }\ningress: [{ from: [{ podSelector: { matchLabels: { app: wordpres } } }] }]',
      ),
    );
    expect(one(text)).toEqual(['spec.ingress[0].from[0].podSelector => podSelector']);
    expect(message(text)).toEqual([
      'No workload declared in namespace "blog" has pods that match this podSelector: this peer matches no pod, so it allows no connection from any pod. Did you mean `app: wordpress`?',
    ]);
  });

  it('says "to" for egress peers', () => {
    const text = docs(
      wordpress,
      mysql,
      netpol(
        'web',
        'blog',
        'podSelector: { matchLabels: { app: wordpress } }\negress: [{ to: [{ ipBlock: { cidr: 10.0.0.0/8 } }, { podSelector: { matchLabels: { app: mysqll } } }] }]',
      ),
    );
    expect(one(text)).toEqual(['spec.egress[0].to[1].podSelector => podSelector']);
    expect(message(text)[0]).toContain('this peer matches no pod, so it allows no connection to any pod. Did you mean `app: mysql`?');
  });

  it('accepts a podSelector peer that matches', () => {
    expect(
      one(docs(wordpress, mysql, netpol('db', 'blog', 'ingress: [{ from: [{ podSelector: { matchLabels: { app: wordpress } } }] }]'))),
    ).toEqual([]);
  });

  describe('with a namespaceSelector', () => {
    const frontend = deployment('web', 'frontend', { app: 'web' });
    const peer = (namespaceSelector: string, podSelector: string) =>
      netpol('db', 'blog', `ingress: [{ from: [{ namespaceSelector: ${namespaceSelector}, podSelector: ${podSelector} }] }]`);

    it('looks in the namespaces it selects (declared, or with workloads, by their name label)', () => {
      const byName = '{ matchLabels: { kubernetes.io/metadata.name: frontend } }';
      expect(one(docs(frontend, wordpress, peer(byName, '{ matchLabels: { app: wbe } }')))).toEqual([
        'spec.ingress[0].from[0].podSelector => podSelector',
      ]);
      expect(message(docs(frontend, wordpress, peer(byName, '{ matchLabels: { app: wbe } }')))[0]).toBe(
        'No workload declared in namespace "frontend" has pods that match this podSelector: this peer matches no pod, so it allows no connection from any pod. Did you mean `app: web`?',
      );
      // A pod label of another namespace does not count.
      expect(one(docs(frontend, wordpress, peer(byName, '{ matchLabels: { app: wordpress } }')))).toEqual([
        'spec.ingress[0].from[0].podSelector => podSelector',
      ]);
      expect(one(docs(frontend, wordpress, peer(byName, '{ matchLabels: { app: web } }')))).toEqual([]);
    });

    it('uses the labels of declared Namespaces', () => {
      const text = (podSelector: string) =>
        docs(namespace('frontend', { team: 'web' }), frontend, wordpress, peer('{ matchLabels: { team: web } }', podSelector));
      expect(one(text('{ matchLabels: { app: web } }'))).toEqual([]);
      expect(one(text('{ matchLabels: { app: wordpress } }'))).toEqual(['spec.ingress[0].from[0].podSelector => podSelector']);
    });

    it('names every namespace it looked in, and suggests from all of them', () => {
      const text = docs(frontend, wordpress, peer('{}', '{ matchLabels: { app: mysql } }'));
      expect(message(text)[0]).toBe(
        'No workload declared in namespaces "frontend", "blog" has pods that match this podSelector: this peer matches no pod, so it allows no connection from any pod',
      );
      expect(message(docs(frontend, wordpress, peer('{}', '{ matchLabels: { app: wb } }')))[0]).toMatch(/Did you mean `app: web`\?$/);
    });

    it('says nothing when the namespaces it selects have no workloads', () => {
      expect(
        one(
          docs(
            namespace('frontend'),
            wordpress,
            peer('{ matchLabels: { kubernetes.io/metadata.name: frontend } }', '{ matchLabels: { app: x } }'),
          ),
        ),
      ).toEqual([]);
      expect(one(docs(wordpress, peer('{ matchLabels: { team: nobody } }', '{ matchLabels: { app: x } }')))).toEqual([]);
    });

    it('never reports a peer without podSelector', () => {
      expect(one(docs(frontend, netpol('db', 'blog', 'ingress: [{ from: [{ namespaceSelector: {} }] }]')))).toEqual([]);
    });
  });
});
