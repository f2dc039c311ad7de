import { describe, expect, it } from 'vitest';
import { codes, diagnose, policy, reported, yaml } from '../helpers';

/** A policy with one ingress rule whose single port is `entry`. */
const port = (entry: string) => policy(`ingress: [{ ports: [${entry}] }]`);
const meta = (metadata: string) => policy('podSelector: {}', metadata);

describe('unknown-field', () => {
  it('accepts every known field of every type', () => {
    const text = yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: all-fields
        generateName: all-
        namespace: default
        selfLink: /x
        uid: abc
        resourceVersion: "1"
        generation: 1
        creationTimestamp: "2024-01-31T12:00:00Z"
        deletionTimestamp: null
        deletionGracePeriodSeconds: 30
        labels: { a: b }
        annotations: { c: d }
        ownerReferences: [{ apiVersion: v1, kind: K, name: k, uid: u, controller: false, blockOwnerDeletion: true }]
        finalizers: [example.com/f]
        managedFields: [{ manager: m, operation: Apply, apiVersion: v1, time: "2024-01-31T12:00:00Z", fieldsType: FieldsV1, fieldsV1: { x: [1] }, subresource: s }]
      spec:
        podSelector: { matchLabels: { a: b }, matchExpressions: [{ key: k, operator: In, values: [v] }] }
        ingress:
          - ports: [{ protocol: TCP, port: 80, endPort: 81 }]
            from: [{ podSelector: {}, namespaceSelector: {} }, { ipBlock: { cidr: 10.0.0.0/8, except: [10.1.0.0/16] } }]
        egress:
          - ports: []
            to: []
        policyTypes: [Ingress, Egress]
    `;
    expect(codes(text)).toEqual([]);
  });

  it.each([
    ['Spec', 'Spec', 'spec'],
    ['metdata', 'metdata', 'metadata'],
    ['apiversion', 'apiversion', 'apiVersion'],
  ])('reports the root field %s at its key, suggesting %s', (field, text, suggestion) => {
    const doc = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: test }\n${field}: {}\n`;
    expect(reported(doc, 'unknown-field')).toEqual([`${field} => ${text}`]);
    expect(diagnose(doc).find((d) => d.code === 'unknown-field')?.message).toContain(`Did you mean "${suggestion}"?`);
  });

  it.each([
    ['podselector: {}', 'spec.podselector', 'podSelector'],
    ['PodSelector: {}', 'spec.PodSelector', 'podSelector'],
    ['ingres: []', 'spec.ingres', 'ingress'],
    ['policyType: [Ingress]', 'spec.policyType', 'policyTypes'],
    ['ingress: [{ fromm: [] }]', 'spec.ingress[0].fromm', 'from'],
    ['ingress: [{ port: [] }]', 'spec.ingress[0].port', 'ports'],
    ['ingress: [{ ports: [{ protocl: TCP }] }]', 'spec.ingress[0].ports[0].protocl', 'protocol'],
    ['ingress: [{ ports: [{ endport: 5 }] }]', 'spec.ingress[0].ports[0].endport', 'endPort'],
    ['ingress: [{ from: [{ ipblock: {} }] }]', 'spec.ingress[0].from[0].ipblock', 'ipBlock'],
    ['ingress: [{ from: [{ namespaceSelectors: {} }] }]', 'spec.ingress[0].from[0].namespaceSelectors', 'namespaceSelector'],
    ['ingress: [{ from: [{ ipBlock: { cidr: 10.0.0.0/8, expect: [] } }] }]', 'spec.ingress[0].from[0].ipBlock.expect', 'except'],
    ['podSelector: { matchlabels: {} }', 'spec.podSelector.matchlabels', 'matchLabels'],
    ['podSelector: { matchExpression: [] }', 'spec.podSelector.matchExpression', 'matchExpressions'],
    [
      'podSelector: { matchExpressions: [{ key: a, operator: Exists, value: [] }] }',
      'spec.podSelector.matchExpressions[0].value',
      'values',
    ],
  ])('reports %s at %s, suggesting %s', (spec, path, suggestion) => {
    const text = policy(spec);
    const found = diagnose(text).filter((d) => d.code === 'unknown-field');
    expect(found.map((d) => d.path)).toEqual([path]);
    expect(found[0]?.text).toBe(path.slice(path.lastIndexOf('.') + 1));
    expect(found[0]?.message).toContain(`Did you mean "${suggestion}"?`);
  });

  it('suggests nothing for a name far from every field, but lists the fields', () => {
    const [d] = diagnose(policy('xyzzy: 1'));
    expect(d?.path).toBe('spec.xyzzy');
    expect(d?.message).not.toContain('Did you mean');
    expect(d?.message).toContain('podSelector, ingress, egress, policyTypes');
  });

  it('flags `to` in an ingress rule: the rule would allow all sources', () => {
    const text = policy('ingress: [{ to: [{ podSelector: {} }] }]');
    const found = diagnose(text);
    expect(found.map((d) => `${d.code} ${d.path} => ${d.text}`)).toEqual(['unknown-field spec.ingress[0].to => to']);
    expect(found[0]?.message).toContain('Ingress rules use "from"');
    expect(found[0]?.message).toContain('allow all sources');
  });

  it('flags `from` in an egress rule: the rule would allow all destinations', () => {
    const [d] = diagnose(policy('egress: [{ from: [{ podSelector: {} }] }]'));
    expect(d?.path).toBe('spec.egress[0].from');
    expect(d?.message).toContain('Egress rules use "to"');
    expect(d?.message).toContain('allow all destinations');
  });

  it('does not look inside an unknown field', () => {
    expect(reported(policy('extra: { also: { unknown: 1 } }'), 'unknown-field')).toEqual(['spec.extra => extra']);
  });

  it('reports every unknown field of a document', () => {
    const text = policy(`
      podselector: {}
      ingress:
        - fromm: []
          ports: [{ prot: 80 }]
    `);
    expect(reported(text, 'unknown-field')).toEqual([
      'spec.podselector => podselector',
      'spec.ingress[0].fromm => fromm',
      'spec.ingress[0].ports[0].prot => prot',
    ]);
  });

  it('knows status only for Kubernetes 1.24 to 1.27', () => {
    const text = yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: test }
      spec: {}
      status:
        conditions:
          - { type: Ready, status: "True", observedGeneration: 1, lastTransitionTime: "2024-01-31T12:00:00Z", reason: R, message: m }
    `;
    expect(codes(text, { k8s: '1.24' })).toEqual([]);
    expect(codes(text, { k8s: '1.27' })).toEqual([]);
    expect(reported(text, 'unknown-field', { k8s: '1.28' })).toEqual(['status => status']);
    expect(reported(text, 'unknown-field', { k8s: '1.35' })).toEqual(['status => status']);
    expect(reported(text, 'unknown-field', { k8s: 'latest' })).toEqual(['status => status']);
    // Known, so checked: its fields and types.
    expect(reported(text.replace('reason: R', 'reasons: R'), 'unknown-field', { k8s: '1.27' })).toEqual([
      'status.conditions[0].reasons => reasons',
    ]);
  });

  it('knows metadata.clusterName only up to Kubernetes 1.24', () => {
    const text = meta('name: test\nclusterName: c');
    expect(codes(text, { k8s: '1.24' })).toEqual([]);
    expect(reported(text, 'unknown-field', { k8s: '1.25' })).toEqual(['metadata.clusterName => clusterName']);
  });

  it('matches field names case-sensitively and exactly', () => {
    expect(codes(meta('Name: test')).sort()).toEqual(['metadata-name', 'unknown-field']);
    expect(codes(policy('" podSelector": {}'))).toEqual(['unknown-field']);
  });
});

describe('invalid-type', () => {
  it.each([
    // strings
    ['metadata: { name: 123 }', 'metadata.name', '123'],
    ['metadata: { name: test, namespace: true }', 'metadata.namespace', 'true'],
    ['metadata: { name: test, finalizers: [1] }', 'metadata.finalizers[0]', '1'],
    ['metadata: { name: test }\nspec: { ingress: [{ ports: [{ protocol: 6 }] }] }', 'spec.ingress[0].ports[0].protocol', '6'],
    ['metadata: { name: test }\nspec: { ingress: [{ from: [{ ipBlock: { cidr: 10 } }] }] }', 'spec.ingress[0].from[0].ipBlock.cidr', '10'],
    [
      'metadata: { name: test }\nspec: { ingress: [{ from: [{ ipBlock: { cidr: 10.0.0.0/8, except: [no] } }] }] }',
      'spec.ingress[0].from[0].ipBlock.except[0]',
      'no',
    ],
    ['metadata: { name: test }\nspec: { policyTypes: [Ingress, 1.5] }', 'spec.policyTypes[1]', '1.5'],
    [
      'metadata: { name: test }\nspec: { podSelector: { matchExpressions: [{ key: true, operator: Exists }] } }',
      'spec.podSelector.matchExpressions[0].key',
      'true',
    ],
    [
      'metadata: { name: test }\nspec: { podSelector: { matchExpressions: [{ key: a, operator: In, values: [1] }] } }',
      'spec.podSelector.matchExpressions[0].values[0]',
      '1',
    ],
    // int32
    ['metadata: { name: test }\nspec: { ingress: [{ ports: [{ port: 80, endPort: "81" }] }] }', 'spec.ingress[0].ports[0].endPort', '"81"'],
    ['metadata: { name: test }\nspec: { ingress: [{ ports: [{ port: 80, endPort: 81.5 }] }] }', 'spec.ingress[0].ports[0].endPort', '81.5'],
    [
      'metadata: { name: test }\nspec: { ingress: [{ ports: [{ port: 80, endPort: 2147483648 }] }] }',
      'spec.ingress[0].ports[0].endPort',
      '2147483648',
    ],
    ['metadata: { name: test }\nspec: { ingress: [{ ports: [{ port: 80, endPort: true }] }] }', 'spec.ingress[0].ports[0].endPort', 'true'],
    // int64
    ['metadata: { name: test, generation: "1" }', 'metadata.generation', '"1"'],
    ['metadata: { name: test, deletionGracePeriodSeconds: 1.5 }', 'metadata.deletionGracePeriodSeconds', '1.5'],
    // bool
    [
      'metadata: { name: test, ownerReferences: [{ apiVersion: v1, kind: K, name: k, uid: u, controller: "true" }] }',
      'metadata.ownerReferences[0].controller',
      '"true"',
    ],
    [
      'metadata: { name: test, ownerReferences: [{ apiVersion: v1, kind: K, name: k, uid: u, blockOwnerDeletion: 1 }] }',
      'metadata.ownerReferences[0].blockOwnerDeletion',
      '1',
    ],
    // IntOrString
    ['metadata: { name: test }\nspec: { ingress: [{ ports: [{ port: true }] }] }', 'spec.ingress[0].ports[0].port', 'true'],
    ['metadata: { name: test }\nspec: { ingress: [{ ports: [{ port: 80.5 }] }] }', 'spec.ingress[0].ports[0].port', '80.5'],
    ['metadata: { name: test }\nspec: { ingress: [{ ports: [{ port: 2147483648 }] }] }', 'spec.ingress[0].ports[0].port', '2147483648'],
    ['metadata: { name: test }\nspec: { ingress: [{ ports: [{ port: -2147483649 }] }] }', 'spec.ingress[0].ports[0].port', '-2147483649'],
    ['metadata: { name: test }\nspec: { ingress: [{ ports: [{ port: [80] }] }] }', 'spec.ingress[0].ports[0].port', '[80]'],
    [
      'metadata: { name: test }\nspec: { ingress: [{ ports: [{ port: { number: 80 } }] }] }',
      'spec.ingress[0].ports[0].port',
      '{ number: 80 }',
    ],
    // metav1.Time
    ['metadata: { name: test, creationTimestamp: 2024-01-31 }', 'metadata.creationTimestamp', '2024-01-31'],
    ['metadata: { name: test, creationTimestamp: 1706702400 }', 'metadata.creationTimestamp', '1706702400'],
    ['metadata: { name: test, creationTimestamp: "2024-01-31t12:00:00z" }', 'metadata.creationTimestamp', '"2024-01-31t12:00:00z"'],
    ['metadata: { name: test, creationTimestamp: "2024-02-30T12:00:00Z" }', 'metadata.creationTimestamp', '"2024-02-30T12:00:00Z"'],
    ['metadata: { name: test, deletionTimestamp: "2024-01-31T24:00:00Z" }', 'metadata.deletionTimestamp', '"2024-01-31T24:00:00Z"'],
    // objects
    ['metadata: { name: test }\nspec: []', 'spec', '[]'],
    ['metadata: x', 'metadata', 'x'],
    ['metadata: { name: test }\nspec: { podSelector: [] }', 'spec.podSelector', '[]'],
    ['metadata: { name: test }\nspec: { ingress: [x] }', 'spec.ingress[0]', 'x'],
    ['metadata: { name: test }\nspec: { ingress: [{ from: [{ ipBlock: 10.0.0.0/8 }] }] }', 'spec.ingress[0].from[0].ipBlock', '10.0.0.0/8'],
    ['metadata: { name: test }\nspec: { egress: [{ to: [{ namespaceSelector: x }] }] }', 'spec.egress[0].to[0].namespaceSelector', 'x'],
    // lists
    ['metadata: { name: test }\nspec: { ingress: {} }', 'spec.ingress', '{}'],
    ['metadata: { name: test }\nspec: { egress: x }', 'spec.egress', 'x'],
    ['metadata: { name: test }\nspec: { policyTypes: Ingress }', 'spec.policyTypes', 'Ingress'],
    ['metadata: { name: test }\nspec: { ingress: [{ ports: { port: 80 } }] }', 'spec.ingress[0].ports', '{ port: 80 }'],
    ['metadata: { name: test }\nspec: { ingress: [{ from: { podSelector: {} } }] }', 'spec.ingress[0].from', '{ podSelector: {} }'],
    ['metadata: { name: test }\nspec: { egress: [{ to: 10.0.0.0/8 }] }', 'spec.egress[0].to', '10.0.0.0/8'],
    ['metadata: { name: test }\nspec: { podSelector: { matchExpressions: {} } }', 'spec.podSelector.matchExpressions', '{}'],
    [
      'metadata: { name: test }\nspec: { podSelector: { matchExpressions: [{ key: a, operator: In, values: a }] } }',
      'spec.podSelector.matchExpressions[0].values',
      'a',
    ],
    ['metadata: { name: test, finalizers: a }', 'metadata.finalizers', 'a'],
    // maps
    ['metadata: { name: test }\nspec: { podSelector: { matchLabels: [a] } }', 'spec.podSelector.matchLabels', '[a]'],
    ['metadata: { name: test, labels: x }', 'metadata.labels', 'x'],
    ['metadata: { name: test, annotations: [] }', 'metadata.annotations', '[]'],
  ])('%s: reports only invalid-type, at %s', (body, path, text) => {
    const doc = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n${body}\n`;
    expect(diagnose(doc).map((d) => `${d.code} ${d.path} => ${d.text}`)).toEqual([`invalid-type ${path} => ${text}`]);
  });

  it.each([
    'metadata: { name: test, creationTimestamp: "2024-01-31T12:00:00Z" }',
    'metadata: { name: test, creationTimestamp: "2024-01-31T12:00:00.123456+05:30" }',
    'metadata: { name: test, creationTimestamp: "2024-01-31T12:00:00,5Z" }',
    'metadata: { name: test, creationTimestamp: "2024-02-29T23:59:59Z" }',
    'metadata: { name: test, creationTimestamp: null, deletionTimestamp: ~ }',
    'metadata: { name: test, generation: 1.0 }', // a whole float prints as an integer in JSON
    'metadata: { name: test }\nspec: { ingress: [{ ports: [{ port: 80.0, endPort: 0x51 }] }] }',
    'metadata: { name: test }\nspec: { ingress: [{ ports: [{ port: "http" }] }] }',
  ])('accepts %s', (body) => {
    expect(codes(`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n${body}\n`)).toEqual([]);
  });

  it('explains how to fix the common cases', () => {
    expect(diagnose(port('{ port: 80, endPort: "81" }'))[0]?.message).toContain('Remove the quotes');
    expect(diagnose(meta('name: test\nnamespace: yes'))[0]?.message).toContain('Quote it');
    expect(diagnose(meta('name: test\nnamespace: yes'))[0]?.message).toContain('yes/no');
    expect(diagnose(policy('ingress: { from: [] }'))[0]?.message).toContain('- ');
    expect(diagnose(port('{ port: 80.5 }'))[0]?.message).toContain('whole number');
    expect(diagnose(port('{ port: 2147483648 }'))[0]?.message).toContain('32-bit');
  });

  it('reports every wrong type of a document, and validates the rest', () => {
    const text = policy(`
      podSelector: { matchLabels: { app: "a b" } }
      ingress:
        - ports: [{ port: true }, { port: 0 }]
          from: [{ ipBlock: { cidr: 10 } }, {}]
      policyTypes: Ingress
    `);
    expect(diagnose(text).map((d) => `${d.code} ${d.path}`)).toEqual([
      'label-value spec.podSelector.matchLabels',
      'invalid-type spec.ingress[0].ports[0].port',
      'port-number spec.ingress[0].ports[1].port',
      'invalid-type spec.ingress[0].from[0].ipBlock.cidr',
      'peer-empty spec.ingress[0].from[1]',
      'invalid-type spec.policyTypes',
    ]);
  });
});

