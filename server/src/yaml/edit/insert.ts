import { isJsonObject, type Json, type JsonObject } from '../../model/json';
import type { FieldPath } from '../../model/path';
import { emitFlowYaml, emitYaml } from '../emit';
import type { EntrySource, MapSource, SeqSource, Span } from '../sourceMap';
import { columnOf, contentEnd, insertLinesAfter, isFlow, lineStart, nodeAt, textOf, type EditTarget, type OffsetEdit } from './layout';

/**
 * Insertions into a document, as minimal text edits: a key into a mapping, items into a
 * sequence, an entry replaced by another. New text is rendered by `emitYaml` in the file's
 * style, at the indentation of its siblings (block style) or inline (flow style); nothing
 * outside the edit moves. Each returns undefined when the place is not what it expects
 * (wrong type, key already there, a comment inside a flow collection), never throws.
 */

/** Text placed before the closing bracket of a flow collection. */
function insertIntoFlow(target: EditTarget, span: Span, item: string): OffsetEdit | undefined {
  const text = textOf(target);
  const open = span[0] + 1;
  const close = span[1] - 1;
  // A comment would swallow the closing bracket we write after it.
  if (text.slice(open, close).includes('#')) return undefined;
  let at = close;
  while (at > open && /\s/.test(text[at - 1]!)) at--;
  const offset = target.chunk.offset;
  if (at === open) return { start: offset + at, end: offset + at, newText: item, separator: ', ' };
  return { start: offset + at, end: offset + at, newText: text[at - 1] === ',' ? ` ${item}` : `, ${item}` };
}

function entryEnd(text: string, entry: EntrySource): number {
  return contentEnd(text, entry.key[0], Math.max(entry.key[1], entry.value[1]));
}

function blockMap(target: EditTarget, mapPath: FieldPath): { map: MapSource; flow: boolean } | undefined {
  const node = nodeAt(target.doc, mapPath);
  if (!node || !isJsonObject(node.value) || node.source?.kind !== 'map') return undefined;
  return { map: node.source, flow: isFlow(textOf(target), node.source) };
}

/**
 * Adds `key: value` to the mapping at `mapPath`: after the first of `after` that it has (so
 * that `policyTypes` lands next to `podSelector`), else as its last entry.
 */
export function insertEntry(
  target: EditTarget,
  mapPath: FieldPath,
  key: string,
  value: Json,
  after: readonly string[] = [],
): OffsetEdit | undefined {
  const found = blockMap(target, mapPath);
  if (!found || found.map.entries.has(key)) return undefined;
  const text = textOf(target);
  if (found.flow) return insertIntoFlow(target, found.map.span, emitFlowYaml({ [key]: value }).slice(1, -1));
  const entries = [...found.map.entries.values()];
  const first = entries[0];
  const anchor = after.map((name) => found.map.entries.get(name)).find((entry) => entry !== undefined) ?? entries.at(-1);
  if (!first || !anchor) return undefined;
  const column = columnOf(text, first.key[0]);
  return insertLinesAfter(target, entryEnd(text, anchor), emitYaml({ [key]: value }, target.style, column));
}

/**
 * Adds the entries of `value` at the start of the mapping at `mapPath` (`tier:` before the
 * rest of a spec), at the column of its first key; undefined when that key does not begin
 * its line (`- key:` items, `{…}` is written inline instead).
 */
export function insertFirstEntries(target: EditTarget, mapPath: FieldPath, value: JsonObject): OffsetEdit | undefined {
  const found = blockMap(target, mapPath);
  if (!found || Object.keys(value).some((key) => found.map.entries.has(key))) return undefined;
  const text = textOf(target);
  const offset = target.chunk.offset;
  if (found.flow) {
    const open = found.map.span[0] + 1;
    const entries = emitFlowYaml(value).slice(1, -1);
    return { start: offset + open, end: offset + open, newText: found.map.entries.size ? `${entries}, ` : entries };
  }
  const first = [...found.map.entries.values()][0];
  if (!first) return undefined;
  const start = lineStart(text, first.key[0]);
  if (text.slice(start, first.key[0]).trim() !== '') return undefined;
  return { start: offset + start, end: offset + start, newText: emitYaml(value, target.style, columnOf(text, first.key[0])) };
}

