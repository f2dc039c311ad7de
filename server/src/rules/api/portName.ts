import { portNameErrors } from '../k8sNames';
import { invalid, withHint } from '../messages';
import type { PolicyRule } from '../rule';
import { forEachPort } from '../walk';

/**
 * `ValidateNetworkPolicyPort`: a string port is a port name (IANA service name), even when
 * it is all digits: `port: "8080"` is the name "8080", which is invalid.
 */
export const portName: PolicyRule<'port-name', { readonly numeric: boolean }> = {
  meta: {
    id: 'port-name',
    title: 'A named port must be a valid port name',
    category: 'api',
    severity: 'error',
    description:
      "A string port is a container port name: at most 15 lowercase alphanumerics and '-', with at least one letter, no '--', not starting or ending with '-'.",
  },
  check(policy, context) {
    forEachPort(policy, (port, path) => {
      if (typeof port.port !== 'string') return;
      const errors = portNameErrors(port.port);
      if (!errors.length) return;
      let message = invalid(port.port, errors.join('; '));
      if (/^\d+$/.test(port.port))
        message = withHint(message, `A quoted port is a port name; write ${port.port} without quotes for a port number`);
      context.report({ path: [...path, 'port'], message, data: { numeric: /^\d+$/.test(port.port) } });
    });
  },
};
