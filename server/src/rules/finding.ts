import type { FieldPath } from '../model/path';
import type { RuleData, RuleId } from './ruleIds';

/**
 * What a rule reports about a document. Rules know field paths, never text positions: the
 * YAML layer turns `location` (or `path`) into a range.
 */
export interface FindingBody<Data = Readonly<Record<string, unknown>>> {
  /** The field path the API server prints for this error (`data.path` of the diagnostic). */
  readonly path: FieldPath;
  /** The field to point at when it differs from `path` (e.g. one key of a labels map). */
  readonly location?: FieldPath;
  /** Point at the field's key (unknown fields, bad label keys) rather than its value. */
  readonly target?: 'value' | 'key';
  readonly message: string;
  /** Facts a quick fix can use (e.g. the suggested field name, the network address). */
  readonly data?: Data;
}

/** One problem found in a document, with the rule that found it and that rule's data. */
export type Finding<Id extends RuleId = RuleId> = Id extends RuleId ? FindingBody<RuleData<Id>> & { readonly ruleId: Id } : never;

/** What a rule reports: a finding without its id; `data` of the rule's own type (required when the rule has data). */
export type Report<Data> = Omit<FindingBody, 'data'> &
  ([Data] extends [undefined]
    ? { readonly data?: never }
    : undefined extends Data
      ? { readonly data?: Exclude<Data, undefined> }
      : { readonly data: Data });

/** Findings of a nested object, re-rooted under `prefix` (e.g. `items[3]`). */
export function prefixFinding<F extends Finding>(prefix: FieldPath, finding: F): F {
  if (prefix.length === 0) return finding;
  return {
    ...finding,
    path: [...prefix, ...finding.path],
    ...(finding.location ? { location: [...prefix, ...finding.location] } : {}),
  };
}
