import { isValid, type LabelSelector } from './networkPolicy';
import { isOperator, type Operator } from './vocabulary';

/**
 * Label selector semantics (`metav1.LabelSelectorAsSelector` and `labels.Selector`): the
 * requirements are ANDed; `matchLabels` entries are `key In [value]`; `NotIn` and
 * `DoesNotExist` also match objects without the key. An empty selector matches everything.
 */
export type Labels = Readonly<Record<string, string>>;

export type { Operator } from './vocabulary';

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

export interface Selector {
  /** ANDed; none = matches every object. */
  readonly requirements: readonly Requirement[];
}

export const EVERYTHING: Selector = { requirements: [] };

/**
 * The selector a decoded LabelSelector stands for, or undefined when it cannot be read
 * (wrong types, an unknown operator): the API server would have rejected the policy.
 */
export function toSelector(selector: LabelSelector): Selector | undefined {
  // Remembered per decoded selector: the selectors of unchanged peers are the same objects after an edit.
  if (selectors.has(selector)) return selectors.get(selector);
  const built = buildSelector(selector);
  selectors.set(selector, built);
  return built;
}

const selectors = new WeakMap<LabelSelector, Selector | undefined>();

function buildSelector(selector: LabelSelector): Selector | undefined {
  const requirements: Requirement[] = [];
  if (selector.matchLabels !== undefined) {
    if (!isValid(selector.matchLabels)) return undefined;
    for (const key of Object.keys(selector.matchLabels)) {
      const value = selector.matchLabels[key]!;
      if (!isValid(value)) return undefined;
      requirements.push({ key, operator: 'In', values: [value] });
    }
  }
  if (selector.matchExpressions !== undefined) {
    if (!isValid(selector.matchExpressions)) return undefined;
    for (const expression of selector.matchExpressions) {
      if (!isValid(expression) || !isValid(expression.key) || !isValid(expression.operator) || !isOperator(expression.operator))
        return undefined;
      const values: string[] = [];
      if (expression.values !== undefined) {
        if (!isValid(expression.values)) return undefined;
        for (const value of expression.values) {
          if (!isValid(value)) return undefined;
          values.push(value);
        }
      }
      requirements.push({ key: expression.key, operator: expression.operator, values });
    }
  }
  return { requirements };
}

export function requirementMatches(requirement: Requirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  switch (requirement.operator) {
    case 'In':
      return has && requirement.values.includes(labels[requirement.key]!);
    case 'NotIn':
      return !has || !requirement.values.includes(labels[requirement.key]!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

export function selectorMatches(selector: Selector, labels: Labels): boolean {
  return selector.requirements.every((requirement) => requirementMatches(requirement, labels));
}

export function isEverything(selector: Selector): boolean {
  return selector.requirements.length === 0;
}
