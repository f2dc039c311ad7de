import { describe, expect, it } from 'vitest';
import { policy } from '../../helpers';
import { complete } from './complete';

describe('value completions', () => {
  it('offers apiVersion and kind at the top of a document', () => {
    // A document that does not say its kind yet may become a cluster-wide policy too.
    expect(complete('apiVersion: |').labels()).toEqual([
      'networking.k8s.io/v1',
      'policy.networking.k8s.io/v1alpha2',
      'policy.networking.k8s.io/v1alpha1',
    ]);
    expect(complete('kind: NetworkPolicy\napiVersion: |').labels()).toEqual(['networking.k8s.io/v1']);
    expect(complete('apiVersion: networking.k8s.io/v1\nkind: Net|').labels()).toEqual(['NetworkPolicy']);
    expect(complete('apiVersion: networking.k8s.io/v1\nkind: Net|').replaced()).toBe('Net');
  });

  it('offers protocols in a port, block and flow', () => {
    expect(complete(policy('ingress:\n  - ports:\n      - protocol: |')).labels()).toEqual(['TCP', 'UDP', 'SCTP']);
    const flow = complete(policy('ingress:\n  - ports: [{port: 53, protocol: U|}]'));
    expect(flow.labels()).toEqual(['TCP', 'UDP', 'SCTP']);
    expect(flow.accept('UDP')).toContain('ports: [{port: 53, protocol: UDP}]');
  });

  it('replaces a wrong value as a whole', () => {
    const c = complete(policy('ingress:\n  - ports:\n      - protocol: t|cp # lower case'));
    expect(c.replaced()).toBe('tcp');
    expect(c.accept('TCP')).toContain('- protocol: TCP # lower case');
  });

  it('offers only the policy types not listed yet', () => {
    expect(complete(policy('podSelector: {}\npolicyTypes:\n  - Ingress\n  - |')).labels()).toEqual(['Egress']);
    expect(complete(policy('podSelector: {}\npolicyTypes: [Egress, |]')).labels()).toEqual(['Ingress']);
    expect(complete(policy('podSelector: {}\npolicyTypes:\n  |')).accept('Ingress')).toContain('policyTypes:\n    - Ingress');
  });

  it('offers the operators of a match expression', () => {
    const c = complete(policy('podSelector:\n  matchExpressions:\n    - key: app\n      operator: |'));
    expect(c.labels()).toEqual(['In', 'NotIn', 'Exists', 'DoesNotExist']);
  });

  it('offers common ports with their names', () => {
    const c = complete(policy('egress:\n  - ports:\n      - port: |'));
    expect(c.labels().slice(0, 3)).toEqual(['53', '80', '443']);
    expect(c.item('443').detail).toBe('HTTPS');
  });
});

describe('value completions while typing', () => {
  it('separates a value from its colon', () => {
    expect(complete(policy('ingress:\n  - ports:\n      - protocol:|')).accept('UDP')).toContain('- protocol: UDP');
  });
});

describe('selector values', () => {
  it('offers {} for a selector, saying what an empty one selects', () => {
    const c = complete(policy('podSelector: |'));
    expect(c.labels()).toEqual(['{}']);
    expect(JSON.stringify(c.item('{}').documentation)).toContain('every pod of its namespace');
    const peer = complete(policy('podSelector: {}\ningress:\n  - from:\n      - namespaceSelector: |'));
    expect(JSON.stringify(peer.item('{}').documentation)).toContain('Every namespace');
  });
});
