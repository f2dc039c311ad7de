import type { PolicyLint } from '../lint';
import { withHint } from '../messages';
import { peerLabel } from '../../model/phrases';
import { listText } from '../../model/vocabulary';
import { enforcedRules, portsText } from './policyWording';
import { DIRECTIONS } from '../../model/vocabulary';

/** `- from: …` directly followed by `- ports: …`: one rule split in two by an extra `-`. */
export const portsSplitFromPeers: PolicyLint<'ports-split-from-peers', { readonly peersRule: number; readonly portsRule: number }> = {
  meta: {
    id: 'ports-split-from-peers',
    title: 'Ports split from their peers',
    category: 'lint',
    severity: 'warning',
    description:
      'A rule with only from/to is directly followed by a rule with only ports (an extra `-`): the peers get all ports, and every source or destination gets those ports.',
  },
  scope: 'policy',
  check({ policy, semantic, report }) {
    for (const direction of DIRECTIONS) {
      const rules = enforcedRules(policy, semantic, direction);
      for (let i = 0; i + 1 < rules.length; i++) {
        const peersOnly = rules[i]!;
        const portsOnly = rules[i + 1]!;
        const peers = peersOnly.rule.peers;
        const ports = portsOnly.rule.ports;
        if (peers === 'any' || peersOnly.rule.ports !== 'all' || portsOnly.rule.peers !== 'any' || ports === 'all') continue;
        const key = peersOnly.peerKey;
        const who = listText(peers.map(peerLabel));
        const [fromWho, everyone] =
          direction === 'ingress'
            ? [`from ${who}`, 'from every source, including outside the cluster,']
            : [`to ${who}`, 'to every destination, including outside the cluster,'];
        report({
          path: portsOnly.path,
          message: withHint(
            `This rule has only \`ports\` and directly follows a rule with only \`${key}\`, as if an extra \`-\` split one rule in two. As written, traffic is allowed ${fromWho} ${portsText('all')}, and ${everyone} ${portsText(ports)}. As one rule it would allow only ${fromWho} ${portsText(ports)}`,
            `If one rule was meant, delete the \`-\` before \`ports\` so that \`ports\` lines up with \`${key}\``,
          ),
          data: { peersRule: peersOnly.rule.index, portsRule: portsOnly.rule.index },
        });
        i++;
      }
    }
  },
};
