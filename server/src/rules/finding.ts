import type { FieldPath } from '../model/path';

/**
 * One problem found in a document. Rules know field paths, never text positions: the
 * YAML layer turns `location` (or `path`) into a range.
 */
export interface Finding {
  readonly ruleId: string;
  /** The field path the API server prints for this error (`data.path` of the diagnostic). */
  readonly path: FieldPath;
  /** The field to point at when it differs from `path` (e.g. one key of a labels map). */
  readonly location?: FieldPath;
  /** Point at the field's key (unknown fields, bad label keys) rather than its value. */
  readonly target?: 'value' | 'key';
  readonly message: string;
  /** Facts a quick fix can use (e.g. the suggested field name, the network address). */
  readonly data?: Readonly<Record<string, unknown>>;
}

/** Findings of a nested object, re-rooted under `prefix` (e.g. `items[3]`). */
export function prefixFinding(prefix: FieldPath, finding: Finding): Finding {
  if (prefix.length === 0) return finding;
  return {
    ...finding,
    path: [...prefix, ...finding.path],
    ...(finding.location ? { location: [...prefix, ...finding.location] } : {}),
  };
}
