import { describe, expect, it } from 'vitest';
import { WORKLOADS, workspace } from './harness';

const POLICY = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: Cluster|NetworkPolicy
metadata:
  name: cluster-defaults
spec:
  tier: Admin
  priority: 10
  subject:
    namespaces: {}
  ingress:
    - name: allow-monitoring
      action: Pass
      from:
        - namespaces:
            matchLabels:
              kubernetes.io/metadata.name: monitoring
      protocols:
        - destinationNamedPort: http
  egress:
    - action: Deny
      to:
        - networks: [0.0.0.0/0]
`;

const at = (marker: string) => POLICY.replace('|', '').replace(marker.replace('#', ''), marker.replace('#', '|'));

describe('hovers in a ClusterNetworkPolicy', () => {
  it('explain the whole policy on its kind, with the workloads it selects (not the host-network ones)', () => {
    const { hoverAt } = workspace({ 'cnp.yaml': POLICY, 'apps.yaml': WORKLOADS });
    const text = hoverAt('cnp.yaml')!;
    expect(text).toContain('**ClusterNetworkPolicy `cluster-defaults` (Admin tier, priority 10)**');
    expect(text).toContain('Applies to every pod of every namespace');
    expect(text).toContain('**Passes** ingress from every pod of namespaces with label `kubernetes.io/metadata.name` = `monitoring`');
    expect(text).toContain('**Denies** egress to the addresses in `0.0.0.0/0`');
    expect(text).toContain('**Selects 3 workloads**');
    expect(text).toContain('*Not selected: 1 host-network workload (`agent`).*');
    expect(text).toContain('**kind** · string');
  });

  it('say what a rule does in its tier', () => {
    const { hoverAt } = workspace({ 'cnp.yaml': at('action: #Pass'), 'apps.yaml': WORKLOADS });
    const text = hoverAt('cnp.yaml')!;
    expect(text).toContain('**Rule `allow-monitoring`** (Admin tier): **Passes** ingress');
    expect(text).toContain('The later rules of the Admin tier are skipped');
    expect(text).toContain('`Pass` skips the rest of the tier');
  });

  it('list the workloads a peer selects', () => {
    const { hoverAt } = workspace({ 'cnp.yaml': at('#namespaces:\n            matchLabels'), 'apps.yaml': WORKLOADS });
    const text = hoverAt('cnp.yaml')!;
    expect(text).toContain('**Selects 1 workload**');
    expect(text).toContain('Passes ingress from every pod of namespaces with label `kubernetes.io/metadata.name` = `monitoring`');
    expect(text).toContain('Deployment prometheus `monitoring/prometheus` — apps.yaml:');
  });

  it('resolve a named port on the pods it reaches', () => {
    const { hoverAt } = workspace({ 'cnp.yaml': at('destinationNamedPort: #http'), 'apps.yaml': WORKLOADS });
    expect(hoverAt('cnp.yaml')).toContain('Resolves to `web`: TCP 8080.');
  });

  it('place the policy among the others of its tier, and flag a tie', () => {
    const other = POLICY.replace('|', '').replace('cluster-defaults', 'tenants').replace('priority: 10', 'priority: 10');
    const first = POLICY.replace('|', '').replace('cluster-defaults', 'first').replace('priority: 10', 'priority: 1');
    const { hoverAt } = workspace({ 'cnp.yaml': at('priority: #10'), 'tenants.yaml': other, 'first.yaml': first });
    const text = hoverAt('cnp.yaml')!;
    expect(text).toContain('Evaluated after `first` (1, first.yaml:4).');
    expect(text).toContain('**Same priority** as `tenants` (10, tenants.yaml:4): their order is left to the implementation.');
  });

  it('say when the API server rejects the policy', () => {
    const { hoverAt } = workspace({ 'cnp.yaml': POLICY.replace('tier: Admin', 'tier: admin') });
    expect(hoverAt('cnp.yaml')).toContain('The API server rejects this policy');
  });
});

describe('hovers in v1alpha1 policies', () => {
  it('speak of Allow as an Accept in its tier and document the v1alpha1 fields', () => {
    const anp = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: allow-dns
spec:
  priority: 5
  subject:
    namespaces: {}
  egress:
    - action: Allow
      to:
        - pods:
            namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
            podSelector: {matchLabels: {k8s-app: kube-dns}}
      ports:
        - portNumber: {protocol: UDP, port: |53}
`;
    const { hoverAt } = workspace({ 'anp.yaml': anp });
    const text = hoverAt('anp.yaml')!;
    expect(text).toContain('Port: UDP 53.');
    expect(text).toContain('**spec.egress[].ports[].portNumber.port** · int32 (1–65535)');
  });
});

describe('hovers in a half-typed policy', () => {
  it('read a null selector field as the API server does: pruned', () => {
    const typing = POLICY.replace('|', '')
      .replace('namespaces: {}', 'namespaces:\n      matchLabels:')
      .replace('kind: ClusterNetworkPolicy', 'kind: Cluster|NetworkPolicy');
    const { hoverAt } = workspace({ 'cnp.yaml': typing, 'apps.yaml': WORKLOADS });
    expect(hoverAt('cnp.yaml')).toContain('Applies to every pod of every namespace');
  });
});
