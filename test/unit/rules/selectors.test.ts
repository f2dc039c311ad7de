import { describe, expect, it } from 'vitest';
import { codes, diagnose, offsetOf, policy, reported, yaml } from '../helpers';

const a = (n: number) => 'a'.repeat(n);

/** A policy whose spec.podSelector is `selector` (flow or block YAML). */
const podSelector = (selector: string) =>
  policy(`
    podSelector:
      ${selector.trim().split('\n').join('\n      ')}
  `);

const matchLabels = (entries: string) => podSelector(`matchLabels: { ${entries} }`);
const expression = (entry: string) => podSelector(`matchExpressions:\n  - ${entry}`);

describe('label-key (matchLabels keys and matchExpressions keys)', () => {
  it.each(['app', 'App', 'a', 'my.name', 'A_b-c', 'app.kubernetes.io/name', 'kubernetes.io/metadata.name', a(63), `${a(253)}/x`])(
    'accepts the matchLabels key %s',
    (key) => {
      expect(codes(matchLabels(`${key}: x`))).toEqual([]);
    },
  );

  it.each([
    ['"bad key"', '"bad key"'],
    [a(64), a(64)],
    ['Example.com/app', 'Example.com/app'],
    ['a/b/c', 'a/b/c'],
    ['"/app"', '"/app"'],
    ['"app/"', '"app/"'],
    ['-app', '-app'],
    ['"app="', '"app="'],
    [`${a(254)}/x`, `${a(254)}/x`],
  ])('rejects the matchLabels key %s: at the map path, pointing at the key', (key, text) => {
    expect(reported(matchLabels(`${key}: x`), 'label-key')).toEqual([`spec.podSelector.matchLabels => ${text}`]);
  });

  it('checks the keys YAML 1.1 makes of yes/on/1 (they become "true"/"1", which are valid)', () => {
    expect(codes(matchLabels('yes: x, on: w, 1: z'))).toEqual(['yaml-duplicate-key']); // yes and on are both "true"
    expect(codes(matchLabels('yes: x, 1: z'))).toEqual([]);
  });

  it('accepts a valid matchExpressions key', () => {
    expect(codes(expression('{ key: app.kubernetes.io/name, operator: Exists }'))).toEqual([]);
  });

  it('rejects an invalid matchExpressions key at ...matchExpressions[k].key, on the value', () => {
    expect(reported(expression('{ key: "bad key", operator: Exists }'), 'label-key')).toEqual([
      'spec.podSelector.matchExpressions[0].key => "bad key"',
    ]);
    expect(reported(expression(`{ key: ${a(64)}, operator: Exists }`), 'label-key')).toEqual([
      `spec.podSelector.matchExpressions[0].key => ${a(64)}`,
    ]);
  });

  it('rejects a missing or empty key (name part must be non-empty)', () => {
    const empty = expression('{ key: "", operator: Exists }');
    expect(reported(empty, 'label-key')).toEqual(['spec.podSelector.matchExpressions[0].key => ""']);
    expect(diagnose(empty)[0]?.message).toContain('name part must be non-empty');
    // Missing: the range falls back to the expression (the parent of the missing field).
    expect(reported(expression('{ operator: Exists }'), 'label-key')).toEqual([
      'spec.podSelector.matchExpressions[0].key => { operator: Exists }',
    ]);
  });

  it('does not report a key of the wrong type as a label-key problem', () => {
    expect(codes(expression('{ key: [a], operator: Exists }'))).toEqual(['invalid-type']);
  });

  it('checks peer selectors at their own paths', () => {
    const text = policy(`
      ingress:
        - from:
            - namespaceSelector:
                matchLabels: { "bad key": x }
      egress:
        - to:
            - podSelector: {}
            - podSelector:
                matchExpressions:
                  - { key: "a b", operator: Exists }
    `);
    expect(reported(text, 'label-key')).toEqual([
      'spec.ingress[0].from[0].namespaceSelector.matchLabels => "bad key"',
      'spec.egress[0].to[1].podSelector.matchExpressions[0].key => "a b"',
    ]);
  });
});

