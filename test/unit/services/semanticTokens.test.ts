import { describe, expect, it } from 'vitest';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from '../../../server/src/services/semanticTokens';
import { parseFile } from '../../../server/src/yaml/file';
import { policy, settingsFor, yaml } from '../helpers';
import { decodeSemanticTokens } from './decodeSemanticTokens';

function tokensOf(text: string, options: Parameters<typeof settingsFor>[0] = {}): string[] {
  return decodeSemanticTokens(text, semanticTokens(parseFile(text), settingsFor(options)).data, SEMANTIC_TOKENS_LEGEND);
}

describe('semantic tokens', () => {
  it('marks kind, namespaces, labels, operators, policy types, protocols, ports and CIDRs in block style', () => {
    const text = policy(
      `
      podSelector:
        matchLabels:
          app: web
      policyTypes: [Ingress, Egress]
      ingress:
        - from:
            - namespaceSelector:
                matchLabels:
                  kubernetes.io/metadata.name: shop
              podSelector:
                matchExpressions:
                  - key: tier
                    operator: In
                    values: [api, "edge"]
          ports:
            - protocol: TCP
              port: 8080
              endPort: 8090
            - port: http
      egress:
        - to:
            - ipBlock:
                cidr: 10.0.0.0/8
                except:
                  - 10.1.0.0/16
            - namespaceSelector:
                matchExpressions:
                  - key: kubernetes.io/metadata.name
                    operator: NotIn
                    values: [kube-system]
      `,
      'name: web\nnamespace: shop',
    );
    expect(tokensOf(text)).toEqual([
      'NetworkPolicy type',
      'shop namespace',
      'app property',
      'web string',
      'Ingress enumMember',
      'Egress enumMember',
      'kubernetes.io/metadata.name property',
      'shop namespace',
      'tier property',
      'In enumMember',
      'api string',
      '"edge" string',
      'TCP enumMember',
      '8080 number',
      '8090 number',
      'http variable',
      '10.0.0.0/8 string+cidr',
      '10.1.0.0/16 string+cidr',
      'kubernetes.io/metadata.name property',
      'NotIn enumMember',
      'kube-system namespace',
    ]);
  });

  it('marks flow-style policies, with kind after spec', () => {
    const text = yaml`
      {spec: {podSelector: {matchLabels: {app: db}}, ingress: [{ports: [{port: 5432, protocol: TCP}]}]}, apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: db}}
    `;
    expect(tokensOf(text)).toEqual(['app property', 'db string', '5432 number', 'TCP enumMember', 'NetworkPolicy type']);
  });

  it('marks only the NetworkPolicy documents of a multi-document file, with the right lines', () => {
    const configMap = yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: app
        namespace: shop
      data:
        protocol: TCP
    `;
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x, labels: {app: a}}\n';
    const text = [
      configMap,
      policy('podSelector: {matchLabels: {app: a}}'),
      deployment,
      policy('podSelector: {matchLabels: {app: b}}'),
    ].join('---\n');
    expect(tokensOf(text)).toEqual(['NetworkPolicy type', 'app property', 'a string', 'NetworkPolicy type', 'app property', 'b string']);
  });

  it('marks the policies of List and NetworkPolicyList items only', () => {
    const text = yaml`
      apiVersion: v1
      kind: List
      items:
        - apiVersion: v1
          kind: Service
          metadata: {name: s, namespace: shop}
        - apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: p, namespace: shop}
          spec: {podSelector: {}, policyTypes: [Egress]}
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicyList
      items:
        - metadata: {name: q}
          spec: {podSelector: {matchLabels: {role: q}}}
    `;
    expect(tokensOf(text)).toEqual(['NetworkPolicy type', 'shop namespace', 'Egress enumMember', 'role property', 'q string']);
  });

  it('gives no tokens to other documents, to multi-line scalars or to files over the size limit', () => {
    expect(
      tokensOf(yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p, labels: {app: web}}
    `),
    ).toEqual([]);
    const folded = policy('podSelector:\n  matchLabels:\n    app: >-\n      web\n');
    expect(tokensOf(folded)).toEqual(['NetworkPolicy type', 'app property']);
    expect(tokensOf(policy('podSelector: {matchLabels: {app: web}}'), { maxFileSize: 10 })).toEqual([]);
  });

  it('marks an anchored value once when an alias repeats it', () => {
    const text = policy(`
      podSelector:
        matchLabels: &labels
          app: web
      ingress:
        - from:
            - podSelector:
                matchLabels: *labels
    `);
    expect(tokensOf(text)).toEqual(['NetworkPolicy type', 'app property', 'web string']);
  });

  it('never throws on broken or wrongly typed YAML', () => {
    const broken = [
      'kind: NetworkPolicy\nspec:\n  podSelector: {matchLabels: {app: ',
      policy(
        'podSelector: [1, 2]\npolicyTypes: Ingress\ningress: {from: 3}\negress: [null, [1], {to: [null, {ipBlock: 7}], ports: [{port: {}}]}]',
      ),
      policy('podSelector:\n  matchExpressions: [{key: [a], operator: {}, values: [{}, null, 1]}]\n  matchLabels: [a]'),
      'kind: NetworkPolicy\n\t- : :\n"unterminated',
      '',
      '---\n---\n',
    ];
    for (const text of broken) expect(() => tokensOf(text)).not.toThrow();
    expect(tokensOf(broken[1]!)).toEqual(['NetworkPolicy type']);
  });
});

describe('semantic tokens in cluster-wide policies', () => {
  it('marks the kind, tier, priority, actions, selectors, networks and ports of a ClusterNetworkPolicy', () => {
    const text = yaml`
      apiVersion: policy.networking.k8s.io/v1alpha2
      kind: ClusterNetworkPolicy
      metadata:
        name: defaults
      spec:
        tier: Admin
        priority: 10
        subject:
          namespaces:
            matchLabels:
              kubernetes.io/metadata.name: shop
        ingress:
          - action: Accept
            from:
              - pods:
                  namespaceSelector: {}
                  podSelector:
                    matchLabels:
                      app: prometheus
            protocols:
              - tcp:
                  destinationPort:
                    number: 9090
              - udp:
                  destinationPort:
                    range: {start: 5000, end: 5100}
              - destinationNamedPort: metrics
        egress:
          - action: Deny
            to:
              - networks: [10.0.0.0/8]
    `;
    expect(tokensOf(text)).toEqual([
      'ClusterNetworkPolicy type',
      'Admin enumMember',
      '10 number',
      'kubernetes.io/metadata.name property',
      'shop namespace',
      'Accept enumMember',
      'app property',
      'prometheus string',
      '9090 number',
      '5000 number',
      '5100 number',
      'metrics variable',
      'Deny enumMember',
      '10.0.0.0/8 string+cidr',
    ]);
  });

  it('marks the v1alpha1 ports of an AdminNetworkPolicy', () => {
    const text = yaml`
      apiVersion: policy.networking.k8s.io/v1alpha1
      kind: AdminNetworkPolicy
      metadata: {name: dns}
      spec:
        priority: 1
        subject: {namespaces: {}}
        egress:
          - action: Allow
            to: [{namespaces: {}}]
            ports:
              - portNumber: {protocol: UDP, port: 53}
              - portRange: {start: 1000, end: 2000}
              - namedPort: dns
    `;
    expect(tokensOf(text)).toEqual([
      'AdminNetworkPolicy type',
      '1 number',
      'Allow enumMember',
      'UDP enumMember',
      '53 number',
      '1000 number',
      '2000 number',
      'dns variable',
    ]);
  });
});
