import { describe, expect, it } from 'vitest';
import { fieldDoc, type FieldDoc } from '../../../server/src/model/fieldDocs';
import type { FieldPath } from '../../../server/src/model/path';

/** `spec.ingress[].from[].ipBlock` → a path with the given index at every `[]`. */
function at(field: string, index = 0): FieldPath {
  const path: (string | number)[] = [];
  for (const part of field.split('.')) {
    const [name, ...rest] = part.split('[]');
    if (name) path.push(name);
    for (let i = 0; i < rest.length; i++) path.push(index + path.length);
  }
  return path;
}

function doc(path: FieldPath): FieldDoc {
  const found = fieldDoc(path);
  if (!found) throw new Error(`no doc for ${JSON.stringify(path)}`);
  return found;
}

const SELECTOR_FIELDS = [
  'matchLabels',
  'matchExpressions',
  'matchExpressions[]',
  'matchExpressions[].key',
  'matchExpressions[].operator',
  'matchExpressions[].values',
  'matchExpressions[].values[]',
];

const PEER_FIELDS = ['', '.podSelector', '.namespaceSelector', '.ipBlock', '.ipBlock.cidr', '.ipBlock.except', '.ipBlock.except[]'];
const PORT_FIELDS = ['ports', 'ports[]', 'ports[].protocol', 'ports[].port', 'ports[].endPort'];
const OTHER_META = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'finalizers',
  'ownerReferences',
  'managedFields',
  'selfLink',
];

const SELECTORS = [
  'spec.podSelector',
  'spec.ingress[].from[].podSelector',
  'spec.ingress[].from[].namespaceSelector',
  'spec.egress[].to[].podSelector',
  'spec.egress[].to[].namespaceSelector',
];

/** Every documented field, as written. */
const FIELDS: readonly string[] = [
  'apiVersion',
  'kind',
  'metadata',
  'metadata.name',
  'metadata.namespace',
  'metadata.labels',
  'metadata.annotations',
  'metadata.generateName',
  ...OTHER_META.map((name) => `metadata.${name}`),
  'status',
  'spec',
  'spec.podSelector',
  'spec.policyTypes',
  'spec.policyTypes[]',
  'spec.ingress',
  'spec.ingress[]',
  'spec.ingress[].from',
  'spec.egress',
  'spec.egress[]',
  'spec.egress[].to',
  ...PEER_FIELDS.map((field) => `spec.ingress[].from[]${field}`),
  ...PEER_FIELDS.map((field) => `spec.egress[].to[]${field}`),
  ...PORT_FIELDS.map((field) => `spec.ingress[].${field}`),
  ...PORT_FIELDS.map((field) => `spec.egress[].${field}`),
  ...SELECTORS.flatMap((selector) => SELECTOR_FIELDS.map((field) => `${selector}.${field}`)),
];

