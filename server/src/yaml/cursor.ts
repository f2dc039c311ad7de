import type { Json } from '../model/json';
import type { FieldPath } from '../model/path';
import type { FileChunk, YamlFile } from './file';
import type { YamlDocument } from './parse';
import { sourceOf, type Span } from './sourceMap';

/** Where an offset of a file falls: its chunk, document, and the deepest field containing it. */
export interface CursorContext {
  readonly chunk: FileChunk;
  readonly doc: YamlDocument;
  /** Index of the document in the file. */
  readonly document: number;
  /** The deepest field whose key or value contains the offset ([] for the document itself). */
  readonly path: FieldPath;
  /** Whether the offset is on that field's key. */
  readonly onKey: boolean;
}

const contains = (span: Span, offset: number): boolean => offset >= span[0] && offset <= span[1];

/** The last chunk of a file that starts at or before an offset (binary search: a file can have 100,000 chunks). */
export function chunkAt(file: YamlFile, offset: number): FileChunk | undefined {
  const chunks = file.chunks;
  let low = 0;
  let high = chunks.length - 1;
  if (high < 0 || chunks[0]!.offset > offset) return undefined;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (chunks[middle]!.offset <= offset) low = middle;
    else high = middle - 1;
  }
  return chunks[low];
}

/** The chunk and document of a file offset. */
export function documentAt(file: YamlFile, offset: number): { chunk: FileChunk; doc: YamlDocument; document: number } | undefined {
  const chunk = chunkAt(file, offset);
  if (!chunk) return undefined;
  const local = offset - chunk.offset;
  const docs = chunk.parsed.documents;
  const index = docs.findIndex((doc) => contains(doc.span, local));
  const chosen = index >= 0 ? index : docs.length - 1;
  const doc = docs[chosen];
  return doc ? { chunk, doc, document: chunk.firstDocument + chosen } : undefined;
}

/** The field path at a file offset, walking the JSON of its document through the source map. */
export function cursorAt(file: YamlFile, offset: number): CursorContext | undefined {
  const found = documentAt(file, offset);
  if (!found) return undefined;
  const local = offset - found.chunk.offset;
  const path: (string | number)[] = [];
  let onKey = false;
  let value: Json | undefined = found.doc.json;
  for (;;) {
    const source = sourceOf(found.doc.sourceMap, value);
    if (!source) break;
    let next: { segment: string | number; value: Json; key: boolean } | undefined;
    if (source.kind === 'map') {
      for (const [key, entry] of source.entries) {
        if (contains(entry.key, local)) next = { segment: key, value: (value as Record<string, Json>)[key]!, key: true };
        else if (contains(entry.value, local) && entry.value[1] > entry.value[0])
          next = { segment: key, value: (value as Record<string, Json>)[key]!, key: false };
        if (next) break;
      }
    } else {
      const i = source.items.findIndex((item) => contains(item, local));
      if (i >= 0) next = { segment: i, value: (value as Json[])[i]!, key: false };
    }
    if (!next) break;
    path.push(next.segment);
    onKey = next.key;
    value = next.value;
    if (next.key) break;
  }
  return { ...found, path, onKey };
}
