import { isValid } from '../../model/networkPolicy';
import { invalid, notSupported, withHint } from '../messages';
import type { PolicyRule } from '../rule';
import { validItems } from '../walk';
import { isPolicyType, POLICY_TYPES } from '../../model/vocabulary';

/** `ValidateNetworkPolicySpec`: at most two policyTypes (then the entries are not checked). */
export const policyTypesCount: PolicyRule<'policy-types-count'> = {
  meta: {
    id: 'policy-types-count',
    title: 'At most two policyTypes',
    category: 'api',
    severity: 'error',
    description: 'spec.policyTypes may list at most two entries.',
  },
  check(policy, context) {
    const spec = policy.spec;
    if (!isValid(spec) || !isValid(spec.policyTypes) || spec.policyTypes.length <= 2) return;
    const values = spec.policyTypes.map((t) => (isValid(t) ? t : null));
    context.report({
      path: ['spec', 'policyTypes'],
      message: withHint(invalid(values, 'may not specify more than two policyTypes'), 'List Ingress and/or Egress once each'),
    });
  },
};

/** `ValidateNetworkPolicySpec`: each policyType is exactly Ingress or Egress (duplicates are allowed). */
export const policyTypesValue: PolicyRule<'policy-types-value', { readonly suggestion: string } | undefined> = {
  meta: {
    id: 'policy-types-value',
    title: 'policyTypes must be Ingress or Egress',
    category: 'api',
    severity: 'error',
    description: 'Each spec.policyTypes entry must be exactly Ingress or Egress (case-sensitive).',
  },
  check(policy, context) {
    const spec = policy.spec;
    if (!isValid(spec) || !isValid(spec.policyTypes) || spec.policyTypes.length > 2) return;
    for (const [type, i] of validItems(spec.policyTypes)) {
      if (isPolicyType(type)) continue;
      const suggestion = POLICY_TYPES.find((t) => t.toLowerCase() === type.trim().toLowerCase());
      const message = notSupported(type, POLICY_TYPES);
      context.report({
        path: ['spec', 'policyTypes', i],
        message: suggestion ? withHint(message, `policyTypes are case-sensitive: write "${suggestion}"`) : message,
        ...(suggestion ? { data: { suggestion } } : {}),
      });
    }
  },
};
