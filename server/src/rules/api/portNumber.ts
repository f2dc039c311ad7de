import { portNumberErrors } from '../k8sNames';
import { invalid } from '../messages';
import type { PolicyRule } from '../rule';
import { forEachPort } from '../walk';

/** `ValidateNetworkPolicyPort`: a numeric port is 1–65535. */
export const portNumber: PolicyRule<'port-number'> = {
  meta: {
    id: 'port-number',
    title: 'port must be between 1 and 65535',
    category: 'api',
    severity: 'error',
    description: 'A numeric port must be between 1 and 65535, inclusive.',
  },
  check(policy, context) {
    forEachPort(policy, (port, path) => {
      if (typeof port.port !== 'number') return;
      const errors = portNumberErrors(port.port);
      if (errors.length) context.report({ path: [...path, 'port'], message: invalid(port.port, errors.join('; ')) });
    });
  },
};
