import type { CodeAction, CodeActionKind, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { parseFieldPath, type FieldPath } from '../../model/path';
import { joinInsertions, type OffsetEdit, type EditTarget } from '../../yaml/edit/layout';
import type { YamlFile } from '../../yaml/file';
import { LineIndex } from '../../yaml/lineIndex';
import { policyAt, type PolicyAtCursor } from '../policyAt';
import type { RuleData, RuleId } from '../../rules/ruleIds';
import type { NetpolDiagnosticData } from '../validation';
import { styleOf } from './diagnosticTarget';
import type { CodeActionRequest } from './provider';

/**
 * What the insertion-based providers (lint quick fixes and refactorings) share: the policy
 * a diagnostic or the cursor is in, as an edit target, and edits turned into a CodeAction.
 */

/** A policy to edit: what it means, and where its document is. Paths of edits are the document's (`root` first). */
export interface PolicyTarget extends EditTarget {
  readonly found: PolicyAtCursor;
  /** Where the policy is in its document: `[]`, or `['items', 2]`. */
  readonly root: FieldPath;
}

const lineIndexes = new WeakMap<YamlFile, LineIndex>();

function linesOf(file: YamlFile): LineIndex {
  let lines = lineIndexes.get(file);
  if (!lines) {
    lines = new LineIndex(file.text);
    lineIndexes.set(file, lines);
  }
  return lines;
}

/** The policy at a file offset, ready to edit. */
export function policyTargetAt(request: Pick<CodeActionRequest, 'file' | 'settings'>, offset: number): PolicyTarget | undefined {
  const { settings, file } = request;
  const found = policyAt(file, offset, settings.version, settings.cluster.defaultNamespace);
  if (!found) return undefined;
  return { found, root: found.location.path, chunk: found.cursor.chunk, doc: found.cursor.doc, style: styleOf(file) };
}

/** Which policy of the file a target is (its document and place in it), to tell two targets apart. */
export function policyKey(target: PolicyTarget): string {
  return `${target.found.cursor.document}:${target.root.join('.')}`;
}

/** The policy a diagnostic is reported in (the client sends diagnostics back: their shape is checked). */
export function policyTargetOf(request: CodeActionRequest, diagnostic: Diagnostic): PolicyTarget | undefined {
  const start = (diagnostic.range as Partial<Diagnostic['range']> | undefined)?.start;
  if (typeof start?.line !== 'number' || typeof start.character !== 'number') return undefined;
  return policyTargetAt(request, linesOf(request.file).offsetAt(start));
}

/** A netpol diagnostic of one rule. */
export interface RuleDiagnostic<Id extends RuleId> extends Diagnostic {
  readonly code: Id;
}

/** The request's netpol diagnostics of one rule. */
export function diagnosticsOf<Id extends RuleId>(request: CodeActionRequest, code: Id): RuleDiagnostic<Id>[] {
  return request.diagnostics.filter((d): d is RuleDiagnostic<Id> => d.source === 'netpol' && d.code === code);
}

/**
 * The rule's data as the client sent it back (`data.details`): typed as the rule reports it,
 * but any field may be missing or of another type, so a fix checks each value it uses.
 */
export type WireData<Id extends RuleId> = Partial<Exclude<RuleData<Id>, undefined>>;

/** `details` of a diagnostic's data (the finding's facts for quick fixes). */
export function detailsOf<Id extends RuleId>(diagnostic: RuleDiagnostic<Id>): WireData<Id> {
  const data = diagnostic.data as Partial<NetpolDiagnosticData> | undefined;
  const details: unknown = data?.details;
  return typeof details === 'object' && details !== null ? details : {};
}

/** The diagnostic's field path. */
export function pathOf(diagnostic: Diagnostic): FieldPath | undefined {
  const path = (diagnostic.data as Partial<NetpolDiagnosticData> | undefined)?.path;
  return typeof path === 'string' ? parseFieldPath(path) : undefined;
}

export function textEdits(file: YamlFile, edits: readonly OffsetEdit[]): TextEdit[] {
  const lines = linesOf(file);
  return joinInsertions(edits).map((edit) => ({
    range: { start: lines.positionAt(edit.start), end: lines.positionAt(edit.end) },
    newText: edit.newText,
  }));
}

export function workspaceEdit(uri: string, file: YamlFile, edits: readonly OffsetEdit[]): WorkspaceEdit {
  return { changes: { [uri]: textEdits(file, edits) } };
}

/** Whether the client asked for actions of `kind` (a requested kind covers its sub-kinds). */
export function wants(request: CodeActionRequest, kind: string): boolean {
  return !request.only || request.only.some((only) => kind === only || kind.startsWith(`${only}.`));
}

export interface ActionSpec {
  readonly title: string;
  readonly kind: CodeActionKind;
  readonly edits: readonly (OffsetEdit | undefined)[];
  readonly diagnostic?: Diagnostic;
  readonly isPreferred?: boolean;
}

/** A CodeAction for edits of the request's file; none when an edit could not be made or the kind is not wanted. */
export function action(request: CodeActionRequest, spec: ActionSpec): CodeAction[] {
  if (!wants(request, spec.kind) || spec.edits.length === 0) return [];
  const edits = spec.edits.filter((edit): edit is OffsetEdit => edit !== undefined);
  if (edits.length !== spec.edits.length) return [];
  return [
    {
      title: spec.title,
      kind: spec.kind,
      ...(spec.diagnostic ? { diagnostics: [spec.diagnostic] } : {}),
      ...(spec.isPreferred ? { isPreferred: true } : {}),
      edit: workspaceEdit(request.uri, request.file, edits),
    },
  ];
}
