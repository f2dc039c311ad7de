import type { ClusterPolicy } from '../../model/clusterPolicy/policy';
import type { Finding } from '../finding';
import type { RuleMeta } from '../rule';

/**
 * Lints of one cluster-wide policy on its own: valid for the API server, but not what it can
 * mean. The lints about traffic ask the connectivity model (they consult the workspace).
 */

export const CLUSTER_POLICY_LINT_RULES = [
  {
    id: 'cluster-domain-names-action',
    title: 'domainNames only work in Accept rules',
    category: 'lint',
    severity: 'warning',
    description:
      'A rule with a domainNames peer whose action is not Accept (Allow in v1alpha1): the API supports domain names only for Accept rules; deny the rest with a lower-precedence rule.',
  },
] as const satisfies readonly RuleMeta[];

export type ClusterPolicyLintId = (typeof CLUSTER_POLICY_LINT_RULES)[number]['id'];

/** The findings of the cluster policy lints (paths relative to the policy). */
export function lintClusterPolicy(policy: ClusterPolicy, disabled: ReadonlySet<string> | undefined): Finding[] {
  if (disabled?.has('cluster-domain-names-action')) return [];
  return policy.egress.flatMap((rule): Finding[] => {
    if (rule.action === 'Accept' || !rule.peers.some((peer) => peer.kind === 'domainNames')) return [];
    const accept = policy.kind === 'ClusterNetworkPolicy' ? 'Accept' : 'Allow';
    return [
      {
        ruleId: 'cluster-domain-names-action',
        path: ['spec', 'egress', rule.index, 'action'],
        message: `domainNames peers are supported only in ${accept} rules (network-policy-api: "DomainNames is only supported for ${accept === 'Accept' ? 'Accept' : 'ALLOW'} rules"); this ${rule.writtenAction} rule may be refused or ignored by the implementation. To restrict egress to some domains, ${accept} them and Deny the rest with a rule of lower precedence (networks 0.0.0.0/0 and ::/0)`,
      },
    ];
  });
}
