import type { FieldPath } from '../../model/path';
import type { MapSource, SeqSource, Span } from '../sourceMap';
import { contentEnd, isFlow, lineStart, nextLineStart, nodeAt, textOf, type EditTarget, type OffsetEdit } from './layout';

/**
 * Removals, as minimal text edits. In block style whole lines go: the entry or item, the
 * comment lines directly above it (they describe it) and its trailing comment; the lines
 * around it stay byte-for-byte. In flow style the entry or item goes with one of its commas.
 * The last entry of a block mapping becomes `{}` (the mapping must stay a mapping); the last
 * item of a block sequence is not removed here (its key would be left without a value), the
 * caller removes the sequence's entry instead. Undefined when the place is not as expected
 * (a comment inside a flow collection, the item shares its line with another), never throws.
 */

/** Only blanks between the start of its line and `at`. */
function startsLine(text: string, at: number): boolean {
  return text.slice(lineStart(text, at), at).trim() === '';
}

/** The start of the comment lines directly above the line starting at `start`, at the same column. */
function leadingComments(text: string, start: number, column: number): number {
  let at = start;
  while (at > 0) {
    const previous = lineStart(text, at - 1 - (text[at - 1] === '\n' && text[at - 2] === '\r' ? 1 : 0));
    const line = text.slice(previous, at).replace(/[\r\n]+$/, '');
    if (!line.trimStart().startsWith('#') || line.length - line.trimStart().length !== column) return at;
    at = previous;
  }
  return at;
}

/** Removes the whole lines from the line of `first` to the end of the line holding `last`. */
function removeLines(target: EditTarget, first: number, last: number): OffsetEdit {
  const text = textOf(target);
  const begin = lineStart(text, first);
  const start = leadingComments(text, begin, first - begin);
  const next = nextLineStart(text, last);
  const offset = target.chunk.offset;
  if (next !== undefined) return { start: offset + start, end: offset + next, newText: '' };
  // The last line of the chunk: the line break before it goes instead.
  const breakLength =
    text[start - 1] === '\n' && text[start - 2] === '\r' ? 2 : text[start - 1] === '\n' || text[start - 1] === '\r' ? 1 : 0;
  return { start: offset + start - breakLength, end: offset + text.length, newText: '' };
}

/** Flow style: the part [start, end) of an element, with the comma that joins it to a neighbour. */
function removeFromFlow(target: EditTarget, spans: readonly Span[], index: number, collection: Span): OffsetEdit | undefined {
  const text = textOf(target);
  if (text.slice(collection[0], collection[1]).includes('#')) return undefined;
  const own = spans[index]!;
  const offset = target.chunk.offset;
  const previous = spans[index - 1];
  const next = spans[index + 1];
  // `[a, b]` without b: from the end of a; without a: up to b; the only element: the element.
  if (previous) return { start: offset + previous[1], end: offset + own[1], newText: '' };
  if (next) return { start: offset + own[0], end: offset + next[0], newText: '' };
  return { start: offset + own[0], end: offset + own[1], newText: '' };
}

function mapAt(target: EditTarget, mapPath: FieldPath): MapSource | undefined {
  const source = nodeAt(target.doc, mapPath)?.source;
  return source?.kind === 'map' ? source : undefined;
}

function seqAt(target: EditTarget, seqPath: FieldPath): SeqSource | undefined {
  const source = nodeAt(target.doc, seqPath)?.source;
  return source?.kind === 'seq' ? source : undefined;
}

/** Removes the entry `key` of the mapping at `mapPath`. */
export function removeEntry(target: EditTarget, mapPath: FieldPath, key: string): OffsetEdit | undefined {
  const map = mapAt(target, mapPath);
  const entry = map?.entries.get(key);
  if (!map || !entry) return undefined;
  const text = textOf(target);
  const entries = [...map.entries.values()];
  const index = entries.indexOf(entry);
  if (isFlow(text, map)) {
    return removeFromFlow(
      target,
      entries.map((e) => [e.key[0], Math.max(e.key[1], e.value[1])] as const),
      index,
      map.span,
    );
  }
  const end = contentEnd(text, entry.key[0], Math.max(entry.key[1], entry.value[1]));
  const offset = target.chunk.offset;
  if (entries.length === 1) return { start: offset + entry.key[0], end: offset + end, newText: '{}' };
  if (startsLine(text, entry.key[0])) return removeLines(target, entry.key[0], end);
  // The first entry of a sequence item (`- port: 80`): the next entry moves up behind the dash.
  const next = entries[index + 1];
  if (!next || !startsLine(text, next.key[0])) return undefined;
  return { start: offset + entry.key[0], end: offset + next.key[0], newText: '' };
}

/** Removes item `index` of the sequence at `seqPath` (not the last item of a block sequence). */
export function removeItem(target: EditTarget, seqPath: FieldPath, index: number): OffsetEdit | undefined {
  const seq = seqAt(target, seqPath);
  const item = seq?.items[index];
  if (!seq || !item) return undefined;
  const text = textOf(target);
  if (isFlow(text, seq)) return removeFromFlow(target, seq.items, index, seq.span);
  if (seq.items.length === 1) return undefined;
  let dash = item[0];
  while (dash > 0 && (text[dash - 1] === ' ' || text[dash - 1] === '\t')) dash--;
  dash--;
  if (text[dash] !== '-' || !startsLine(text, dash)) return undefined;
  return removeLines(target, dash, contentEnd(text, item[0], item[1]));
}
