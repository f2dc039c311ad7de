import { NAMESPACE_NAME_LABEL, type WorkloadObject } from './objects';
import { selectorMatches, type Labels, type Selector } from './selector';
import type { PodPeer } from './semantics';
import type { WorkspaceView } from './workspaceView';

/** Queries of the workspace shared by the lints and the navigation. */

/** A namespace as the workspace knows it, with its labels. */
export interface KnownNamespace {
  readonly name: string;
  readonly labels: Labels;
}

/** The namespaces every cluster has, whether or not the workspace declares them. */
export const BUILT_IN_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/**
 * Declared Namespaces (with their labels), plus the namespaces that only appear as the
 * namespace of a workload or of `extra`, and the built-in ones (with just the automatic
 * `kubernetes.io/metadata.name`).
 */
export function knownNamespaces(workspace: WorkspaceView, extra: readonly string[] = []): KnownNamespace[] {
  const out = new Map<string, KnownNamespace>();
  for (const namespace of workspace.namespaces()) {
    if (!out.has(namespace.name)) out.set(namespace.name, { name: namespace.name, labels: namespace.labels });
  }
  for (const name of [...workspace.namespacesWithWorkloads(), ...extra, ...BUILT_IN_NAMESPACES]) {
    if (!out.has(name)) out.set(name, { name, labels: { [NAMESPACE_NAME_LABEL]: name } });
  }
  return [...out.values()];
}

/** The namespaces a pod peer looks in: the policy's own, or the known namespaces its namespaceSelector picks. */
export function peerNamespaces(peer: PodPeer, policyNamespace: string, known: readonly KnownNamespace[]): string[] {
  const selector = peer.namespaces;
  if (selector === 'own') return [policyNamespace];
  return known.filter((namespace) => selectorMatches(selector, namespace.labels)).map((namespace) => namespace.name);
}

/** The workloads of a namespace whose pods a selector picks. */
export function workloadsMatching(workspace: WorkspaceView, namespace: string, selector: Selector): WorkloadObject[] {
  return workspace.workloadsIn(namespace).filter((workload) => selectorMatches(selector, workload.podLabels));
}
