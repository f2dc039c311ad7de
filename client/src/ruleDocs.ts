import * as vscode from 'vscode';
import { COMMANDS, type ShowRuleDocsArgs } from '../../server/src/protocol';

/**
 * The "Show documentation for <id>" code actions run this command with the rule's id and docs
 * URL (the server owns both). The page ships in the extension (docs/rules/<id>.md) and opens in
 * VS Code's Markdown preview beside the file, offline; the web page is the fallback when the
 * page is missing (and stays one click away: the rule's code in the hover and the Problems
 * panel links to it). Only http(s) pages are opened: the argument comes over the wire.
 */

/** A rule id as the catalog spells them (no path separators, no dots). */
const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function isShowRuleDocsArgs(value: unknown): value is ShowRuleDocsArgs {
  if (typeof value !== 'object' || value === null) return false;
  const { ruleId, url } = value as Partial<ShowRuleDocsArgs>;
  return typeof ruleId === 'string' && typeof url === 'string' && /^https?:\/\//.test(url);
}

/** The rule's page in the extension, when it ships one. */
export async function bundledRuleDoc(extensionUri: vscode.Uri, ruleId: string): Promise<vscode.Uri | undefined> {
  if (!RULE_ID.test(ruleId)) return undefined;
  const page = vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${ruleId}.md`);
  try {
    await vscode.workspace.fs.stat(page);
    return page;
  } catch {
    return undefined;
  }
}

/** Opens the page; false when the argument is not a rule's docs link (nothing is opened). */
export async function showRuleDocs(extensionUri: vscode.Uri, args: unknown): Promise<boolean> {
  if (!isShowRuleDocsArgs(args)) return false;
  const page = await bundledRuleDoc(extensionUri, args.ruleId);
  if (page) {
    await vscode.commands.executeCommand('markdown.showPreviewToSide', page);
    return true;
  }
  return vscode.env.openExternal(vscode.Uri.parse(args.url));
}

export function registerShowRuleDocs(extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.showRuleDocs, (args: unknown) => showRuleDocs(extensionUri, args));
}
