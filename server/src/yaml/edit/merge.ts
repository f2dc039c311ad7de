import { isJsonObject } from '../../model/json';
import type { FieldPath } from '../../model/path';
import type { MapSource } from '../sourceMap';
import { columnOf, isFlow, lineStart, nodeAt, textOf, type EditTarget, type OffsetEdit } from './layout';

/**
 * Merges item `index` of the sequence at `seqPath` into the item before it, when both are
 * mappings without a common key: what deleting one `-` does (two peers become one peer,
 * a ports-only rule joins the rule before it). In block style the edit is exactly that: the
 * `-` becomes a space, so the keys keep their columns and nothing else changes. Two flow
 * mappings are joined into one (`{a: 1}` and `{b: 2}` become `{a: 1, b: 2}`).
 */
export function mergeIntoPrevious(target: EditTarget, seqPath: FieldPath, index: number): OffsetEdit | undefined {
  if (index < 1) return undefined;
  const first = nodeAt(target.doc, [...seqPath, index - 1]);
  const second = nodeAt(target.doc, [...seqPath, index]);
  if (!first || !second || !isJsonObject(first.value) || !isJsonObject(second.value)) return undefined;
  if (first.source?.kind !== 'map' || second.source?.kind !== 'map') return undefined;
  if (Object.keys(second.value).some((key) => Object.hasOwn(first.value as object, key))) return undefined;
  const text = textOf(target);
  const [a, b] = [first.source, second.source];
  if (isFlow(text, a) !== isFlow(text, b)) return undefined;
  return isFlow(text, a) ? joinFlow(target, a, b) : undentItem(target, a, b);
}

function undentItem(target: EditTarget, first: MapSource, second: MapSource): OffsetEdit | undefined {
  const text = textOf(target);
  const firstKey = first.entries.values().next().value?.key;
  const secondKey = second.entries.values().next().value?.key;
  if (!firstKey || !secondKey || columnOf(text, firstKey[0]) !== columnOf(text, secondKey[0])) return undefined;
  // The second item's `-` must open its line (`  - podSelector:`), else removing it would change more.
  let dash = secondKey[0];
  while (dash > 0 && text[dash - 1] === ' ') dash--;
  dash--;
  if (text[dash] !== '-' || text.slice(lineStart(text, dash), dash).trim() !== '') return undefined;
  const offset = target.chunk.offset;
  return { start: offset + dash, end: offset + dash + 1, newText: ' ' };
}

function joinFlow(target: EditTarget, first: MapSource, second: MapSource): OffsetEdit | undefined {
  const text = textOf(target);
  if (first.entries.size === 0 || second.entries.size === 0) return undefined;
  const close = first.span[1] - 1;
  const open = second.span[0];
  if (text[close] !== '}' || text[open] !== '{' || text.slice(close, open).includes('#')) return undefined;
  const offset = target.chunk.offset;
  return { start: offset + close, end: offset + open + 1, newText: ', ' };
}
