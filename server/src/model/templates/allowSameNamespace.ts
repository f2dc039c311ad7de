import { networkPolicy } from '../recipes';
import { NAMESPACE, podSelector, policyName, rule, subjectLabels } from './shapes';
import type { PolicyTemplate } from './template';

export const allowSameNamespace: PolicyTemplate = {
  id: 'allow-same-namespace',
  title: 'Allow all traffic within the namespace',
  description:
    'The selected pods accept connections from every pod of their own namespace, on every port, and from nowhere else (unless another policy allows it). Egress is not restricted.',
  parameters: [NAMESPACE, subjectLabels('that accept connections'), policyName('allow-same-namespace')],
  build: (values) => [
    {
      policy: networkPolicy(values.value('name', 'name'), values.value('namespace', 'namespace'), {
        podSelector: podSelector(values.value('podLabels', 'labels')),
        policyTypes: ['Ingress'],
        ingress: [rule('from', [{ podSelector: {} }], [])],
      }),
    },
  ],
};