describe('label-value-not-string', () => {
  it.each(['yes', 'no', 'on', 'off', 'y', 'n', 'true', 'False', '1.0', '1', '010', '0x1F', '1e3', '.5'])(
    'rejects the unquoted matchLabels value %s at the map, pointing at the value',
    (value) => {
      const text = policy(`podSelector: { matchLabels: { app: web, version: ${value} } }`);
      expect(diagnose(text).map((d) => `${d.code} ${d.path} => ${d.text}`)).toEqual([
        `label-value-not-string spec.podSelector.matchLabels => ${value}`,
      ]);
    },
  );

  it.each(['"yes"', "'on'", '"1.0"', 'v1.0', '1.0.0', '2024-01-01', 'null', '~', '""'])('accepts the matchLabels value %s', (value) => {
    expect(codes(policy(`podSelector: { matchLabels: { version: ${value} } }`))).toEqual([]);
  });

  it('says why: numbers must be quoted, and YAML 1.1 booleans', () => {
    const [n] = diagnose(policy('podSelector: { matchLabels: { version: 1.0 } }'));
    expect(n?.message).toContain('is a number');
    expect(n?.message).toContain('Quote it');
    const [b] = diagnose(policy('podSelector: { matchLabels: { enabled: on } }'));
    expect(b?.message).toContain('is a boolean');
    expect(b?.message).toContain('YAML 1.1');
  });

  it('rejects lists and maps as label values', () => {
    expect(reported(policy('podSelector: { matchLabels: { app: [a] } }'), 'label-value-not-string')).toEqual([
      'spec.podSelector.matchLabels => [a]',
    ]);
    expect(reported(policy('podSelector: { matchLabels: { app: { a: b } } }'), 'label-value-not-string')).toEqual([
      'spec.podSelector.matchLabels => { a: b }',
    ]);
  });

  it('applies to every selector and to metadata labels and annotations', () => {
    const text = yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: test
        labels:
          tier: 1
        annotations:
          reviewed: true
      spec:
        ingress:
          - from:
              - namespaceSelector:
                  matchLabels:
                    prod: yes
        egress:
          - to:
              - podSelector: { matchLabels: { v: 2.5 } }
    `;
    expect(diagnose(text).map((d) => `${d.code} ${d.path} => ${d.text}`)).toEqual([
      'label-value-not-string metadata.labels => 1',
      'label-value-not-string metadata.annotations => true',
      'label-value-not-string spec.ingress[0].from[0].namespaceSelector.matchLabels => yes',
      'label-value-not-string spec.egress[0].to[0].podSelector.matchLabels => 2.5',
    ]);
    expect(diagnose(text)[1]?.message).toContain('annotation');
  });

  it('leaves the entry out of validation (no label-value, no label-key cascade)', () => {
    expect(codes(policy('podSelector: { matchLabels: { app: yes } }'))).toEqual(['label-value-not-string']);
    expect(codes(policy('podSelector: { matchLabels: { "bad key": yes } }'))).toEqual(['label-value-not-string']);
    // The other entries are still validated.
    expect(codes(policy('podSelector: { matchLabels: { "bad key": x, b: yes } }')).sort()).toEqual(['label-key', 'label-value-not-string']);
  });
});
