import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ExplainRequest, type ExplainedPolicyResult } from '../../server/src/protocol';
import { MarkdownReports } from './markdownReports';

const SCHEME = 'netpol-describe';

/**
 * "NetworkPolicy: Describe Policy": the server's report of the policy under the cursor (or
 * one picked from the file), shown as a read-only Markdown preview.
 */
export class DescribePolicy implements vscode.Disposable {
  private readonly reports = new MarkdownReports(SCHEME);

  constructor(private readonly client: () => Promise<LanguageClient | undefined>) {}

  async run(uri?: string, position?: { line: number; character: number }): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const target = uri ?? editor?.document.uri.toString();
    if (!target || (!uri && editor?.document.languageId !== 'yaml')) {
      void vscode.window.showInformationMessage('Open a YAML file with a NetworkPolicy to describe it.');
      return;
    }
    const client = await this.client();
    if (!client) return;
    const at =
      position ?? (editor && !uri ? { line: editor.selection.active.line, character: editor.selection.active.character } : undefined);
    const here = at ? await client.sendRequest(ExplainRequest, { uri: target, position: at }) : { policies: [] };
    const policy = here.policies[0] ?? (await this.pick(client, target));
    if (!policy) return;
    await this.show(policy);
  }

  private async pick(client: LanguageClient, uri: string): Promise<ExplainedPolicyResult | undefined> {
    const all = await client.sendRequest(ExplainRequest, { uri });
    if (all.policies.length === 0) {
      void vscode.window.showInformationMessage('This file has no NetworkPolicy.');
      return undefined;
    }
    if (all.policies.length === 1) return all.policies[0];
    const chosen = await vscode.window.showQuickPick(
      all.policies.map((policy) => ({
        label: policy.explanation.name || '(unnamed)',
        description: policy.explanation.namespace,
        detail: `line ${policy.range.start.line + 1}`,
        policy,
      })),
      { placeHolder: 'Which NetworkPolicy?' },
    );
    return chosen?.policy;
  }

  private async show(policy: ExplainedPolicyResult): Promise<void> {
    await this.reports.show(`${policy.explanation.namespace}/${policy.explanation.name || 'unnamed'}`, policy.markdown);
  }

  /** The report last shown for a policy (for tests). */
  contentOf(uri: vscode.Uri): string | undefined {
    return this.reports.contentOf(uri);
  }

  dispose(): void {
    this.reports.dispose();
  }
}
