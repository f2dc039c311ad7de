import { CompletionItemKind } from 'vscode-languageserver-types';
import type { WorkloadObject } from '../../model/objects';
import type { Protocol, SemanticPolicy } from '../../model/semantics';
import { selectorMatches, type Labels, type Selector } from '../../model/selector';
import { knownNamespaces, peerNamespaces, workloadsMatching } from '../../model/workspaceQueries';
import type { WorkspaceView } from '../../model/workspaceView';
import { emitFlowYaml } from '../../yaml/emit';
import { RANK, type ItemSpec } from './items';

/**
 * What the workspace declares, as completions: the label keys and values of the pods (for a
 * pod selector) or the namespaces (for a namespace selector), namespace names, and the
 * container ports of the pods a rule's ports apply to. Ranked by how many objects use them,
 * the policy's own namespace first.
 */

/**
 * Whose labels a selector selects on: namespaces, or the pods of the policy's own namespace,
 * of the namespaces a peer's namespaceSelector picks, or of any namespace (that selector not
 * readable yet; a cluster-wide policy).
 */
export type LabelTarget = { readonly kind: 'namespaces' } | { readonly kind: 'pods'; readonly namespaces: 'own' | 'any' | Selector };

interface LabelSource {
  readonly labels: Labels;
  /** In the policy's namespace (pods), or the policy's namespace itself. */
  readonly own: boolean;
}

function labelSources(target: LabelTarget, workspace: WorkspaceView, namespace: string): LabelSource[] {
  if (target.kind === 'namespaces') {
    return knownNamespaces(workspace, [namespace]).map((known) => ({ labels: known.labels, own: known.name === namespace }));
  }
  const where = target.namespaces;
  const namespaces =
    where === 'own'
      ? [namespace]
      : where === 'any'
        ? new Set([namespace, ...workspace.namespacesWithWorkloads()])
        : knownNamespaces(workspace, [namespace])
            .filter((known) => selectorMatches(where, known.labels))
            .map((known) => known.name);
  return [...namespaces].flatMap((ns) =>
    workspace.workloadsIn(ns).map((workload) => ({ labels: workload.podLabels, own: ns === namespace })),
  );
}

/** Common labels to offer when the workspace declares no workload (Kubernetes' recommended labels, and cluster DNS). */
const WELL_KNOWN_POD_LABELS: Readonly<Record<string, readonly string[]>> = {
  'app.kubernetes.io/name': [],
  'app.kubernetes.io/instance': [],
  'app.kubernetes.io/component': [],
  'app.kubernetes.io/part-of': [],
  app: [],
  'k8s-app': ['kube-dns'],
};

interface Tally {
  readonly own: number;
  readonly all: number;
}

/** Values by how often they occur, the policy's own namespace first. */
function ranked(counts: Map<string, Tally>): [string, Tally][] {
  return [...counts].sort(([a, x], [b, y]) => y.own - x.own || y.all - x.all || a.localeCompare(b));
}

function count(counts: Map<string, Tally>, value: string, own: boolean): void {
  const tally = counts.get(value) ?? { own: 0, all: 0 };
  counts.set(value, { own: tally.own + (own ? 1 : 0), all: tally.all + 1 });
}

function usage(target: LabelTarget, tally: Tally): string {
  const noun = target.kind === 'pods' ? 'workload' : 'namespace';
  return `${tally.all} ${noun}${tally.all === 1 ? '' : 's'}`;
}

/** Label keys, not those already present; `insert` writes one as the slot needs it. */
export function labelKeyItems(
  target: LabelTarget,
  workspace: WorkspaceView,
  namespace: string,
  present: ReadonlySet<string>,
  insert: (key: string) => Pick<ItemSpec, 'insert' | 'snippet' | 'suggestAfter'>,
): ItemSpec[] {
  const counts = new Map<string, Tally>();
  for (const source of labelSources(target, workspace, namespace))
    for (const key of Object.keys(source.labels)) count(counts, key, source.own);
  const found = ranked(counts).filter(([key]) => !present.has(key));
  if (counts.size === 0 && target.kind === 'pods') {
    return Object.keys(WELL_KNOWN_POD_LABELS)
      .filter((key) => !present.has(key))
      .map((key) => ({ label: key, kind: CompletionItemKind.Property, detail: 'well-known label', rank: RANK.wellKnown, ...insert(key) }));
  }
  return found.map(([key, tally]) => ({
    label: key,
    kind: CompletionItemKind.Property,
    detail: `label of ${usage(target, tally)}`,
    rank: tally.own > 0 ? RANK.concerned : RANK.workspace,
    ...insert(key),
  }));
}

