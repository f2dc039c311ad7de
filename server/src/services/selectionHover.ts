import type { Hover } from 'vscode-languageserver-types';
import type { YamlFile } from '../yaml/file';
import { peerOf, policyAt, subjectOf } from './policyAt';
import { valueRange } from './ranges';
import { describeObject, peerWorkloadEntries, selectedNamespaceEntries, selectedWorkloadEntries } from './selection';
import type { AnalysisSettings } from './settings';
import { shortLocation, type IndexedObject, type WorkspaceIndex } from './workspace';

const LISTED = 10;

function list(entries: readonly IndexedObject[]): string {
  const lines = entries
    .slice(0, LISTED)
    .map(
      (entry) =>
        `- ${describeObject(entry)} (\`${entry.object.kind === 'Namespace' ? '' : `${(entry.object as { namespace: string }).namespace}/`}${entry.object.name}\`) — ${shortLocation(entry.uri, entry.nameRange)}`,
    );
  if (entries.length > LISTED) lines.push(`- … and ${entries.length - LISTED} more`);
  return lines.join('\n');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Hover on a policy's `spec.podSelector` or a peer: the workloads (or namespaces) of the
 * workspace it selects. Undefined elsewhere.
 */
export function selectionHover(file: YamlFile, offset: number, settings: AnalysisSettings, index: WorkspaceIndex): Hover | undefined {
  const found = policyAt(file, offset, settings.version, settings.cluster.defaultNamespace);
  if (!found) return undefined;
  const { semantic, part, cursor } = found;
  const range = valueRange(cursor.chunk, cursor.doc, cursor.path, cursor.onKey ? 'key' : 'value');
  if (part.kind === 'subject') {
    const subject = subjectOf(found);
    if (!subject) return undefined;
    const declared = index.workloadsIn(semantic.namespace).length;
    const selected = selectedWorkloadEntries(index, semantic.namespace, subject);
    const text =
      declared === 0
        ? `The workspace declares no workloads in namespace \`${semantic.namespace}\`.`
        : selected.length === 0
          ? `Selects none of the ${plural(declared, 'workload')} the workspace declares in namespace \`${semantic.namespace}\`.`
          : `**Selects ${plural(selected.length, 'workload')}** in namespace \`${semantic.namespace}\`:\n\n${list(selected)}`;
    return { contents: { kind: 'markdown', value: text }, range };
  }
  const peer = peerOf(found);
  if (!peer || peer.kind !== 'pods') return undefined;
  if (part.kind === 'peer' && part.field === 'namespaceSelector' && peer.namespaces !== 'own') {
    const namespaces = selectedNamespaceEntries(index, peer.namespaces);
    const text = namespaces.length
      ? `**Selects ${plural(namespaces.length, 'declared namespace')}**:\n\n${list(namespaces)}`
      : 'Selects none of the Namespaces declared in the workspace.';
    return { contents: { kind: 'markdown', value: text }, range };
  }
  const workloads = peerWorkloadEntries(index, peer, semantic.namespace);
  const text = workloads.length
    ? `**Selects ${plural(workloads.length, 'workload')}**:\n\n${list(workloads)}`
    : 'Selects no workload declared in the workspace.';
  return { contents: { kind: 'markdown', value: text }, range };
}
