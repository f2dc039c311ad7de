import type { PolicyLint } from '../lint';
import { withHint } from '../messages';
import { writtenPolicyTypes } from './policyWording';
import { DIRECTIONS, POLICY_TYPE } from '../../model/vocabulary';

/** Rules of a direction that an explicit policyTypes leaves out: Kubernetes ignores them. */
export const rulesIgnoredByPolicyTypes: PolicyLint<'rules-ignored-by-policy-types', { readonly missing: 'Ingress' | 'Egress' }> = {
  meta: {
    id: 'rules-ignored-by-policy-types',
    title: 'Rules ignored because of policyTypes',
    category: 'lint',
    severity: 'warning',
    description:
      'spec.policyTypes is written and leaves out Ingress (or Egress) although the policy has ingress (or egress) rules: those rules have no effect.',
  },
  scope: 'policy',
  check({ policy, semantic, report }) {
    const written = writtenPolicyTypes(policy);
    if (!semantic.types.explicit || !written) return;
    for (const direction of DIRECTIONS) {
      const count = semantic[direction].length;
      if (semantic.types[direction] || count === 0) continue;
      const missing = POLICY_TYPE[direction];
      const rules = count === 1 ? `this ${direction} rule has` : `these ${count} ${direction} rules have`;
      const traffic = direction === 'ingress' ? 'ingress to the selected pods' : 'egress from the selected pods';
      report({
        path: ['spec', direction],
        target: 'key',
        message: withHint(
          `spec.policyTypes is [${written.join(', ')}] and does not list ${missing}, so ${rules} no effect: this policy does not restrict ${traffic}`,
          `Add ${missing} to policyTypes to enforce ${count === 1 ? 'it' : 'them'}, or delete \`${direction}\``,
        ),
        data: { missing },
      });
    }
  },
};
