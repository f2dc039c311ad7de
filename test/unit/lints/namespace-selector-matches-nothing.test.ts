import { describe, expect, it } from 'vitest';
import type { LabelSuggestionData } from '../../../server/src/rules/lints/workspaceScope';
import { deployment, detailsIn, docs, lintIn, namespace, netpol, reportedIn } from './workspace';

const ID = 'namespace-selector-matches-nothing';
const one = (text: string) => reportedIn({ 'a.yaml': text }, 'a.yaml', ID);
const message = (text: string) => lintIn({ 'a.yaml': text }, 'a.yaml', ID).map((d) => d.message);
const from = (selector: string, extra = '') => netpol('p', 'shop', `ingress: [{ from: [{ namespaceSelector: ${selector}${extra} }] }]`);
const monitoring = namespace('monitoring', { team: 'ops' });

describe('namespace-selector-matches-nothing', () => {
  it('reports a namespaceSelector that no known namespace matches, on its key, with the closest label', () => {
    const text = docs(monitoring, from('{ matchLabels: { team: opps } }'));
    const [found] = lintIn({ 'a.yaml': text }, 'a.yaml', ID);
    expect(one(text)).toEqual(['spec.ingress[0].from[0].namespaceSelector => namespaceSelector']);
    expect(found?.severity).toBe(2);
    expect(found?.message).toBe(
      'No namespace of the workspace matches this namespaceSelector: this peer matches no pod, so it allows no connection from any pod. Did you mean `team: ops`?',
    );
    expect(detailsIn({ 'a.yaml': text }, 'a.yaml', ID)).toEqual([
      { suggestion: { key: 'team', value: 'ops' }, replaces: { key: 'team', value: 'opps' } },
    ]);
  });

  it('accepts a selector that a declared Namespace matches, by its labels or its name label', () => {
    expect(one(docs(monitoring, from('{ matchLabels: { team: ops } }')))).toEqual([]);
    expect(one(docs(monitoring, from('{ matchLabels: { kubernetes.io/metadata.name: monitoring } }')))).toEqual([]);
    expect(one(docs(monitoring, from('{ matchExpressions: [{ key: team, operator: Exists }] }')))).toEqual([]);
  });

  it('knows the namespaces that workloads are placed in, and the policy’s own, by their name label only', () => {
    const dns = deployment('coredns', 'kube-system', { 'k8s-app': 'kube-dns' });
    const byName = (name: string) => from(`{ matchLabels: { kubernetes.io/metadata.name: ${name} } }`);
    expect(one(docs(monitoring, dns, byName('kube-system')))).toEqual([]);
    expect(one(docs(monitoring, byName('shop')))).toEqual([]);
    expect(message(docs(monitoring, dns, byName('kube-sytem')))).toEqual([
      'No namespace of the workspace matches this namespaceSelector: this peer matches no pod, so it allows no connection from any pod. Did you mean `kubernetes.io/metadata.name: kube-system`?',
    ]);
    // A namespace known only by name has no other label.
    expect(one(docs(monitoring, dns, from('{ matchLabels: { kubernetes.io/metadata.name: kube-system, team: ops } }')))).toEqual([
      'spec.ingress[0].from[0].namespaceSelector => namespaceSelector',
    ]);
  });

  it('knows the namespaces every cluster has', () => {
    for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      expect(one(docs(monitoring, from(`{ matchLabels: { kubernetes.io/metadata.name: ${name} } }`)))).toEqual([]);
    }
    expect(one(docs(monitoring, from('{ matchLabels: { kubernetes.io/metadata.name: kube-system, team: ops } }')))).toEqual([
      'spec.ingress[0].from[0].namespaceSelector => namespaceSelector',
    ]);
  });

  it('finds the Namespaces in the other files', () => {
    const files = { 'ns.yaml': monitoring, 'a.yaml': from('{ matchLabels: { team: ops } }') };
    expect(reportedIn(files, 'a.yaml', ID)).toEqual([]);
    expect(reportedIn({ ...files, 'a.yaml': from('{ matchLabels: { team: dev } }') }, 'a.yaml', ID)).toEqual([
      'spec.ingress[0].from[0].namespaceSelector => namespaceSelector',
    ]);
  });

  it('says nothing when the workspace declares no Namespace', () => {
    expect(one(from('{ matchLabels: { team: opps } }'))).toEqual([]);
    expect(one(docs(deployment('web', 'web', { app: 'web' }), from('{ matchLabels: { team: opps } }')))).toEqual([]);
  });

  it('never reports an empty namespaceSelector', () => {
    expect(one(docs(monitoring, from('{}')))).toEqual([]);
    expect(one(docs(monitoring, from('{}', ', podSelector: { matchLabels: { app: x } }')))).toEqual([]);
  });

  it('offers no suggestion when no label is close', () => {
    const text = docs(monitoring, from('{ matchLabels: { environment: production } }'));
    expect(message(text)[0]).toBe(
      'No namespace of the workspace matches this namespaceSelector: this peer matches no pod, so it allows no connection from any pod',
    );
    expect(detailsIn({ 'a.yaml': text }, 'a.yaml', ID)).toEqual([undefined]);
  });

  it('suggests only a close value of the same key, never an unrelated namespace', () => {
    const byName = (name: string) => from(`{ matchLabels: { kubernetes.io/metadata.name: ${name} } }`);
    const hint = (text: string) => detailsIn({ 'a.yaml': text }, 'a.yaml', ID) as (LabelSuggestionData | undefined)[];
    // Not an unrelated namespace, even where the key is long and the value short.
    expect(hint(docs(monitoring, byName('payments')))).toEqual([undefined]);
    expect(hint(docs(monitoring, byName('prod')))).toEqual([undefined]);
    expect(hint(docs(monitoring, byName('dev')))).toEqual([undefined]);
    // One edit on a short name, two from six characters; not three.
    expect(hint(docs(monitoring, byName('kube-systm')))[0]?.suggestion).toEqual({
      key: 'kubernetes.io/metadata.name',
      value: 'kube-system',
    });
    expect(hint(docs(monitoring, byName('monitorign')))[0]?.suggestion).toEqual({
      key: 'kubernetes.io/metadata.name',
      value: 'monitoring',
    });
    expect(hint(docs(monitoring, byName('mnitrng')))).toEqual([undefined]);
    expect(hint(docs(namespace('web'), byName('wxy')))).toEqual([undefined]);
    expect(hint(docs(namespace('web'), byName('wev')))[0]?.suggestion).toEqual({ key: 'kubernetes.io/metadata.name', value: 'web' });
    // A misspelt key is not guessed: another key is another meaning.
    expect(hint(docs(monitoring, from('{ matchLabels: { taem: ops } }')))).toEqual([undefined]);
    expect(hint(docs(monitoring, from('{ matchLabels: { name: monitoring } }')))).toEqual([undefined]);
  });

  it('reports egress peers, with a podSelector too, at their path', () => {
    const text = docs(
      monitoring,
      netpol(
        'p',
        'shop',
        'egress:\n  - ports: [{ port: 80 }]\n  - to:\n      - podSelector: {}\n      - namespaceSelector: { matchLabels: { team: opss } }\n        podSelector: { matchLabels: { app: x } }',
      ),
    );
    expect(one(text)).toEqual(['spec.egress[1].to[1].namespaceSelector => namespaceSelector']);
    expect(message(text)[0]).toContain('so it allows no connection to any pod. Did you mean `team: ops`?');
  });
});
