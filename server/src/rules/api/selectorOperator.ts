import { INVALID, isValid } from '../../model/networkPolicy';
import { invalid, withHint } from '../messages';
import type { PolicyRule } from '../rule';
import { forEachSelector, validItems } from '../walk';
import { isOperator, OPERATORS } from '../../model/vocabulary';

/** `ValidateLabelSelectorRequirement`: the operator is one of four, case-sensitive. */
export const selectorOperator: PolicyRule<'selector-operator', { readonly suggestion: string } | undefined> = {
  meta: {
    id: 'selector-operator',
    title: 'matchExpressions operator must be In, NotIn, Exists or DoesNotExist',
    category: 'api',
    severity: 'error',
    description: 'Each matchExpressions entry needs an operator, spelt exactly In, NotIn, Exists or DoesNotExist.',
  },
  check(policy, context) {
    forEachSelector(policy, (selector, path) => {
      for (const [expression, k] of validItems(selector.matchExpressions)) {
        if (expression.operator === INVALID) continue;
        const operator = isValid(expression.operator) ? expression.operator : '';
        if (isOperator(operator)) continue;
        const suggestion = OPERATORS.find((op) => op.toLowerCase() === operator.toLowerCase().replace(/[\s_-]/g, ''));
        const hint = suggestion ? `Did you mean "${suggestion}"? Operators are case-sensitive` : 'Use In, NotIn, Exists or DoesNotExist';
        context.report({
          path: [...path, 'matchExpressions', k, 'operator'],
          message: withHint(invalid(operator, 'not a valid selector operator'), hint),
          ...(suggestion ? { data: { suggestion } } : {}),
        });
      }
    });
  },
};
