import { describe, expect, it } from 'vitest';
import type { FieldPath } from '../../../server/src/model/path';
import { locate, type LocateTarget } from '../../../server/src/yaml/locate';
import { parseChunk } from '../../../server/src/yaml/parse';
import { diagnose, offsetOf, policy, reported, yaml } from '../helpers';

/** The text `locate` points at in the first document of `text`. */
function at(text: string, path: FieldPath, target: LocateTarget = 'value'): string {
  const chunk = parseChunk(text);
  const doc = chunk.documents[0]!;
  const [start, end] = locate(doc, path, target);
  return text.slice(start, end);
}

const TEXT = yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: web
    labels: { app: web, tier: "front end" }
  spec:
    podSelector:
    ingress:
      - from:
          - podSelector: { matchLabels: { a: b } }
          - ipBlock:
              cidr: 10.0.0.0/8
        ports: [{ port: 80 }, { port: http }]
    policyTypes: [Ingress]
`;

describe('locate: the range contract', () => {
  it('points at the value of a field', () => {
    expect(at(TEXT, ['metadata', 'name'])).toBe('web');
    expect(at(TEXT, ['spec', 'ingress', 0, 'ports', 1, 'port'])).toBe('http');
    expect(at(TEXT, ['spec', 'ingress', 0, 'from', 1, 'ipBlock', 'cidr'])).toBe('10.0.0.0/8');
    expect(at(TEXT, ['spec', 'policyTypes', 0])).toBe('Ingress');
  });

  it('points at whole collections when they are the value', () => {
    expect(at(TEXT, ['spec', 'ingress', 0, 'ports'])).toBe('[{ port: 80 }, { port: http }]');
    expect(at(TEXT, ['spec', 'ingress', 0, 'ports', 0])).toBe('{ port: 80 }');
    expect(at(TEXT, ['spec', 'policyTypes'])).toBe('[Ingress]');
  });

  it('points at the key when asked (unknown fields, label keys)', () => {
    expect(at(TEXT, ['metadata', 'name'], 'key')).toBe('name');
    expect(at(TEXT, ['metadata', 'labels', 'tier'], 'key')).toBe('tier');
    expect(at(TEXT, ['metadata', 'labels', 'tier'])).toBe('"front end"');
  });

  it('points at the key when the value is missing (empty)', () => {
    expect(at(TEXT, ['spec', 'podSelector'])).toBe('podSelector');
  });

  it('points at the parent key when the field (or a parent) is missing', () => {
    expect(at(TEXT, ['spec', 'ingress', 0, 'from', 1, 'ipBlock', 'except', 0])).toBe('ipBlock');
    expect(at(TEXT, ['metadata', 'namespace'])).toBe('metadata');
    expect(at(TEXT, ['spec', 'podSelector', 'matchLabels'])).toBe('podSelector');
    // A list item has no key: the item itself.
    expect(at(TEXT, ['spec', 'ingress', 0, 'ports', 0, 'endPort'])).toBe('{ port: 80 }');
    expect(at(TEXT, ['spec', 'ingress', 5])).toBe('ingress');
  });

  it('stops at a scalar in the middle of the path', () => {
    expect(at(TEXT, ['metadata', 'name', 'deeper'])).toBe('name');
  });

  it('falls back to the kind key, then to the first key, for a missing top-level field', () => {
    expect(at(TEXT, ['status'])).toBe('kind');
    expect(at(TEXT, [])).toBe('kind');
    expect(at('apiVersion: v1\nmetadata: {}\n', ['kind'])).toBe('apiVersion');
  });

  it('points inside the anchored node for fields of an aliased map', () => {
    const text = 'a: &x { k: v }\nb: *x\n';
    expect(parseChunk(text).documents[0]?.json).toEqual({ a: { k: 'v' }, b: { k: 'v' } });
    const start = offsetOf(text, 'v }');
    const chunk = parseChunk(text);
    expect(locate(chunk.documents[0]!, ['b', 'k'], 'value')).toEqual([start, start + 1]);
    // The alias itself (the value of b) is where it was written.
    expect(at(text, ['b'])).toBe('*x');
  });

  it('handles block style and CRLF', () => {
    const text = 'a:\r\n  b:\r\n    - c: 1\r\n      d: two\r\n';
    expect(at(text, ['a', 'b', 0, 'd'])).toBe('two');
    expect(at(text, ['a', 'b', 0, 'd'], 'key')).toBe('d');
    expect(at(text, ['a', 'b', 0, 'e'])).toBe('c: 1\r\n      d: two\r\n');
  });
});

describe('diagnostic ranges', () => {
  it('the offending value', () => {
    expect(reported(policy('ingress: [{ ports: [{ port: 0 }] }]'), 'port-number')).toEqual(['spec.ingress[0].ports[0].port => 0']);
  });

  it('the key of an empty value (`name:`), the value of an explicitly empty one (`name: ""`)', () => {
    expect(reported(policy('podSelector: {}', 'name:'), 'metadata-name')).toEqual(['metadata.name => name']);
    expect(reported(policy('podSelector: {}', 'name: ""'), 'metadata-name')).toEqual(['metadata.name => ""']);
  });

  it('the parent key when a required child is missing', () => {
    const text = policy(`
      ingress:
        - from:
            - ipBlock:
                except: [10.0.0.0/16]
    `);
    const [d] = diagnose(text);
    expect(`${d?.path} => ${d?.text}`).toBe('spec.ingress[0].from[0].ipBlock.cidr => ipBlock');
  });

  it('unknown fields at the key, not at their (multi-line) value', () => {
    const text = policy(`
      ingress:
        - to:
            - podSelector: {}
    `);
    const [d] = diagnose(text);
    expect(`${d?.path} => ${d?.text}`).toBe('spec.ingress[0].to => to');
    expect(d?.start).toBe(offsetOf(text, 'to:'));
  });

  it('label errors: the map path, but the exact key or value', () => {
    const text = policy(`
      podSelector:
        matchLabels:
          app: web
          "bad key": fine
          tier: "bad value"
    `);
    const found = diagnose(text);
    expect(found.map((d) => `${d.code} ${d.path} => ${d.text}`)).toEqual([
      'label-key spec.podSelector.matchLabels => "bad key"',
      'label-value spec.podSelector.matchLabels => "bad value"',
    ]);
    expect(found.map((d) => d.start)).toEqual([offsetOf(text, '"bad key"'), offsetOf(text, '"bad value"')]);
  });

  it("a label value equal to another entry's text is found at its own entry", () => {
    const text = policy(`
      podSelector:
        matchLabels:
          "a b": ok
          other: "a b"
    `);
    const found = diagnose(text);
    expect(found.map((d) => `${d.code} => ${d.text}`)).toEqual(['label-key => "a b"', 'label-value => "a b"']);
    expect(found.map((d) => d.start)).toEqual([offsetOf(text, '"a b"', 0), offsetOf(text, '"a b"', 1)]);
  });

  it('aliases: errors point at the anchored node', () => {
    const text = yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: test
        labels: &labels { app: "web app" }
      spec:
        podSelector:
          matchLabels: *labels
    `;
    const found = diagnose(text);
    expect(found.map((d) => `${d.code} ${d.path}`)).toEqual([
      'metadata-labels metadata.labels',
      'label-value spec.podSelector.matchLabels',
    ]);
    expect(found.map((d) => d.start)).toEqual([offsetOf(text, '"web app"'), offsetOf(text, '"web app"')]);
  });

  it('ranges in later documents are placed in the file', () => {
    const first = policy('podSelector: {}');
    const text = `${first}---\n${policy('podSelector: {}', 'name: Second')}`;
    const [d] = diagnose(text);
    expect(d?.document).toBe(1);
    expect(d?.start).toBe(offsetOf(text, 'Second'));
    expect(d?.end).toBe(offsetOf(text, 'Second') + 'Second'.length);
  });
});
