import { requirementMatches, type Labels, type Selector } from '../../model/selector';
import type { Protocol, SemanticRule } from '../../model/semantics';
import type { WorkspaceView } from '../../model/workspaceView';
import { distance } from '../suggest';

/** Shared queries of the lints that consult the workspace (see also model/workspaceQueries). */

/** A port entry of a rule that lets `protocol` port 53 through, with its index; 'all' when the rule has no ports. */
export function dnsPortOf(rule: SemanticRule, protocol: Protocol): number | 'all' | undefined {
  if (rule.ports === 'all') return 'all';
  const names = protocol === 'UDP' ? DNS_PORT_NAMES.UDP : DNS_PORT_NAMES.TCP;
  const index = rule.ports.findIndex((range) => {
    if (range.protocol !== protocol) return false;
    if (range.port === undefined) return true;
    if (typeof range.port === 'string') return names.includes(range.port);
    return range.port <= 53 && 53 <= (range.endPort ?? range.port);
  });
  return index < 0 ? undefined : index;
}

/** Container port names that stand for DNS (CoreDNS and kube-dns name theirs `dns` and `dns-tcp`). */
export const DNS_PORT_NAMES: Readonly<Record<'UDP' | 'TCP', readonly string[]>> = { UDP: ['dns', 'domain'], TCP: ['dns-tcp', 'domain'] };

/** The data of a "did you mean" about a label: the label to write instead of the written one. */
export interface LabelSuggestionData {
  readonly suggestion: { readonly key: string; readonly value: string };
  readonly replaces: { readonly key: string; readonly value: string };
}

export interface LabelSuggestion {
  readonly key: string;
  readonly value: string;
  /** The written `key: value` it would replace. */
  readonly replaces: { readonly key: string; readonly value: string };
}

/** How far a suggestion may be from the written label. */
export type LabelCloseness =
  /** Key and value may both differ: within a third of their joint length (at least one edit). */
  | 'label'
  /**
   * Same key, the value a small edit away (1 edit, 2 from 6 characters): a namespace name
   * one typo away, never an unrelated namespace that happens to be short.
   */
  | 'value';

/**
 * The existing label closest to a `key: value` of the selector that nothing carries (its
 * matchLabels entries and `In` values), by edit distance, within `closeness`.
 *
 * Remembered per workspace until its objects change: a workspace lint re-runs for every policy
 * of a namespace whenever one of them is edited, and the search compares the selector with
 * every label of the workspace. `scope` names the candidates (e.g. the namespaces whose
 * workloads they are).
 */
export function closestLabelCached(
  workspace: WorkspaceView,
  scope: string,
  selector: Selector,
  candidates: () => readonly Labels[],
  closeness: LabelCloseness = 'label',
): LabelSuggestion | undefined {
  let memo = suggestionMemo.get(workspace);
  if (memo?.version !== workspace.objectsVersion) {
    memo = { version: workspace.objectsVersion, results: new Map() };
    suggestionMemo.set(workspace, memo);
  }
  const key = `${scope}\u0000${closeness}\u0000${JSON.stringify(selector.requirements)}`;
  if (!memo.results.has(key)) memo.results.set(key, closestLabel(selector, candidates(), closeness));
  return memo.results.get(key);
}

const suggestionMemo = new WeakMap<WorkspaceView, { version: number; results: Map<string, LabelSuggestion | undefined> }>();

/** The search itself (see closestLabelCached). */
function closestLabel(selector: Selector, candidates: readonly Labels[], closeness: LabelCloseness): LabelSuggestion | undefined {
  const pairs = new Map<string, { key: string; value: string }>();
  for (const labels of candidates) {
    for (const key of Object.keys(labels)) pairs.set(JSON.stringify([key, labels[key]]), { key, value: labels[key]! });
  }
  let best: LabelSuggestion | undefined;
  let bestDistance = Infinity;
  for (const requirement of selector.requirements) {
    if (requirement.operator !== 'In' || candidates.some((labels) => requirementMatches(requirement, labels))) continue;
    for (const value of requirement.values) {
      const limit =
        closeness === 'value' ? (value.length >= 6 ? 2 : 1) : Math.max(1, Math.floor((requirement.key.length + value.length) / 3));
      for (const pair of pairs.values()) {
        if (closeness === 'value' && pair.key !== requirement.key) continue;
        const keyDistance = distance(requirement.key, pair.key, limit);
        const d = keyDistance > limit ? keyDistance : keyDistance + distance(value, pair.value, limit - keyDistance);
        if (d > 0 && d <= limit && d < bestDistance) {
          best = { ...pair, replaces: { key: requirement.key, value } };
          bestDistance = d;
        }
      }
    }
  }
  return best;
}

/** `namespace "a"` or `namespaces "a", "b"`. */
export function namespacesPhrase(names: readonly string[]): string {
  const quoted = names.map((name) => JSON.stringify(name)).join(', ');
  return names.length === 1 ? `namespace ${quoted}` : `namespaces ${quoted}`;
}
