import type { Location } from 'vscode-languageserver-types';
import type { YamlFile } from '../yaml/file';
import { clusterPolicyAt } from './clusterPolicy/at';
import { peerWorkloadEntries as clusterPeerWorkloads, subjectWorkloadEntries } from './clusterPolicy/selection';
import { peerOf, policyAt, subjectOf } from './policyAt';
import { peerWorkloadEntries, selectedNamespaceEntries, selectedWorkloadEntries } from './selection';
import type { AnalysisSettings } from './settings';
import type { IndexedObject, WorkspaceIndex } from './workspace';

/**
 * In a cluster-wide policy: the subject or a pod peer goes to the workloads it selects (never
 * host-network ones); a namespace selector (`namespaces`, `namespaceSelector`) to the Namespaces.
 */
function clusterPolicyDefinition(file: YamlFile, offset: number, settings: AnalysisSettings, index: WorkspaceIndex): Location[] {
  const found = clusterPolicyAt(file, offset, settings);
  if (!found) return [];
  const { policy } = found.analysis;
  const { part } = found;
  const namespaceLocation = (entry: IndexedObject): Location => ({ uri: entry.uri, range: entry.nameRange });
  if (part.kind === 'subject') {
    if (part.selector === 'namespaceSelector') return selectedNamespaceEntries(index, policy.subject.namespaces).map(namespaceLocation);
    return subjectWorkloadEntries(index, policy.subject).map(workloadLocation);
  }
  if (part.kind !== 'peer') return [];
  const peer = (part.direction === 'ingress' ? policy.ingress : policy.egress).find((rule) => rule.index === part.rule)?.peers[part.peer];
  if (!peer || peer.kind !== 'pods' || peer.namespaces === 'own') return [];
  if (part.field === 'namespaceSelector') return selectedNamespaceEntries(index, peer.namespaces).map(namespaceLocation);
  return clusterPeerWorkloads(index, peer).map(workloadLocation);
}

function workloadLocation(entry: IndexedObject): Location {
  return { uri: entry.uri, range: entry.labelsRange ?? entry.nameRange };
}

/**
 * Go to definition on a policy's `spec.podSelector` or on a peer: the workloads whose pod
 * labels it matches; on a peer's `namespaceSelector`: the Namespaces it matches.
 */
export function definition(file: YamlFile, offset: number, settings: AnalysisSettings, index: WorkspaceIndex): Location[] {
  const found = policyAt(file, offset, settings.version, settings.cluster.defaultNamespace);
  if (!found) return clusterPolicyDefinition(file, offset, settings, index);
  const { semantic, part } = found;
  if (part.kind === 'subject') {
    const subject = subjectOf(found);
    return subject ? selectedWorkloadEntries(index, semantic.namespace, subject).map(workloadLocation) : [];
  }
  const peer = peerOf(found);
  if (!peer || peer.kind !== 'pods') return [];
  if (part.kind === 'peer' && part.field === 'namespaceSelector' && peer.namespaces !== 'own') {
    return selectedNamespaceEntries(index, peer.namespaces).map((entry) => ({ uri: entry.uri, range: entry.nameRange }));
  }
  return peerWorkloadEntries(index, peer, semantic.namespace).map(workloadLocation);
}
