import type { Json } from '../model/json';
import type { FieldPath } from '../model/path';
import type { YamlDocument } from './parse';
import { sourceOf, type Span } from './sourceMap';

export type LocateTarget = 'value' | 'key';

const isEmpty = (span: Span): boolean => span[1] <= span[0];

/** Where to point when a document as a whole is at fault: its `kind` key, else its first key. */
function rootSpan(doc: YamlDocument): Span {
  const root = sourceOf(doc.sourceMap, doc.json);
  if (root?.kind === 'map') {
    const entry = root.entries.get('kind') ?? root.entries.values().next().value;
    if (entry) return entry.key;
  }
  if (root && !isEmpty(root.span)) return root.span;
  return doc.span;
}

/**
 * The span of a field in a document, following the diagnostics contract: the value
 * (`target: 'value'`) or the key (`'key'`); the key when the value is empty; the parent's
 * key when the field (or one of its parents) is missing.
 */
export function locate(doc: YamlDocument, path: FieldPath, target: LocateTarget): Span {
  let value: Json | undefined = doc.json;
  // The key (or list item) and value spans of the deepest field found so far.
  let keySpan: Span | undefined;
  let valueSpan: Span | undefined;
  for (const segment of path) {
    const source = sourceOf(doc.sourceMap, value);
    let next: { key: Span; value: Span } | undefined;
    if (source?.kind === 'map' && typeof segment === 'string') {
      next = source.entries.get(segment);
      if (next) value = (value as Record<string, Json>)[segment];
    } else if (source?.kind === 'seq' && typeof segment === 'number') {
      const item = source.items[segment];
      if (item) {
        next = { key: item, value: item };
        value = (value as Json[])[segment];
      }
    }
    if (!next) return keySpan ?? rootSpan(doc);
    keySpan = next.key;
    valueSpan = next.value;
  }
  if (!keySpan || !valueSpan) return rootSpan(doc);
  if (target === 'key') return keySpan;
  return isEmpty(valueSpan) ? keySpan : valueSpan;
}