/** Markdown sentences: code spans removed, then split after `.`, `!` or `?` followed by a space or the end. */
function sentenceCount(markdown: string): number {
  const prose = markdown.replace(/`[^`]*`/g, 'CODE');
  return prose.split(/(?<=[.!?])(?:\s+|$)/).filter((part) => part.trim() !== '').length;
}

describe('fieldDoc: coverage', () => {
  it('documents every field listed, with its own name as the field', () => {
    expect(new Set(FIELDS).size).toBe(FIELDS.length);
    for (const field of FIELDS) {
      expect(fieldDoc(at(field))?.field, field).toBe(field);
    }
  });

  it.each([0, 1, 7, 42])('treats every index as a wildcard (indices from %i)', (index) => {
    for (const field of FIELDS) {
      expect(fieldDoc(at(field, index)), field).toEqual(fieldDoc(at(field)));
    }
  });

  it('resolves literal paths with indices anywhere', () => {
    expect(doc(['spec', 'ingress', 0, 'from', 2, 'ipBlock', 'cidr']).field).toBe('spec.ingress[].from[].ipBlock.cidr');
    expect(doc(['spec', 'egress', 5, 'to', 0, 'ipBlock', 'except', 3]).field).toBe('spec.egress[].to[].ipBlock.except[]');
    expect(doc(['spec', 'ingress', 1, 'ports', 4, 'endPort']).field).toBe('spec.ingress[].ports[].endPort');
    expect(doc(['spec', 'policyTypes', 1]).field).toBe('spec.policyTypes[]');
    expect(doc(['spec', 'egress', 0, 'to', 1, 'namespaceSelector', 'matchExpressions', 2, 'values', 0]).field).toBe(
      'spec.egress[].to[].namespaceSelector.matchExpressions[].values[]',
    );
  });

  it('gives types in one phrase', () => {
    const types: [string, string][] = [
      ['spec.podSelector', 'LabelSelector'],
      ['spec.ingress[].from[].namespaceSelector', 'LabelSelector'],
      ['spec.ingress[].from', '[]NetworkPolicyPeer'],
      ['spec.egress[].to', '[]NetworkPolicyPeer'],
      ['spec.egress[].to[]', 'NetworkPolicyPeer'],
      ['spec.ingress[].from[].ipBlock.cidr', 'string (CIDR)'],
      ['spec.ingress[].ports[].port', 'IntOrString'],
      ['spec.egress[].ports[].endPort', 'int32'],
      ['spec.policyTypes', '[]PolicyType'],
      ['metadata', 'ObjectMeta'],
      ['metadata.labels', 'map[string]string'],
      ['spec.podSelector.matchExpressions', '[]LabelSelectorRequirement'],
    ];
    for (const [field, type] of types) expect(doc(at(field)).type, field).toBe(type);
    for (const field of FIELDS) expect(doc(at(field)).type.trim(), field).not.toBe('');
  });

  it('resolves a key of a string map to the map', () => {
    expect(doc(['metadata', 'labels', 'app.kubernetes.io/name']).field).toBe('metadata.labels');
    expect(doc(['metadata', 'annotations', 'example.com/owner']).field).toBe('metadata.annotations');
    expect(doc(['spec', 'ingress', 3, 'from', 1, 'namespaceSelector', 'matchLabels', 'kubernetes.io/metadata.name']).field).toBe(
      'spec.ingress[].from[].namespaceSelector.matchLabels',
    );
    expect(doc(['spec', 'podSelector', 'matchLabels', 'app']).field).toBe('spec.podSelector.matchLabels');
  });

  it('resolves anything inside status or another ObjectMeta field to that field', () => {
    expect(doc(['status', 'conditions', 0, 'type']).field).toBe('status');
    expect(doc(['metadata', 'finalizers', 0]).field).toBe('metadata.finalizers');
    expect(doc(['metadata', 'ownerReferences', 0, 'uid']).field).toBe('metadata.ownerReferences');
  });
});

describe('fieldDoc: unknown paths', () => {
  it.each<[string, FieldPath]>([
    ['the root', []],
    ['an unknown top-level field', ['specs']],
    ['a wrong case', ['Spec']],
    ['an index at the top', [0]],
    ['an unknown metadata field', ['metadata', 'foo']],
    ['an index where a key belongs', ['spec', 0]],
    ['a key where an index belongs', ['spec', 'ingress', '0', 'from']],
    ['a missing index', ['spec', 'ingress', 'from']],
    ['a misspelled field', ['spec', 'ingress', 0, 'fromm']],
    ['`to` in an ingress rule', ['spec', 'ingress', 0, 'to']],
    ['`from` in an egress rule', ['spec', 'egress', 0, 'from']],
    ['ports directly in spec', ['spec', 'ports']],
    ['a lower-case endport', ['spec', 'ingress', 0, 'ports', 0, 'endport']],
    ['ipBlock in spec.podSelector', ['spec', 'podSelector', 'ipBlock']],
    ['namespaceSelector in spec', ['spec', 'namespaceSelector']],
    ['below a scalar', ['spec', 'ingress', 0, 'from', 0, 'ipBlock', 'cidr', 0]],
    ['below a list of scalars', ['spec', 'policyTypes', 0, 'x']],
    ['below a label value', ['spec', 'podSelector', 'matchLabels', 'app', 'x']],
    ['an index in a string map', ['metadata', 'labels', 0]],
    ['a dotted segment', ['spec.podSelector']],
    ['an empty segment', ['spec', '']],
    ['a matchExpressions field without an index', ['spec', 'podSelector', 'matchExpressions', 'key']],
  ])('%s', (_name, path) => {
    expect(fieldDoc(path)).toBeUndefined();
  });
});

describe('fieldDoc: the text', () => {
  it('is non-empty Markdown of 2 to 5 sentences, without trailing spaces', () => {
    for (const field of FIELDS) {
      const text = doc(at(field)).doc;
      expect(text.trim(), field).not.toBe('');
      expect(text, field).toBe(text.trim());
      for (const line of text.split('\n')) expect(line, field).not.toMatch(/[ \t]$/);
      expect(text, field).not.toMatch(/ {2}/);
      expect(text.split('`').length % 2, `${field}: unbalanced backticks`).toBe(1);
      expect(text, field).toMatch(/[.)]$/);
      const count = sentenceCount(text);
      expect(count, `${field}: ${count} sentences`).toBeGreaterThanOrEqual(2);
      expect(count, `${field}: ${count} sentences`).toBeLessThanOrEqual(5);
    }
  });

  it('is written in our own words, not the API documentation', () => {
    const upstream = [
      'selects the pods to which this NetworkPolicy object applies',
      'If this field is empty or missing, this rule matches all',
      'Items in this list are combined using a logical OR operation',
      'This can either be a numerical or named port on a pod',
      'A single {key,value} in the matchLabels map is equivalent',
      'operator represents a key',
      'If not specified, this field defaults to TCP',
      'it will default based on the existence of ingress or egress rules',
    ];
    for (const field of FIELDS) {
      for (const phrase of upstream) expect(doc(at(field)).doc.toLowerCase(), field).not.toContain(phrase.toLowerCase());
    }
  });

  it('differs between spec.podSelector and the selectors of peers', () => {
    const spec = doc(['spec', 'podSelector']).doc;
    const peerPods = doc(['spec', 'ingress', 0, 'from', 0, 'podSelector']).doc;
    const peerNamespaces = doc(['spec', 'egress', 0, 'to', 0, 'namespaceSelector']).doc;
    expect(new Set([spec, peerPods, peerNamespaces]).size).toBe(3);
  });
});

