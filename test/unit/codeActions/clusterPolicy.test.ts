import { describe, expect, it } from 'vitest';
import { apiFixActions } from '../../../server/src/services/codeActions/apiFixes';
import { migrateClusterPolicyActions } from '../../../server/src/services/codeActions/migrateClusterPolicy';
import { yaml } from '../helpers';
import { actionsFor, applyTitled, codesAfter, titles } from './insertHelpers';

const cnp = (spec: string) =>
  `apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata:\n  name: defaults\nspec:\n${spec}`;
const SPEC =
  '  tier: Admin\n  priority: 10\n  subject:\n    namespaces: {}\n  egress:\n    - action: Deny # the rest\n      to:\n        - networks: [10.0.0.0/8]\n';

describe('quick fixes of cluster-wide policy values', () => {
  it('tier and action in the wrong case, comments kept', () => {
    const before = cnp(SPEC.replace('tier: Admin', 'tier: admin').replace('action: Deny', "action: 'deny'"));
    const once = applyTitled(apiFixActions, before, 'Change tier to "Admin"');
    const twice = applyTitled(apiFixActions, once, 'Change action to "Deny"');
    expect(twice).toBe(cnp(SPEC.replace('action: Deny', "action: 'Deny'")));
    expect(codesAfter(twice)).toEqual([]);
  });

  it('a v1alpha1 action in a v1alpha2 policy, and back', () => {
    const before = cnp(SPEC.replace('action: Deny', 'action: Allow'));
    expect(actionsFor(apiFixActions, before).find((a) => a.title === 'Change action to "Accept"')?.isPreferred).toBe(true);
    expect(applyTitled(apiFixActions, before, 'Change action to "Accept"')).toBe(cnp(SPEC.replace('action: Deny', 'action: Accept')));
  });

  it('a BaselineAdminNetworkPolicy named otherwise, and a kind in the wrong case', () => {
    const banp = yaml`
      apiVersion: policy.networking.k8s.io/v1alpha1
      kind: BaselineAdminNetworkPolicy
      metadata:
        name: baseline
      spec:
        subject:
          namespaces: {}
        ingress:
          - action: Deny
            from:
              - namespaces: {}
    `;
    const named = applyTitled(apiFixActions, banp, 'Change name to "default"');
    expect(named).toBe(banp.replace('name: baseline', 'name: default'));
    expect(codesAfter(named)).toEqual([]);
    const cased = cnp(SPEC).replace('kind: ClusterNetworkPolicy', 'kind: clusterNetworkPolicy');
    expect(applyTitled(apiFixActions, cased, 'Change kind to "ClusterNetworkPolicy"')).toBe(cnp(SPEC));
  });
});

const ANP = yaml`
  apiVersion: policy.networking.k8s.io/v1alpha1
  kind: AdminNetworkPolicy
  metadata:
    name: cluster-defaults # owned by the platform team
  spec:
    priority: 10<|>
    subject:
      namespaces: {}
    ingress:
      - name: allow-monitoring
        action: Allow
        from:
          - namespaces:
              matchLabels:
                kubernetes.io/metadata.name: monitoring
        ports:
          - portNumber:
              protocol: TCP
              port: 9090
          - namedPort: metrics # scraped
          - portRange: {start: 8000, end: 8080}
          - portRange: {protocol: UDP, start: 53, end: 53}
    egress:
      - action: Pass
        to:
          - pods:
              namespaceSelector: {}
              podSelector: {matchLabels: {app: db}}
`;

describe('Migrate to ClusterNetworkPolicy (v1alpha2)', () => {
  it('rewrites an AdminNetworkPolicy: kind, tier, Allow → Accept, ports → protocols; the rest as written', () => {
    const after = applyTitled(migrateClusterPolicyActions, ANP, 'Migrate to ClusterNetworkPolicy');
    expect(after).toBe(yaml`
      apiVersion: policy.networking.k8s.io/v1alpha2
      kind: ClusterNetworkPolicy
      metadata:
        name: cluster-defaults # owned by the platform team
      spec:
        tier: Admin
        priority: 10
        subject:
          namespaces: {}
        ingress:
          - name: allow-monitoring
            action: Accept
            from:
              - namespaces:
                  matchLabels:
                    kubernetes.io/metadata.name: monitoring
            protocols:
              - tcp:
                  destinationPort:
                    number: 9090
              - destinationNamedPort: metrics
              - tcp:
                  destinationPort:
                    range:
                      start: 8000
                      end: 8080
              - udp:
                  destinationPort:
                    number: 53
        egress:
          - action: Pass
            to:
              - pods:
                  namespaceSelector: {}
                  podSelector: {matchLabels: {app: db}}
    `);
    expect(codesAfter(after)).toEqual([]);
  });

  it('rewrites a BaselineAdminNetworkPolicy into the Baseline tier, with the lowest precedence', () => {
    const banp = yaml`
      apiVersion: policy.networking.k8s.io/v1alpha1
      kind: BaselineAdminNetworkPolicy
      metadata:
        name: default
      spec:
        subject:<|>
          namespaces: {}
        ingress:
          - action: Deny
            from:
              - namespaces: {}
    `;
    const after = applyTitled(migrateClusterPolicyActions, banp, 'Migrate to ClusterNetworkPolicy');
    expect(after).toBe(
      banp
        .replace('<|>', '')
        .replace('v1alpha1', 'v1alpha2')
        .replace('kind: BaselineAdminNetworkPolicy', 'kind: ClusterNetworkPolicy')
        .replace('spec:\n', 'spec:\n  tier: Baseline\n  priority: 1000\n'),
    );
    expect(codesAfter(after)).toEqual([]);
  });

  it('is the quick fix of an AdminNetworkPolicy written with the v1alpha2 apiVersion', () => {
    const written = ANP.replace('v1alpha1', 'v1alpha2');
    const found = actionsFor(migrateClusterPolicyActions, written);
    expect(found.map((a) => [a.title, a.kind, a.diagnostics?.map((d) => d.code)])).toEqual([
      ['Migrate to ClusterNetworkPolicy (v1alpha2)', 'quickfix', ['cluster-policy-version']],
    ]);
  });

  it('is not offered when a port cannot be written in v1alpha2, nor on a ClusterNetworkPolicy', () => {
    expect(titles(migrateClusterPolicyActions, ANP.replace('start: 8000, end: 8080', 'start: 8080, end: 8000'))).toEqual([]);
    expect(titles(migrateClusterPolicyActions, ANP.replace('protocol: TCP', 'protocol: ICMP'))).toEqual([]);
    expect(titles(migrateClusterPolicyActions, `${cnp(SPEC)}<|>`)).toEqual([]);
  });
});
