import { isValid } from '../../model/networkPolicy';
import type { PolicyLint } from '../lint';
import { withHint } from '../messages';

/** policyTypes omitted: say what Kubernetes computes (SetDefaults_NetworkPolicy, pkg/apis/networking/v1/defaults.go), since the default surprises. */
export const implicitPolicyTypes: PolicyLint<'implicit-policy-types', { readonly computed: readonly ('Ingress' | 'Egress')[] }> = {
  meta: {
    id: 'implicit-policy-types',
    title: 'policyTypes computed by Kubernetes',
    category: 'lint',
    severity: 'info',
    description:
      'spec.policyTypes is not written, so Kubernetes computes it: Ingress always, Egress only when there is at least one egress rule.',
  },
  scope: 'policy',
  check({ policy, semantic, report }) {
    if (semantic.types.explicit) return;
    const spec = isValid(policy.spec) ? policy.spec : undefined;
    const emptyEgress = isValid(spec?.egress) && spec.egress.length === 0;
    const ingress =
      semantic.ingress.length === 0
        ? 'Ingress is always included, and with no ingress rules this policy denies all ingress to the selected pods (unless another policy allows it)'
        : 'Ingress is always included: the selected pods accept only the ingress that an ingress rule (of this or another policy) allows';
    const written = spec?.policyTypes !== undefined ? 'spec.policyTypes is empty' : 'spec.policyTypes is not written';
    if (semantic.types.egress) {
      report({
        path: ['spec', 'policyTypes'],
        target: 'key',
        message: withHint(
          `${written}, so Kubernetes computes [Ingress, Egress]. ${ingress}; Egress is included because there are egress rules`,
          semantic.ingress.length === 0
            ? 'If only egress was meant to be restricted, write `policyTypes: [Egress]`; otherwise write `policyTypes: [Ingress, Egress]` to make this visible'
            : 'Write `policyTypes: [Ingress, Egress]` to make this visible',
        ),
        data: { computed: ['Ingress', 'Egress'] },
      });
      return;
    }
    const noEgress = emptyEgress
      ? 'Egress is NOT included, so this policy does NOT restrict egress from the selected pods: `egress: []` does not add Egress (only an egress rule does)'
      : 'Egress is NOT included, so this policy does NOT restrict egress from the selected pods (Egress is added only when there is at least one egress rule; `egress: []` does not add it)';
    report({
      path: ['spec', 'policyTypes'],
      target: 'key',
      message: withHint(
        `${written}, so Kubernetes computes [Ingress]. ${ingress}. ${noEgress}`,
        'Write `policyTypes: [Ingress]` to make this visible, or `policyTypes: [Ingress, Egress]` to restrict egress too (with no egress rules, that denies all egress)',
      ),
      data: { computed: ['Ingress'] },
    });
  },
};
