import { describe, expect, it } from 'vitest';
import { codes, diagnose, offsetOf, reported, yaml } from '../helpers';

describe('kind: List', () => {
  const list = yaml`
    apiVersion: v1
    kind: List
    items:
      - apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: ok }
        spec: { podSelector: {} }
      - apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: Bad }
        spec:
          policyTypes: [ingress]
          ingress:
            - ports: [{ port: 0 }]
      - apiVersion: v1
        kind: Service
        metadata: { name: Not_Checked }
        spec: { ports: [{ port: 0 }], bogus: true }
      - apiVersion: projectcalico.org/v3
        kind: NetworkPolicy
        metadata: { name: Calico_Is_Not_Checked }
        spec: { selector: all(), types: [Ingress] }
      - apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: third }
        spec: { podSelector: {}, extra: 1 }
  `;

  it('validates NetworkPolicy items with items[i]. paths', () => {
    expect(diagnose(list).map((d) => `${d.code} ${d.path} => ${d.text}`)).toEqual([
      'metadata-name items[1].metadata.name => Bad',
      'policy-types-value items[1].spec.policyTypes[0] => ingress',
      'port-number items[1].spec.ingress[0].ports[0].port => 0',
      'unknown-field items[4].spec.extra => extra',
    ]);
  });

  it('points into the right item', () => {
    const found = diagnose(list);
    expect(found[2]?.start).toBe(offsetOf(list, '0 }]'));
    expect(found.every((d) => d.document === 0)).toBe(true);
  });

  it('requires apiVersion and kind of List items (items without kind are not NetworkPolicies)', () => {
    const text = yaml`
      apiVersion: v1
      kind: List
      items:
        - metadata: { name: Untyped }
          spec: { podSelector: {} }
        - kind: NetworkPolicy
          metadata: { name: no-api-version }
    `;
    expect(diagnose(text).map((d) => `${d.code} ${d.path}`)).toEqual(['api-version items[1].apiVersion']);
  });

  it('accepts an empty list and ignores items that are not objects', () => {
    expect(codes('apiVersion: v1\nkind: List\nitems: []\n')).toEqual([]);
    expect(codes('apiVersion: v1\nkind: List\nitems: [1, "x", null, [a]]\n')).toEqual([]);
    expect(codes('apiVersion: v1\nkind: List\nitems: {}\n')).toEqual([]);
  });
});

describe('kind: NetworkPolicyList', () => {
  it('validates items, which may omit apiVersion and kind', () => {
    const text = yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicyList
      metadata: { resourceVersion: "1" }
      items:
        - metadata: { name: implied }
          spec: { podSelector: {} }
        - metadata: { name: Implied_Bad }
          spec: { podSelector: { matchLabels: { app: "a b" } } }
        - apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: { name: explicit }
          spec: { ingress: [{ from: [{}] }] }
    `;
    expect(diagnose(text).map((d) => `${d.code} ${d.path} => ${d.text}`)).toEqual([
      'metadata-name items[1].metadata.name => Implied_Bad',
      'label-value items[1].spec.podSelector.matchLabels => "a b"',
      'peer-empty items[2].spec.ingress[0].from[0] => {}',
    ]);
  });

  it('still checks an apiVersion that an item does give', () => {
    const text = yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicyList
      items:
        - apiVersion: extensions/v1beta1
          metadata: { name: old }
    `;
    expect(reported(text, 'api-version')).toEqual(['items[0].apiVersion => extensions/v1beta1']);
  });

  it('does not validate items of another kind', () => {
    const text = yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicyList
      items:
        - apiVersion: v1
          kind: ConfigMap
          metadata: { name: Not_Checked }
    `;
    expect(codes(text)).toEqual([]);
  });
});

describe('documents that are not NetworkPolicies', () => {
  it.each([
    yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: Web_App }
      spec:
        replicas: "3"
        template: { metadata: { labels: { version: 1.0, enabled: yes } } }
    `,
    yaml`
      apiVersion: v1
      kind: Service
      metadata: { name: web }
      spec: { ports: [{ port: 0, targetPort: http_s, protocol: tcp }] }
    `,
    yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata: { name: cfg }
      data:
        policy.yaml: |
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: { name: Bad }
        enabled: yes
        ratio: 1.0
        spec: { podSelector: [] }
    `,
    yaml`
      apiVersion: projectcalico.org/v3
      kind: NetworkPolicy
      metadata: { name: Calico }
      spec: { selector: "app == 'web'", ingress: [{ action: Allow, protocol: TCP }] }
    `,
    'just a string\n',
    '- a\n- b\n',
    '42\n',
    '',
    '# only a comment\n',
    '---\n---\n',
    'kind: NetworkPolicyX\nspec: { podSelector: [] }\n',
  ])('produces no diagnostics: %#', (text) => {
    expect(diagnose(text)).toEqual([]);
  });

  it('validates only the NetworkPolicies of a multi-document file', () => {
    const text = yaml`
      apiVersion: v1
      kind: Namespace
      metadata: { name: Prod }
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: Deny_All, namespace: prod }
      spec: { podSelector: {}, policyTypes: [Ingress, Egress] }
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: Web }
    `;
    expect(diagnose(text).map((d) => `${d.document} ${d.code} => ${d.text}`)).toEqual(['1 metadata-name => Deny_All']);
  });
});
