import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { parseFile } from '../yaml/file';
import { readProjectConfig } from './projectConfig';
import { fileRange, valueRange } from './ranges';

/**
 * The diagnostics of a configuration file (`.netpol.yaml`) open in the editor: its YAML
 * problems, then every value the reader could not use, at its key (unknown keys and rule ids)
 * or value. A "did you mean" suggestion travels in `data.replacement` for the quick fix.
 */

export const CONFIG_SOURCE = 'netpol';

/** What a configuration diagnostic's quick fix writes over its range. */
export interface ConfigFixData {
  readonly replacement: string;
}

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function configDiagnostics(text: string): Diagnostic[] {
  const file = parseFile(text);
  const out: Diagnostic[] = [];
  for (const chunk of file.chunks)
    for (const doc of chunk.parsed.documents)
      for (const problem of doc.problems)
        out.push({
          range: fileRange(chunk, problem.span),
          severity: DiagnosticSeverity.Error,
          source: CONFIG_SOURCE,
          code: problem.ruleId,
          message: problem.message,
        });
  const chunk = file.chunks[0];
  const doc = chunk?.parsed.documents[0];
  if (file.documentCount > 1 && chunk) {
    const second = file.chunks.flatMap((c) => c.parsed.documents.map((d) => ({ c, d }))).at(1)!;
    out.push({
      range: fileRange(second.c, second.d.span),
      severity: DiagnosticSeverity.Warning,
      source: CONFIG_SOURCE,
      message: 'A configuration file has one YAML document; the others are ignored.',
    });
  }
  for (const problem of readProjectConfig(doc?.json).problems) {
    out.push({
      range: chunk && doc ? valueRange(chunk, doc, problem.path, problem.onKey ? 'key' : 'value') : START,
      severity: DiagnosticSeverity.Error,
      source: CONFIG_SOURCE,
      message: problem.message,
      ...(problem.suggestion ? { data: { replacement: problem.suggestion } satisfies ConfigFixData } : {}),
    });
  }
  return out;
}

/** The quick fixes of a configuration file's diagnostics: the key or rule id meant, written over the mistyped one. */
export function configQuickFixes(uri: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
  return diagnostics.flatMap((diagnostic): CodeAction[] => {
    const replacement = (diagnostic.data as Partial<ConfigFixData> | undefined)?.replacement;
    if (diagnostic.source !== CONFIG_SOURCE || typeof replacement !== 'string') return [];
    return [
      {
        title: `Change to "${replacement}"`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [uri]: [{ range: diagnostic.range, newText: replacement }] } },
      },
    ];
  });
}
