import { isValid } from '../../model/networkPolicy';
import { dns1123LabelErrors } from '../k8sNames';
import { invalid } from '../messages';
import type { PolicyRule } from '../rule';

/**
 * ValidateObjectMeta: a namespace must be a DNS-1123 label. A manifest without one is fine:
 * kubectl fills in the namespace of its context.
 */
export const metadataNamespace: PolicyRule<'metadata-namespace'> = {
  meta: {
    id: 'metadata-namespace',
    title: 'metadata.namespace must be a DNS label',
    category: 'api',
    severity: 'error',
    description: 'A namespace, when given, must be a lowercase RFC 1123 label of at most 63 bytes (no dots).',
  },
  check(policy, context) {
    if (!isValid(policy.metadata)) return;
    const namespace = policy.metadata.namespace;
    if (!isValid(namespace) || namespace === '') return;
    const errors = dns1123LabelErrors(namespace);
    if (errors.length) context.report({ path: ['metadata', 'namespace'], message: invalid(namespace, errors.join('; ')) });
  },
};
