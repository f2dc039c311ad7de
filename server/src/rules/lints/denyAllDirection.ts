import { isValid } from '../../model/networkPolicy';
import type { PolicyLint } from '../lint';
import { withHint } from '../messages';
import { subjectLabel } from '../../model/phrases';
import { writtenPolicyTypes } from './policyWording';

/** A direction listed in policyTypes without rules: all traffic that way is denied. */
export const denyAllDirection: PolicyLint<'deny-all-direction', { readonly type: 'Ingress' | 'Egress' }> = {
  meta: {
    id: 'deny-all-direction',
    title: 'All traffic of a direction denied',
    category: 'lint',
    severity: 'info',
    description:
      'spec.policyTypes lists Ingress (or Egress) and the policy has no ingress (or egress) rules: all traffic in that direction is denied for the selected pods.',
  },
  scope: 'policy',
  check({ policy, semantic, report }) {
    const written = writtenPolicyTypes(policy);
    if (!semantic.types.explicit || !written) return;
    const spec = isValid(policy.spec) ? policy.spec : undefined;
    const pods = subjectLabel(semantic.subject);
    written.forEach((type, k) => {
      if (written.indexOf(type) !== k) return; // a duplicate entry says nothing new
      const direction = type === 'Ingress' ? 'ingress' : 'egress';
      if (semantic[direction].length > 0) return;
      const rules = spec?.[direction] !== undefined ? `\`${direction}: []\` has no rules` : `there is no \`${direction}\``;
      const traffic = type === 'Ingress' ? `all ingress to ${pods} is denied` : `all egress from ${pods} is denied, DNS lookups included`;
      report({
        path: ['spec', 'policyTypes', k],
        message: withHint(
          `policyTypes lists ${type} and ${rules}: ${traffic}, except what other policies selecting these pods allow`,
          `That is a default deny; if traffic should be allowed, add ${direction} rules`,
        ),
        data: { type },
      });
    });
  },
};
