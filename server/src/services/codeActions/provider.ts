import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import type { AnalysisSettings } from '../settings';
import type { WorkspaceIndex } from '../workspace';
import type { YamlFile } from '../../yaml/file';

/**
 * The contract every code-action provider implements. Quick fixes (one per rule id or
 * group of ids) and refactorings live in their own modules under `services/codeActions/`
 * and are listed in `index.ts`; the LSP layer only calls `codeActions()` from there.
 */
export interface CodeActionRequest {
  readonly uri: string;
  readonly file: YamlFile;
  /** The range the user asked about (selection or cursor). */
  readonly range: Range;
  /** Offsets of `range` in `file.text`. */
  readonly start: number;
  readonly end: number;
  /** The netpol diagnostics the client sent with the request (source "netpol"). */
  readonly diagnostics: readonly Diagnostic[];
  /** Code action kinds the client asked for; absent means all. */
  readonly only?: readonly string[];
  readonly settings: AnalysisSettings;
  readonly index: WorkspaceIndex;
  /** Whether the client cancelled the request: long work (fix all) stops and answers nothing. */
  readonly isCancelled?: () => boolean;
}

/** A provider returns the actions it has for the request, or none; it never throws on bad input. */
export type CodeActionProvider = (request: CodeActionRequest) => readonly CodeAction[];