describe('label-value (matchLabels values and matchExpressions values)', () => {
  it.each(['x', '""', "''", 'my_value', 'MyValue', '"12345"', 'a.b-c', a(63), 'null', '~'])('accepts the matchLabels value %s', (value) => {
    expect(codes(matchLabels(`app: ${value}`))).toEqual([]);
  });

  it.each([
    ['"web app"', '"web app"'],
    [a(64), a(64)],
    ['-web', '-web'],
    ['web-', 'web-'],
    ['"web/app"', '"web/app"'],
    ['"é"', '"é"'],
  ])('rejects the matchLabels value %s: at the map path, pointing at the value', (value, text) => {
    expect(reported(matchLabels(`app: ${value}`), 'label-value')).toEqual([`spec.podSelector.matchLabels => ${text}`]);
  });

  it('a bad key and a bad value of one entry are two diagnostics, at the key and at the value', () => {
    const text = matchLabels('"bad key": "bad value"');
    expect(diagnose(text).map((d) => `${d.code} ${d.path} => ${d.text}`)).toEqual([
      'label-key spec.podSelector.matchLabels => "bad key"',
      'label-value spec.podSelector.matchLabels => "bad value"',
    ]);
  });

  it('points at the offending entry among several (block style)', () => {
    const text = podSelector(`
matchLabels:
  app: web
  tier: "front end"
  zone: eu-1
    `);
    const [d] = diagnose(text);
    expect(d?.path).toBe('spec.podSelector.matchLabels');
    expect(d?.text).toBe('"front end"');
    expect(d?.start).toBe(offsetOf(text, '"front end"'));
  });

  it('checks every matchExpressions value, for every operator, at ...values[v]', () => {
    expect(codes(expression('{ key: app, operator: In, values: [web, api, ""] }'))).toEqual([]);
    expect(reported(expression('{ key: app, operator: In, values: [web, "bad value", -x] }'), 'label-value')).toEqual([
      'spec.podSelector.matchExpressions[0].values[1] => "bad value"',
      'spec.podSelector.matchExpressions[0].values[2] => -x',
    ]);
    expect(reported(expression(`{ key: app, operator: NotIn, values: [${a(64)}] }`), 'label-value')).toEqual([
      `spec.podSelector.matchExpressions[0].values[0] => ${a(64)}`,
    ]);
    // With Exists the values are forbidden and still checked.
    expect(diagnose(expression('{ key: app, operator: Exists, values: ["a b"] }')).map((d) => `${d.code} ${d.path}`)).toEqual([
      'selector-values spec.podSelector.matchExpressions[0].values',
      'label-value spec.podSelector.matchExpressions[0].values[0]',
    ]);
  });
});

describe('selector-operator', () => {
  it.each(['In', 'NotIn'])('accepts %s with values', (operator) => {
    expect(codes(expression(`{ key: app, operator: ${operator}, values: [web] }`))).toEqual([]);
  });
  it.each(['Exists', 'DoesNotExist'])('accepts %s without values', (operator) => {
    expect(codes(expression(`{ key: app, operator: ${operator} }`))).toEqual([]);
    expect(codes(expression(`{ key: app, operator: ${operator}, values: [] }`))).toEqual([]);
  });

  it.each(['in', 'notin', 'exists', 'IN', 'Equals', '"="', '"=="', '"!="', 'Gt', '""', '" In"'])(
    'rejects %s on the operator',
    (operator) => {
      expect(reported(expression(`{ key: app, operator: ${operator}, values: [web] }`), 'selector-operator')).toEqual([
        `spec.podSelector.matchExpressions[0].operator => ${operator}`,
      ]);
    },
  );

  it('suggests the right spelling', () => {
    expect(diagnose(expression('{ key: app, operator: notin, values: [a] }'))[0]?.message).toContain('"NotIn"');
    expect(diagnose(expression('{ key: app, operator: does_not_exist }'))[0]?.message).toContain('"DoesNotExist"');
  });

  it('rejects a missing or null operator, pointing at the expression', () => {
    expect(reported(expression('{ key: app, values: [web] }'), 'selector-operator')).toEqual([
      'spec.podSelector.matchExpressions[0].operator => { key: app, values: [web] }',
    ]);
    expect(reported(expression('{ key: app, operator: null }'), 'selector-operator')).toEqual([
      'spec.podSelector.matchExpressions[0].operator => null',
    ]);
  });

  it('does not check values against an invalid operator', () => {
    expect(codes(expression('{ key: app, operator: in }'))).toEqual(['selector-operator']);
  });

  it('an operator of the wrong type is invalid-type only', () => {
    expect(codes(expression('{ key: app, operator: 1 }'))).toEqual(['invalid-type']);
  });
});

