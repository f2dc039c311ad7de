import type { FieldPath } from '../../model/path';
import type { Selector } from '../../model/selector';
import type { PolicyLint } from '../lint';
import { withHint } from '../messages';
import { knownNamespaces, peerNamespaces, workloadsMatching } from '../../model/workspaceQueries';
import { closestLabelCached, namespacesPhrase, type LabelSuggestionData } from './workspaceScope';

/** A podSelector that matches no pod of the workloads declared where it looks. */
export const selectorMatchesNothing: PolicyLint<'selector-matches-nothing', LabelSuggestionData | undefined> = {
  meta: {
    id: 'selector-matches-nothing',
    title: 'Pod selector matches no workload',
    category: 'lint',
    severity: 'warning',
    description:
      'spec.podSelector or a peer podSelector matches the pods of no workload declared in the workspace for the namespaces it looks in (often a typo in a label).',
  },
  scope: 'workspace',
  check({ semantic, workspace, report }) {
    const check = (selector: Selector, namespaces: readonly string[], path: FieldPath, consequence: string) => {
      const populated = namespaces.filter((namespace) => workspace.workloadsIn(namespace).length > 0);
      if (populated.length === 0) return;
      if (populated.some((namespace) => workloadsMatching(workspace, namespace, selector).length > 0)) return;
      const suggestion = closestLabelCached(workspace, `pods:${populated.join(',')}`, selector, () =>
        populated.flatMap((namespace) => workspace.workloadsIn(namespace).map((workload) => workload.podLabels)),
      );
      const message = `No workload declared in ${namespacesPhrase(populated)} has pods that match this podSelector: ${consequence}`;
      report({
        path,
        target: 'key',
        message: suggestion ? withHint(message, `Did you mean \`${suggestion.key}: ${suggestion.value}\`?`) : message,
        ...(suggestion ? { data: { suggestion: { key: suggestion.key, value: suggestion.value }, replaces: suggestion.replaces } } : {}),
      });
    };

    check(
      semantic.subject,
      [semantic.namespace],
      ['spec', 'podSelector'],
      'this policy applies to no pod, so it neither isolates nor allows any traffic',
    );
    const known = knownNamespaces(workspace);
    for (const rule of [...semantic.ingress, ...semantic.egress]) {
      if (rule.peers === 'any') continue;
      const field = rule.direction === 'ingress' ? 'from' : 'to';
      rule.peers.forEach((peer, j) => {
        if (peer.kind !== 'pods') return;
        check(
          peer.pods,
          peerNamespaces(peer, semantic.namespace, known),
          ['spec', rule.direction, rule.index, field, j, 'podSelector'],
          `this peer matches no pod, so it allows no connection ${rule.direction === 'ingress' ? 'from' : 'to'} any pod`,
        );
      });
    }
  },
};
