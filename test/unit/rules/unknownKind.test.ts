import { describe, expect, it } from 'vitest';
import { codes, diagnose, reported, yaml } from '../helpers';

const doc = (kind: string, apiVersion = 'networking.k8s.io/v1') =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: test\n  namespace: shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n`;

describe('unknown-kind', () => {
  it("says it in kubectl's words, with the kind meant", () => {
    const [d] = diagnose(doc('NetworkPolcy'));
    expect(d?.code).toBe('unknown-kind');
    expect(d?.path).toBe('kind');
    expect(d?.text).toBe('NetworkPolcy');
    expect(d?.severity).toBe(1);
    expect(d?.message).toBe('no matches for kind "NetworkPolcy" in version "networking.k8s.io/v1". Did you mean NetworkPolicy?');
  });

  it.each([
    ['NetworkPolicies', 'NetworkPolicy'],
    ['networkpolicy', 'NetworkPolicy'],
    ['netpol', 'NetworkPolicy'],
    ['Ingres', 'Ingress'],
    ['ingresses', 'Ingress'],
    ['NetworkPolicyLst', 'NetworkPolicyList'],
  ])('suggests %s -> %s', (kind, meant) => {
    expect(diagnose(doc(kind)).find((d) => d.code === 'unknown-kind')?.message).toContain(`Did you mean ${meant}?`);
  });

  it('lists the kinds of the group when nothing is close', () => {
    expect(diagnose(doc('Gateway'))[0]?.message).toBe(
      'no matches for kind "Gateway" in version "networking.k8s.io/v1". The kinds of networking.k8s.io are NetworkPolicy, Ingress, IngressClass, IPAddress, ServiceCIDR, ClusterCIDR',
    );
  });

  it('accepts every kind of the group, in any of its versions', () => {
    for (const kind of ['NetworkPolicy', 'Ingress', 'IngressClass', 'IPAddress', 'ServiceCIDR', 'NetworkPolicyList'])
      expect(codes(doc(kind)).filter((code) => code === 'unknown-kind')).toEqual([]);
    expect(codes(doc('ServiceCIDR', 'networking.k8s.io/v1beta1'))).toEqual([]);
  });

  it('is only about networking.k8s.io (other groups have other kinds)', () => {
    const kindErrors = (text: string) => codes(text).filter((code) => code === 'unknown-kind');
    expect(kindErrors(doc('NetworkPolcy', 'projectcalico.org/v3'))).toEqual([]);
    expect(kindErrors(doc('AdminNetworkPolicy', 'policy.networking.k8s.io/v1alpha1'))).toEqual([]);
    expect(kindErrors(doc('Deploymnt', 'apps/v1'))).toEqual([]);
  });

  it('still checks the rest of a document that means a NetworkPolicy', () => {
    const text = doc('NetworkPolcy').replace('policyTypes: [Ingress]', 'policyTypes: [Ingres]');
    expect(codes(text)).toEqual(['unknown-kind', 'policy-types-value']);
  });

  it('reports a document that is not a NetworkPolicy, and items of a List', () => {
    expect(reported(doc('Ingres'), 'unknown-kind')).toEqual(['kind => Ingres']);
    const list = yaml`
      apiVersion: v1
      kind: List
      items:
        - apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: { name: a, namespace: shop }
          spec: { podSelector: {} }
        - apiVersion: networking.k8s.io/v1
          kind: NetworkPolicys
          metadata: { name: b, namespace: shop }
          spec: { podSelector: {} }
    `;
    expect(reported(list, 'unknown-kind')).toEqual(['items[1].kind => NetworkPolicys']);
  });

  it('says nothing about a document kubectl cannot parse', () => {
    expect(codes(`${doc('NetworkPolcy')}  bad: [\n`)).toEqual(['yaml-syntax']);
  });
});
