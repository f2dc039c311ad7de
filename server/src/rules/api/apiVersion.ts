import { INVALID, isValid } from '../../model/networkPolicy';
import { apiGroupOf } from '../kinds';
import { invalid, required, withHint } from '../messages';
import type { PolicyRule } from '../rule';

export const NETWORK_POLICY_API_VERSION = 'networking.k8s.io/v1';

/**
 * Only networking.k8s.io/v1 serves NetworkPolicy; extensions/v1beta1 stopped in 1.16.
 * `kind` is case-sensitive.
 */
export const apiVersion: PolicyRule<'api-version', { readonly suggestion: string }> = {
  meta: {
    id: 'api-version',
    title: 'apiVersion must be networking.k8s.io/v1',
    category: 'api',
    severity: 'error',
    description:
      'A NetworkPolicy must be written as apiVersion networking.k8s.io/v1, kind NetworkPolicy; older API versions are no longer served.',
  },
  check(policy, context) {
    const version = policy.apiVersion;
    if (version === undefined || version === '') {
      context.report({
        path: ['apiVersion'],
        message: withHint(required('apiVersion is required'), `Add apiVersion: ${NETWORK_POLICY_API_VERSION}`),
        data: { suggestion: NETWORK_POLICY_API_VERSION },
      });
    } else if (version !== INVALID && version !== NETWORK_POLICY_API_VERSION) {
      const removed = version === 'extensions/v1beta1' ? ' (extensions/v1beta1 has not served NetworkPolicy since Kubernetes 1.16)' : '';
      context.report({
        path: ['apiVersion'],
        message: withHint(
          invalid(version, `NetworkPolicy is served only as ${NETWORK_POLICY_API_VERSION}${removed}`),
          `Use apiVersion: ${NETWORK_POLICY_API_VERSION}`,
        ),
        data: { suggestion: NETWORK_POLICY_API_VERSION },
      });
    }
    // In networking.k8s.io a wrong kind is `unknown-kind`, in kubectl's words.
    if (isValid(policy.kind) && policy.kind !== 'NetworkPolicy' && !(isValid(version) && apiGroupOf(version) === 'networking.k8s.io')) {
      context.report({
        path: ['kind'],
        message: withHint(invalid(policy.kind, 'kind is case-sensitive'), 'Write kind: NetworkPolicy'),
        data: { suggestion: 'NetworkPolicy' },
      });
    }
  },
};