describe('selector-values', () => {
  it('accepts In/NotIn with one value, Exists/DoesNotExist with none', () => {
    expect(codes(expression('{ key: app, operator: In, values: [web] }'))).toEqual([]);
    expect(codes(expression('{ key: app, operator: NotIn, values: [""] }'))).toEqual([]);
    expect(codes(expression('{ key: app, operator: In, values: [null] }'))).toEqual([]); // [""]
    expect(codes(expression('{ key: app, operator: Exists, values: [] }'))).toEqual([]);
    expect(codes(expression('{ key: app, operator: DoesNotExist, values: null }'))).toEqual([]);
  });

  it('requires values for In and NotIn: empty list on the list, missing on the expression', () => {
    expect(reported(expression('{ key: app, operator: In, values: [] }'), 'selector-values')).toEqual([
      'spec.podSelector.matchExpressions[0].values => []',
    ]);
    expect(reported(expression('{ key: app, operator: NotIn }'), 'selector-values')).toEqual([
      'spec.podSelector.matchExpressions[0].values => { key: app, operator: NotIn }',
    ]);
    // `values:` with nothing after it is null: the key is the closest thing to point at.
    const text = podSelector(`
matchExpressions:
  - key: app
    operator: In
    values:
    `);
    expect(reported(text, 'selector-values')).toEqual(['spec.podSelector.matchExpressions[0].values => values']);
    expect(diagnose(text)[0]?.message).toContain("must be specified when `operator` is 'In' or 'NotIn'");
  });

  it('forbids values for Exists and DoesNotExist, on the list', () => {
    expect(reported(expression('{ key: app, operator: Exists, values: [web] }'), 'selector-values')).toEqual([
      'spec.podSelector.matchExpressions[0].values => [web]',
    ]);
    const text = expression('{ key: app, operator: DoesNotExist, values: [web] }');
    expect(diagnose(text)[0]?.message).toContain("may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
  });

  it('a wrong-typed values gives invalid-type only, not Required', () => {
    expect(codes(expression('{ key: app, operator: In, values: web }'))).toEqual(['invalid-type']);
    expect(reported(expression('{ key: app, operator: In, values: web }'), 'invalid-type')).toEqual([
      'spec.podSelector.matchExpressions[0].values => web',
    ]);
    expect(codes(expression('{ key: app, operator: In, values: { a: b } }'))).toEqual(['invalid-type']);
  });

  it('reports each expression at its index, with matchLabels alongside', () => {
    const text = podSelector(`
matchLabels: { app: web }
matchExpressions:
  - { key: a, operator: Exists }
  - { key: b, operator: In, values: [] }
  - { key: c, operator: DoesNotExist, values: [x] }
    `);
    expect(reported(text, 'selector-values')).toEqual([
      'spec.podSelector.matchExpressions[1].values => []',
      'spec.podSelector.matchExpressions[2].values => [x]',
    ]);
  });
});

describe('selectors: empty and absent', () => {
  it.each(['{}', 'null', '{ matchLabels: {} }', '{ matchExpressions: [] }', '{ matchLabels: null, matchExpressions: null }'])(
    'accepts podSelector %s',
    (selector) => {
      expect(codes(policy(`podSelector: ${selector}`))).toEqual([]);
    },
  );
  it('accepts a policy without podSelector', () => {
    expect(codes(policy('policyTypes: [Ingress]'))).toEqual([]);
  });
  it('rejects an item of matchExpressions that is {} (no key, no operator)', () => {
    expect(codes(expression('{}')).sort()).toEqual(['label-key', 'selector-operator']);
  });
  it('validates the same selector once per place it is used through an alias', () => {
    const text = yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: test }
      spec:
        podSelector: &sel { matchLabels: { app: "a b" } }
        ingress:
          - from:
              - podSelector: *sel
    `;
    const found = diagnose(text).filter((d) => d.code === 'label-value');
    expect(found.map((d) => d.path)).toEqual(['spec.podSelector.matchLabels', 'spec.ingress[0].from[0].podSelector.matchLabels']);
    // Both point at the anchored value.
    expect(found.map((d) => d.start)).toEqual([offsetOf(text, '"a b"'), offsetOf(text, '"a b"')]);
  });
});
