import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../../server/src/services/settings';
import { WorkspaceIndex } from '../../../../server/src/services/workspace';
import { parseFile } from '../../../../server/src/yaml/file';
import { policy, yaml } from '../../helpers';
import { complete } from './complete';

/** The snippet text with every tab stop replaced by its default: the YAML a user gets by pressing Tab through it. */
function expand(snippet: string): string {
  return snippet
    .replace(/\$\{\d+:((?:[^}\\]|\\.)*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

describe('snippet completions', () => {
  it('writes a complete policy in an empty document, which parses', () => {
    const c = complete('|');
    const text = expand(c.accept('NetworkPolicy'));
    expect(text).toContain('kind: NetworkPolicy');
    expect(text).toContain('k8s-app: kube-dns');
    expect(parseFile(text).chunks[0]?.parsed.documents[0]?.problems).toEqual([]);
    expect(c.item('NetworkPolicy').insertTextFormat).toBe(2);
  });

  it('offers default-deny documents for each direction', () => {
    const c = complete('|');
    expect(c.labels()).toEqual(
      expect.arrayContaining([
        'NetworkPolicy: default-deny-ingress',
        'NetworkPolicy: default-deny-egress',
        'NetworkPolicy: default-deny-all',
      ]),
    );
    expect(expand(c.accept('NetworkPolicy: default-deny-all'))).toBe(
      yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: default-deny-all
          namespace: default
        spec:
          podSelector: {}
          policyTypes:
          - Ingress
          - Egress
      `.trimEnd(),
    );
  });

  it('does not offer whole documents inside a document', () => {
    expect(complete('kind: NetworkPolicy\n|').labels()).not.toContain('NetworkPolicy');
  });

  it('writes DNS egress with both selectors in one peer, in the file’s indentation', () => {
    const c = complete(policy('podSelector: {}\n|'));
    expect(expand(c.accept('egress: DNS'))).toContain(
      '\n  egress:\n  - to:\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: kube-system\n      podSelector:\n        matchLabels:\n          k8s-app: kube-dns\n    ports:\n    - protocol: UDP\n      port: 53\n    - protocol: TCP\n      port: 53\n',
    );
  });

  it('offers rules as items of a rule list, without a spec-level key when it exists', () => {
    const c = complete(policy('podSelector: {}\negress:\n  - |'));
    expect(c.labels()).toEqual(expect.arrayContaining(['egress rule', 'egress: DNS']));
    expect(expand(c.accept('egress rule'))).toContain(
      '  egress:\n    - to:\n        - podSelector:\n            matchLabels:\n              app: backend\n      ports:\n        - protocol: TCP\n          port: 8080',
    );
    const spec = complete(policy('podSelector: {}\negress: []\n|'));
    expect(spec.labels()).toContain('ingress rule');
    expect(spec.labels()).not.toContain('egress rule');
  });

  it('offers a peer of each kind in from and to', () => {
    const c = complete(policy('ingress:\n  - from:\n      - |'));
    expect(c.labels()).toEqual(
      expect.arrayContaining([
        'peer: pods in this namespace',
        'peer: pods in another namespace',
        'peer: all pods of a namespace',
        'peer: ipBlock with except',
      ]),
    );
    const and = expand(c.accept('peer: pods in another namespace'));
    expect(and).toContain(
      '- namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: monitoring\n          podSelector:',
    );
    expect(expand(c.accept('peer: ipBlock with except'))).toContain(
      '- ipBlock:\n            cidr: 10.0.0.0/8\n            except:\n              - 10.0.1.0/24',
    );
  });

  it('writes snippets on one line inside flow collections', () => {
    const c = complete(policy('ingress:\n  - from: [|]'));
    // A flow sequence item is a value slot: no block snippets there.
    expect(c.labels()).toEqual([]);
    const spec = complete('kind: NetworkPolicy\nspec: {podSelector: {}, |}');
    expect(expand(spec.accept('egress: DNS'))).toContain(
      'spec: {podSelector: {}, egress: [{to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}], ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]}]}',
    );
  });

  it('uses the DNS target of the settings', () => {
    const settings = { ...DEFAULT_SETTINGS, dns: { namespace: 'dns', podLabels: { app: 'coredns' }, addresses: [] } };
    const c = complete(policy('podSelector: {}\n|'), new WorkspaceIndex(), settings);
    expect(expand(c.accept('egress: DNS'))).toContain('app: coredns');
  });
});

describe('snippet documentation', () => {
  it('previews the YAML with the defaults filled in', () => {
    const doc = JSON.stringify(complete(policy('ingress:\n  - from:\n      - |')).item('peer: ipBlock with except').documentation);
    expect(doc).toContain('cidr: 10.0.0.0/8');
    expect(doc).not.toContain('netpol__stop');
  });
});
