import { defaultDenyName, defaultDenySpec, networkPolicy, type PolicyType } from '../recipes';
import { dnsEgressPolicy } from './allowDns';
import { NAMESPACE } from './shapes';
import type { GeneratedPolicy, PolicyTemplate, TemplateParameter } from './template';

const ALLOW_DNS: TemplateParameter = {
  id: 'allowDns',
  title: 'Allow DNS',
  description:
    'Also create allow-dns-egress, which lets every pod of the namespace reach cluster DNS (without it, every name lookup of these pods fails).',
  kind: 'boolean',
  optional: false,
  default: 'true',
};

const DENY_REASON = 'Denying every connection of this direction is the purpose of this policy.';

function template(types: readonly PolicyType[], title: string, denies: string): PolicyTemplate {
  const egress = types.includes('Egress');
  return {
    id: defaultDenyName(types),
    title,
    description: `Selects every pod of the namespace and isolates it for ${denies} with no rule, so all ${denies} is denied except what other policies allow. Policies add up: this is the baseline the other policies of the namespace open holes in.${egress ? ' With Allow DNS, a second policy allows DNS lookups to cluster DNS.' : ''}`,
    parameters: egress ? [NAMESPACE, ALLOW_DNS] : [NAMESPACE],
    build(values, context) {
      const namespace = values.value('namespace', 'namespace');
      const allowDns = egress && values.value('allowDns', 'boolean');
      const deny: GeneratedPolicy = {
        policy: networkPolicy(defaultDenyName(types), namespace, defaultDenySpec(types)),
        intended: {
          ids: egress && !allowDns ? ['deny-all-direction', 'dns-egress-blocked'] : ['deny-all-direction'],
          reason: egress && !allowDns ? `${DENY_REASON} DNS is denied too, as chosen.` : DENY_REASON,
        },
      };
      return allowDns ? [deny, dnsEgressPolicy('allow-dns-egress', namespace, {}, context.dns)] : [deny];
    },
  };
}

export const defaultDenyIngress = template(['Ingress'], 'Default deny: ingress', 'ingress');
export const defaultDenyEgress = template(['Egress'], 'Default deny: egress', 'egress');
export const defaultDenyAll = template(['Ingress', 'Egress'], 'Default deny: ingress and egress', 'ingress and egress');
