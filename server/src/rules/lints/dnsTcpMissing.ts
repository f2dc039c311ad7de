import { dnsDescription } from '../../model/connectivity/dnsEndpoints';
import { isValid, type NetworkPolicy } from '../../model/networkPolicy';
import type { FieldPath } from '../../model/path';
import type { PolicyLint } from '../lint';
import { withHint } from '../messages';
import { dnsVerdict, verdictSubject } from './dnsTraffic';
import { egressIsolationTarget } from './egressTarget';

/** The UDP port entry of an egress rule, written in the policy (the entry the TCP one should join). */
function udpEntry(policy: NetworkPolicy, rule: number): FieldPath | undefined {
  const spec = isValid(policy.spec) ? policy.spec : undefined;
  const egress = spec && isValid(spec.egress) ? spec.egress[rule] : undefined;
  const ports = egress && isValid(egress) && isValid(egress.ports) ? egress.ports : [];
  const index = ports.findIndex((port) => {
    if (!isValid(port) || port.protocol !== 'UDP') return false;
    if (port.port === undefined || typeof port.port === 'string') return true;
    return isValid(port.port) && port.port <= 53 && 53 <= (isValid(port.endPort) && port.endPort !== undefined ? port.endPort : port.port);
  });
  return index < 0 ? undefined : ['spec', 'egress', rule, 'ports', index];
}

/** A workload the policy selects that reaches the cluster DNS over UDP port 53 but not over TCP port 53. */
export const dnsTcpMissing: PolicyLint<'dns-tcp-missing'> = {
  meta: {
    id: 'dns-tcp-missing',
    title: 'DNS allowed over UDP only',
    category: 'lint',
    severity: 'warning',
    description:
      'With every policy of the workspace, some pods the policy selects reach the cluster DNS on UDP port 53 but not on TCP port 53, which large answers and some resolvers need.',
  },
  scope: 'workspace',
  readableRest: true,
  check({ policy, dns, traffic, report }) {
    const verdict = dnsVerdict(traffic(), 'TCP', 'UDP');
    if (!verdict) return;
    const message = withHint(
      `${verdictSubject(verdict)} can reach ${dnsDescription(dns)} on UDP port 53 but not on TCP port 53: lookups whose answers are too large for UDP, and resolvers that use TCP, will fail`,
      'Allow TCP port 53 to the same destination as UDP port 53',
    );
    // Point at this policy's own UDP entry to DNS when it has one (the quick fix adds TCP next to it).
    const own = traffic().ownDnsRules('UDP')[0];
    const entry = own && own.ports !== 'all' ? udpEntry(policy, own.index) : undefined;
    if (entry) report({ path: entry, location: [...entry, 'protocol'], message });
    else report({ ...egressIsolationTarget(policy), message });
  },
};
