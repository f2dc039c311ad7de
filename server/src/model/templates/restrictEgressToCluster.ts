import { dnsEgressRule, networkPolicy } from '../recipes';
import { ipBlockPeers, NAMESPACE, podSelector, policyName, rule, subjectLabels } from './shapes';
import type { PolicyTemplate } from './template';

export const restrictEgressToCluster: PolicyTemplate = {
  id: 'restrict-egress-to-cluster',
  title: 'Restrict egress to the cluster (deny internet)',
  description:
    "The selected pods may connect to every pod of every namespace and to cluster DNS, and to nothing outside the cluster. Some network plugins check egress before a Service IP is translated to a pod IP: give the cluster's Service CIDR (and pod CIDR) so that connections to Services are allowed there too. Ingress is not restricted.",
  parameters: [
    NAMESPACE,
    subjectLabels('whose egress is restricted'),
    {
      id: 'serviceCidrs',
      title: 'Service CIDRs',
      description: "The cluster's Service CIDRs (netpol.cluster.serviceCIDRs). Empty: none.",
      kind: 'cidrs',
      optional: true,
    },
    {
      id: 'podCidrs',
      title: 'Pod CIDRs',
      description: "The cluster's pod CIDRs (netpol.cluster.podCIDRs). Empty: none.",
      kind: 'cidrs',
      optional: true,
    },
    policyName('restrict-egress-to-cluster'),
  ],
  build(values, context) {
    // A CIDR given as both would be a repeated peer.
    const cidrs = [...new Set([...values.value('serviceCidrs', 'cidrs'), ...values.value('podCidrs', 'cidrs')])];
    const ids = ['all-namespaces-peer', ...(cidrs.length ? ['ipblock-pod-ip'] : [])];
    const reason = `Every pod of every namespace is intended: only destinations outside the cluster are denied.${cidrs.length ? " The ipBlocks are the cluster's own CIDRs, for plugins that check egress before Service IPs are translated." : ''}`;
    return [
      {
        policy: networkPolicy(values.value('name', 'name'), values.value('namespace', 'namespace'), {
          podSelector: podSelector(values.value('podLabels', 'labels')),
          policyTypes: ['Egress'],
          egress: [dnsEgressRule(context.dns), rule('to', [{ namespaceSelector: {} }, ...ipBlockPeers(cidrs)], [])],
        }),
        intended: { ids, reason },
      },
    ];
  },
};
