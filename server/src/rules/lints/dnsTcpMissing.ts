import type { PolicyLint } from '../lint';
import { withHint } from '../messages';
import { egressIsolationTarget } from './egressTarget';
import { dnsAllowance } from './workspaceScope';

/** DNS allowed over UDP port 53 only. */
export const dnsTcpMissing: PolicyLint<'dns-tcp-missing'> = {
  meta: {
    id: 'dns-tcp-missing',
    title: 'DNS allowed over UDP only',
    category: 'lint',
    severity: 'warning',
    description:
      'The pods of the policy are isolated for egress and may send DNS over UDP port 53 but not over TCP port 53, which large answers and some resolvers need.',
  },
  scope: 'workspace',
  check({ policy, semantic, workspace, report }) {
    if (!semantic.types.egress) return;
    const udp = dnsAllowance(semantic, workspace, 'UDP');
    if (!udp || dnsAllowance(semantic, workspace, 'TCP')) return;
    // A rule without ports would let TCP through too: the UDP allowance of this policy is a port entry.
    const own = udp.own && typeof udp.own.port === 'number' ? { rule: udp.own.rule, port: udp.own.port } : undefined;
    const by = udp.other ? ` (by policy ${JSON.stringify(udp.other.name)} at ${udp.other.where})` : '';
    const message = withHint(
      `The pods this policy selects may send DNS over UDP port 53${by} but not over TCP port 53: lookups whose answers are too large for UDP, and resolvers that use TCP, will fail`,
      'Allow TCP port 53 to the same destination as UDP port 53',
    );
    if (own) {
      const entry = ['spec', 'egress', own.rule.index, 'ports', own.port];
      report({ path: entry, location: [...entry, 'protocol'], message });
    } else {
      report({ ...egressIsolationTarget(policy), message });
    }
  },
};
