import type { PolicyLint } from '../lint';
import { withHint } from '../messages';
import { egressIsolationTarget } from './egressTarget';
import { dnsAllowance } from './workspaceScope';

export const DNS_HINT =
  'Allow DNS with an egress rule to kube-dns in kube-system (namespaceSelector kubernetes.io/metadata.name: kube-system, podSelector k8s-app: kube-dns) on UDP and TCP port 53';

/** Egress isolation without a rule that lets DNS (UDP port 53) through. */
export const dnsEgressBlocked: PolicyLint<'dns-egress-blocked'> = {
  meta: {
    id: 'dns-egress-blocked',
    title: 'Egress isolated without DNS',
    category: 'lint',
    severity: 'warning',
    description:
      'The policy isolates its pods for egress, and neither it nor another policy selecting those pods allows UDP port 53, so their DNS lookups fail.',
  },
  scope: 'workspace',
  check({ policy, semantic, workspace, report }) {
    if (!semantic.types.egress || dnsAllowance(semantic, workspace, 'UDP')) return;
    report({
      ...egressIsolationTarget(policy),
      message: withHint(
        `The pods this policy selects may only send traffic that an egress rule allows, and no egress rule of this policy or of another policy in namespace ${JSON.stringify(semantic.namespace)} that selects them allows UDP port 53: their DNS lookups will fail`,
        DNS_HINT,
      ),
    });
  },
};
