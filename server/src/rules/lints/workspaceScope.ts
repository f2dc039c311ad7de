import { requirementMatches, type Labels, type Requirement, type Selector } from '../../model/selector';
import type { Protocol, SemanticPolicy, SemanticRule } from '../../model/semantics';
import type { WorkspacePolicy, WorkspaceView } from '../../model/workspaceView';
import { distance } from '../suggest';

/** Shared queries of the lints that consult the workspace (see also model/workspaceQueries). */

function sameRequirement(a: Requirement, b: Requirement): boolean {
  if (a.key !== b.key || a.operator !== b.operator || a.values.length !== b.values.length) return false;
  const values = new Set(b.values);
  return a.values.every((value) => values.has(value));
}

/** Whether `wider` selects at least every pod `narrower` selects (its requirements are a subset). */
export function selectsAtLeast(wider: Selector, narrower: Selector): boolean {
  return wider.requirements.every((requirement) => narrower.requirements.some((other) => sameRequirement(requirement, other)));
}

/**
 * Whether `other` is another policy of the namespace that selects at least the pods of
 * `semantic` (subject `{}`, or requirements that are a subset of its own). A policy of the
 * same name is the same object (an older copy of this one, or a duplicate that replaces it),
 * so it does not count; neither does a policy whose meaning is incomplete (the API server
 * rejects it).
 */
function covers(other: WorkspacePolicy, semantic: SemanticPolicy): boolean {
  return other.name !== semantic.name && !other.semantic.partial && selectsAtLeast(other.semantic.subject, semantic.subject);
}

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

/** Where DNS over `protocol` is allowed for the pods of a policy: by its own rules, or by a covering policy. */
export interface DnsAllowance {
  /** The rule of the policy itself and the index of its port entry ('all': a rule without ports). */
  readonly own?: { readonly rule: SemanticRule; readonly port: number | 'all' };
  /** A covering policy that allows it (when the policy itself does not). */
  readonly other?: WorkspacePolicy;
}

/** Whether an egress rule of the policy, or of a covering policy with Egress in its types, lets `protocol` port 53 through. */
export function dnsAllowance(semantic: SemanticPolicy, workspace: WorkspaceView, protocol: Protocol): DnsAllowance | undefined {
  for (const rule of semantic.egress) {
    const port = dnsPortOf(rule, protocol);
    if (port !== undefined) return { own: { rule, port } };
  }
  const other = dnsAllowers(workspace.policiesIn(semantic.namespace), protocol).find((candidate) => covers(candidate, semantic));
  return other && { other };
}

/** The data of a "did you mean" about a label: the label to write instead of the written one. */
export interface LabelSuggestionData {
  readonly suggestion: { readonly key: string; readonly value: string };
  readonly replaces: { readonly key: string; readonly value: string };
}

/**
 * The policies of a namespace with Egress in their types and a rule that lets `protocol`
 * port 53 through, in order. Every policy of the namespace asks: computed once per list of
 * policies (a new list whenever the workspace changes), so that a namespace of 40,000
 * policies is not read 40,000 times.
 */
function dnsAllowers(policies: readonly WorkspacePolicy[], protocol: Protocol): readonly WorkspacePolicy[] {
  let memo = dnsAllowersMemo.get(policies);
  if (!memo) {
    memo = new Map();
    dnsAllowersMemo.set(policies, memo);
  }
  let allowing = memo.get(protocol);
  if (!allowing) {
    allowing = policies.filter(
      (other) => other.semantic.types.egress && other.semantic.egress.some((rule) => dnsPortOf(rule, protocol) !== undefined),
    );
    memo.set(protocol, allowing);
  }
  return allowing;
}

const dnsAllowersMemo = new WeakMap<readonly WorkspacePolicy[], Map<Protocol, readonly WorkspacePolicy[]>>();

export interface LabelSuggestion {
  readonly key: string;
  readonly value: string;
  /** The written `key: value` it would replace. */
  readonly replaces: { readonly key: string; readonly value: string };
}

/**
 * The existing label closest to a `key: value` of the selector that nothing carries (its
 * matchLabels entries and `In` values), by edit distance over key and value together; only
 * within a third of the written key and value's length (at least one edit).
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
): LabelSuggestion | undefined {
  let memo = suggestionMemo.get(workspace);
  if (memo?.version !== workspace.objectsVersion) {
    memo = { version: workspace.objectsVersion, results: new Map() };
    suggestionMemo.set(workspace, memo);
  }
  const key = `${scope}\u0000${JSON.stringify(selector.requirements)}`;
  if (!memo.results.has(key)) memo.results.set(key, closestLabel(selector, candidates()));
  return memo.results.get(key);
}

const suggestionMemo = new WeakMap<WorkspaceView, { version: number; results: Map<string, LabelSuggestion | undefined> }>();

/** The search itself (see closestLabelCached). */
function closestLabel(selector: Selector, candidates: readonly Labels[]): LabelSuggestion | undefined {
  const pairs = new Map<string, { key: string; value: string }>();
  for (const labels of candidates) {
    for (const key of Object.keys(labels)) pairs.set(JSON.stringify([key, labels[key]]), { key, value: labels[key]! });
  }
  let best: LabelSuggestion | undefined;
  let bestDistance = Infinity;
  for (const requirement of selector.requirements) {
    if (requirement.operator !== 'In' || candidates.some((labels) => requirementMatches(requirement, labels))) continue;
    for (const value of requirement.values) {
      const limit = Math.max(1, Math.floor((requirement.key.length + value.length) / 3));
      for (const pair of pairs.values()) {
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
