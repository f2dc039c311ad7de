import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver-types';
import { FIX_ALL_KIND } from '../../protocol';
import { isRuleId, ruleMeta } from '../../rules/catalog';
import type { RuleId } from '../../rules/ruleIds';
import type { OffsetEdit } from '../../yaml/edit/layout';
import type { FileChunk, YamlFile } from '../../yaml/file';
import { chunkAt } from '../../yaml/cursor';
import { LineIndex } from '../../yaml/lineIndex';
import { parseChunk, type ParsedChunk } from '../../yaml/parse';
import { skippedText, validateFile } from '../validation';
import type { CodeActionRequest } from './provider';

/**
 * `source.fixAll.netpol`: the safe preferred quick fixes of a whole document in one edit.
 * Fixes are taken in order as long as their edits do not touch those already taken and the
 * documents they edit parse as well as before with all of them (two fixes that each add
 * `policyTypes` to one mapping would write the key twice); the rest waits for the next run.
 */

/**
 * Lints whose preferred fix cannot change what a policy allows or denies, so "fix all" may
 * apply it unasked (writing the policyTypes the API server would compute anyway).
 */
const MEANING_PRESERVING_LINTS: ReadonlySet<RuleId> = new Set<RuleId>(['implicit-policy-types']);

/**
 * Errors whose preferred fix is a guess at a structure the author did not write: an ipBlock
 * in a selector's peer was meant as AND, which NetworkPolicy cannot express; splitting it
 * allows either. Offered with Ctrl+., never applied unasked.
 */
const AUTHOR_CHOOSES: ReadonlySet<RuleId> = new Set<RuleId>(['peer-ipblock-exclusive']);

/**
 * Whether "fix all" may apply a preferred fix of this rule: the fixes of problems that make
 * the API server reject the document (a policy it rejects allows nothing yet, so its fix
 * cannot silently open traffic), and the lints above. Fixes that add or remove traffic
 * (a DNS egress rule, an except) are for the author to choose one by one.
 */
function safeForFixAll(code: unknown): boolean {
  if (!isRuleId(code) || AUTHOR_CHOOSES.has(code)) return false;
  const category = ruleMeta(code).category;
  return category === 'schema' || category === 'api' || MEANING_PRESERVING_LINTS.has(code);
}

const problemCount = (parsed: ParsedChunk): number => parsed.documents.reduce((n, doc) => n + doc.problems.length, 0);

/** The fixes taken so far, as chunk-relative edits per chunk, and the test for one more. */
class TakenEdits {
  private readonly byChunk = new Map<FileChunk, readonly OffsetEdit[]>();
  private readonly lines: LineIndex;

  constructor(private readonly file: YamlFile) {
    this.lines = new LineIndex(file.text);
  }

  /**
   * The chunk holding [start, end). A chunk after the first starts with its `---` line, so an
   * edit at its very offset is an insertion at the end of the chunk before.
   */
  private chunkOf(start: number, end: number): FileChunk | undefined {
    const chunk = chunkAt(this.file, start - 1) ?? this.file.chunks[0];
    return chunk && end <= chunk.offset + chunk.parsed.text.length ? chunk : undefined;
  }

  /** Takes the edits if every chunk they touch still parses with no more problems than before; else takes nothing. */
  take(edits: readonly TextEdit[]): boolean {
    const grouped = new Map<FileChunk, OffsetEdit[]>();
    for (const edit of edits) {
      const start = this.lines.offsetAt(edit.range.start);
      const end = this.lines.offsetAt(edit.range.end);
      const chunk = this.chunkOf(start, end);
      if (!chunk) return false;
      grouped.set(chunk, [...(grouped.get(chunk) ?? []), { start: start - chunk.offset, end: end - chunk.offset, newText: edit.newText }]);
    }
    const merged = [...grouped].map(([chunk, added]) => [chunk, [...(this.byChunk.get(chunk) ?? []), ...added]] as const);
    if (!merged.every(([chunk, all]) => parsesAsWell(chunk.parsed, all))) return false;
    for (const [chunk, all] of merged) this.byChunk.set(chunk, all);
    return true;
  }
}

/** Whether a chunk with non-overlapping edits applied has no more YAML problems and documents than before. */
function parsesAsWell(parsed: ParsedChunk, edits: readonly OffsetEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  const text = sorted.reduce((out, edit) => out.slice(0, edit.start) + edit.newText + out.slice(edit.end), parsed.text);
  const after = parseChunk(text);
  return after.documents.length === parsed.documents.length && problemCount(after) <= problemCount(parsed);
}

const before = (a: TextEdit['range']['start'], b: TextEdit['range']['start']): boolean =>
  a.line < b.line || (a.line === b.line && a.character < b.character);

/** Edits that do not touch: one ends strictly before the other starts (two inserts at one place are ordered ambiguously). */
const apart = (a: TextEdit, b: TextEdit): boolean => before(a.range.end, b.range.start) || before(b.range.end, a.range.start);

/**
 * The edits taken so far, by each line they cover: an edit can only touch those on its own
 * lines, so checking one more costs the same with 40,000 edits taken as with one.
 */
class EditsByLine {
  private readonly lines = new Map<number, TextEdit[]>();

  apartFromAll(edit: TextEdit): boolean {
    for (let line = edit.range.start.line; line <= edit.range.end.line; line++) {
      if (!(this.lines.get(line) ?? []).every((other) => apart(edit, other))) return false;
    }
    return true;
  }

  add(edit: TextEdit): void {
    for (let line = edit.range.start.line; line <= edit.range.end.line; line++) {
      const list = this.lines.get(line);
      if (list) list.push(edit);
      else this.lines.set(line, [edit]);
    }
  }
}

/**
 * The fix-all action of a request, computed against fresh diagnostics (the client sends only
 * those of the request's range); `quickFixes` gives the quick fixes of a request.
 */
export function fixAll(request: CodeActionRequest, quickFixes: (request: CodeActionRequest) => readonly CodeAction[]): CodeAction[] {
  const { file, settings, index, uri } = request;
  if (skippedText(file.text, settings)) return [];
  const diagnostics = validateFile(file, settings, index).diagnostics.filter((d) => safeForFixAll(d.code));
  if (diagnostics.length === 0 || request.isCancelled?.()) return [];
  const end = { line: Number.MAX_SAFE_INTEGER, character: 0 };
  const whole = { start: { line: 0, character: 0 }, end };
  const taken: TextEdit[] = [];
  const takenByLine = new EditsByLine();
  const fixed: CodeAction[] = [];
  const checked = new TakenEdits(file);
  for (const fix of quickFixes({ ...request, diagnostics, only: [CodeActionKind.QuickFix], range: whole })) {
    if (request.isCancelled?.()) return [];
    const edits = fix.edit?.changes?.[uri];
    if (!fix.isPreferred || !edits?.length || Object.keys(fix.edit?.changes ?? {}).length !== 1) continue;
    if (!(fix.diagnostics ?? []).every((d) => safeForFixAll(d.code))) continue;
    if (!edits.every((edit) => takenByLine.apartFromAll(edit))) continue;
    if (!checked.take(edits)) continue;
    taken.push(...edits);
    for (const edit of edits) takenByLine.add(edit);
    fixed.push(fix);
  }
  if (taken.length === 0) return [];
  const title = fixed.length === 1 ? `Fix all: ${fixed[0]!.title}` : `Fix all ${fixed.length} auto-fixable NetworkPolicy problems`;
  return [{ title, kind: FIX_ALL_KIND, diagnostics: fixed.flatMap((fix) => fix.diagnostics ?? []), edit: { changes: { [uri]: taken } } }];
}
