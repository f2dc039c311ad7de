import type { Range } from 'vscode-languageserver-types';
import type { FieldPath } from '../model/path';
import type { FileChunk } from '../yaml/file';
import { locate } from '../yaml/locate';
import type { YamlDocument } from '../yaml/parse';
import type { Span } from '../yaml/sourceMap';

/** A chunk-relative span as a range of the file. */
export function fileRange(chunk: FileChunk, span: Span): Range {
  const start = chunk.parsed.lines.positionAt(span[0]);
  const end = chunk.parsed.lines.positionAt(span[1]);
  return {
    start: { line: start.line + chunk.line, character: start.character },
    end: { line: end.line + chunk.line, character: end.character },
  };
}

/** The range of a field, from its key to the end of its value. */
export function fieldRange(chunk: FileChunk, doc: YamlDocument, path: FieldPath): Range {
  const key = locate(doc, path, 'key');
  const value = locate(doc, path, 'value');
  return fileRange(chunk, [Math.min(key[0], value[0]), Math.max(key[1], value[1])]);
}

export function valueRange(chunk: FileChunk, doc: YamlDocument, path: FieldPath, target: 'key' | 'value' = 'value'): Range {
  return fileRange(chunk, locate(doc, path, target));
}
