import { parseAllDocuments } from 'yaml';
import type { Json, JsonObject } from '../model/json';
import { LineIndex } from './lineIndex';
import { forbiddenCharacter, PARSE_OPTIONS, type ParsedChunk, type YamlDocument } from './parse';
import { sourceOf, type EntrySource, type MapSource, type SeqSource, type SourceMap, type Span } from './sourceMap';
import { documentToJson } from './toJson';

/**
 * An edit of a large document re-parses only the item of a sequence it falls in: a peer of a
 * rule of 50,000 peers, an entry of a flow list on a 1 MB line. The item's new text is parsed
 * on its own and put in place of the old item; the rest of the document is shared with the
 * earlier parse, its positions moved by the edit's change in length.
 *
 * Only where that gives what parsing the whole text gives: the earlier parse was clean (no
 * problems, one document, no anchors, aliases, tags or directives anywhere), the item is one
 * `- ` item of a block sequence (whole lines, from its marker to the end of its last line)
 * or one item of a flow sequence on one line, the edit stays inside it, and the new text
 * parses alone as exactly one item with nothing that could reach past it (no block scalar,
 * no document marker, no comment in it or right after it, no empty value at its end: the
 * parser ends the collections around a comment or an empty value at the next token, so their
 * ranges would depend on the text beyond the item). Anything else is parsed whole. A test
 * compares the two on random edits.
 */

/** After this many splices in a row a document is parsed whole again (each one adds a layer to the source map). */
const MAX_LAYERS = 32;

/** Characters that make a splice unsafe: anchors, aliases, tags, block scalars, explicit keys, directives, comments. */
const UNSAFE_IN_DOCUMENT = /[&*!%]/;
const UNSAFE_IN_ITEM = /[&*!%|>?#]|^---|[\r\n]---/;

interface Layered {
  readonly layers: number;
}

/** The document of `previous` re-parsed around the edit that turned its text into `text`; undefined when it has to be parsed whole. */
export function spliceChunk(previous: ParsedChunk, text: string): ParsedChunk | undefined {
  const [doc, ...others] = previous.documents;
  if (!doc || others.length > 0 || doc.problems.length > 0 || doc.json === undefined) return undefined;
  const layers = (doc.sourceMap as Partial<Layered>).layers ?? 0;
  if (layers >= MAX_LAYERS || UNSAFE_IN_DOCUMENT.test(previous.text)) return undefined;
  const edit = changedRange(previous.text, text);
  if (!edit) return undefined;
  for (const item of itemsAround(doc, edit.start, edit.oldEnd).reverse()) {
    const spliced = spliceItem(previous, doc, text, edit, item, layers);
    if (spliced) return spliced;
  }
  return undefined;
}

/** The old text's [start, oldEnd) became the new text's [start, newEnd). */
interface Edit {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
  readonly delta: number;
}

function changedRange(before: string, after: string): Edit | undefined {
  if (before === after) return undefined;
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, oldEnd: before.length - tail, newEnd: after.length - tail, delta: after.length - before.length };
}

/** A step from a collection to one of its children. */
interface Step {
  readonly parent: Json;
  readonly source: MapSource | SeqSource;
  readonly key: string | number;
}

/** An item of a sequence around the edit, with the path of steps from the document's root to it. */
interface ItemAround {
  readonly steps: readonly Step[];
}

const within = (span: Span, start: number, end: number): boolean => span[0] <= start && end <= span[1];

/** The items of sequences whose span holds [start, end), outermost first. */
function itemsAround(doc: YamlDocument, start: number, end: number): ItemAround[] {
  const out: ItemAround[] = [];
  const steps: Step[] = [];
  let value: Json | undefined = doc.json;
  for (;;) {
    const source = sourceOf(doc.sourceMap, value);
    if (!source) return out;
    let next: { key: string | number; value: Json } | undefined;
    if (source.kind === 'map') {
      for (const [key, entry] of source.entries) {
        if (within(entry.value, start, end)) next = { key, value: (value as JsonObject)[key]! };
        if (next) break;
      }
    } else {
      const index = source.items.findIndex((span) => within(span, start, end));
      if (index >= 0) next = { key: index, value: (value as Json[])[index]! };
    }
    if (!next) return out;
    steps.push({ parent: value!, source, key: next.key });
    if (source.kind === 'seq') out.push({ steps: [...steps] });
    value = next.value;
  }
}

