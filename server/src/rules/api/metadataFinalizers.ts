import { isValid } from '../../model/networkPolicy';
import { qualifiedNameErrors } from '../k8sNames';
import { invalid } from '../messages';
import type { PolicyRule } from '../rule';
import { validItems } from '../walk';

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/**
 * `ValidateFinalizers` plus the core wrapper's `validateKubeFinalizerName`: qualified names,
 * and a name without '/' must be a standard finalizer.
 */
export const metadataFinalizers: PolicyRule<'metadata-finalizers'> = {
  meta: {
    id: 'metadata-finalizers',
    title: 'metadata.finalizers must be valid finalizer names',
    category: 'api',
    severity: 'error',
    description:
      "Finalizers must be qualified names; one without a '/' must be a standard finalizer (kubernetes, orphan, foregroundDeletion).",
  },
  check(policy, context) {
    if (!isValid(policy.metadata)) return;
    const finalizers = validItems(policy.metadata.finalizers);
    for (const [finalizer, i] of finalizers) {
      const errors = [...qualifiedNameErrors(finalizer)];
      if (!finalizer.includes('/') && !STANDARD_FINALIZERS.has(finalizer)) {
        errors.push('name is neither a standard finalizer name nor is it fully qualified');
      }
      if (errors.length) context.report({ path: ['metadata', 'finalizers', i], message: invalid(finalizer, errors.join('; ')) });
    }
    const names = new Set(finalizers.map(([f]) => f));
    if (names.has('orphan') && names.has('foregroundDeletion')) {
      context.report({
        path: ['metadata', 'finalizers'],
        target: 'key',
        message: invalid(
          finalizers.map(([f]) => f),
          'finalizer orphan and foregroundDeletion cannot be both set',
        ),
      });
    }
  },
};
