import fc from 'fast-check';

/**
 * An independent reference for label selectors, written from the Kubernetes definitions
 * (metav1.LabelSelector, apimachinery labels.Requirement.Matches), for property tests. It
 * works on the selector as written and on labels as a Map, and shares no code with
 * server/src/model/selector.ts.
 */

export type WrittenOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface WrittenExpression {
  key: string;
  operator: WrittenOperator;
  values?: string[];
}

/** A LabelSelector as written in YAML (matchLabels as entries, so that odd keys stay data). */
export interface WrittenSelector {
  matchLabels?: [string, string][];
  matchExpressions?: WrittenExpression[];
}

/**
 * A selector matches when every matchLabels entry is present with exactly that value and
 * every expression holds — In: present with one of the values; NotIn: absent, or present
 * with none of the values; Exists: present; DoesNotExist: absent. No requirement at all
 * matches everything.
 */
export function referenceMatches(selector: WrittenSelector, labels: ReadonlyMap<string, string>): boolean {
  for (const [key, value] of selector.matchLabels ?? []) {
    if (!labels.has(key) || labels.get(key) !== value) return false;
  }
  for (const e of selector.matchExpressions ?? []) {
    const present = labels.has(e.key);
    const values = e.values ?? [];
    let holds: boolean;
    if (e.operator === 'In') holds = present && values.some((v) => v === labels.get(e.key));
    else if (e.operator === 'NotIn') holds = !present || values.every((v) => v !== labels.get(e.key));
    else if (e.operator === 'Exists') holds = present;
    else holds = !present;
    if (!holds) return false;
  }
  return true;
}

/** The JSON of a written selector (maps built with own properties only). */
export function selectorJson(selector: WrittenSelector): { matchLabels?: Record<string, string>; matchExpressions?: WrittenExpression[] } {
  return {
    ...(selector.matchLabels ? { matchLabels: Object.fromEntries(selector.matchLabels) } : {}),
    ...(selector.matchExpressions ? { matchExpressions: selector.matchExpressions } : {}),
  };
}

/** Random selectors over small alphabets of keys and values, with every operator. */
export function writtenSelector(keys: readonly string[], values: readonly string[]): fc.Arbitrary<WrittenSelector> {
  const key = fc.constantFrom(...keys);
  const value = fc.constantFrom(...values);
  const expression: fc.Arbitrary<WrittenExpression> = fc.record(
    {
      key,
      operator: fc.constantFrom<WrittenOperator>('In', 'NotIn', 'Exists', 'DoesNotExist'),
      values: fc.array(value, { maxLength: 3 }),
    },
    { requiredKeys: ['key', 'operator'] },
  );
  return fc.record(
    {
      matchLabels: fc.uniqueArray(fc.tuple(key, value), { maxLength: 3, selector: ([k]) => k }),
      matchExpressions: fc.array(expression, { maxLength: 3 }),
    },
    { requiredKeys: [] },
  );
}

/** Random label sets over the same alphabets. */
export function labelSet(keys: readonly string[], values: readonly string[], maxLength = 5): fc.Arbitrary<Map<string, string>> {
  return fc
    .uniqueArray(fc.tuple(fc.constantFrom(...keys), fc.constantFrom(...values)), { maxLength, selector: ([k]) => k })
    .map((entries) => new Map(entries));
}
