import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { mergeIntoPrevious } from '../../yaml/edit/merge';
import { lineOffset } from './diagnosticTarget';
import { action, diagnosticsOf, pathOf, policyTargetOf } from './policyEdits';
import type { CodeActionProvider, CodeActionRequest } from './provider';
import { suppressLineEdit } from './ruleActions';

/**
 * One list item split in two by an extra `-`: `peer-and-or-confusion` (two peers meant as
 * one) and `ports-split-from-peers` (a rule's ports split from its peers). The fix deletes
 * that `-`, merging the item into the one before it.
 */

function mergeFix(
  request: CodeActionRequest,
  code: 'peer-and-or-confusion' | 'ports-split-from-peers',
  title: string,
): { diagnostic: Diagnostic; actions: CodeAction[] }[] {
  return diagnosticsOf(request, code).flatMap((diagnostic) => {
    const path = pathOf(diagnostic);
    const target = policyTargetOf(request, diagnostic);
    const index = path?.at(-1);
    if (!path || !target || typeof index !== 'number') return [];
    const edit = mergeIntoPrevious(target, path.slice(0, -1), index);
    return [
      {
        diagnostic,
        actions: action(request, { title, kind: CodeActionKind.QuickFix, diagnostic, isPreferred: true, edits: [edit] }),
      },
    ];
  });
}

export const mergeItemsActions: CodeActionProvider = (request) => {
  const peers = mergeFix(request, 'peer-and-or-confusion', 'Merge into one peer (AND)');
  const keepOr = peers.flatMap(({ diagnostic }) => {
    const line = lineOffset(request.file, diagnostic.range.start.line);
    if (line === undefined) return [];
    return action(request, {
      title: 'Keep two peers (OR): disable peer-and-or-confusion for this line',
      kind: CodeActionKind.QuickFix,
      diagnostic,
      edits: [suppressLineEdit(request.file, line, 'peer-and-or-confusion')],
    });
  });
  const rules = mergeFix(request, 'ports-split-from-peers', 'Merge the ports into the rule before (one rule)');
  return [...peers.flatMap((fix) => fix.actions), ...keepOr, ...rules.flatMap((fix) => fix.actions)];
};
