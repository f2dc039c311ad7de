import { describe, expect, it } from 'vitest';
import { yaml } from '../../helpers';
import { complete, workspaceOf } from '../completion/complete';

const cnp = (spec: string) =>
  `apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata:\n  name: test\nspec:\n${spec.replace(/^/gm, '  ')}\n`;
const anp = (kind: string, spec: string) =>
  `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: default\nspec:\n${spec.replace(/^/gm, '  ')}\n`;

const workspace = workspaceOf({
  'apps.yaml': yaml`
    apiVersion: v1
    kind: Namespace
    metadata: {name: shop, labels: {tenant: blue}}
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web, namespace: shop}
    spec:
      template:
        metadata:
          labels: {app: web}
        spec:
          containers:
            - name: web
              ports: [{name: http, containerPort: 8080}, {name: dns-udp, containerPort: 5353, protocol: UDP}]
  `,
});

describe('completions in a ClusterNetworkPolicy', () => {
  it('offers the keys of its spec, not those of a NetworkPolicy', () => {
    const labels = complete(cnp('|'), workspace).labels();
    expect(labels).toEqual(expect.arrayContaining(['tier', 'priority', 'subject', 'ingress', 'egress']));
    expect(labels).not.toContain('podSelector');
    expect(labels).not.toContain('policyTypes');
  });

  it('offers the tiers, and the actions of its version', () => {
    expect(complete(cnp('tier: |'), workspace).labels()).toEqual(['Admin', 'Baseline']);
    expect(complete(cnp('ingress:\n  - action: |'), workspace).labels()).toEqual(['Accept', 'Deny', 'Pass']);
    expect(complete(anp('AdminNetworkPolicy', 'ingress:\n  - action: |'), workspace).labels()).toEqual(['Allow', 'Deny', 'Pass']);
    expect(complete(anp('BaselineAdminNetworkPolicy', 'ingress:\n  - action: |'), workspace).labels()).toEqual(['Allow', 'Deny']);
  });

  it('offers the protocols of a protocols item, and a v1alpha1 port protocol', () => {
    const labels = complete(cnp('egress:\n  - action: Accept\n    protocols:\n      - |'), workspace).labels();
    expect(labels).toEqual(expect.arrayContaining(['tcp', 'udp', 'sctp', 'destinationNamedPort']));
    expect(complete(anp('AdminNetworkPolicy', 'egress:\n  - ports:\n      - portNumber: {protocol: |}'), workspace).labels()).toEqual([
      'TCP',
      'UDP',
      'SCTP',
    ]);
  });

  it('offers the namespace labels of the workspace in the subject, the pod labels in a podSelector', () => {
    const namespaces = complete(cnp('subject:\n  namespaces:\n    matchLabels:\n      |'), workspace).labels();
    expect(namespaces).toEqual(expect.arrayContaining(['kubernetes.io/metadata.name', 'tenant']));
    expect(namespaces).not.toContain('app');
    expect(complete(cnp('subject:\n  namespaces:\n    matchLabels:\n      tenant: |'), workspace).labels()).toEqual(['blue']);
    const pods = complete(cnp('subject:\n  pods:\n    namespaceSelector: {}\n    podSelector:\n      matchLabels:\n        |'), workspace);
    expect(pods.labels()).toEqual(['app']);
  });

  it('offers the named container ports of the subject for an ingress rule', () => {
    const text = cnp(
      'subject:\n  namespaces: {}\ningress:\n  - action: Accept\n    from: [{namespaces: {}}]\n    protocols:\n      - destinationNamedPort: |',
    );
    expect(complete(text, workspace).labels()).toEqual(['http', 'dns-udp']);
  });

  it('offers rule and peer snippets in v1alpha2 words', () => {
    const rule = complete(cnp('egress:\n  - |'), workspace);
    expect(rule.labels()).toContain('egress rule: DNS');
    expect(rule.accept('egress rule: DNS')).toContain('action: Accept');
    const peer = complete(cnp('egress:\n  - action: Deny\n    to:\n      - |'), workspace);
    expect(peer.labels()).toEqual(expect.arrayContaining(['peer: all pods of a namespace', 'peer: networks']));
    const ingressPeer = complete(cnp('ingress:\n  - action: Deny\n    from:\n      - |'), workspace);
    expect(ingressPeer.labels()).not.toContain('peer: networks');
  });

  it('offers the cluster-wide kinds of a policy.networking.k8s.io apiVersion', () => {
    expect(complete('apiVersion: policy.networking.k8s.io/v1alpha1\nkind: |').labels()).toEqual([
      'AdminNetworkPolicy',
      'BaselineAdminNetworkPolicy',
    ]);
  });
});