/** The values of one label key, as flow scalars (quoted where kubectl would misread them). */
export function labelValueItems(
  target: LabelTarget,
  workspace: WorkspaceView,
  namespace: string,
  key: string,
  present: ReadonlySet<string>,
): ItemSpec[] {
  const counts = new Map<string, Tally>();
  for (const source of labelSources(target, workspace, namespace)) {
    const value = source.labels[key];
    if (value !== undefined) count(counts, value, source.own);
  }
  if (counts.size === 0 && target.kind === 'pods') {
    return (WELL_KNOWN_POD_LABELS[key] ?? []).map((value) => ({
      label: value,
      kind: CompletionItemKind.Value,
      insert: emitFlowYaml(value),
      detail: 'well-known value',
      rank: RANK.wellKnown,
    }));
  }
  return ranked(counts)
    .filter(([value]) => !present.has(value))
    .map(([value, tally]) => ({
      label: value,
      kind: CompletionItemKind.Value,
      insert: emitFlowYaml(value),
      detail: `${key}=${value} on ${usage(target, tally)}`,
      rank: tally.own > 0 ? RANK.concerned : RANK.workspace,
    }));
}

/** Namespace names: those with the most workloads first, then the declared ones, then the built-in ones. */
export function namespaceItems(workspace: WorkspaceView): ItemSpec[] {
  const declared = new Set(workspace.namespaces().map((ns) => ns.name));
  return knownNamespaces(workspace)
    .map((known) => ({ name: known.name, workloads: workspace.workloadsIn(known.name).length }))
    .sort((a, b) => b.workloads - a.workloads || Number(declared.has(b.name)) - Number(declared.has(a.name)))
    .map(({ name, workloads }) => ({
      label: name,
      kind: CompletionItemKind.Module,
      insert: emitFlowYaml(name),
      detail: declared.has(name)
        ? `Namespace, ${workloads} workload${workloads === 1 ? '' : 's'}`
        : workloads
          ? `${workloads} workloads`
          : 'built-in namespace',
      rank: declared.has(name) || workloads ? RANK.workspace : RANK.common,
    }));
}

/** The workloads whose ports a rule's `ports` apply to: ingress, the policy's pods; egress, the rule's peers. */
export function concernedWorkloads(
  workspace: WorkspaceView,
  namespace: string,
  semantic: SemanticPolicy | undefined,
  direction: 'ingress' | 'egress',
  rule: number,
): WorkloadObject[] {
  if (!semantic) return [...workspace.workloadsIn(namespace)];
  if (direction === 'ingress') return workloadsMatching(workspace, namespace, semantic.subject);
  const peers = semantic.egress.find((r) => r.index === rule)?.peers ?? 'any';
  if (peers === 'any') return [...workspace.namespacesWithWorkloads()].flatMap((ns) => workspace.workloadsIn(ns));
  const known = knownNamespaces(workspace, [namespace]);
  return peers.flatMap((peer) =>
    peer.kind === 'pods' ? peerNamespaces(peer, namespace, known).flatMap((ns) => workloadsMatching(workspace, ns, peer.pods)) : [],
  );
}

/** Named ports, then numbers, of the given workloads' containers for one protocol. */
export function containerPortItems(workloads: readonly WorkloadObject[], protocol: Protocol): ItemSpec[] {
  const named = new Map<string, string>();
  const numbers = new Map<number, string>();
  for (const workload of workloads) {
    for (const port of workload.ports) {
      if (port.protocol !== protocol) continue;
      const owner = `${workload.kind} ${workload.namespace}/${workload.name}`;
      if (port.name && !named.has(port.name)) named.set(port.name, `${protocol} ${port.port} on ${owner}`);
      if (!numbers.has(port.port)) numbers.set(port.port, `${port.name ? `"${port.name}", ` : ''}${protocol} on ${owner}`);
    }
  }
  return [
    ...[...named].map(([name, detail]) => ({
      label: name,
      kind: CompletionItemKind.Value,
      insert: emitFlowYaml(name),
      detail,
      rank: RANK.concerned,
    })),
    ...[...numbers].map(([port, detail]) => ({
      label: String(port),
      kind: CompletionItemKind.Value,
      insert: String(port),
      detail,
      rank: RANK.concerned + 1,
    })),
  ];
}
