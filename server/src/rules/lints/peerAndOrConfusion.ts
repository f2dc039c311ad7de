import type { Peer, PodPeer } from '../../model/semantics';
import { isEverything } from '../../model/selector';
import type { PolicyLint } from '../lint';
import { withHint } from '../messages';
import { peerLabel } from '../../model/phrases';
import { enforcedRules, type RuleSource } from './policyWording';
import { DIRECTIONS } from '../../model/vocabulary';

type Half = 'namespaces' | 'pods';

/**
 * Which half of an AND a peer could be: `namespaceSelector` alone (all pods of some
 * namespaces), or a non-empty `podSelector` alone (pods of the policy's namespace).
 * `podSelector: {}` alone (the whole namespace) is a deliberate peer of its own: joined
 * with a namespaceSelector it would add nothing.
 */
function halfOf(source: RuleSource, index: number, peer: Peer): Half | undefined {
  if (peer.kind !== 'pods') return undefined;
  const raw = source.rawPeers[index];
  if (peer.namespaces !== 'own') return raw?.podSelector === undefined ? 'namespaces' : undefined;
  return isEverything(peer.pods) ? undefined : 'pods';
}

function joined(namespaces: PodPeer, pods: PodPeer): PodPeer {
  return { kind: 'pods', namespaces: namespaces.namespaces, pods: pods.pods };
}

/** `- namespaceSelector: …` and `- podSelector: …` as two list items (OR) where one item (AND) was probably meant. */
export const peerAndOrConfusion: PolicyLint<'peer-and-or-confusion', { readonly first: number; readonly second: number }> = {
  meta: {
    id: 'peer-and-or-confusion',
    title: 'Two peers (OR) that look like one (AND)',
    category: 'lint',
    severity: 'warning',
    description:
      'A from/to list has a namespaceSelector-only peer next to a podSelector-only peer: two peers (OR), where one peer with both selectors (AND) was probably meant.',
  },
  scope: 'policy',
  check({ policy, semantic, report }) {
    for (const direction of DIRECTIONS) {
      for (const source of enforcedRules(policy, semantic, direction)) {
        const peers = source.rule.peers;
        if (peers === 'any') continue;
        for (let i = 0; i + 1 < peers.length; i++) {
          const first = peers[i]!;
          const second = peers[i + 1]!;
          const a = halfOf(source, i, first);
          const b = halfOf(source, i + 1, second);
          if (!a || !b || a === b || first.kind !== 'pods' || second.kind !== 'pods') continue;
          const both = a === 'namespaces' ? joined(first, second) : joined(second, first);
          const secondKey = b === 'pods' ? 'podSelector' : 'namespaceSelector';
          report({
            path: [...source.path, source.peerKey, i + 1],
            message: withHint(
              `These are two peers (OR): ${peerLabel(first)}, or ${peerLabel(second)}. As one peer (AND) they would mean: ${peerLabel(both)}`,
              `For AND, write both selectors in one list item (delete the \`-\` before \`${secondKey}\`); if OR is meant, put the two peers in separate rules (with the same ports)`,
            ),
            data: { first: i, second: i + 1 },
          });
          i++; // a peer is half of at most one pair
        }
      }
    }
  },
};
