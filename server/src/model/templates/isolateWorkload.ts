import { dnsEgressRule, networkPolicy } from '../recipes';
import { NAMESPACE, podSelector, podsPeer, rule } from './shapes';
import { OptionError, type PolicyTemplate } from './template';

export const isolateWorkload: PolicyTemplate = {
  id: 'isolate-workload',
  title: 'Isolate a workload',
  description:
    "The workload's pods accept connections only from the chosen sources (pods of its own namespace by default), only on its ports (its Service's target ports or its container ports), and may connect only to cluster DNS. Everything else, in and out, is denied unless another policy allows it.",
  parameters: [
    NAMESPACE,
    {
      id: 'workload',
      title: 'Workload',
      description: 'The workload to isolate (Kind/name); in the editor it fills in its pod labels and ports. Empty: give the pod labels.',
      kind: 'workload',
      optional: true,
    },
    {
      id: 'podLabels',
      title: 'Pod labels',
      description: "The labels of the workload's pods (spec.podSelector).",
      kind: 'labels',
      optional: false,
    },
    {
      id: 'ports',
      title: 'Ports',
      description: 'The ports its pods accept connections on. Empty: every port.',
      kind: 'ports',
      optional: true,
    },
    {
      id: 'fromNamespaces',
      title: 'Source namespaces',
      description: "The namespaces connections may come from. Empty: the policy's own namespace.",
      kind: 'namespaces',
      optional: true,
    },
    {
      id: 'fromPodLabels',
      title: 'Source pod labels',
      description: 'Only pods with these labels may connect. Empty: every pod of the source namespaces.',
      kind: 'labels',
      optional: true,
    },
    {
      id: 'name',
      title: 'Policy name',
      description: "metadata.name of the policy. Empty: the workload's name followed by -isolation.",
      kind: 'name',
      optional: true,
    },
  ],
  build(values, context) {
    const workload = values.get('workload', 'workload');
    const name = values.get('name', 'name') ?? (workload && `${workload.name}-isolation`);
    if (name === undefined) throw new OptionError('name', 'Policy name is required when no workload is given');
    const peer = podsPeer(values.value('fromNamespaces', 'namespaces'), values.value('fromPodLabels', 'labels'));
    return [
      {
        policy: networkPolicy(name, values.value('namespace', 'namespace'), {
          podSelector: podSelector(values.value('podLabels', 'labels')),
          policyTypes: ['Ingress', 'Egress'],
          ingress: [rule('from', [peer], values.value('ports', 'ports'))],
          egress: [dnsEgressRule(context.dns)],
        }),
      },
    ];
  },
};
