import { dnsEgressRule, networkPolicy, type DnsTarget } from '../recipes';
import type { Labels } from './options';
import { NAMESPACE, podSelector, policyName, subjectLabels } from './shapes';
import type { GeneratedPolicy, PolicyTemplate } from './template';

/** Egress to cluster DNS only, for the pods with `labels`. */
export function dnsEgressPolicy(name: string, namespace: string, labels: Labels, dns: DnsTarget): GeneratedPolicy {
  return {
    policy: networkPolicy(name, namespace, { podSelector: podSelector(labels), policyTypes: ['Egress'], egress: [dnsEgressRule(dns)] }),
  };
}

export const allowDnsEgress: PolicyTemplate = {
  id: 'allow-dns-egress',
  title: 'Allow DNS egress',
  description:
    'Lets the selected pods send DNS queries (UDP and TCP 53) to the cluster DNS pods (k8s-app: kube-dns in kube-system unless netpol.dns says otherwise). It also isolates them for egress: on its own it allows only DNS; with other egress policies it adds DNS to what they allow.',
  parameters: [NAMESPACE, subjectLabels('that may use DNS'), policyName('allow-dns-egress')],
  build: (values, context) => [
    dnsEgressPolicy(values.value('name', 'name'), values.value('namespace', 'namespace'), values.value('podLabels', 'labels'), context.dns),
  ],
};
