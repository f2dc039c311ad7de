import { describe, expect, it } from 'vitest';
import { policy, yaml } from '../../helpers';
import { complete } from './complete';

describe('key completions', () => {
  it('offers the fields of the spec not yet present, with their documentation', () => {
    const c = complete(policy('podSelector: {}\n|'));
    expect(c.labels()).toEqual(expect.arrayContaining(['ingress', 'egress', 'policyTypes']));
    expect(c.labels()).not.toContain('podSelector');
    const ingress = c.item('ingress');
    expect(ingress.detail).toBe('[]NetworkPolicyIngressRule');
    expect(JSON.stringify(ingress.documentation)).toContain('ingress');
  });

  it('replaces the half-typed word instead of duplicating it', () => {
    const c = complete(policy('podSelector: {}\npolicyTy|'));
    expect(c.replaced()).toBe('policyTy');
    expect(c.accept('policyTypes')).toContain('\n  policyTypes:\n  - $0\n');
  });

  it('indents nested values in the file’s style', () => {
    const text = yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
          name: x
      spec:
          podSelector: {}
          ingress:
              - ports:
                    - port: 80
                |
    `;
    const c = complete(text);
    expect(c.labels()).toEqual(['from']);
    expect(c.accept('from')).toContain('\n          from:\n              - $0');
  });

  it('offers the keys of a port, not those present, after a `- ` marker', () => {
    const c = complete(policy('ingress:\n  - ports:\n      - port: 80\n      - |'));
    expect(c.labels()).toEqual(['protocol', 'port', 'endPort']);
    const c2 = complete(policy('ingress:\n  - ports:\n      - port: 80\n        |'));
    expect(c2.labels()).toEqual(['protocol', 'endPort']);
  });

  it('writes only the name when the colon is already there', () => {
    const c = complete(policy('podSelector: {}\nin|gress: []'));
    expect(c.accept('ingress')).toContain('\n  ingress: []');
  });

  it('inserts flow-style keys inside a flow mapping', () => {
    const c = complete(policy('podSelector: {|}'));
    expect(c.labels()).toEqual(['matchLabels', 'matchExpressions']);
    expect(c.accept('matchLabels')).toContain('podSelector: {matchLabels: {$0}}');
  });

  it('starts a new item on an empty line under a list', () => {
    const c = complete(policy('podSelector: {}\negress:\n  |'));
    expect(c.accept('to')).toContain('\n  egress:\n    - to:\n      - $0');
  });

  it('offers the metadata a person writes, not what the API server fills in', () => {
    const c = complete(policy('podSelector: {}', 'name: x\n|'));
    expect(c.labels()).toEqual(['generateName', 'namespace', 'labels', 'annotations']);
  });

  it('offers the top-level fields and documents in an empty document', () => {
    const c = complete('|');
    expect(c.labels()).toEqual(expect.arrayContaining(['apiVersion', 'kind', 'metadata', 'spec', 'NetworkPolicy']));
    expect(c.labels()).not.toContain('status');
    expect(c.item('apiVersion').command?.command).toBe('editor.action.triggerSuggest');
  });

  it('offers nothing in other kinds of objects', () => {
    expect(complete('apiVersion: apps/v1\nkind: Deployment\nspec:\n  |').items).toEqual([]);
    expect(complete('kind: Service\n|').items).toEqual([]);
  });

  it('works in a NetworkPolicy after other documents and before the end of the file', () => {
    const text = 'kind: Deployment\nspec: {}\n---\n' + policy('podSelector: {}\n') + 'sp|';
    expect(complete(text).labels()).toEqual([]);
    const second = 'kind: Deployment\n---\n' + policy('|');
    expect(complete(second).labels()).toEqual(expect.arrayContaining(['podSelector', 'ingress']));
  });

  it('works in the items of a NetworkPolicyList', () => {
    const text = yaml`
      apiVersion: v1
      kind: List
      items:
        - apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          spec:
            |
    `;
    expect(complete(text).labels()).toEqual(expect.arrayContaining(['podSelector', 'ingress', 'egress']));
  });

  it('survives invalid YAML around the cursor', () => {
    const text = policy('podSelector: {}\ningress:\n  - from: [\n    |\n  - ports: {{{\n');
    expect(() => complete(text)).not.toThrow();
    expect(() => complete('"unterminated\n  - : : {|')).not.toThrow();
    expect(() => complete('\t\t-\n- - - |')).not.toThrow();
  });
});

describe('keys at every level of a policy', () => {
  const LEVELS: [string, string, string[]][] = [
    ['top level', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n|', ['metadata', 'spec']],
    ['metadata', policy('podSelector: {}', 'name: x\n|'), ['generateName', 'namespace', 'labels', 'annotations']],
    ['spec', policy('|'), ['podSelector', 'ingress', 'egress', 'policyTypes']],
    ['an ingress rule', policy('ingress:\n  - |'), ['ports', 'from']],
    ['an egress rule', policy('egress:\n  - ports: []\n    |'), ['to']],
    ['a peer', policy('ingress:\n  - from:\n      - |'), ['podSelector', 'namespaceSelector', 'ipBlock']],
    ['a port', policy('egress:\n  - ports:\n      - protocol: UDP\n        |'), ['port', 'endPort']],
    ['an ipBlock', policy('egress:\n  - to:\n      - ipBlock:\n          |'), ['cidr', 'except']],
    ['a selector', policy('podSelector:\n  matchLabels: {}\n  |'), ['matchExpressions']],
    ['a match expression', policy('podSelector:\n  matchExpressions:\n    - key: app\n      |'), ['operator', 'values']],
  ];

  it.each(LEVELS)('in %s: the missing keys, each documented', (_level, text, expected) => {
    const c = complete(text);
    const keys = c.items.filter((item) => item.kind === 10);
    expect(keys.map((item) => item.label)).toEqual(expected);
    for (const item of keys) expect(item.documentation, String(item.label)).toBeTruthy();
  });
});
