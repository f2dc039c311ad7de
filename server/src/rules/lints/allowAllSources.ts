import type { PolicyLint } from '../lint';
import { withHint } from '../messages';
import { enforcedRules, parseNetwork, portsText } from './policyWording';

const SUPPRESS =
  'if every source is really meant (a public service), suppress this warning with `# netpol-disable-next-line allow-all-sources`';

/** An ingress rule that admits every source, including outside the cluster. */
export const allowAllSources: PolicyLint<'allow-all-sources', { readonly rule: number; readonly peer?: number; readonly cidr?: string }> = {
  meta: {
    id: 'allow-all-sources',
    title: 'Ingress from every source',
    category: 'lint',
    severity: 'warning',
    description:
      'An ingress rule admits every source, including outside the cluster: `- {}`, a rule without (or with an empty) from, or an ipBlock of 0.0.0.0/0 or ::/0.',
  },
  scope: 'policy',
  readableRest: true,
  check({ policy, semantic, report }) {
    for (const source of enforcedRules(policy, semantic, 'ingress')) {
      const { rule } = source;
      // Ports the API server cannot read (a policy with errors): what the rule admits is unknown.
      if (rule.ports !== 'all' && rule.ports.length === 0) continue;
      const ports = portsText(rule.ports);
      if (rule.peers === 'any') {
        const what =
          !source.hasPeerKey && !source.hasPortsKey
            ? 'This rule is empty (`{}`)'
            : source.hasPeerKey
              ? "This rule's `from` is empty"
              : 'This rule has no `from`';
        report({
          path: source.path,
          message: withHint(
            `${what}: it admits traffic from every source, including outside the cluster, ${ports}`,
            `List the allowed sources under \`from\`; ${SUPPRESS}`,
          ),
          data: { rule: rule.index },
        });
        continue;
      }
      rule.peers.forEach((peer, i) => {
        const j = peer.index ?? i;
        if (peer.kind !== 'ipBlock') return;
        const network = parseNetwork(peer.cidr);
        if (!network || network.prefixLength !== 0) return;
        const family = network.family === 4 ? 'IPv4' : 'IPv6';
        const except = peer.except.length > 0 ? ` except ${peer.except.join(', ')}` : '';
        report({
          path: [...source.path, 'from', j, 'ipBlock', 'cidr'],
          message: withHint(
            `ipBlock ${peer.cidr} is every ${family} address: it admits traffic from every ${family} source${except}, including outside the cluster, ${ports}`,
            `Narrow the cidr to the addresses that need access, or select pods with podSelector/namespaceSelector; ${SUPPRESS}`,
          ),
          data: { rule: rule.index, peer: j, cidr: peer.cidr },
        });
      });
    }
  },
};
