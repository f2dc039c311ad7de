import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INVALID, type LabelSelector } from '../../../server/src/model/networkPolicy';
import { labelSet, referenceMatches, selectorJson, writtenSelector, type WrittenSelector } from './labelReference';
import {
  EVERYTHING,
  isEverything,
  requirementMatches,
  selectorMatches,
  toSelector,
  type Labels,
  type Operator,
  type Requirement,
  type Selector,
} from '../../../server/src/model/selector';

/** Labels as an object with a null prototype, as objects.ts builds them. */
const labels = (entries: Record<string, string>): Labels => Object.assign(Object.create(null) as Record<string, string>, entries);

const req = (key: string, operator: Operator, values: string[] = []): Requirement => ({ key, operator, values });

function selectorOf(input: LabelSelector): Selector {
  const selector = toSelector(input);
  if (!selector) throw new Error(`unreadable selector ${JSON.stringify(input)}`);
  return selector;
}

describe('requirementMatches (labels.Requirement.Matches)', () => {
  // [operator, values, labels, expected]
  const table: [Operator, string[], Record<string, string>, boolean][] = [
    // In: the key must be there with one of the values.
    ['In', ['web'], { app: 'web' }, true],
    ['In', ['web', 'api'], { app: 'api' }, true],
    ['In', ['web'], { app: 'db' }, false],
    ['In', ['web'], {}, false],
    ['In', ['web'], { other: 'web' }, false],
    ['In', [''], { app: '' }, true],
    ['In', [''], {}, false], // an empty value is a value: the key must still be present
    ['In', ['web'], { app: '' }, false],
    ['In', [], { app: 'web' }, false], // rejected by the API server, but matches nothing
    ['In', ['Web'], { app: 'web' }, false], // values are case-sensitive
    // NotIn: also matches objects without the key.
    ['NotIn', ['web'], { app: 'db' }, true],
    ['NotIn', ['web'], {}, true],
    ['NotIn', ['web'], { other: 'web' }, true],
    ['NotIn', ['web'], { app: 'web' }, false],
    ['NotIn', ['web', 'api'], { app: 'api' }, false],
    ['NotIn', [''], { app: '' }, false],
    ['NotIn', [''], { app: 'x' }, true],
    ['NotIn', [''], {}, true],
    ['NotIn', [], { app: 'web' }, true],
    // Exists / DoesNotExist look at the key only (an empty value counts as present).
    ['Exists', [], { app: 'web' }, true],
    ['Exists', [], { app: '' }, true],
    ['Exists', [], {}, false],
    ['Exists', [], { App: 'web' }, false], // keys are case-sensitive
    ['Exists', ['ignored'], { app: 'web' }, true],
    ['DoesNotExist', [], {}, true],
    ['DoesNotExist', [], { other: 'x' }, true],
    ['DoesNotExist', [], { app: '' }, false],
    ['DoesNotExist', [], { app: 'web' }, false],
  ];
  it.each(table)('app %s %j on %j => %s', (operator, values, given, expected) => {
    expect(requirementMatches(req('app', operator, values), labels(given))).toBe(expected);
    // The same with a plain object (labels need not have a null prototype).
    expect(requirementMatches(req('app', operator, values), { ...given })).toBe(expected);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('does not see inherited properties as the key %s', (key) => {
    expect(requirementMatches(req(key, 'Exists'), {})).toBe(false);
    expect(requirementMatches(req(key, 'DoesNotExist'), {})).toBe(true);
    expect(requirementMatches(req(key, 'NotIn', ['x']), {})).toBe(true);
    const own = Object.fromEntries([[key, 'x']]) as Labels;
    expect(requirementMatches(req(key, 'In', ['x']), own)).toBe(true);
    expect(requirementMatches(req(key, 'Exists'), own)).toBe(true);
  });
});

describe('selectorMatches', () => {
  it('the empty selector matches everything, even objects without labels', () => {
    expect(selectorMatches(EVERYTHING, labels({}))).toBe(true);
    expect(selectorMatches(EVERYTHING, labels({ app: 'web' }))).toBe(true);
    expect(selectorMatches(selectorOf({}), labels({}))).toBe(true);
    expect(selectorMatches(selectorOf({ matchLabels: {}, matchExpressions: [] }), labels({ a: 'b' }))).toBe(true);
    expect(isEverything(EVERYTHING)).toBe(true);
    expect(isEverything(selectorOf({ matchLabels: {}, matchExpressions: [] }))).toBe(true);
    expect(isEverything(selectorOf({ matchLabels: { a: 'b' } }))).toBe(false);
    expect(isEverything(selectorOf({ matchExpressions: [{ key: 'a', operator: 'Exists' }] }))).toBe(false);
  });

  // [selector, labels, expected]
  const table: [string, LabelSelector, Record<string, string>, boolean][] = [
    ['matchLabels: all entries', { matchLabels: { app: 'web', tier: 'front' } }, { app: 'web', tier: 'front', x: 'y' }, true],
    ['matchLabels: one entry differs', { matchLabels: { app: 'web', tier: 'front' } }, { app: 'web', tier: 'back' }, false],
    ['matchLabels: one entry missing', { matchLabels: { app: 'web', tier: 'front' } }, { app: 'web' }, false],
    ['matchLabels: empty value', { matchLabels: { app: '' } }, { app: '' }, true],
    ['matchLabels: empty value, key absent', { matchLabels: { app: '' } }, {}, false],
    [
      'expressions ANDed: both hold',
      {
        matchExpressions: [
          { key: 'app', operator: 'In', values: ['web', 'api'] },
          { key: 'env', operator: 'NotIn', values: ['prod'] },
        ],
      },
      { app: 'api', env: 'dev' },
      true,
    ],
    [
      'expressions ANDed: the second fails',
      {
        matchExpressions: [
          { key: 'app', operator: 'In', values: ['web', 'api'] },
          { key: 'env', operator: 'NotIn', values: ['prod'] },
        ],
      },
      { app: 'api', env: 'prod' },
      false,
    ],
    [
      'expressions ANDed: NotIn holds without the key',
      {
        matchExpressions: [
          { key: 'app', operator: 'Exists' },
          { key: 'env', operator: 'NotIn', values: ['prod'] },
        ],
      },
      { app: 'x' },
      true,
    ],
    [
      'Exists AND DoesNotExist on the same key never match',
      {
        matchExpressions: [
          { key: 'app', operator: 'Exists' },
          { key: 'app', operator: 'DoesNotExist' },
        ],
      },
      { app: 'x' },
      false,
    ],
    [
      'Exists AND DoesNotExist on the same key never match (absent)',
      {
        matchExpressions: [
          { key: 'app', operator: 'Exists' },
          { key: 'app', operator: 'DoesNotExist' },
        ],
      },
      {},
      false,
    ],
    [
      'matchLabels AND matchExpressions on the same key: consistent',
      { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] },
      { app: 'web' },
      true,
    ],
    [
      'matchLabels AND matchExpressions on the same key: the expression narrows',
      { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'app', operator: 'In', values: ['api'] }] },
      { app: 'web' },
      false,
    ],
    [
      'matchLabels AND NotIn of the same value: contradiction',
      { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] },
      { app: 'web' },
      false,
    ],
    [
      'matchLabels AND DoesNotExist of the same key: contradiction',
      { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] },
      {},
      false,
    ],
    [
      'matchLabels and expressions on different keys',
      { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] },
      { app: 'web' },
      true,
    ],
    [
      'namespace by name (kubernetes.io/metadata.name)',
      { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['prod', 'staging'] }] },
      { 'kubernetes.io/metadata.name': 'staging' },
      true,
    ],
  ];
  it.each(table)('%s', (_name, selector, given, expected) => {
    expect(selectorMatches(selectorOf(selector), labels(given))).toBe(expected);
  });
});

