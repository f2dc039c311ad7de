import type { Location } from 'vscode-languageserver-types';
import { isWorkloadObject, NAMESPACE_NAME_LABEL, objectsOf, type WorkloadObject } from '../model/objects';
import { selectorMatches, type Selector } from '../model/selector';
import { knownNamespaces, peerNamespaces, type KnownNamespace } from '../model/workspaceQueries';
import { isNetworkPolicyObject } from '../rules/validateDocument';
import { cursorAt } from '../yaml/cursor';
import type { YamlFile } from '../yaml/file';
import type { AnalysisSettings } from './settings';
import { never } from './cancellation';
import { anchorRange, type WorkspaceIndex } from './workspace';

/** The workload whose document the offset is in. */
export function workloadAt(file: YamlFile, offset: number, settings: AnalysisSettings): WorkloadObject | undefined {
  const cursor = cursorAt(file, offset);
  if (!cursor) return undefined;
  const objects = objectsOf(cursor.doc.json, settings.cluster.defaultNamespace, isNetworkPolicyObject, settings.kustomize?.steps);
  const object = objects.find((candidate) => candidate.path.every((segment, i) => cursor.path[i] === segment));
  return object && isWorkloadObject(object) ? object : undefined;
}

/**
 * Find references on a workload: the policies that select its pods (their `spec.podSelector`,
 * a cluster policy's `spec.subject`) or name them as a peer (the peer), across the workspace.
 * Once `isCancelled` says so (the request's time ran out), the references found so far.
 */
export function references(
  file: YamlFile,
  offset: number,
  settings: AnalysisSettings,
  index: WorkspaceIndex,
  isCancelled: () => boolean = never,
): Location[] {
  const workload = workloadAt(file, offset, settings);
  if (!workload) return [];
  const out: Location[] = [];
  const known = knownNamespaces(index);
  for (const entry of index.policyEntries()) {
    if (isCancelled()) return out;
    const semantic = entry.policy?.semantic;
    if (!semantic || semantic.partial) continue;
    const at = (path: (string | number)[]) => {
      const range = anchorRange(entry, path);
      if (range) out.push({ uri: entry.uri, range });
    };
    if (semantic.namespace === workload.namespace && selectorMatches(semantic.subject, workload.podLabels)) at(['spec', 'podSelector']);
    for (const rule of [...semantic.ingress, ...semantic.egress]) {
      if (rule.peers === 'any') continue;
      rule.peers.forEach((peer, j) => {
        if (peer.kind !== 'pods' || !selectorMatches(peer.pods, workload.podLabels)) return;
        if (!peerNamespaces(peer, semantic.namespace, known).includes(workload.namespace)) return;
        at(['spec', rule.direction, rule.index, rule.direction === 'ingress' ? 'from' : 'to', j]);
      });
    }
  }
  out.push(...clusterPolicyReferences(index, workload, known));
  return out;
}

/** The cluster-wide policies whose subject or pod peers select a workload (host-network pods are never selected). */
function clusterPolicyReferences(index: WorkspaceIndex, workload: WorkloadObject, known: readonly KnownNamespace[]): Location[] {
  if (workload.hostNetwork) return [];
  const labels = known.find((namespace) => namespace.name === workload.namespace)?.labels ?? { [NAMESPACE_NAME_LABEL]: workload.namespace };
  const picks = (namespaces: Selector, pods: Selector) => selectorMatches(namespaces, labels) && selectorMatches(pods, workload.podLabels);
  const out: Location[] = [];
  for (const entry of index.clusterPolicyEntries()) {
    const policy = entry.clusterPolicy?.policy;
    if (!policy) continue;
    const at = (path: (string | number)[]) => {
      const range = anchorRange(entry, path);
      if (range) out.push({ uri: entry.uri, range });
    };
    if (picks(policy.subject.namespaces, policy.subject.pods)) at(['spec', 'subject']);
    for (const rule of [...policy.ingress, ...policy.egress]) {
      rule.peers.forEach((peer, j) => {
        if (peer.kind === 'pods' && peer.namespaces !== 'own' && picks(peer.namespaces, peer.pods))
          at(['spec', rule.direction, rule.index, rule.direction === 'ingress' ? 'from' : 'to', j]);
      });
    }
  }
  return out;
}
