import { labelValueErrors } from '../k8sNames';
import { invalid } from '../messages';
import type { LabelData } from './labels';
import type { PolicyRule } from '../rule';
import { forEachSelector, mapEntries, validItems } from '../walk';
import { checkLabelValues } from './labels';

/**
 * `ValidateLabelSelector`: matchLabels values and matchExpressions values must be label
 * values (checked for every operator on create: AllowInvalidLabelValueInSelector=false).
 */
export const labelValue: PolicyRule<'label-value', LabelData | undefined> = {
  meta: {
    id: 'label-value',
    title: 'Selector label values must be valid',
    category: 'api',
    severity: 'error',
    description:
      "Label values in matchLabels and matchExpressions must be empty or at most 63 alphanumerics, '-', '_', '.', starting and ending with an alphanumeric.",
  },
  check(policy, context) {
    forEachSelector(policy, (selector, path) => {
      checkLabelValues(mapEntries(selector.matchLabels), [...path, 'matchLabels'], context);
      for (const [expression, k] of validItems(selector.matchExpressions)) {
        for (const [value, v] of validItems(expression.values)) {
          const errors = labelValueErrors(value);
          if (errors.length)
            context.report({ path: [...path, 'matchExpressions', k, 'values', v], message: invalid(value, errors.join('; ')) });
        }
      }
    });
  },
};
