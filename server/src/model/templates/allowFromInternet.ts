import { parseCidrSloppy } from '../cidr';
import { networkPolicy } from '../recipes';
import { ipBlockPeers, NAMESPACE, podSelector, policyName, rule, subjectLabels } from './shapes';
import type { PolicyTemplate } from './template';

/** Every IPv4 and every IPv6 address: "the internet" for a policy (cluster addresses included). */
export const EVERYWHERE = ['0.0.0.0/0', '::/0'] as const;

/** Lints an ipBlock peer list triggers on purpose, with why. */
export function intendedForSources(cidrs: readonly string[]): { ids: string[]; reasons: string[] } {
  const nets = cidrs.map(parseCidrSloppy);
  const ids: string[] = [];
  const reasons: string[] = [];
  if (nets.some((net) => net?.prefixLength === 0)) {
    ids.push('allow-all-sources');
    reasons.push('Every source address is intended: these pods serve the internet.');
  }
  if (nets.some((net) => net !== undefined && net.prefixLength === net.bits)) {
    ids.push('ipblock-pod-ip');
    reasons.push('The single addresses are fixed addresses outside the cluster.');
  }
  return { ids, reasons };
}

export const allowFromInternet: PolicyTemplate = {
  id: 'allow-from-internet',
  title: 'Allow ingress from the internet on chosen ports',
  description:
    'The selected pods accept connections on the chosen ports from the addresses given (every IPv4 and IPv6 address by default), through ipBlock peers. Whether traffic through a load balancer or NodePort keeps its source address (and so matches) depends on the Service (externalTrafficPolicy: Local) and the network plugin. Egress is not restricted.',
  parameters: [
    NAMESPACE,
    subjectLabels('that accept the connections'),
    { id: 'ports', title: 'Ports', description: 'The ports open to the internet.', kind: 'ports', optional: false, default: '80, 443' },
    {
      id: 'cidrs',
      title: 'Source CIDRs',
      description: 'The source addresses allowed.',
      kind: 'cidrs',
      optional: false,
      default: EVERYWHERE.join(', '),
    },
    policyName('allow-from-internet'),
  ],
  build(values) {
    const cidrs = values.value('cidrs', 'cidrs');
    const intended = intendedForSources(cidrs);
    return [
      {
        policy: networkPolicy(values.value('name', 'name'), values.value('namespace', 'namespace'), {
          podSelector: podSelector(values.value('podLabels', 'labels')),
          policyTypes: ['Ingress'],
          ingress: [rule('from', ipBlockPeers(cidrs), values.value('ports', 'ports'))],
        }),
        ...(intended.ids.length ? { intended: { ids: intended.ids, reason: intended.reasons.join(' ') } } : {}),
      },
    ];
  },
};
