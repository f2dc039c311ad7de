import { INVALID, isValid } from '../../model/networkPolicy';
import { invalid, withHint } from '../messages';
import type { PolicyRule } from '../rule';
import { forEachPort } from '../walk';

/** `ValidateNetworkPolicyPort`: endPort needs a numeric port. */
export const endPortNumericPort: PolicyRule<'end-port-requires-numeric-port', { readonly reason: 'named-port' | 'no-port' }> = {
  meta: {
    id: 'end-port-requires-numeric-port',
    title: 'endPort needs a numeric port',
    category: 'api',
    severity: 'error',
    description: 'endPort may only be used together with a numeric port (a named port cannot start a range).',
  },
  check(policy, context) {
    forEachPort(policy, (port, path) => {
      if (!isValid(port.endPort) || port.port === INVALID || typeof port.port === 'number') return;
      const named = typeof port.port === 'string';
      context.report({
        path: [...path, 'endPort'],
        message: named
          ? withHint(invalid(port.endPort, 'may not be specified when `port` is non-numeric'), `"${String(port.port)}" is a port name`)
          : withHint(
              invalid(port.endPort, 'may not be specified when `port` is not specified'),
              'Add the first port of the range as `port`',
            ),
        data: { reason: named ? 'named-port' : 'no-port' },
      });
    });
  },
};
