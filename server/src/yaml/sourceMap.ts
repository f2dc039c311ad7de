import type { Json } from '../model/json';

/** Offsets [start, end) in the text of the chunk a document was parsed from. */
export type Span = readonly [start: number, end: number];

export interface EntrySource {
  readonly key: Span;
  readonly value: Span;
}

export interface MapSource {
  readonly kind: 'map';
  readonly span: Span;
  readonly entries: Map<string, EntrySource>;
}

export interface SeqSource {
  readonly kind: 'seq';
  readonly span: Span;
  readonly items: Span[];
}

/**
 * Where each JSON object and array of a document was written. Keyed by the JSON value
 * itself, so an alias shares the source of its anchor (errors point at the real token).
 * A WeakMap filled by the conversion, or a view of an earlier one after an edit (see splice.ts).
 */
export interface SourceMap {
  get(value: object): MapSource | SeqSource | undefined;
}

export function sourceOf(map: SourceMap, value: Json | undefined): MapSource | SeqSource | undefined {
  return typeof value === 'object' && value !== null ? map.get(value) : undefined;
}
