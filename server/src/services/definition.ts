import type { Location } from 'vscode-languageserver-types';
import type { YamlFile } from '../yaml/file';
import { peerOf, policyAt, subjectOf } from './policyAt';
import { peerWorkloadEntries, selectedNamespaceEntries, selectedWorkloadEntries } from './selection';
import type { AnalysisSettings } from './settings';
import type { IndexedObject, WorkspaceIndex } from './workspace';

function workloadLocation(entry: IndexedObject): Location {
  return { uri: entry.uri, range: entry.labelsRange ?? entry.nameRange };
}

/**
 * Go to definition on a policy's `spec.podSelector` or on a peer: the workloads whose pod
 * labels it matches; on a peer's `namespaceSelector`: the Namespaces it matches.
 */
export function definition(file: YamlFile, offset: number, settings: AnalysisSettings, index: WorkspaceIndex): Location[] {
  const found = policyAt(file, offset, settings.version, settings.cluster.defaultNamespace);
  if (!found) return [];
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
