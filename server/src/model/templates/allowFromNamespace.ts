import { networkPolicy } from '../recipes';
import { NAMESPACE, podSelector, podsPeer, rule, subjectLabels } from './shapes';
import { OptionError, type PolicyTemplate } from './template';

export const allowFromNamespace: PolicyTemplate = {
  id: 'allow-from-namespace',
  title: 'Allow ingress from a namespace',
  description:
    'The selected pods accept connections from the pods of other namespaces (chosen by their kubernetes.io/metadata.name label, which Kubernetes sets and nobody can forge), optionally only from pods with some labels and only on some ports. Egress is not restricted.',
  parameters: [
    NAMESPACE,
    {
      id: 'fromNamespaces',
      title: 'Source namespaces',
      description: 'The namespaces whose pods may connect.',
      kind: 'namespaces',
      optional: false,
    },
    {
      id: 'fromPodLabels',
      title: 'Source pod labels',
      description: 'Only pods with these labels in those namespaces may connect. Empty: every pod of those namespaces.',
      kind: 'labels',
      optional: true,
    },
    subjectLabels('that accept the connections'),
    { id: 'ports', title: 'Ports', description: 'The ports they may connect to. Empty: every port.', kind: 'ports', optional: true },
    {
      id: 'name',
      title: 'Policy name',
      description: 'metadata.name of the policy. Empty: allow-from- and the first source namespace.',
      kind: 'name',
      optional: true,
    },
  ],
  build(values) {
    const namespace = values.value('namespace', 'namespace');
    const from = values.value('fromNamespaces', 'namespaces');
    if (from.length === 0) throw new OptionError('fromNamespaces', 'Source namespaces is required');
    return [
      {
        policy: networkPolicy(values.get('name', 'name') ?? `allow-from-${from[0]!}`, namespace, {
          podSelector: podSelector(values.value('podLabels', 'labels')),
          policyTypes: ['Ingress'],
          ingress: [rule('from', [podsPeer(from, values.value('fromPodLabels', 'labels'))], values.value('ports', 'ports'))],
        }),
      },
    ];
  },
};
