import { CodeActionKind } from 'vscode-languageserver-types';
import { isJsonObject, type Json, type JsonObject } from '../../model/json';
import type { FieldPath } from '../../model/path';
import { replaceEntry } from '../../yaml/edit/insert';
import { nodeAt } from '../../yaml/edit/layout';
import { action, policyTargetAt, wants, type PolicyTarget } from './policyEdits';
import type { CodeActionProvider } from './provider';

/**
 * "Convert matchLabels to matchExpressions" and back, on the selector under the cursor. Only
 * when nothing is lost: every label becomes `key In [value]`, and back only when every
 * expression is `In` with one value and the keys are distinct. A selector holding both
 * fields is left alone (the result would have to merge them).
 */

const SELECTOR_KEYS = new Set(['podSelector', 'namespaceSelector']);

/** The document path of the innermost selector the cursor is in (or on). */
function selectorAt(target: PolicyTarget): FieldPath | undefined {
  const path = target.found.path;
  for (let i = path.length - 1; i >= 0; i--) {
    if (typeof path[i] === 'string' && SELECTOR_KEYS.has(path[i] as string)) return [...target.root, ...path.slice(0, i + 1)];
  }
  return undefined;
}

function toExpressions(labels: JsonObject): Json[] | undefined {
  const entries = Object.entries(labels);
  if (entries.length === 0 || !entries.every(([, value]) => typeof value === 'string')) return undefined;
  return entries.map(([key, value]) => ({ key, operator: 'In', values: [value] }));
}

function toLabels(expressions: Json[]): JsonObject | undefined {
  const labels: JsonObject = {};
  for (const expression of expressions) {
    if (!isJsonObject(expression) || Object.keys(expression).some((key) => key !== 'key' && key !== 'operator' && key !== 'values'))
      return undefined;
    const { key, operator, values } = expression;
    if (typeof key !== 'string' || operator !== 'In' || !Array.isArray(values) || values.length !== 1) return undefined;
    if (typeof values[0] !== 'string' || Object.hasOwn(labels, key)) return undefined;
    labels[key] = values[0];
  }
  return expressions.length > 0 ? labels : undefined;
}

export const convertSelectorActions: CodeActionProvider = (request) => {
  if (!wants(request, CodeActionKind.RefactorRewrite)) return [];
  const target = policyTargetAt(request, request.start);
  const selectorPath = target && selectorAt(target);
  const selector = selectorPath && nodeAt(target.doc, selectorPath)?.value;
  if (!target || !selectorPath || !isJsonObject(selector)) return [];
  const { matchLabels, matchExpressions } = selector;
  let converted: { from: string; to: string; value: Json } | undefined;
  if (isJsonObject(matchLabels) && matchExpressions === undefined) {
    const expressions = toExpressions(matchLabels);
    if (expressions) converted = { from: 'matchLabels', to: 'matchExpressions', value: expressions };
  } else if (Array.isArray(matchExpressions) && matchLabels === undefined) {
    const labels = toLabels(matchExpressions);
    if (labels) converted = { from: 'matchExpressions', to: 'matchLabels', value: labels };
  }
  if (!converted) return [];
  return action(request, {
    title: `Convert ${converted.from} to ${converted.to}`,
    kind: CodeActionKind.RefactorRewrite,
    edits: [replaceEntry(target, selectorPath, converted.from, converted.to, converted.value)],
  });
};
