import { describe, expect, it } from 'vitest';
import { completions } from '../../../../server/src/services/completion/complete';
import { DEFAULT_SETTINGS } from '../../../../server/src/services/settings';
import { completionContextAt } from '../../../../server/src/yaml/completionContext';
import { parseFile } from '../../../../server/src/yaml/file';
import { LineIndex } from '../../../../server/src/yaml/lineIndex';
import { policy } from '../../helpers';
import { complete, workspaceOf } from './complete';

const workspace = workspaceOf({
  'web.yaml':
    'kind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: c, ports: [{name: http, containerPort: 80}]}]\n',
});

const SAMPLES = [
  policy(
    'podSelector:\n  matchLabels: {app: web}\n  matchExpressions:\n    - {key: tier, operator: In, values: [a, "b"]}\ningress:\n  - from:\n      - namespaceSelector: {}\n        podSelector:\n          matchLabels:\n            app: web\n      - ipBlock: {cidr: 10.0.0.0/8, except: [10.0.1.0/24]}\n    ports:\n      - {protocol: TCP, port: http}\n      - port: 80\n        endPort: 90\negress:\n- to: [{podSelector: {}}]\npolicyTypes: [Ingress, Egress]',
  ),
  'apiVersion: v1\nkind: List\nitems:\n- kind: NetworkPolicy\n  spec:\n    podSelector: {matchLabels: {\n      app: w\n# comment: {\n---\n--- # x\n- - - a: [b, {c: d\n',
  "\"quoted key\": 'it''s'\nkey: \"unterminated\n\t- tab\n  - : :\n {[}]\n\r\n\r",
];

/** Every offset of a text, and of every prefix of it (text cut at the cursor, as while typing). */
function* cursors(text: string): Generator<[string, number]> {
  for (let offset = 0; offset <= text.length; offset++) {
    yield [text, offset];
    yield [text.slice(0, offset), offset];
  }
}

describe('completions on any input', () => {
  it('never throw, at any offset of valid, broken and half-typed documents', () => {
    let answered = 0;
    for (const sample of SAMPLES) {
      for (const [text, offset] of cursors(sample)) {
        const lines = new LineIndex(text);
        const list = completions({
          text,
          offset,
          file: parseFile(text),
          settings: DEFAULT_SETTINGS,
          workspace,
          positionAt: (at) => lines.positionAt(at),
        });
        for (const item of list.items) {
          const edit = item.textEdit as { range: { start: { line: number } } };
          expect(edit.range.start.line).toBe(lines.positionAt(offset).line);
        }
        if (list.items.length) answered++;
      }
    }
    expect(answered).toBeGreaterThan(100);
    // Thousands of completions: bounded work, but slow on a loaded machine.
  }, 120_000);
});

/**
 * YAML's white space is space and tab (YAML 1.2.2 §5.5): NBSP, form feed, vertical tab,
 * U+2028 and a BOM inside a document are content, which `trimEnd` and `\s` call blank.
 */
describe('completions next to characters that are blank to JavaScript but content to YAML', () => {
  const blanks = [
    ['NBSP', '\u00a0'],
    ['form feed', '\f'],
    ['vertical tab', '\v'],
    ['U+2028', '\u2028'],
    ['BOM', '\ufeff'],
  ];

  it.each(blanks)('answers in a flow mapping that holds a %s, before and after it', (_, blank) => {
    // The parser reads the character as a key: completing there replaces it.
    for (const marked of [policy(`podSelector: {|${blank}}`), policy(`podSelector: {${blank}|}`)]) {
      const completed = complete(marked);
      expect(completed.labels()).toEqual(expect.arrayContaining(['matchLabels', 'matchExpressions']));
      expect(completed.replaced()).toBe(blank);
    }
  });

  it.each(blanks)('answers at the end of a document that ends with `{` and a %s', (_, blank) => {
    expect(complete(`${policy('policyTypes: [Ingress]')}  podSelector: {${blank}|`).labels()).toContain('matchLabels');
    expect(complete(`${policy('policyTypes: [Ingress]')}  podSelector: {|${blank}`).labels()).toContain('matchLabels');
  });

  it('reads a key that starts with NBSP as a key at its column, as the parser does, not as indentation', () => {
    const marked = policy('podSelector:\n  \u00a0matchLabels: {}\n  |');
    const context = completionContextAt(marked.replace('|', ''), marked.indexOf('|'));
    expect(context?.path).toEqual(['spec', 'podSelector']);
    expect([...(context?.siblings.keys() ?? [])]).toEqual(['\u00a0matchLabels']);
  });
});

describe('completions in deeply nested text', () => {
  const HEAD = policy('podSelector: {}');

  it.each([
    ['flow sequences', '['],
    ['flow mappings', '{a: '],
  ])('give no items, without quadratic work, 100,000 levels deep in unclosed %s', (_, open) => {
    const text = `${HEAD}x: ${open.repeat(100_000)}`;
    expect(completionContextAt(text, text.length)).toBeUndefined();
    // Closed again, the cursor inside: the same.
    const closed = `${HEAD}x: ${open.repeat(100_000)}${(open === '[' ? ']' : '}').repeat(100_000)}`;
    expect(completionContextAt(closed, closed.length - 100_000)).toBeUndefined();
  });

  it('gives no items on a line of 50,000 item markers (and does not overflow the stack)', () => {
    const text = `${HEAD}  ingress:\n  - ${'- '.repeat(50_000)}`;
    expect(completionContextAt(text, text.length)).toBeUndefined();
  });

  it('still completes at the depth real manifests reach', () => {
    expect(complete(`${HEAD}x: ${'['.repeat(50)}|`).items).toEqual([]);
    expect(complete(policy('ingress: [{from: [{podSelector: {|}}]}]')).labels()).toContain('matchLabels');
  });
});
