import { dnsDescription } from '../../model/connectivity/dnsEndpoints';
import type { PolicyLint } from '../lint';
import { withHint } from '../messages';
import { dnsHint, dnsVerdict, verdictSubject } from './dnsTraffic';
import { egressIsolationTarget } from './egressTarget';

/** A workload the policy isolates for egress that cannot reach the cluster DNS over UDP port 53. */
export const dnsEgressBlocked: PolicyLint<'dns-egress-blocked'> = {
  meta: {
    id: 'dns-egress-blocked',
    title: 'Egress isolated without DNS',
    category: 'lint',
    severity: 'warning',
    description:
      'The policy isolates its pods for egress, and with every policy of the workspace some of them cannot reach the cluster DNS on UDP port 53, so their DNS lookups fail.',
  },
  scope: 'workspace',
  readableRest: true,
  check({ policy, dns, traffic, report }) {
    const verdict = dnsVerdict(traffic(), 'UDP');
    if (!verdict) return;
    report({
      ...egressIsolationTarget(policy),
      message: withHint(
        `${verdictSubject(verdict)} cannot resolve names: this policy isolates them for egress, and with the policies of the workspace they cannot reach ${dnsDescription(dns)} on UDP port 53`,
        dnsHint(dns),
      ),
    });
  },
};
