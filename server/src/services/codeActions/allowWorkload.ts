import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { isJsonObject, type JsonObject } from '../../model/json';
import type { WorkloadObject } from '../../model/objects';
import { namespaceByName } from '../../model/recipes';
import type { Direction } from '../../model/semantics';
import type { WorkspaceView } from '../../model/workspaceView';
import { COMMANDS, type AllowWorkloadEditResult, type WorkloadRef, type WorkloadsResult } from '../../protocol';
import { addToList } from '../../yaml/edit/insert';
import { nodeAt } from '../../yaml/edit/layout';
import type { YamlFile } from '../../yaml/file';
import type { AnalysisSettings } from '../settings';
import { policyTargetAt, textEdits, wants } from './policyEdits';
import { enforceDirection } from './policyTypes';
import type { CodeActionProvider } from './provider';

/**
 * "Allow traffic from workload…" / "to workload…": the refactorings run the client command
 * `netpol.allowWorkload`, which picks a workload (`netpol/workloads`) and asks for the edit
 * (`netpol/allowWorkloadEdit`): a rule with one peer that selects the workload's pods, with
 * the namespace (by its name label) AND the pod labels in one peer when the workload is in
 * another namespace.
 */

export const allowWorkloadActions: CodeActionProvider = (request) => {
  if (!wants(request, CodeActionKind.Refactor) || request.index.namespacesWithWorkloads().length === 0) return [];
  const target = policyTargetAt(request, request.start);
  if (!target || target.found.semantic.partial) return [];
  const position = request.range.start;
  const offer = (direction: Direction, title: string): CodeAction => ({
    title,
    kind: CodeActionKind.Refactor,
    command: { title, command: COMMANDS.allowWorkload, arguments: [request.uri, position, direction] },
  });
  return [offer('ingress', 'Allow traffic from workload…'), offer('egress', 'Allow traffic to workload…')];
};

/** Every workload of the workspace, by namespace then name. */
export function workloadList(workspace: WorkspaceView): WorkloadsResult {
  const workloads = workspace
    .namespacesWithWorkloads()
    .flatMap((namespace) => workspace.workloadsIn(namespace))
    .map(({ namespace, kind, name, podLabels }) => ({ namespace, kind, name, podLabels }))
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name) || a.kind.localeCompare(b.kind));
  return { workloads };
}

/** The peer that selects exactly the pods of `workload`, seen from a policy of `namespace`. */
export function workloadPeer(workload: WorkloadObject, namespace: string): JsonObject {
  const podSelector = { matchLabels: { ...workload.podLabels } };
  return workload.namespace === namespace ? { podSelector } : { namespaceSelector: namespaceByName(workload.namespace), podSelector };
}

/** Where a new rules key goes in a spec. */
const AFTER: Readonly<Record<Direction, readonly string[]>> = {
  ingress: ['policyTypes', 'podSelector'],
  egress: ['ingress', 'policyTypes', 'podSelector'],
};

export interface AllowWorkloadInput {
  readonly file: YamlFile;
  readonly offset: number;
  readonly settings: AnalysisSettings;
  readonly workspace: WorkspaceView;
  readonly direction: Direction;
  readonly workload: WorkloadRef;
}

export function allowWorkloadEdit(input: AllowWorkloadInput): AllowWorkloadEditResult {
  const { direction, workload: ref } = input;
  const target = policyTargetAt(input, input.offset);
  if (!target) return { message: 'There is no NetworkPolicy at this position.' };
  const workload = input.workspace.workloadsIn(ref.namespace).find((w) => w.kind === ref.kind && w.name === ref.name);
  if (!workload) return { message: `${ref.kind} ${ref.namespace}/${ref.name} is not in the workspace.` };
  if (Object.keys(workload.podLabels).length === 0) {
    return { message: `The pods of ${ref.kind} ${ref.namespace}/${ref.name} have no labels: no selector can single them out.` };
  }
  const peer = workloadPeer(workload, target.found.semantic.namespace);
  const peerKey = direction === 'ingress' ? 'from' : 'to';
  const rules = nodeAt(target.doc, [...target.root, 'spec', direction])?.value;
  const written = JSON.stringify(peer);
  // The same peer in a rule without ports: applying the refactoring again would add nothing.
  const allowed =
    Array.isArray(rules) &&
    rules.some((rule) => {
      const peers = isJsonObject(rule) && rule.ports === undefined ? rule[peerKey] : undefined;
      return Array.isArray(peers) && peers.some((p) => JSON.stringify(p) === written);
    });
  if (allowed)
    return { message: `A rule of this policy allows ${direction === 'ingress' ? 'traffic from' : 'traffic to'} ${ref.name} already.` };
  const edits = [
    ...enforceDirection(target, direction),
    addToList(target, [...target.root, 'spec'], direction, [{ [peerKey]: [peer] }], AFTER[direction]),
  ];
  if (edits.some((edit) => edit === undefined))
    return { message: 'This policy cannot be edited here (is its spec written in an unusual way?).' };
  return {
    edits: textEdits(
      input.file,
      edits.filter((edit) => edit !== undefined),
    ),
  };
}
