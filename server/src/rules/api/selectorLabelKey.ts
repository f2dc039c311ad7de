import { INVALID, isValid } from '../../model/networkPolicy';
import { qualifiedNameErrors } from '../k8sNames';
import { invalid } from '../messages';
import type { LabelData } from './labels';
import type { PolicyRule } from '../rule';
import { forEachSelector, mapEntries, validItems } from '../walk';
import { checkLabelKeys } from './labels';

/** `ValidateLabelSelector`: matchLabels keys and matchExpressions keys are qualified names. */
export const labelKey: PolicyRule<'label-key', LabelData | undefined> = {
  meta: {
    id: 'label-key',
    title: 'Selector label keys must be qualified names',
    category: 'api',
    severity: 'error',
    description:
      "Label keys in matchLabels and matchExpressions must be '[prefix/]name': a name of at most 63 alphanumerics, '-', '_', '.', and an optional DNS-subdomain prefix.",
  },
  check(policy, context) {
    forEachSelector(policy, (selector, path) => {
      checkLabelKeys(mapEntries(selector.matchLabels), [...path, 'matchLabels'], context);
      for (const [expression, k] of validItems(selector.matchExpressions)) {
        if (expression.key === INVALID) continue;
        const key = isValid(expression.key) ? expression.key : '';
        const errors = qualifiedNameErrors(key);
        if (errors.length) context.report({ path: [...path, 'matchExpressions', k, 'key'], message: invalid(key, errors.join('; ')) });
      }
    });
  },
};
