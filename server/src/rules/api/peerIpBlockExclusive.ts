import { forbidden, withHint } from '../messages';
import type { PolicyRule } from '../rule';
import { forEachPeer } from '../walk';

/** `ValidateNetworkPolicyPeer`: ipBlock stands alone in its peer. */
export const peerIpBlockExclusive: PolicyRule<'peer-ipblock-exclusive'> = {
  meta: {
    id: 'peer-ipblock-exclusive',
    title: 'ipBlock cannot be combined with a selector in one peer',
    category: 'api',
    severity: 'error',
    description: 'A peer with ipBlock may not also set podSelector or namespaceSelector; put them in separate list items.',
  },
  check(policy, context) {
    forEachPeer(policy, (peer, path) => {
      if (peer.ipBlock === undefined || (peer.podSelector === undefined && peer.namespaceSelector === undefined)) return;
      context.report({
        path,
        location: [...path, 'ipBlock'],
        target: 'key',
        message: withHint(
          forbidden('may not specify both ipBlock and another peer'),
          'Make the ipBlock its own list item (the items are ORed)',
        ),
      });
    });
  },
};
