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
 */
export type SourceMap = WeakMap<object, MapSource | SeqSource>;

export function sourceOf(map: SourceMap, value: Json | undefined): MapSource | SeqSource | undefined {
  return typeof value === 'object' && value !== null ? map.get(value) : undefined;
}