/** The `- item` lines of block sequence items whose dashes are at `column`. */
function itemLines(items: readonly Json[], column: number, target: EditTarget): string {
  const pad = ' '.repeat(column);
  return items.map((item) => `${pad}- ${emitYaml(item, target.style, column + 2).slice(column + 2)}`).join('');
}

/** Column of the `-` of a block sequence item, or undefined when the item is not written after one. */
function dashColumn(text: string, item: Span): number | undefined {
  let at = item[0];
  while (at > 0 && (text[at - 1] === ' ' || text[at - 1] === '\t')) at--;
  return text[at - 1] === '-' ? columnOf(text, at - 1) : undefined;
}

/** Appends items to the sequence at `seqPath`, in its style. */
export function appendItems(target: EditTarget, seqPath: FieldPath, items: readonly Json[]): OffsetEdit | undefined {
  const node = nodeAt(target.doc, seqPath);
  if (!node || !Array.isArray(node.value) || node.source?.kind !== 'seq' || items.length === 0) return undefined;
  const seq: SeqSource = node.source;
  const text = textOf(target);
  if (isFlow(text, seq)) return insertIntoFlow(target, seq.span, items.map(emitFlowYaml).join(', '));
  const first = seq.items[0];
  const last = seq.items.at(-1);
  const column = first && dashColumn(text, first);
  if (!last || column === undefined) return undefined;
  return insertLinesAfter(target, contentEnd(text, last[0], last[1]), itemLines(items, column, target));
}

/**
 * Replaces the entry `key` of the mapping at `mapPath` (key and value) by `newKey: value`,
 * written where the old entry was; comments after it stay.
 */
export function replaceEntry(target: EditTarget, mapPath: FieldPath, key: string, newKey: string, value: Json): OffsetEdit | undefined {
  const found = blockMap(target, mapPath);
  const entry = found?.map.entries.get(key);
  if (!found || !entry) return undefined;
  const text = textOf(target);
  const end = entryEnd(text, entry);
  const offset = target.chunk.offset;
  if (found.flow) return { start: offset + entry.key[0], end: offset + end, newText: emitFlowYaml({ [newKey]: value }).slice(1, -1) };
  const column = columnOf(text, entry.key[0]);
  const eol = target.style.eol;
  const valueLine = lineStart(text, entry.value[0]);
  if (isBlockCollection(value) && entry.value[1] > entry.value[0] && valueLine > entry.key[1]) {
    // The value is on lines of its own: keep what follows the key on its line (`key:  # comment`).
    const childColumn = Array.isArray(value) && !target.style.indentSequences ? column : column + target.style.indent;
    const lines = emitYaml(value, target.style, childColumn);
    const newText = emitFlowYaml(newKey) + text.slice(entry.key[1], valueLine) + lines.slice(0, lines.length - eol.length);
    return { start: offset + entry.key[0], end: offset + end, newText };
  }
  const lines = emitYaml({ [newKey]: value }, target.style, column).slice(column);
  return { start: offset + entry.key[0], end: offset + end, newText: lines.slice(0, lines.length - eol.length) };
}

/** A value `emitYaml` writes on lines of its own, below its key. */
function isBlockCollection(value: Json): boolean {
  return (Array.isArray(value) && value.length > 0) || (isJsonObject(value) && Object.keys(value).length > 0);
}

/**
 * Adds items to the list `key` of the mapping at `mapPath`: appended when the list exists,
 * the list written in block style when it is missing, empty (`[]`) or null.
 */
export function addToList(
  target: EditTarget,
  mapPath: FieldPath,
  key: string,
  items: readonly Json[],
  after: readonly string[] = [],
): OffsetEdit | undefined {
  const parent = nodeAt(target.doc, mapPath);
  if (!parent || !isJsonObject(parent.value)) return undefined;
  if (!Object.hasOwn(parent.value, key)) return insertEntry(target, mapPath, key, [...items], after);
  const list = parent.value[key];
  if (list === null || (Array.isArray(list) && list.length === 0)) return replaceEntry(target, mapPath, key, key, [...items]);
  return appendItems(target, [...mapPath, key], items);
}