const isBreak = (code: number): boolean => code === 0x0a || code === 0x0d;

function lineStartOf(text: string, at: number): number {
  let i = at;
  while (i > 0 && !isBreak(text.charCodeAt(i - 1))) i--;
  return i;
}

function lineEndOf(text: string, at: number): number {
  let i = at;
  while (i < text.length && !isBreak(text.charCodeAt(i))) i++;
  return i;
}

/** The item's text in the old document and how to parse the new one alone. */
interface Region {
  /** The old text's [start, end) that the new text's [start, end + delta) replaces. */
  readonly start: number;
  readonly end: number;
  /** The edit must end by here (before the line break that ends a block item's last line). */
  readonly editEnd: number;
  /** Text put before and after the region's new text to parse it alone. */
  readonly before: string;
  readonly after: string;
}

function regionOf(old: string, source: SeqSource, index: number): Region | undefined {
  const span = source.items[index]!;
  if (old[source.span[0]] === '[') {
    // An item of a flow sequence, on one line: parsed alone inside brackets.
    if (/[\r\n]/.test(old.slice(span[0], span[1]))) return undefined;
    return { start: span[0], end: span[1], editEnd: span[1], before: '[', after: ']' };
  }
  // An item of a block sequence: its `- ` line to the end of its last line with its line break
  // (part of a block collection's range), parsed as a sequence of one item.
  const lineStart = lineStartOf(old, span[0]);
  if (!/^ *- +$/.test(old.slice(lineStart, span[0]))) return undefined;
  const lineEnd = lineEndOf(old, Math.max(span[0], span[1] - 1));
  const breakLength = old.startsWith('\r\n', lineEnd) ? 2 : lineEnd < old.length ? 1 : 0;
  return {
    start: lineStart,
    end: lineEnd + breakLength,
    editEnd: lineEnd,
    before: '',
    after: '',
  };
}

