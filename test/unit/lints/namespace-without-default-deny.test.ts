import { describe, expect, it } from 'vitest';
import { deployment, detailsIn, docs, lintIn, namespace, netpol, reportedIn } from './workspace';

const ID = 'namespace-without-default-deny';
const shop = namespace('shop');
const web = deployment('web', 'shop', { app: 'web' });
const allowWeb = netpol('allow-web', 'shop', 'podSelector: { matchLabels: { app: web } }\ningress: [{ ports: [{ port: 80 }] }]');
const deny = (spec: string) => netpol('default-deny', 'shop', spec);

describe('namespace-without-default-deny: on the Namespace manifest', () => {
  const files = (...policies: string[]) => ({ 'ns.yaml': shop, 'apps.yaml': web, 'policies.yaml': docs(...policies) });

  it('reports a namespace with workloads and policies but no default deny, on metadata.name', () => {
    const [found] = lintIn(files(allowWeb), 'ns.yaml', ID);
    expect(reportedIn(files(allowWeb), 'ns.yaml', ID)).toEqual(['metadata.name => shop']);
    expect(found?.severity).toBe(2);
    expect(found?.message).toBe(
      'Namespace "shop" has workloads and NetworkPolicies, but no policy denies all ingress to all of its pods: a pod that no policy selects for ingress accepts connections from anywhere. ' +
        'Add a default-deny policy to it: podSelector: {} with policyTypes: [Ingress] and no ingress rules',
    );
    expect(detailsIn(files(allowWeb), 'ns.yaml', ID)).toEqual([{ namespace: 'shop' }]);
    // ...and not on the policies.
    expect(reportedIn(files(allowWeb), 'policies.yaml', ID)).toEqual([]);
  });

  it.each([
    ['podSelector: {} and policyTypes: [Ingress]', 'podSelector: {}\npolicyTypes: [Ingress]'],
    ['podSelector: {} alone (Ingress is implied)', 'podSelector: {}'],
    ['an empty spec', '{}'],
    ['ingress: []', 'podSelector: {}\ningress: []'],
    ['policyTypes: [Ingress, Egress] without rules', 'podSelector: {}\npolicyTypes: [Ingress, Egress]'],
    ['egress rules but no ingress rules', 'podSelector: {}\npolicyTypes: [Ingress, Egress]\negress: [{}]'],
  ])('accepts a default deny written as %s', (_, spec) => {
    expect(reportedIn(files(allowWeb, deny(spec)), 'ns.yaml', ID)).toEqual([]);
  });

  it.each([
    ['ingress: [{}] (allows everything)', 'podSelector: {}\ningress: [{}]'],
    ['a rule that admits some sources', 'podSelector: {}\ningress: [{ from: [{ podSelector: {} }] }]'],
    ['a podSelector that selects only some pods', 'podSelector: { matchLabels: { app: web } }\npolicyTypes: [Ingress]'],
    ['policyTypes without Ingress', 'podSelector: {}\npolicyTypes: [Egress]'],
    ['a matchExpressions that every pod may satisfy', 'podSelector: { matchExpressions: [{ key: x, operator: DoesNotExist }] }'],
  ])('rejects a would-be default deny with %s', (_, spec) => {
    expect(reportedIn(files(allowWeb, deny(spec)), 'ns.yaml', ID)).toEqual(['metadata.name => shop']);
  });

  it('counts only the policies of that namespace', () => {
    const elsewhere = netpol('default-deny', 'other', 'podSelector: {}');
    expect(reportedIn(files(allowWeb, elsewhere), 'ns.yaml', ID)).toEqual(['metadata.name => shop']);
  });

  it('says nothing without workloads or without policies in the namespace', () => {
    expect(reportedIn({ 'ns.yaml': shop, 'policies.yaml': allowWeb }, 'ns.yaml', ID)).toEqual([]);
    expect(reportedIn({ 'ns.yaml': shop, 'apps.yaml': web }, 'ns.yaml', ID)).toEqual([]);
    expect(
      reportedIn({ 'ns.yaml': shop, 'apps.yaml': deployment('web', 'other', { app: 'web' }), 'p.yaml': allowWeb }, 'ns.yaml', ID),
    ).toEqual([]);
  });

  it('reports a Namespace inside a List, and each of several Namespaces', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Namespace\n    metadata:\n      name: shop\n`;
    expect(reportedIn({ 'ns.yaml': list, 'apps.yaml': web, 'p.yaml': allowWeb }, 'ns.yaml', ID)).toEqual([
      'items[0].metadata.name => shop',
    ]);
    const two = docs(shop, namespace('blog'));
    const blog = docs(deployment('wp', 'blog', { app: 'wp' }), netpol('wp', 'blog', 'podSelector: {}\ningress: [{}]'));
    expect(reportedIn({ 'ns.yaml': two, 'apps.yaml': web, 'p.yaml': allowWeb, 'blog.yaml': blog }, 'ns.yaml', ID)).toEqual([
      'metadata.name => shop',
      'metadata.name => blog',
    ]);
  });

  it('works with everything in one file', () => {
    const text = docs(shop, web, allowWeb);
    expect(reportedIn({ 'all.yaml': text }, 'all.yaml', ID)).toEqual(['metadata.name => shop']);
    expect(reportedIn({ 'all.yaml': docs(text, deny('podSelector: {}')) }, 'all.yaml', ID)).toEqual([]);
  });
});

describe('namespace-without-default-deny: on the policies, when no Namespace manifest is declared', () => {
  it('reports every policy of the namespace on metadata.name', () => {
    const other = netpol('allow-api', 'shop', 'podSelector: { matchLabels: { app: api } }\ningress: [{}]');
    const files = { 'apps.yaml': web, 'policies.yaml': docs(allowWeb, other) };
    expect(reportedIn(files, 'policies.yaml', ID)).toEqual(['metadata.name => allow-web', 'metadata.name => allow-api']);
    expect(lintIn(files, 'policies.yaml', ID)[0]?.message).toBe(
      'Namespace "shop" of this policy has workloads and NetworkPolicies, but no policy denies all ingress to all of its pods: a pod that no policy selects for ingress accepts connections from anywhere. ' +
        'Add a default-deny policy to it: podSelector: {} with policyTypes: [Ingress] and no ingress rules',
    );
  });

  it('accepts the policies once a default deny exists, in any file', () => {
    expect(reportedIn({ 'apps.yaml': web, 'a.yaml': allowWeb, 'deny.yaml': deny('podSelector: {}') }, 'a.yaml', ID)).toEqual([]);
    expect(reportedIn({ 'apps.yaml': web, 'deny.yaml': deny('podSelector: {}') }, 'deny.yaml', ID)).toEqual([]);
  });

  it('a policy of the same name elsewhere does not stand in for this one', () => {
    const files = {
      'apps.yaml': web,
      'a.yaml': netpol('default-deny', 'shop', 'podSelector: {}\ningress: [{}]'),
      'b.yaml': deny('podSelector: {}'),
    };
    expect(reportedIn(files, 'a.yaml', ID)).toEqual(['metadata.name => default-deny']);
  });

  it('leaves it to the Namespace manifest when there is one', () => {
    expect(reportedIn({ 'ns.yaml': shop, 'apps.yaml': web, 'a.yaml': allowWeb }, 'a.yaml', ID)).toEqual([]);
  });

  it('says nothing without workloads in the namespace', () => {
    expect(reportedIn({ 'a.yaml': allowWeb }, 'a.yaml', ID)).toEqual([]);
    expect(reportedIn({ 'apps.yaml': deployment('web', 'other', { app: 'web' }), 'a.yaml': allowWeb }, 'a.yaml', ID)).toEqual([]);
  });

  it('places policies and workloads without a namespace in the default namespace', () => {
    const text = docs(deployment('web', undefined, { app: 'web' }), netpol('p', undefined, 'podSelector: { matchLabels: { app: web } }'));
    expect(reportedIn({ 'a.yaml': text }, 'a.yaml', ID)).toEqual(['metadata.name => p']);
    expect(lintIn({ 'a.yaml': text }, 'a.yaml', ID)[0]?.message).toMatch(/^Namespace "default" of this policy/);
  });
});
