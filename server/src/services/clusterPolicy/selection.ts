import type { ClusterPeer, ClusterSubject } from '../../model/clusterPolicy/policy';
import type { WorkloadObject } from '../../model/objects';
import { selectorMatches, type Selector } from '../../model/selector';
import { knownNamespaces } from '../../model/workspaceQueries';
import { selectedWorkloadEntries } from '../selection';
import type { IndexedObject, WorkspaceIndex } from '../workspace';

/**
 * The workloads of the workspace a cluster policy's subject or pod peer selects: pods in any
 * namespace whose labels match, never host-network pods (network-policy-api: "host-networked
 * pods are not included").
 */
export function clusterWorkloadEntries(index: WorkspaceIndex, namespaces: Selector, pods: Selector): IndexedObject[] {
  return knownNamespaces(index)
    .filter((namespace) => selectorMatches(namespaces, namespace.labels))
    .flatMap((namespace) => selectedWorkloadEntries(index, namespace.name, pods))
    .filter((entry) => (entry.object as WorkloadObject).hostNetwork !== true);
}

export function subjectWorkloadEntries(index: WorkspaceIndex, subject: ClusterSubject): IndexedObject[] {
  return clusterWorkloadEntries(index, subject.namespaces, subject.pods);
}

export function peerWorkloadEntries(index: WorkspaceIndex, peer: ClusterPeer): IndexedObject[] {
  return peer.kind === 'pods' && peer.namespaces !== 'own' ? clusterWorkloadEntries(index, peer.namespaces, peer.pods) : [];
}

/** The host-network workloads a subject or peer would select but for their host network. */
export function hostNetworkEntries(index: WorkspaceIndex, namespaces: Selector, pods: Selector): IndexedObject[] {
  return knownNamespaces(index)
    .filter((namespace) => selectorMatches(namespaces, namespace.labels))
    .flatMap((namespace) => selectedWorkloadEntries(index, namespace.name, pods))
    .filter((entry) => (entry.object as WorkloadObject).hostNetwork === true);
}
