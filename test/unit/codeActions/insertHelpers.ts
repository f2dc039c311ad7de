import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { CodeActionProvider, CodeActionRequest } from '../../../server/src/services/codeActions/provider';
import type { AnalysisSettings } from '../../../server/src/services/settings';
import { validateText } from '../../../server/src/services/validation';
import { indexObjects, WorkspaceIndex } from '../../../server/src/services/workspace';
import { parseFile } from '../../../server/src/yaml/file';
import { LineIndex } from '../../../server/src/yaml/lineIndex';
import { diagnoseInWorkspace, settingsFor, type TestOptions } from '../helpers';
import { applyTextEdits } from '../textEdits';

/** The cursor marker of the inline documents of these tests (a `|` would be YAML). */
export const CURSOR = '<|>';
export const URI = 'file:///ws/test.yaml';

export interface ActionsOptions extends TestOptions {
  /** Other files of the workspace (name -> YAML). */
  readonly files?: Record<string, string>;
}

/** The text without its cursor marker, and the marker's offset (0 when there is none). */
export function withoutCursor(marked: string): { text: string; at: number } {
  const at = marked.indexOf(CURSOR);
  return at < 0 ? { text: marked, at: 0 } : { text: marked.slice(0, at) + marked.slice(at + CURSOR.length), at };
}

/** A workspace index of files (name -> YAML). */
export function workspaceOf(files: Record<string, string>, settings: AnalysisSettings): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [name, content] of Object.entries(files)) {
    const parsed = validateText(content, settings).file;
    if (parsed) index.setFile(`file:///ws/${name}`, indexObjects(`file:///ws/${name}`, parsed, settings));
  }
  return index;
}

/** Requests at any offset of a document, with the diagnostics of the workspace (lints on), computed once. */
export function requestsFor(text: string, options: ActionsOptions = {}): (at: number) => CodeActionRequest {
  const { files = {}, ...overrides } = options;
  const settings = settingsFor({ lints: true, ...overrides });
  const index = workspaceOf({ ...files, 'test.yaml': text }, settings);
  const diagnostics: Diagnostic[] = validateText(text, settings, undefined, index).result.diagnostics;
  const file = parseFile(text);
  const lines = new LineIndex(text);
  return (at) => {
    const position = lines.positionAt(at);
    return { uri: URI, file, range: { start: position, end: position }, start: at, end: at, diagnostics, settings, index };
  };
}

/** The actions a provider offers for a document (cursor at `<|>`). */
export function actionsFor(provider: CodeActionProvider, marked: string, options: ActionsOptions = {}): CodeAction[] {
  const { text, at } = withoutCursor(marked);
  return [...provider(requestsFor(text, options)(at))];
}

/** The text after applying an action's edits of the test document (same-position inserts in their order). */
export function applyAction(text: string, action: CodeAction): string {
  return applyTextEdits(text, action.edit?.changes?.[URI] ?? []);
}

/** The one action titled `title` (a prefix), applied; throws when it is not offered. */
export function applyTitled(provider: CodeActionProvider, marked: string, title: string, options: ActionsOptions = {}): string {
  const found = actionsFor(provider, marked, options).filter((a) => a.title.startsWith(title));
  if (found.length !== 1) throw new Error(`${found.length} actions titled "${title}"`);
  return applyAction(withoutCursor(marked).text, found[0]!);
}

export function titles(provider: CodeActionProvider, marked: string, options: ActionsOptions = {}): string[] {
  return actionsFor(provider, marked, options).map((a) => a.title);
}

/** Codes of the lints and errors reported for a text in the workspace of `options.files`. */
export function codesAfter(text: string, options: ActionsOptions = {}): string[] {
  const { files = {}, ...overrides } = options;
  return diagnoseInWorkspace({ ...files, 'test.yaml': text }, 'test.yaml', { lints: true, ...overrides }).map((d) => d.code);
}

/** A Deployment whose pods carry `labels`, as the text of a workspace file. */
export function deployment(name: string, namespace: string, labels: Readonly<Record<string, string>>): string {
  const written = Object.entries(labels).map(([key, value]) => `        ${key}: ${value}\n`);
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  template:\n    metadata:\n      labels:\n${written.join('')}`;
}

/** The lines of a NetworkPolicy before its spec. */
export function policyHead(name: string, namespace = 'shop'): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n`;
}
