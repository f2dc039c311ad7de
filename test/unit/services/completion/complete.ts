import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { completions } from '../../../../server/src/services/completion/complete';
import { DEFAULT_SETTINGS, type AnalysisSettings } from '../../../../server/src/services/settings';
import { indexObjects, WorkspaceIndex } from '../../../../server/src/services/workspace';
import { parseFile } from '../../../../server/src/yaml/file';
import { LineIndex } from '../../../../server/src/yaml/lineIndex';

/** Test helpers: completions at the `|` marker of a text, in a workspace of other files. */

export interface Completed {
  readonly items: CompletionItem[];
  /** The text after accepting an item (snippet syntax as inserted, tab stops left in). */
  accept(label: string): string;
  labels(): string[];
  item(label: string): CompletionItem;
  /** The text the items' edit replaces. */
  replaced(): string | undefined;
}

export function workspaceOf(files: Record<string, string>, settings: AnalysisSettings = DEFAULT_SETTINGS): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [name, text] of Object.entries(files)) {
    const uri = `file:///ws/${name}`;
    index.setFile(uri, indexObjects(uri, parseFile(text), settings));
  }
  return index;
}

export function complete(
  marked: string,
  workspace: WorkspaceIndex = new WorkspaceIndex(),
  settings: AnalysisSettings = DEFAULT_SETTINGS,
): Completed {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error('no | marker');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const lines = new LineIndex(text);
  const list = completions({ text, offset, file: parseFile(text), settings, workspace, positionAt: (at) => lines.positionAt(at) });
  const items = [...list.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
  const item = (label: string) => {
    const found = items.find((candidate) => candidate.label === label);
    if (!found) throw new Error(`no item "${label}" among ${items.map((i) => i.label).join(', ')}`);
    return found;
  };
  const editOf = (i: CompletionItem) => i.textEdit as TextEdit;
  return {
    items,
    labels: () => items.map((i) => i.label),
    item,
    accept: (label) => {
      const edit = editOf(item(label));
      return text.slice(0, lines.offsetAt(edit.range.start)) + edit.newText + text.slice(lines.offsetAt(edit.range.end));
    },
    replaced: () => {
      const first = items[0];
      if (!first) return undefined;
      const edit = editOf(first);
      return text.slice(lines.offsetAt(edit.range.start), lines.offsetAt(edit.range.end));
    },
  };
}
