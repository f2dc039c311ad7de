import { selectorMatches } from '../../model/selector';
import type { PolicyLint } from '../lint';
import { withHint } from '../messages';
import { knownNamespaces } from '../../model/workspaceQueries';
import { closestLabelCached, type LabelSuggestionData } from './workspaceScope';

/** A namespaceSelector that matches no namespace the workspace knows. */
export const namespaceSelectorMatchesNothing: PolicyLint<'namespace-selector-matches-nothing', LabelSuggestionData | undefined> = {
  meta: {
    id: 'namespace-selector-matches-nothing',
    title: 'Namespace selector matches no namespace',
    category: 'lint',
    severity: 'warning',
    description:
      'A peer namespaceSelector matches none of the namespaces the workspace knows (checked only when the workspace declares Namespace manifests).',
  },
  scope: 'workspace',
  check({ semantic, workspace, report }) {
    // Without Namespace manifests the workspace knows too little about namespace labels.
    if (workspace.namespaces().length === 0) return;
    const known = knownNamespaces(workspace, [semantic.namespace]);
    for (const rule of [...semantic.ingress, ...semantic.egress]) {
      if (rule.peers === 'any') continue;
      const field = rule.direction === 'ingress' ? 'from' : 'to';
      rule.peers.forEach((peer, j) => {
        if (peer.kind !== 'pods' || peer.namespaces === 'own' || peer.namespaces.requirements.length === 0) return;
        const selector = peer.namespaces;
        if (known.some((namespace) => selectorMatches(selector, namespace.labels))) return;
        const suggestion = closestLabelCached(
          workspace,
          `namespaces:${semantic.namespace}`,
          selector,
          () => known.map((namespace) => namespace.labels),
          'value',
        );
        const message = `No namespace of the workspace matches this namespaceSelector: this peer matches no pod, so it allows no connection ${rule.direction === 'ingress' ? 'from' : 'to'} any pod`;
        report({
          path: ['spec', rule.direction, rule.index, field, j, 'namespaceSelector'],
          target: 'key',
          message: suggestion ? withHint(message, `Did you mean \`${suggestion.key}: ${suggestion.value}\`?`) : message,
          ...(suggestion ? { data: { suggestion: { key: suggestion.key, value: suggestion.value }, replaces: suggestion.replaces } } : {}),
        });
      });
    }
  },
};
