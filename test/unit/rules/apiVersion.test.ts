import { describe, expect, it } from 'vitest';
import { codes, diagnose, reported, yaml } from '../helpers';

const doc = (head: string) => `${head}\nmetadata:\n  name: test\nspec: {}\n`;

describe('api-version', () => {
  it('accepts networking.k8s.io/v1 NetworkPolicy', () => {
    expect(codes(doc('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy'))).toEqual([]);
    expect(codes(doc('kind: NetworkPolicy\napiVersion: "networking.k8s.io/v1"'))).toEqual([]);
  });

  it.each(['extensions/v1beta1', 'networking.k8s.io/v1beta1', 'networking.k8s.io/v2', 'v1', '"networking.k8s.io/v1 "'])(
    'rejects apiVersion %s on the value',
    (apiVersion) => {
      expect(reported(doc(`apiVersion: ${apiVersion}\nkind: NetworkPolicy`), 'api-version')).toEqual([`apiVersion => ${apiVersion}`]);
    },
  );

  it('explains that extensions/v1beta1 is no longer served', () => {
    const [d] = diagnose(doc('apiVersion: extensions/v1beta1\nkind: NetworkPolicy'));
    expect(d?.message).toContain('1.16');
    expect(d?.message).toContain('networking.k8s.io/v1');
  });

  it('requires apiVersion: a missing one points at kind', () => {
    expect(reported(doc('kind: NetworkPolicy'), 'api-version')).toEqual(['apiVersion => kind']);
    expect(diagnose(doc('kind: NetworkPolicy'))[0]?.message).toMatch(/^Required value/);
    expect(reported(doc('apiVersion: ""\nkind: NetworkPolicy'), 'api-version')).toEqual(['apiVersion => ""']);
  });

  it('rejects a kind in the wrong case of the older groups, on the value', () => {
    expect(reported(doc('apiVersion: extensions/v1beta1\nkind: networkpolicy'), 'api-version')).toEqual([
      'apiVersion => extensions/v1beta1',
      'kind => networkpolicy',
    ]);
    expect(reported(doc('apiVersion: v1\nkind: Networkpolicy'), 'api-version')).toContain('kind => Networkpolicy');
  });

  it('leaves a wrong kind of networking.k8s.io to unknown-kind', () => {
    expect(codes(doc('apiVersion: networking.k8s.io/v1\nkind: networkpolicy'))).toEqual(['unknown-kind']);
  });

  it('an apiVersion of the wrong type is invalid-type only', () => {
    expect(codes(doc('apiVersion: 1\nkind: NetworkPolicy'))).toEqual(['invalid-type']);
  });

  it("does not validate other groups' NetworkPolicy kinds (CRDs)", () => {
    const calico = yaml`
      apiVersion: projectcalico.org/v3
      kind: NetworkPolicy
      metadata:
        name: Allow_All
      spec:
        selector: all()
        types: [Ingress]
        ingress:
          - action: Allow
    `;
    expect(codes(calico)).toEqual([]);
    expect(codes(calico.replace('projectcalico.org/v3', 'crd.projectcalico.org/v1'))).toEqual([]);
    expect(codes(calico.replace('projectcalico.org/v3', 'policy.networking.k8s.io/v1alpha1'))).toEqual([]);
    expect(codes(calico.replace('kind: NetworkPolicy', 'kind: GlobalNetworkPolicy'))).toEqual([]);
    expect(
      codes(calico.replace('kind: NetworkPolicy', 'kind: CiliumNetworkPolicy').replace('projectcalico.org/v3', 'cilium.io/v2')),
    ).toEqual([]);
  });
});
