import type { TextEdit } from 'vscode-languageserver-types';
import { LineIndex } from '../../server/src/yaml/lineIndex';

/**
 * `text` with LSP TextEdits applied as a client applies them: all ranges refer to the original
 * text, and inserts at the same position keep their order. Shared by the unit and protocol tests.
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const placed = edits.map((edit, order) => ({
    start: lines.offsetAt(edit.range.start),
    end: lines.offsetAt(edit.range.end),
    text: edit.newText,
    order,
  }));
  placed.sort((a, b) => b.start - a.start || b.order - a.order);
  return placed.reduce((out, edit) => out.slice(0, edit.start) + edit.text + out.slice(edit.end), text);
}
