import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { isJsonObject } from '../../model/json';
import type { FieldPath } from '../../model/path';
import { nodeAt, type EditTarget, type OffsetEdit } from '../../yaml/edit/layout';
import { renameKey, replaceScalar } from '../../yaml/edit/scalar';
import { action, detailsOf, diagnosticsOf, pathOf, policyTargetOf } from './policyEdits';
import type { CodeActionProvider } from './provider';

/** `selector-matches-nothing` with a suggestion: the written label replaced by the closest existing one. */

interface Label {
  readonly key: string;
  readonly value: string;
}

function isLabel(value: unknown): value is Label {
  return (
    typeof value === 'object' && value !== null && typeof (value as Label).key === 'string' && typeof (value as Label).value === 'string'
  );
}

/** The edits that turn the selector's `from` label (a matchLabels entry or an `In` value) into `to`. */
function relabel(target: EditTarget, selector: FieldPath, from: Label, to: Label): (OffsetEdit | undefined)[] | undefined {
  const labels = nodeAt(target.doc, [...selector, 'matchLabels'])?.value;
  if (isJsonObject(labels) && labels[from.key] === from.value) {
    const entry = [...selector, 'matchLabels', from.key];
    return [
      ...(from.key === to.key ? [] : [renameKey(target, entry, to.key)]),
      ...(from.value === to.value ? [] : [replaceScalar(target, entry, to.value)]),
    ];
  }
  const expressions = nodeAt(target.doc, [...selector, 'matchExpressions'])?.value;
  if (!Array.isArray(expressions)) return undefined;
  const index = expressions.findIndex(
    (e) => isJsonObject(e) && e.key === from.key && e.operator === 'In' && Array.isArray(e.values) && e.values.includes(from.value),
  );
  const values = nodeAt(target.doc, [...selector, 'matchExpressions', index, 'values'])?.value;
  if (index < 0 || !Array.isArray(values)) return undefined;
  const expression = [...selector, 'matchExpressions', index];
  return [
    ...(from.key === to.key ? [] : [replaceScalar(target, [...expression, 'key'], to.key)]),
    ...(from.value === to.value ? [] : [replaceScalar(target, [...expression, 'values', values.indexOf(from.value)], to.value)]),
  ];
}

export const selectorSuggestionActions: CodeActionProvider = (request) => {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnosticsOf(request, 'selector-matches-nothing')) {
    const { suggestion, replaces } = detailsOf(diagnostic);
    const path = pathOf(diagnostic);
    const target = policyTargetOf(request, diagnostic);
    if (!path || !target || !isLabel(suggestion) || !isLabel(replaces)) continue;
    const edits = relabel(target, path, replaces, suggestion);
    if (!edits) continue;
    actions.push(
      ...action(request, {
        title: `Change ${replaces.key}: ${replaces.value} to ${suggestion.key}: ${suggestion.value}`,
        kind: CodeActionKind.QuickFix,
        diagnostic,
        edits,
      }),
    );
  }
  return actions;
};
