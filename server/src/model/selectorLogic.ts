import type { Requirement, Selector } from './selector';

/**
 * Label selectors as logic, for questions about pods the workspace does not declare: does some
 * set of labels satisfy these selectors and none of those? Exact for `metav1.LabelSelector`: each
 * requirement is about one key (present or not, and its value), so a conjunction is decided key by
 * key, and the negation of a selector is the disjunction of its negated requirements.
 */

/** The requirement that matches exactly the label sets `requirement` does not match. */
function negate(requirement: Requirement): Requirement {
  const { key, values } = requirement;
  switch (requirement.operator) {
    case 'In':
      return { key, operator: 'NotIn', values };
    case 'NotIn':
      return { key, operator: 'In', values };
    case 'Exists':
      return { key, operator: 'DoesNotExist', values: [] };
    case 'DoesNotExist':
      return { key, operator: 'Exists', values: [] };
  }
}

/** Whether some value (or the key's absence) meets every requirement on one key. */
function keySatisfiable(requirements: readonly Requirement[]): boolean {
  let allowed: Set<string> | undefined;
  const excluded = new Set<string>();
  let mustBePresent = false;
  let mustBeAbsent = false;
  for (const requirement of requirements) {
    switch (requirement.operator) {
      case 'In':
        mustBePresent = true;
        allowed = new Set(requirement.values.filter((value) => !allowed || allowed.has(value)));
        break;
      case 'NotIn':
        for (const value of requirement.values) excluded.add(value);
        break;
      case 'Exists':
        mustBePresent = true;
        break;
      case 'DoesNotExist':
        mustBeAbsent = true;
        break;
    }
  }
  if (mustBeAbsent) return !mustBePresent;
  if (!mustBePresent) return true;
  // Present: a value allowed by every `In` (any of infinitely many when there is none) and no `NotIn`.
  return allowed === undefined || [...allowed].some((value) => !excluded.has(value));
}

/** Whether one label set meets every requirement. */
function conjunctionSatisfiable(requirements: readonly Requirement[]): boolean {
  const byKey = new Map<string, Requirement[]>();
  for (const requirement of requirements) {
    const list = byKey.get(requirement.key);
    if (list) list.push(requirement);
    else byKey.set(requirement.key, [requirement]);
  }
  return [...byKey.values()].every(keySatisfiable);
}

/** How many partial choices a search may try before it gives up (the answer is then unknown). */
const SEARCH_BUDGET = 20_000;

/**
 * Whether some set of labels is selected by every selector of `all` and by none of `none`;
 * undefined when too many combinations would have to be tried to tell (each selector of `none`
 * can be missed through any one of its requirements).
 */
export function satisfiable(all: readonly Selector[], none: readonly Selector[]): boolean | undefined {
  const base = all.flatMap((selector) => selector.requirements);
  if (!conjunctionSatisfiable(base)) return false;
  // A selector without requirements selects everything: nothing escapes it.
  if (none.some((selector) => selector.requirements.length === 0)) return false;
  let budget = SEARCH_BUDGET;
  const search = (chosen: readonly Requirement[], next: number): boolean | undefined => {
    if (next === none.length) return true;
    let unknown = false;
    for (const requirement of none[next]!.requirements) {
      if (--budget < 0) return undefined;
      const tried = [...chosen, negate(requirement)];
      if (!conjunctionSatisfiable(tried)) continue;
      const found = search(tried, next + 1);
      if (found) return true;
      if (found === undefined) unknown = true;
    }
    return unknown ? undefined : false;
  };
  return search(base, 0);
}
