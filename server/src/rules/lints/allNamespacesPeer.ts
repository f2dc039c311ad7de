import { isEverything } from '../../model/selector';
import type { PolicyLint } from '../lint';
import { withHint } from '../messages';
import { peerLabel } from '../../model/phrases';
import { enforcedRules } from './policyWording';
import { DIRECTIONS } from '../../model/vocabulary';

/** A peer with `namespaceSelector: {}`: pods of every namespace in the cluster. */
export const allNamespacesPeer: PolicyLint<'all-namespaces-peer', { readonly rule: number; readonly peer: number }> = {
  meta: {
    id: 'all-namespaces-peer',
    title: 'Peer in every namespace',
    category: 'lint',
    severity: 'warning',
    description:
      'A peer with an empty namespaceSelector ({}) selects pods in every namespace of the cluster: all pods, or with a podSelector the matching pods of every namespace.',
  },
  scope: 'policy',
  readableRest: true,
  check({ policy, semantic, report }) {
    for (const direction of DIRECTIONS) {
      for (const source of enforcedRules(policy, semantic, direction)) {
        const peers = source.rule.peers;
        if (peers === 'any') continue;
        peers.forEach((peer, i) => {
          const j = peer.index ?? i;
          if (peer.kind !== 'pods' || peer.namespaces === 'own' || !isEverything(peer.namespaces)) return;
          const traffic = direction === 'ingress' ? `admits traffic from ${peerLabel(peer)}` : `allows traffic to ${peerLabel(peer)}`;
          report({
            path: [...source.path, source.peerKey, j, 'namespaceSelector'],
            message: withHint(
              `This namespaceSelector has no conditions, so it selects every namespace: this peer ${traffic} of the cluster`,
              'Select the namespaces you mean (by name: matchLabels with kubernetes.io/metadata.name), or leave out namespaceSelector for pods of this namespace only',
            ),
            data: { rule: source.rule.index, peer: j },
          });
        });
      }
    }
  },
};
