import * as vscode from 'vscode';
import { COMMANDS, type ShowRuleDocsArgs } from '../../server/src/protocol';

/**
 * The "Show documentation for <id>" code actions run this command with the rule's docs URL
 * (the server owns it). Only http(s) pages are opened: the argument comes over the wire.
 */
function isShowRuleDocsArgs(value: unknown): value is ShowRuleDocsArgs {
  if (typeof value !== 'object' || value === null) return false;
  const { ruleId, url } = value as Partial<ShowRuleDocsArgs>;
  return typeof ruleId === 'string' && typeof url === 'string' && /^https?:\/\//.test(url);
}

/** Opens the page; false when the argument is not a rule's docs link (nothing is opened). */
export async function showRuleDocs(args: unknown): Promise<boolean> {
  if (!isShowRuleDocsArgs(args)) return false;
  return vscode.env.openExternal(vscode.Uri.parse(args.url));
}

export function registerShowRuleDocs(): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.showRuleDocs, showRuleDocs);
}