function spliceItem(
  previous: ParsedChunk,
  doc: YamlDocument,
  text: string,
  edit: Edit,
  item: ItemAround,
  layers: number,
): ParsedChunk | undefined {
  const steps = item.steps;
  const last = steps[steps.length - 1]!;
  const source = last.source as SeqSource;
  const index = last.key as number;
  const region = regionOf(previous.text, source, index);
  if (!region || edit.start < region.start || edit.oldEnd > region.editEnd) return undefined;
  const itemText = text.slice(region.start, region.end + edit.delta);
  if (UNSAFE_IN_ITEM.test(itemText) || forbiddenCharacter(itemText, [0, itemText.length])) return undefined;
  // A flow item stays on its line (lines inside a flow collection are read by their indentation).
  if (region.before === '[' && /[\r\n]/.test(itemText)) return undefined;
  if (nextTokenIsComment(text, region.end + edit.delta) || endsWithEmptyValue(itemText)) return undefined;
  // A lone CR is a line break, as in parseChunk.
  const parsed = parseAllDocuments(`${region.before}${itemText.replace(/\r(?!\n)/g, '\n')}${region.after}`, PARSE_OPTIONS);
  const [alone, ...more] = parsed;
  if (!alone || more.length > 0 || alone.errors.length > 0 || alone.warnings.length > 0) return undefined;
  const map = new WeakMap<object, MapSource | SeqSource>();
  const converted = documentToJson(alone, map, region.start - region.before.length, steps.length - 1);
  const list = converted.json;
  const listSource = sourceOf(map, list);
  if (converted.issues.length > 0 || !Array.isArray(list) || list.length !== 1 || listSource?.kind !== 'seq') return undefined;

  // The new document: the ancestors of the item copied with the child replaced, the rest shared.
  const overlay = new WeakMap<object, MapSource | SeqSource>();
  const shift = (at: number): number => (at >= edit.oldEnd ? at + edit.delta : at);
  const shiftSpan = (span: Span): Span => [span[0], shift(span[1])];
  let child: Json = list[0]!;
  let childSpan = listSource.items[0]!;
  for (let i = steps.length - 1; i >= 0; i--) {
    const { parent, source: parentSource, key } = steps[i]!;
    if (parentSource.kind === 'seq') {
      const copy = [...(parent as Json[])];
      copy[key as number] = child;
      const items = parentSource.items.map((span, j) => (j === key ? childSpan : j < (key as number) ? span : shiftedSpan(span, edit)));
      overlay.set(copy, { kind: 'seq', span: shiftSpan(parentSource.span), items });
      child = copy;
    } else {
      const copy = Object.assign(Object.create(null) as JsonObject, parent as JsonObject);
      copy[key as string] = child;
      const entries = new Map<string, EntrySource>();
      for (const [name, entry] of parentSource.entries) {
        entries.set(
          name,
          name === key
            ? { key: entry.key, value: childSpan }
            : { key: shiftedSpan(entry.key, edit), value: shiftedSpan(entry.value, edit) },
        );
      }
      overlay.set(copy, { kind: 'map', span: shiftSpan(parentSource.span), entries });
      child = copy;
    }
    childSpan = shiftSpan(parentSource.span);
  }
  const sourceMap = new SplicedSourceMap(doc.sourceMap, [map, overlay], edit, layers + 1);
  const document: YamlDocument = { span: shiftSpan(doc.span), json: child, sourceMap, problems: [] };
  return { text, documents: [document], lines: new LineIndex(text) };
}

/** Whether a block item ends with an indicator whose value is empty (`- ` or `key:` last). */
function endsWithEmptyValue(itemText: string): boolean {
  return /[-:]\s*$/.test(itemText);
}

/** Whether the first thing after `at` other than white space and line breaks is a comment. */
function nextTokenIsComment(text: string, at: number): boolean {
  let i = at;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return text[i] === '#';
}

function shiftedSpan(span: Span, edit: Edit): Span {
  return span[0] >= edit.oldEnd ? [span[0] + edit.delta, span[1] + edit.delta] : span;
}

/**
 * The source map after a splice: the new item's and its copied ancestors' sources, else the
 * earlier map's, moved by the edit when they come after it (a source is entirely before the
 * edit or entirely after it: those around it were copied). Moved sources are made when asked
 * for and remembered.
 */
class SplicedSourceMap implements SourceMap, Layered {
  private readonly moved = new WeakMap<object, MapSource | SeqSource>();

  constructor(
    private readonly earlier: SourceMap,
    private readonly added: readonly WeakMap<object, MapSource | SeqSource>[],
    private readonly edit: Edit,
    readonly layers: number,
  ) {}

  get(value: object): MapSource | SeqSource | undefined {
    for (const map of this.added) {
      const found = map.get(value);
      if (found) return found;
    }
    const remembered = this.moved.get(value);
    if (remembered) return remembered;
    const source = this.earlier.get(value);
    if (!source || source.span[0] < this.edit.oldEnd) return source;
    const shifted: MapSource | SeqSource =
      source.kind === 'seq'
        ? { kind: 'seq', span: shiftedSpan(source.span, this.edit), items: source.items.map((span) => shiftedSpan(span, this.edit)) }
        : {
            kind: 'map',
            span: shiftedSpan(source.span, this.edit),
            entries: new Map(
              [...source.entries].map(([key, entry]) => [
                key,
                { key: shiftedSpan(entry.key, this.edit), value: shiftedSpan(entry.value, this.edit) },
              ]),
            ),
          };
    this.moved.set(value, shifted);
    return shifted;
  }
}
