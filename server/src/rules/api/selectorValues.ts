import { INVALID, isValid } from '../../model/networkPolicy';
import { forbidden, required, withHint } from '../messages';
import type { PolicyRule } from '../rule';
import { forEachSelector, validItems } from '../walk';

/** `ValidateLabelSelectorRequirement`: In/NotIn need values, Exists/DoesNotExist forbid them. */
export const selectorValues: PolicyRule<'selector-values', { readonly operator: string }> = {
  meta: {
    id: 'selector-values',
    title: 'matchExpressions values must match the operator',
    category: 'api',
    severity: 'error',
    description: 'In and NotIn need at least one value; Exists and DoesNotExist must not have values.',
  },
  check(policy, context) {
    forEachSelector(policy, (selector, path) => {
      for (const [expression, k] of validItems(selector.matchExpressions)) {
        const { operator, values } = expression;
        if (!isValid(operator) || values === INVALID) continue;
        const count = values?.length ?? 0;
        const valuesPath = [...path, 'matchExpressions', k, 'values'];
        if ((operator === 'In' || operator === 'NotIn') && count === 0) {
          context.report({
            path: valuesPath,
            message: withHint(
              required("must be specified when `operator` is 'In' or 'NotIn'"),
              `List at least one value, or use ${operator === 'In' ? 'Exists' : 'DoesNotExist'} to match on the key alone`,
            ),
            data: { operator },
          });
        } else if ((operator === 'Exists' || operator === 'DoesNotExist') && count > 0) {
          context.report({
            path: valuesPath,
            message: withHint(
              forbidden("may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
              `Remove the values, or use ${operator === 'Exists' ? 'In' : 'NotIn'} to match them`,
            ),
            data: { operator },
          });
        }
      }
    });
  },
};
