import { NAMESPACE_NAME_LABEL, type WorkloadObject } from './objects';
import { selectorMatches, type Labels, type Selector } from './selector';
import type { PodPeer } from './semantics';
import type { WorkspaceView } from './workspaceView';

/** A namespace as far as the workspace knows it: declared, or only named by the objects in it. */
export interface KnownNamespace {
  readonly name: string;
  readonly labels: Labels;
  readonly declared: boolean;
}

/**
 * Declared Namespaces, plus the namespaces that workloads are placed in (those carry only the
 * automatic `kubernetes.io/metadata.name` label as far as the workspace can tell).
 */
export function knownNamespaces(workspace: WorkspaceView): KnownNamespace[] {
  const out = new Map<string, KnownNamespace>();
  for (const namespace of workspace.namespaces())
    out.set(namespace.name, { name: namespace.name, labels: namespace.labels, declared: true });
  for (const name of workspace.namespacesWithWorkloads()) {
    if (!out.has(name)) out.set(name, { name, labels: { [NAMESPACE_NAME_LABEL]: name }, declared: false });
  }
  return [...out.values()];
}

export function namespacesSelectedBy(selector: Selector, workspace: WorkspaceView): KnownNamespace[] {
  return knownNamespaces(workspace).filter((namespace) => selectorMatches(selector, namespace.labels));
}

/** The workloads of `namespace` whose pods a selector picks. */
export function workloadsSelectedIn(namespace: string, selector: Selector, workspace: WorkspaceView): WorkloadObject[] {
  return workspace.workloadsIn(namespace).filter((workload) => selectorMatches(selector, workload.podLabels));
}

/** The namespaces a pod peer reaches into: the policy's own, or those its namespaceSelector picks. */
export function peerNamespaces(peer: PodPeer, policyNamespace: string, workspace: WorkspaceView): string[] {
  return peer.namespaces === 'own'
    ? [policyNamespace]
    : namespacesSelectedBy(peer.namespaces, workspace).map((namespace) => namespace.name);
}

/** The workloads whose pods a pod peer selects. */
export function workloadsOfPeer(peer: PodPeer, policyNamespace: string, workspace: WorkspaceView): WorkloadObject[] {
  return peerNamespaces(peer, policyNamespace, workspace).flatMap((namespace) => workloadsSelectedIn(namespace, peer.pods, workspace));
}
