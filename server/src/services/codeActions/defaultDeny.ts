import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { defaultDenyName, defaultDenySpec, networkPolicy } from '../../model/recipes';
import { deniesAllIngress } from '../../rules/lints/namespaceWithoutDefaultDeny';
import { emitYaml } from '../../yaml/emit';
import { appendDocument } from '../../yaml/edit/document';
import { action, diagnosticsOf, policyTargetAt, policyTargetOf, wants } from './policyEdits';
import type { CodeActionProvider } from './provider';

/**
 * "Add default-deny policy for this namespace" (the policy the `namespace-without-default-deny`
 * lint asks for: every pod, Ingress, no rule), as a new document of this file or a new file
 * beside it. Not offered when the namespace has one already. Quick fixes of that lint's
 * diagnostic when the request carries it, refactorings of any policy otherwise.
 */
export const defaultDenyActions: CodeActionProvider = (request) => {
  const target = policyTargetAt(request, request.start);
  if (!target) return [];
  const { semantic } = target.found;
  const diagnostic = diagnosticsOf(request, 'namespace-without-default-deny').find(
    (d) => policyTargetOf(request, d)?.found.semantic.namespace === semantic.namespace,
  );
  const kind = diagnostic ? CodeActionKind.QuickFix : CodeActionKind.Refactor;
  if (!wants(request, kind)) return [];
  const namespace = semantic.namespace;
  if (deniesAllIngress(semantic) || request.index.policiesIn(namespace).some((other) => deniesAllIngress(other.semantic))) return [];
  const types = ['Ingress'] as const;
  const name = defaultDenyName(types);
  const full = networkPolicy(name, namespace, defaultDenySpec(types));
  // Without metadata.namespace it goes where kubectl's context says, like the policy it sits beside.
  const policy = semantic.namespaceGiven ? full : { ...full, metadata: { name } };
  const style = target.style;
  const actions: CodeAction[] = action(request, {
    title: `Add ${name} policy for namespace ${namespace} to this file`,
    kind,
    ...(diagnostic ? { diagnostic, isPreferred: true } : {}),
    edits: [appendDocument(request.file.text, policy, style)],
  });
  if (request.uri.startsWith('file:')) {
    const uri = request.uri.replace(/[^/]*$/, `${name}${semantic.namespaceGiven ? `-${namespace}` : ''}.yaml`);
    actions.push({
      title: `Add ${name} policy for namespace ${namespace} in a new file`,
      kind,
      ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
      edit: {
        documentChanges: [
          { kind: 'create', uri },
          {
            textDocument: { uri, version: null },
            edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: emitYaml(policy, style) }],
          },
        ],
      },
    });
  }
  return actions;
};
