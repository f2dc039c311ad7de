import { isValid } from '../../model/networkPolicy';
import { invalid, withHint } from '../messages';
import type { PolicyRule } from '../rule';
import { forEachPort } from '../walk';

/**
 * `ValidateNetworkPolicyPort`: with a numeric port, endPort >= port (equal is a one-port range).
 * The API server prints the port as the invalid value (`field.Invalid(…endPort, port.Port.IntVal, …)`),
 * so the message does too.
 */
export const endPortOrder: PolicyRule<'end-port-order', { readonly port: number; readonly endPort: number }> = {
  meta: {
    id: 'end-port-order',
    title: 'endPort must not be below port',
    category: 'api',
    severity: 'error',
    description: 'endPort ends an inclusive range that starts at port, so it must be greater than or equal to port.',
  },
  check(policy, context) {
    forEachPort(policy, (port, path) => {
      if (typeof port.port !== 'number' || !isValid(port.endPort) || port.endPort >= port.port) return;
      context.report({
        path: [...path, 'endPort'],
        message: withHint(
          invalid(port.port, 'must be greater than or equal to `port`'),
          `The range ${port.port}-${port.endPort} is backwards`,
        ),
        data: { port: port.port, endPort: port.endPort },
      });
    });
  },
};
