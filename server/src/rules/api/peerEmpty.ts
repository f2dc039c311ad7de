import { required, withHint } from '../messages';
import type { PolicyRule } from '../rule';
import { forEachPeer } from '../walk';

/** `ValidateNetworkPolicyPeer`: a peer sets podSelector, namespaceSelector or ipBlock. */
export const peerEmpty: PolicyRule<'peer-empty'> = {
  meta: {
    id: 'peer-empty',
    title: 'A peer must select something',
    category: 'api',
    severity: 'error',
    description: 'Each item of from/to must set podSelector, namespaceSelector or ipBlock; an empty item `{}` is rejected.',
  },
  check(policy, context) {
    forEachPeer(policy, (peer, path, direction) => {
      if (peer.podSelector !== undefined || peer.namespaceSelector !== undefined || peer.ipBlock !== undefined) return;
      const list = direction === 'ingress' ? 'from' : 'to';
      context.report({
        path,
        message: withHint(
          required('must specify a peer'),
          `Set podSelector, namespaceSelector or ipBlock; to allow every ${direction === 'ingress' ? 'source' : 'destination'}, leave out \`${list}\``,
        ),
      });
    });
  },
};
