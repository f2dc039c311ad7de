import { isValid } from '../../model/networkPolicy';
import { portNumberErrors } from '../k8sNames';
import { invalid } from '../messages';
import type { PolicyRule } from '../rule';
import { forEachPort } from '../walk';

/** `ValidateNetworkPolicyPort`: with a numeric port, endPort is 1–65535 (checked besides the order). */
export const endPortRange: PolicyRule<'end-port-range'> = {
  meta: {
    id: 'end-port-range',
    title: 'endPort must be between 1 and 65535',
    category: 'api',
    severity: 'error',
    description: 'endPort must be a valid port number, between 1 and 65535, inclusive.',
  },
  check(policy, context) {
    forEachPort(policy, (port, path) => {
      if (typeof port.port !== 'number' || !isValid(port.endPort)) return;
      const errors = portNumberErrors(port.endPort);
      if (errors.length) context.report({ path: [...path, 'endPort'], message: invalid(port.endPort, errors.join('; ')) });
    });
  },
};
