import { describe, expect, it } from 'vitest';
import { documentSymbols } from '../../../../server/src/services/symbols';
import { parseFile } from '../../../../server/src/yaml/file';
import { settingsFor, yaml } from '../../helpers';

describe('the outline of cluster-wide policies', () => {
  it('lists each policy with its kind, tier and priority, its subject and its rules', () => {
    const text = yaml`
      apiVersion: policy.networking.k8s.io/v1alpha2
      kind: ClusterNetworkPolicy
      metadata:
        name: defaults
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
                  matchLabels: {kubernetes.io/metadata.name: monitoring}
        egress:
          - action: Deny
            to:
              - networks: [10.0.0.0/8]
            protocols:
              - tcp: {destinationPort: {number: 443}}
      ---
      apiVersion: policy.networking.k8s.io/v1alpha1
      kind: BaselineAdminNetworkPolicy
      metadata:
        name: default
      spec:
        subject:
          pods:
            namespaceSelector: {}
            podSelector: {matchLabels: {app: web}}
    `;
    const symbols = documentSymbols(parseFile(text), settingsFor());
    expect(symbols.map((s) => `${s.name} | ${s.detail}`)).toEqual([
      'defaults | ClusterNetworkPolicy · Admin 10',
      'default | BaselineAdminNetworkPolicy · Baseline',
    ]);
    expect(symbols[0]!.children!.map((s) => `${s.name} | ${s.detail}`)).toEqual([
      'subject | all pods of all namespaces',
      'ingress[0] allow-monitoring | Accept from all pods of namespaces with kubernetes.io/metadata.name=monitoring on all ports',
      'egress[0] | Deny to 10.0.0.0/8 on TCP 443',
    ]);
    expect(symbols[1]!.children!.map((s) => s.detail)).toEqual(['pods with app=web of all namespaces']);
  });
});

describe('half-typed cluster-wide policies', () => {
  it('outline selectors that cannot be read yet as such, without failing', () => {
    const text = yaml`
      apiVersion: policy.networking.k8s.io/v1alpha2
      kind: ClusterNetworkPolicy
      metadata:
        name: typing
      spec:
        subject:
          namespaces:
            matchLabels:
        ingress:
          - action: Deny
            from:
              - pods:
                  namespaceSelector: {matchLabels: {team: 7}}
                  podSelector: {matchExpressions: [{key: app}]}
    `;
    const symbols = documentSymbols(parseFile(text), settingsFor());
    expect(symbols[0]!.children!.map((s) => s.detail)).toEqual([
      'all pods of namespaces with an unreadable selector',
      'Deny from pods with an unreadable selector of namespaces with an unreadable selector on all ports',
    ]);
  });
});