describe('toSelector', () => {
  it('reads matchLabels as In requirements, then the expressions, in order', () => {
    expect(
      toSelector({
        matchLabels: { app: 'web', tier: '' },
        matchExpressions: [
          { key: 'env', operator: 'NotIn', values: ['prod', 'staging'] },
          { key: 'x', operator: 'Exists' },
          { key: 'y', operator: 'DoesNotExist', values: [] },
          { key: 'z', operator: 'In', values: ['a'] },
        ],
      }),
    ).toEqual({
      requirements: [
        req('app', 'In', ['web']),
        req('tier', 'In', ['']),
        req('env', 'NotIn', ['prod', 'staging']),
        req('x', 'Exists'),
        req('y', 'DoesNotExist'),
        req('z', 'In', ['a']),
      ],
    });
  });

  it('reads an empty selector as everything', () => {
    expect(toSelector({})).toEqual(EVERYTHING);
    expect(toSelector({ matchLabels: {} })).toEqual(EVERYTHING);
    expect(toSelector({ matchExpressions: [] })).toEqual(EVERYTHING);
  });

  // Values that the strict decoding made INVALID, or that the API server would never accept.
  const invalid: [string, LabelSelector][] = [
    ['matchLabels of the wrong type', { matchLabels: INVALID }],
    ['matchExpressions of the wrong type', { matchExpressions: INVALID }],
    ['an expression of the wrong type', { matchExpressions: [INVALID] }],
    ['a key of the wrong type', { matchExpressions: [{ key: INVALID, operator: 'Exists' }] }],
    ['no key', { matchExpressions: [{ operator: 'Exists' }] }],
    ['an operator of the wrong type', { matchExpressions: [{ key: 'a', operator: INVALID }] }],
    ['no operator', { matchExpressions: [{ key: 'a' }] }],
    ['an unknown operator', { matchExpressions: [{ key: 'a', operator: 'Equals', values: ['x'] }] }],
    [
      'a set-based operator of labels.Selector that LabelSelector lacks',
      { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] },
    ],
    ['an operator in the wrong case', { matchExpressions: [{ key: 'a', operator: 'in', values: ['x'] }] }],
    ['an operator with spaces', { matchExpressions: [{ key: 'a', operator: ' In', values: ['x'] }] }],
    ['values of the wrong type', { matchExpressions: [{ key: 'a', operator: 'In', values: INVALID }] }],
    ['a value of the wrong type', { matchExpressions: [{ key: 'a', operator: 'In', values: ['x', INVALID] }] }],
    [
      'one bad expression among good ones',
      {
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'a', operator: 'Exists' },
          { key: 'b', operator: 'Bogus' },
        ],
      },
    ],
  ];
  it.each(invalid)('is undefined for %s', (_name, selector) => {
    expect(toSelector(selector)).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------
// Property: selectorMatches(toSelector(s)) agrees with a reference written from the
// Kubernetes definitions (metav1.LabelSelector, apimachinery labels.Requirement.Matches).
// ---------------------------------------------------------------------------------------

const KEYS = ['app', 'tier', 'env', 'kubernetes.io/metadata.name', 'constructor', '__proto__'];
const VALUES = ['', 'web', 'db', 'prod'];
const written = writtenSelector(KEYS, VALUES);
const labelSets = labelSet(KEYS, VALUES);
const decoded = (selector: WrittenSelector): LabelSelector => selectorJson(selector);

describe('selectorMatches property', () => {
  it('agrees with the Kubernetes definition on random selectors and label sets', () => {
    fc.assert(
      fc.property(written, labelSets, fc.boolean(), (selector, set, nullPrototype) => {
        const built = toSelector(decoded(selector));
        expect(built).toBeDefined();
        const entries = Object.fromEntries(set) as Record<string, string>;
        const given: Labels = nullPrototype ? Object.assign(Object.create(null) as Record<string, string>, entries) : entries;
        expect(selectorMatches(built!, given)).toBe(referenceMatches(selector, set));
      }),
      { numRuns: 2000 },
    );
  });

  it('ANDs: a selector matches exactly when each of its requirements matches alone', () => {
    fc.assert(
      fc.property(written, labelSets, (selector, set) => {
        const built = toSelector(decoded(selector))!;
        const given = Object.fromEntries(set) as Labels;
        const each = built.requirements.every((r) => selectorMatches({ requirements: [r] }, given));
        expect(selectorMatches(built, given)).toBe(each);
      }),
    );
  });
});
