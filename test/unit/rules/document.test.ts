import { describe, expect, it } from 'vitest';
import { codes, diagnose, policy, yaml } from '../helpers';

describe('a document with many problems', () => {
  const text = yaml`
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata:
      name: Bad_Name
      namespace: a.b
      labels: { "bad key": ok, version: 1.0 }
    spec:
      podSelector:
        matchLabels: { app: "web app" }
        matchExpressions:
          - { key: tier, operator: in, values: [a] }
          - { key: tier, operator: In }
          - { key: tier, operator: Exists, values: [a] }
      ingress:
        - from:
            - {}
            - ipBlock: { cidr: 10.0.0.0/8, except: [10.0.0.0/8, 11.0.0.0/16, bad] }
              podSelector: {}
            - ipBlock: {}
          to: []
          ports:
            - { port: "8080", endPort: 9000 }
            - { endPort: 10 }
            - { port: 90, endPort: 80 }
            - { port: 90, endPort: 70000 }
            - { protocol: tcp }
      policyTypes: [Ingress, egress]
      extra: 1
  `;

  it('reports all of them, in text order, each once', () => {
    expect(diagnose(text).map((d) => `${d.code} ${d.path} => ${d.text}`)).toEqual([
      'metadata-name metadata.name => Bad_Name',
      'metadata-namespace metadata.namespace => a.b',
      'metadata-labels metadata.labels => "bad key"',
      'label-value-not-string metadata.labels => 1.0',
      'label-value spec.podSelector.matchLabels => "web app"',
      'selector-operator spec.podSelector.matchExpressions[0].operator => in',
      'selector-values spec.podSelector.matchExpressions[1].values => { key: tier, operator: In }',
      'selector-values spec.podSelector.matchExpressions[2].values => [a]',
      'peer-empty spec.ingress[0].from[0] => {}',
      'peer-ipblock-exclusive spec.ingress[0].from[1] => ipBlock',
      'ipblock-except-not-subset spec.ingress[0].from[1].ipBlock.except[0] => 10.0.0.0/8',
      'ipblock-except-not-subset spec.ingress[0].from[1].ipBlock.except[1] => 11.0.0.0/16',
      'ipblock-cidr-invalid spec.ingress[0].from[1].ipBlock.except[2] => bad',
      'ipblock-cidr-required spec.ingress[0].from[2].ipBlock.cidr => ipBlock',
      'unknown-field spec.ingress[0].to => to',
      'port-name spec.ingress[0].ports[0].port => "8080"',
      'end-port-requires-numeric-port spec.ingress[0].ports[0].endPort => 9000',
      'end-port-requires-numeric-port spec.ingress[0].ports[1].endPort => 10',
      'end-port-order spec.ingress[0].ports[2].endPort => 80',
      'end-port-range spec.ingress[0].ports[3].endPort => 70000',
      'port-protocol spec.ingress[0].ports[4].protocol => tcp',
      'policy-types-value spec.policyTypes[1] => egress',
      'unknown-field spec.extra => extra',
    ]);
  });

  it('all are errors, in document 0', () => {
    const found = diagnose(text);
    expect(found.every((d) => d.severity === 1 && d.document === 0)).toBe(true);
  });
});

describe('wrong types do not cascade', () => {
  it.each([
    ['metadata: { name: 123 }', 'metadata.name'],
    ['metadata: []', 'metadata'],
    ['metadata: { name: test, generateName: 5 }', 'metadata.generateName'],
    ['metadata: { name: test }\nspec: []', 'spec'],
    ['metadata: { name: test }\nspec: { podSelector: x }', 'spec.podSelector'],
    ['metadata: { name: test }\nspec: { ingress: x }', 'spec.ingress'],
    ['metadata: { name: test }\nspec: { ingress: [{ from: x }] }', 'spec.ingress[0].from'],
    ['metadata: { name: test }\nspec: { ingress: [{ from: [x] }] }', 'spec.ingress[0].from[0]'],
    ['metadata: { name: test }\nspec: { ingress: [{ from: [{ ipBlock: x }] }] }', 'spec.ingress[0].from[0].ipBlock'],
    ['metadata: { name: test }\nspec: { ingress: [{ from: [{ ipBlock: { cidr: 10 } }] }] }', 'spec.ingress[0].from[0].ipBlock.cidr'],
    ['metadata: { name: test }\nspec: { ingress: [{ ports: [{ port: 80.5, endPort: 90 }] }] }', 'spec.ingress[0].ports[0].port'],
    [
      'metadata: { name: test }\nspec: { podSelector: { matchExpressions: [{ key: a, operator: In, values: a }] } }',
      'spec.podSelector.matchExpressions[0].values',
    ],
    [
      'metadata: { name: test }\nspec: { podSelector: { matchExpressions: [{ key: a, operator: [In] }] } }',
      'spec.podSelector.matchExpressions[0].operator',
    ],
    [
      'metadata: { name: test }\nspec: { podSelector: { matchExpressions: [{ key: 1, operator: Exists }] } }',
      'spec.podSelector.matchExpressions[0].key',
    ],
    ['metadata: { name: test }\nspec: { podSelector: { matchExpressions: x } }', 'spec.podSelector.matchExpressions'],
    ['metadata: { name: test }\nspec: { policyTypes: Ingress }', 'spec.policyTypes'],
  ])('%s gives invalid-type at %s only', (body, path) => {
    const text = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n${body}\n`;
    expect(diagnose(text).map((d) => `${d.code} ${d.path}`)).toEqual([`invalid-type ${path}`]);
  });
});

describe('documents and settings', () => {
  it('validates every NetworkPolicy document of a file, independently', () => {
    const text = `${policy('policyTypes: [x]')}---\n${policy('podSelector: {}')}---\n${policy('policyTypes: [z]', 'name: Second')}`;
    expect(diagnose(text).map((d) => `${d.document} ${d.code}`)).toEqual([
      '0 policy-types-value',
      '2 metadata-name',
      '2 policy-types-value',
    ]);
  });

  it('applies the Kubernetes version setting', () => {
    const text = policy('ingress: [{ from: [{ ipBlock: { cidr: 10.0.0.1/8 } }] }]');
    expect(codes(text, { k8s: '1.35' })).toEqual([]);
    expect(codes(text, { k8s: '1.36' })).toEqual(['ipblock-cidr-strict']);
    expect(codes(text, { k8s: 'v1.36.2' })).toEqual(['ipblock-cidr-strict']);
  });
});
