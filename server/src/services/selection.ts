import type { WorkloadObject } from '../model/objects';
import { selectorMatches, type Selector } from '../model/selector';
import type { PodPeer } from '../model/semantics';
import { knownNamespaces, peerNamespaces } from '../model/workspaceQueries';
import { shortLocation, type IndexedObject, type WorkspaceIndex } from './workspace';

/** The indexed workloads of a namespace whose pods a selector picks. */
export function selectedWorkloadEntries(index: WorkspaceIndex, namespace: string, selector: Selector): IndexedObject[] {
  return index.workloadEntriesIn(namespace).filter((entry) => selectorMatches(selector, (entry.object as WorkloadObject).podLabels));
}

/** The indexed workloads a pod peer selects. */
export function peerWorkloadEntries(index: WorkspaceIndex, peer: PodPeer, policyNamespace: string): IndexedObject[] {
  return peerNamespaces(peer, policyNamespace, knownNamespaces(index)).flatMap((namespace) =>
    selectedWorkloadEntries(index, namespace, peer.pods),
  );
}

/** The declared Namespaces a namespace selector picks. */
export function selectedNamespaceEntries(index: WorkspaceIndex, selector: Selector): IndexedObject[] {
  const picked = new Set(
    knownNamespaces(index)
      .filter((namespace) => selectorMatches(selector, namespace.labels))
      .map((namespace) => namespace.name),
  );
  return index.namespaceEntries().filter((entry) => picked.has(entry.object.name));
}

/** "Deployment web" */
export function describeObject(entry: IndexedObject): string {
  return `${entry.object.kind} ${entry.object.name}`;
}

const LISTED = 10;

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** Markdown lines of objects with where they are written, the first ten. */
export function listEntries(entries: readonly IndexedObject[]): string {
  const lines = entries.slice(0, LISTED).map((entry) => {
    const namespace = 'namespace' in entry.object ? `${entry.object.namespace}/` : '';
    return `- ${describeObject(entry)} \`${namespace}${entry.object.name}\` — ${shortLocation(entry.uri, entry.nameRange)}`;
  });
  if (entries.length > LISTED) lines.push(`- … and ${entries.length - LISTED} more`);
  return lines.join('\n');
}
