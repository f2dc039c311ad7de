import type { PolicyLint } from '../lint';
import { withHint } from '../messages';

/** A policy without metadata.namespace lands in whatever namespace kubectl's context points at. */
export const missingNamespace: PolicyLint<'missing-namespace', { readonly namespace: string }> = {
  meta: {
    id: 'missing-namespace',
    title: 'Policy without a namespace',
    category: 'lint',
    severity: 'warning',
    description:
      'The policy has no metadata.namespace, so it applies in whatever namespace kubectl points at when it is applied (not reported in files a kustomization lists: kustomize or kubectl -n decides).',
  },
  scope: 'policy',
  check({ semantic, kustomized, report }) {
    // A kustomization that lists the file sets the namespace, or leaves it to `kubectl apply -k -n`.
    if (semantic.namespaceGiven || kustomized) return;
    report({
      path: ['metadata'],
      target: 'key',
      message: withHint(
        `This policy has no metadata.namespace: it lands in the namespace of kubectl's context (here assumed to be "${semantic.namespace}")`,
        'Set metadata.namespace so that it protects the pods you mean',
      ),
      data: { namespace: semantic.namespace },
    });
  },
};
