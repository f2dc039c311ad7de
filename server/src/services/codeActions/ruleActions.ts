import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { COMMANDS, type ShowRuleDocsArgs } from '../../protocol';
import type { OffsetEdit } from '../../yaml/edit/layout';
import type { YamlFile } from '../../yaml/file';
import { isRuleId, ruleMeta } from '../../rules/catalog';
import { isSuppressible } from '../../rules/suppression';
import { ruleDocsUrl } from '../ruleDocs';
import { lineOffset, styleOf } from './diagnosticTarget';
import { action, wants } from './policyEdits';
import type { CodeActionProvider, CodeActionRequest } from './provider';

/**
 * The actions every netpol diagnostic gets, after its fixes: "Disable <id> for this line" (a
 * `# netpol-disable-next-line <id>` comment above it, see yaml/suppressions.ts), for lints only
 * (a comment cannot disable what kubectl or the API server rejects: rules/suppression.ts), and
 * "Show documentation for <id>" (a client command opening the rule's page).
 */

const DIRECTIVE = 'netpol-disable-next-line';

const LINE = /[^\r\n]*/y;

/** The text of the line starting at `start`, without its line break. */
function lineText(text: string, start: number): string {
  LINE.lastIndex = start;
  return LINE.exec(text)![0];
}

/** The start of the line before the one starting at `start`, or undefined on the first line. */
function previousLineStart(text: string, start: number): number | undefined {
  if (start === 0) return undefined;
  let at = start - 1;
  if (text[at] === '\n' && text[at - 1] === '\r') at--;
  while (at > 0 && text[at - 1] !== '\n' && text[at - 1] !== '\r') at--;
  return at;
}

/**
 * The edit that suppresses `id` on the line starting at `start`: its id appended to a
 * directive on the line above, or a new directive line at the line's indentation. Undefined
 * when the line above already suppresses it (applying the action twice adds nothing).
 */
export function suppressLineEdit(file: YamlFile, start: number, id: string): OffsetEdit | undefined {
  const text = file.text;
  const above = previousLineStart(text, start);
  if (above !== undefined) {
    const line = lineText(text, above);
    const existing = new RegExp(`#\\s*${DIRECTIVE}\\s+([A-Za-z0-9-]+(?:\\s*,\\s*[A-Za-z0-9-]+)*)`).exec(line);
    if (existing) {
      const ids = existing[1]!.split(',').map((one) => one.trim());
      if (ids.includes(id)) return undefined;
      const end = above + existing.index + existing[0].length;
      return { start: end, end, newText: `, ${id}` };
    }
  }
  const indent = /^[ \t]*/.exec(lineText(text, start))![0];
  return { start, end: start, newText: `${indent}# ${DIRECTIVE} ${id}${styleOf(file).eol}` };
}

function disableAction(request: CodeActionRequest, diagnostic: Diagnostic, id: string): CodeAction[] {
  const start = lineOffset(request.file, diagnostic.range.start.line);
  const edit = start === undefined ? undefined : suppressLineEdit(request.file, start, id);
  if (!edit) return [];
  return action(request, { title: `Disable ${id} for this line`, kind: CodeActionKind.QuickFix, diagnostic, edits: [edit] });
}

function docsAction(request: CodeActionRequest, diagnostic: Diagnostic, id: string): CodeAction[] {
  if (!wants(request, CodeActionKind.QuickFix)) return [];
  const args: ShowRuleDocsArgs = { ruleId: id, url: ruleDocsUrl(id) };
  const title = `Show documentation for ${id}`;
  return [
    {
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      command: { title, command: COMMANDS.showRuleDocs, arguments: [args] },
    },
  ];
}

export const ruleActions: CodeActionProvider = (request) => {
  const disables: CodeAction[] = [];
  const docs: CodeAction[] = [];
  const seen = new Set<string>();
  for (const diagnostic of request.diagnostics) {
    if (diagnostic.source !== 'netpol' || !isRuleId(diagnostic.code)) continue;
    const id = diagnostic.code;
    // One suppression per rule and line (three findings of a rule on a line are one comment), one docs link per rule.
    const line = `${id}@${diagnostic.range.start.line}`;
    if (!seen.has(line) && isSuppressible(ruleMeta(id).category)) disables.push(...disableAction(request, diagnostic, id));
    if (!seen.has(id)) docs.push(...docsAction(request, diagnostic, id));
    seen.add(line).add(id);
  }
  return [...disables, ...docs];
};