describe('fieldDoc: key facts', () => {
  const text = (field: string): string => doc(at(field, 2)).doc;

  it('protocol: TCP by default, SCTP up to the plugin', () => {
    for (const rule of ['spec.ingress[]', 'spec.egress[]']) {
      const protocol = text(`${rule}.ports[].protocol`);
      expect(protocol).toMatch(/defaults to `TCP`/);
      expect(protocol).toContain('`UDP`');
      expect(protocol).toMatch(/`SCTP`.*plugin/);
    }
  });

  it('policyTypes: what is computed when omitted', () => {
    const policyTypes = text('spec.policyTypes');
    expect(policyTypes).toMatch(/missing or empty/i);
    expect(policyTypes).toMatch(/`Ingress` is always included/);
    expect(policyTypes).toMatch(/`Egress` only if `egress` has at least one rule/);
    expect(policyTypes).toContain('`egress: []` does not count');
    expect(policyTypes).toContain('policyTypes: [Egress]');
  });

  it('from and to: missing or empty means all', () => {
    expect(text('spec.ingress[].from')).toMatch(/Missing or empty \(`from: \[\]`\) means all sources/);
    expect(text('spec.egress[].to')).toMatch(/Missing or empty \(`to: \[\]`\) means all destinations/);
    expect(text('spec.ingress[].from')).toContain('ORed');
  });

  it('peer selectors: AND in one item, OR as two items', () => {
    for (const peer of ['spec.ingress[].from[]', 'spec.egress[].to[]']) {
      for (const field of [peer, `${peer}.podSelector`, `${peer}.namespaceSelector`]) {
        expect(text(field), field).toContain('AND');
        expect(text(field), field).toContain('OR');
      }
      expect(text(`${peer}.podSelector`)).toContain("policy's own namespace");
      expect(text(`${peer}.namespaceSelector`)).toMatch(/every pod in those namespaces/);
      expect(text(`${peer}.namespaceSelector`)).toContain('kubernetes.io/metadata.name');
      expect(text(`${peer}.namespaceSelector`)).toMatch(/`\{\}` selects all namespaces/);
      expect(text(peer)).toMatch(/`ipBlock`.*cannot be combined/);
    }
  });

  it('spec.podSelector: own namespace, empty or missing selects every pod', () => {
    const selector = text('spec.podSelector');
    expect(selector).toContain("policy's own namespace");
    expect(selector).toMatch(/`\{\}`, or leaving the field out, selects every pod/);
  });

  it('port: a number or a name, and a quoted number is a name', () => {
    for (const rule of ['spec.ingress[]', 'spec.egress[]']) {
      const port = text(`${rule}.ports[].port`);
      expect(port).toContain('1 to 65535');
      expect(port).toMatch(/quoted number.*port \*\*name\*\*/);
      expect(port).toMatch(/When absent, every port/);
    }
  });

  it('endPort: numeric port, inclusive range, plugin support', () => {
    const endPort = text('spec.egress[].ports[].endPort');
    expect(endPort).toContain('numeric `port`');
    expect(endPort).toContain('both ends included');
    expect(endPort).toMatch(/plugins that support `endPort`/);
  });

  it('ports: missing or empty means all ports; TCP unless said otherwise', () => {
    for (const rule of ['spec.ingress[]', 'spec.egress[]']) {
      expect(text(`${rule}.ports`)).toMatch(/Missing or empty \(`ports: \[\]`\) means every port of every protocol/);
      expect(text(`${rule}.ports`)).toContain('`TCP` unless');
      expect(text(`${rule}.ports[]`)).toContain('default `TCP`');
    }
  });

  it('ingress and egress: empty denies, [{}] allows all', () => {
    expect(text('spec.ingress')).toContain('`ingress: [{}]`');
    expect(text('spec.ingress')).toMatch(/default deny/);
    expect(text('spec.egress')).toContain('`egress: [{}]`');
    expect(text('spec.egress')).toContain('DNS');
    expect(text('spec.ingress[]')).toContain('`{}` allows everything');
    expect(text('spec.egress[]')).toContain('`{}` allows everything');
  });

  it('operator: the four operators, and NotIn/DoesNotExist match objects without the key', () => {
    for (const selector of SELECTORS) {
      const operator = text(`${selector}.matchExpressions[].operator`);
      for (const name of ['`In`', '`NotIn`', '`Exists`', '`DoesNotExist`']) expect(operator).toContain(name);
      expect(operator).toMatch(/`NotIn` and `DoesNotExist` also match (pods|namespaces) without the key/);
    }
    expect(text('spec.ingress[].from[].namespaceSelector.matchExpressions[].operator')).toContain('namespaces without the key');
    expect(text('spec.podSelector.matchExpressions[].operator')).toContain('pods without the key');
  });

  it('selector fields: AND, In, values rules', () => {
    for (const selector of SELECTORS) {
      expect(text(`${selector}.matchLabels`)).toContain('AND');
      expect(text(`${selector}.matchLabels`)).toContain('`In`');
      expect(text(`${selector}.matchExpressions`)).toContain('AND');
      expect(text(`${selector}.matchExpressions[].values`)).toMatch(/non-empty for those operators/);
      expect(text(`${selector}.matchExpressions[].key`)).toContain('case-sensitive');
    }
  });

  it('ipBlock: strict subsets, IPv6, plugin-dependent for cluster addresses', () => {
    expect(text('spec.ingress[].from[].ipBlock')).toContain('`::/0`');
    expect(text('spec.egress[].to[].ipBlock.except')).toContain('strictly inside `cidr`');
    expect(text('spec.egress[].to[].ipBlock.except[]')).toContain('strictly inside `cidr`');
    expect(text('spec.ingress[].from[].ipBlock.cidr')).toContain('1.36');
  });

  it('metadata, status and the type fields', () => {
    expect(text('apiVersion')).toContain('`networking.k8s.io/v1`');
    expect(text('kind')).toContain('`NetworkPolicy`');
    expect(text('metadata.generateName')).toContain('`kubectl apply`');
    expect(text('metadata.labels')).toMatch(/do not affect traffic/);
    expect(text('metadata.namespace')).toContain('DNS-1123 label');
    expect(text('metadata.name')).toContain('DNS-1123 subdomain');
    expect(text('metadata.resourceVersion')).toContain('`resourceVersion`');
    expect(text('status')).toContain('1.24–1.27');
    expect(text('status')).toMatch(/removed in 1\.28/);
    expect(text('spec')).toContain('`spec: {}`');
  });
});
