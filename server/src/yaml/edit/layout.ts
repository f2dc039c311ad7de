import type { Json } from '../../model/json';
import type { FieldPath } from '../../model/path';
import type { FileChunk } from '../file';
import type { YamlDocument } from '../parse';
import { sourceOf, type MapSource, type SeqSource } from '../sourceMap';
import type { YamlStyle } from '../style';

/**
 * Where things are written in a document's text, for the insertion primitives: columns,
 * where a block collection's content really ends (its node range also covers trailing
 * comments and blank lines), and whether a collection is written in flow style.
 */

/** A replacement of [start, end) of the file's text (file offsets). */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
  /**
   * What goes between this insertion and another one made at the same offset before it:
   * two entries inserted into an empty flow collection `{}` need `, ` between them.
   */
  readonly separator?: string;
}

/** The edits of one action, with insertions at the same offset joined into one edit, in order. */
export function joinInsertions(edits: readonly OffsetEdit[]): OffsetEdit[] {
  const joined: OffsetEdit[] = [];
  for (const edit of edits) {
    const index = joined.findIndex((other) => other.start === other.end && edit.start === edit.end && other.start === edit.start);
    const other = joined[index];
    if (other) joined[index] = { ...other, newText: other.newText + (edit.separator ?? '') + edit.newText };
    else joined.push(edit);
  }
  return joined;
}

/** A document of a file, with the style new text is written in. */
export interface EditTarget {
  readonly chunk: FileChunk;
  readonly doc: YamlDocument;
  readonly style: YamlStyle;
}

/** The JSON value at a path of the document, with where it is written. */
export interface NodeAt {
  readonly value: Json;
  readonly source: MapSource | SeqSource | undefined;
}

export function nodeAt(doc: YamlDocument, path: FieldPath): NodeAt | undefined {
  let value: Json | undefined = doc.json;
  for (const segment of path) {
    if (typeof segment === 'number') value = Array.isArray(value) ? value[segment] : undefined;
    else if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, segment)) value = value[segment];
    else value = undefined;
    if (value === undefined) return undefined;
  }
  return value === undefined ? undefined : { value, source: sourceOf(doc.sourceMap, value) };
}

/** The chunk text of the target. */
export function textOf(target: EditTarget): string {
  return target.chunk.parsed.text;
}

export function lineStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** Column of an offset in its line. */
export function columnOf(text: string, at: number): number {
  return at - lineStart(text, at);
}

/** Offset just after the line break that ends the line holding `at`; undefined on the last line without one. */
export function nextLineStart(text: string, at: number): number | undefined {
  const match = /\r\n|\r|\n/.exec(text.slice(at));
  return match ? at + match.index + match[0].length : undefined;
}

/**
 * The end of what a node's range [start, end) really holds: the range of a block
 * collection runs on over trailing comment lines and blank lines, which belong to
 * whatever follows (new text goes before them).
 */
export function contentEnd(text: string, start: number, end: number): number {
  let at = end;
  for (;;) {
    while (at > start && /\s/.test(text[at - 1]!)) at--;
    const begin = lineStart(text, at);
    if (begin <= start || !text.slice(begin, at).trimStart().startsWith('#')) return at;
    at = begin;
  }
}

/** Whether a collection is written in flow style (`{…}`, `[…]`). */
export function isFlow(text: string, source: MapSource | SeqSource): boolean {
  const first = text[source.span[0]];
  return first === '{' || first === '[';
}

/**
 * Text to insert after the line holding `at` (whole lines ending with `eol`), as an edit:
 * at the start of the next line, or after a new line break at the end of a text without one.
 */
export function insertLinesAfter(target: EditTarget, at: number, lines: string): OffsetEdit {
  const text = textOf(target);
  const next = nextLineStart(text, at);
  const offset = target.chunk.offset;
  if (next !== undefined) return { start: offset + next, end: offset + next, newText: lines };
  const eol = target.style.eol;
  return { start: offset + text.length, end: offset + text.length, newText: eol + lines.slice(0, lines.length - eol.length) };
}
