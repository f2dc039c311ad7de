import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AllowWorkloadEditRequest, WorkloadsRequest, type AllowWorkloadEditParams, type WorkloadRef } from '../../server/src/protocol';

type Direction = AllowWorkloadEditParams['direction'];

const isDirection = (value: unknown): value is Direction => value === 'ingress' || value === 'egress';

function isWorkloadRef(value: unknown): value is WorkloadRef {
  const ref = value as Partial<WorkloadRef> | undefined;
  return typeof ref?.namespace === 'string' && typeof ref.kind === 'string' && typeof ref.name === 'string';
}

/**
 * The command behind "Allow traffic from workload…" / "to workload…": pick one of the
 * workspace's workloads (a QuickPick of what the server indexed), then apply the edit the
 * server computes. With a WorkloadRef argument there is no picker (for tests and keybindings).
 */
export class AllowWorkload {
  constructor(private readonly client: () => Promise<LanguageClient | undefined>) {}

  async run(uri: unknown, position: unknown, direction: unknown, workload?: unknown): Promise<boolean> {
    if (typeof uri !== 'string' || !isPosition(position) || !isDirection(direction)) return false;
    const client = await this.client();
    if (!client) return false;
    const chosen = isWorkloadRef(workload) ? workload : await this.pick(client, direction);
    if (!chosen) return false;
    const params: AllowWorkloadEditParams = { uri, position, direction, workload: chosen };
    const result = await client.sendRequest(AllowWorkloadEditRequest, params);
    if (!result.edits) {
      void vscode.window.showInformationMessage(result.message ?? 'Nothing to change.');
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    const target = vscode.Uri.parse(uri);
    for (const { range, newText } of result.edits) {
      edit.replace(target, new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character), newText);
    }
    return vscode.workspace.applyEdit(edit);
  }

  private async pick(client: LanguageClient, direction: Direction): Promise<WorkloadRef | undefined> {
    const { workloads } = await client.sendRequest(WorkloadsRequest);
    if (workloads.length === 0) {
      void vscode.window.showInformationMessage('No workload (Deployment, StatefulSet, Pod, …) is declared in the workspace.');
      return undefined;
    }
    const items = workloads.map((workload) => ({
      label: workload.name,
      description: `${workload.kind} in ${workload.namespace}`,
      detail: Object.entries(workload.podLabels)
        .map(([key, value]) => `${key}=${value}`)
        .join(', '),
      workload,
    }));
    const picked = await vscode.window.showQuickPick(items, {
      title: direction === 'ingress' ? 'Allow traffic from workload' : 'Allow traffic to workload',
      placeHolder: 'Workload whose pods the new rule selects',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    return picked && { namespace: picked.workload.namespace, kind: picked.workload.kind, name: picked.workload.name };
  }
}

function isPosition(value: unknown): value is { line: number; character: number } {
  const position = value as { line?: unknown; character?: unknown } | undefined;
  return typeof position?.line === 'number' && typeof position.character === 'number';
}
