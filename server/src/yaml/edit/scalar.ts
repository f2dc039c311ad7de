import type { FieldPath } from '../../model/path';
import { emitFlowYaml } from '../emit';
import type { Span } from '../sourceMap';
import { nodeAt, textOf, type EditTarget, type OffsetEdit } from './layout';

/**
 * Edits of one scalar or one key, as minimal text edits: the new text replaces exactly the
 * written token, so comments, tags, anchors and everything around it stay as they were. Each
 * returns undefined when the path does not lead to what it expects, never throws.
 */

/** Where a field is written: its key (for mapping entries) and its value. */
export interface FieldSource {
  readonly key?: Span;
  readonly value: Span;
}

/** The key and value spans of the field at `path` (a mapping entry or a sequence item). */
export function fieldSource(target: EditTarget, path: FieldPath): FieldSource | undefined {
  const last = path.at(-1);
  if (last === undefined) return undefined;
  const parent = nodeAt(target.doc, path.slice(0, -1))?.source;
  if (parent?.kind === 'map' && typeof last === 'string') {
    const entry = parent.entries.get(last);
    return entry ? { key: entry.key, value: entry.value } : undefined;
  }
  if (parent?.kind === 'seq' && typeof last === 'number') {
    const item = parent.items[last];
    return item ? { value: item } : undefined;
  }
  return undefined;
}

type QuoteStyle = 'plain' | 'single' | 'double';

/** How a one-line scalar token is written; undefined for block scalars, collections and multi-line tokens. */
function quoteStyleOf(token: string): QuoteStyle | undefined {
  if (token === '' || /[\r\n]/.test(token)) return undefined;
  const first = token[0];
  if (first === "'" && token.length >= 2 && token.endsWith("'")) return 'single';
  if (first === '"' && token.length >= 2 && token.endsWith('"') && !token.endsWith('\\"')) return 'double';
  if ('|>{[&*!'.includes(first!)) return undefined;
  return 'plain';
}

/** `value` as a scalar token in the given style; a plain token only where it still reads as the same string. */
function token(value: string | number, style: QuoteStyle): string {
  if (typeof value === 'number') return String(value);
  if (style === 'single') return `'${value.replace(/'/g, "''")}'`;
  // JSON string escapes are valid YAML double-quoted escapes.
  if (style === 'double') return JSON.stringify(value);
  return emitFlowYaml(value);
}

function replace(target: EditTarget, span: Span, newText: string): OffsetEdit | undefined {
  if (textOf(target).slice(span[0], span[1]) === newText) return undefined;
  const offset = target.chunk.offset;
  return { start: offset + span[0], end: offset + span[1], newText };
}

/**
 * Replaces the scalar at `path` with `value`, in the quoting style it was written in (a
 * plain token that would no longer read as a string is double-quoted instead). Undefined
 * when the value is already written so, or is not a one-line scalar.
 */
export function replaceScalar(target: EditTarget, path: FieldPath, value: string | number): OffsetEdit | undefined {
  const source = fieldSource(target, path);
  if (!source || source.value[1] <= source.value[0]) return undefined;
  const style = quoteStyleOf(textOf(target).slice(source.value[0], source.value[1]));
  return style ? replace(target, source.value, token(value, style)) : undefined;
}

/** Renames the key of the mapping entry at `path`; undefined when the mapping already has `name`. */
export function renameKey(target: EditTarget, path: FieldPath, name: string): OffsetEdit | undefined {
  const parent = nodeAt(target.doc, path.slice(0, -1))?.source;
  if (parent?.kind !== 'map' || parent.entries.has(name)) return undefined;
  const key = fieldSource(target, path)?.key;
  const style = key && quoteStyleOf(textOf(target).slice(key[0], key[1]));
  return key && style ? replace(target, key, token(name, style)) : undefined;
}

/**
 * Quotes the plain scalar at `path` exactly as written (`1.0` becomes `"1.0"`, not `"1"`):
 * the string the author typed, which YAML read as a number or boolean.
 */
export function quoteScalar(target: EditTarget, path: FieldPath): OffsetEdit | undefined {
  const source = fieldSource(target, path);
  if (!source) return undefined;
  const written = textOf(target).slice(source.value[0], source.value[1]);
  if (quoteStyleOf(written) !== 'plain') return undefined;
  return replace(target, source.value, token(written, written.includes('"') ? 'single' : 'double'));
}

/** Swaps the written values of two scalar fields (two edits, each keeping the other's token as written). */
export function swapScalars(target: EditTarget, a: FieldPath, b: FieldPath): OffsetEdit[] | undefined {
  const first = fieldSource(target, a)?.value;
  const second = fieldSource(target, b)?.value;
  if (!first || !second) return undefined;
  const text = textOf(target);
  const [x, y] = [text.slice(first[0], first[1]), text.slice(second[0], second[1])];
  if (!quoteStyleOf(x) || !quoteStyleOf(y) || x === y) return undefined;
  const offset = target.chunk.offset;
  return [
    { start: offset + first[0], end: offset + first[1], newText: y },
    { start: offset + second[0], end: offset + second[1], newText: x },
  ];
}
