import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../server/src/services/settings';
import { validateText } from '../../server/src/services/validation';
import { ChunkPool } from '../../server/src/yaml/file';
import { LineIndex } from '../../server/src/yaml/lineIndex';
import { policy, settingsFor } from './helpers';

const SAMPLE =
  policy(`
    podSelector:
      matchLabels: { app: web }
      matchExpressions:
        - { key: tier, operator: In, values: [a, b] }
    policyTypes: [Ingress, Egress]
    ingress:
      - from:
          - namespaceSelector: { matchLabels: { team: x } }
            podSelector: {}
          - ipBlock: { cidr: 10.0.0.0/8, except: [10.1.0.0/16] }
        ports:
          - { protocol: TCP, port: 80, endPort: 90 }
          - port: http
    egress:
      - to: [{ podSelector: {} }]
        ports: [{ protocol: UDP, port: 53 }]
  `) +
  `---
apiVersion: apps/v1
kind: Deployment
metadata: &meta
  name: web
  labels: { app: web }
spec:
  template:
    metadata: *meta
`;

/** Random edits of a text: insertions of YAML-significant characters, deletions, replacements. */
const edits = fc.array(
  fc.record({
    at: fc.nat(),
    remove: fc.nat({ max: 8 }),
    insert: fc.oneof(
      fc.constantFrom(
        ':',
        '-',
        ' ',
        '\n',
        '  ',
        '{',
        '}',
        '[',
        ']',
        '"',
        "'",
        '&a',
        '*a',
        '!!int',
        '---\n',
        '#',
        '\t',
        '\r\n',
        '<<: ',
        '\u0000',
        '\ufeff',
        'é',
      ),
      fc.string({ maxLength: 6 }),
    ),
  }),
  { maxLength: 12 },
);

function applyEdits(text: string, list: { at: number; remove: number; insert: string }[]): string {
  let out = text;
  for (const edit of list) {
    const at = edit.at % (out.length + 1);
    out = out.slice(0, at) + edit.insert + out.slice(at + edit.remove);
  }
  return out;
}

/** Every diagnostic range lies within the text and starts before it ends. */
function checkRanges(text: string): void {
  const lines = new LineIndex(text);
  for (const d of validateText(text, DEFAULT_SETTINGS).result.diagnostics) {
    const start = lines.offsetAt(d.range.start);
    const end = lines.offsetAt(d.range.end);
    expect(start).toBeLessThanOrEqual(end);
    expect(end).toBeLessThanOrEqual(text.length);
    expect(d.range.start.line).toBeLessThan(lines.lineCount);
    expect(typeof d.code).toBe('string');
  }
}

describe('robustness', () => {
  it('never throws on arbitrary text and reports ranges inside it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => checkRanges(`kind: NetworkPolicy\n${text}`)),
      { numRuns: 500 },
    );
  });

  it('never throws on mutated NetworkPolicy YAML', () => {
    fc.assert(
      fc.property(edits, (list) => checkRanges(applyEdits(SAMPLE, list))),
      { numRuns: 1000 },
    );
  }, 120_000);

  it('gives the same diagnostics after an edit as a fresh analysis (chunk reuse is invisible)', () => {
    fc.assert(
      fc.property(edits, (list) => {
        const pool = new ChunkPool();
        validateText(SAMPLE, DEFAULT_SETTINGS, pool);
        const edited = applyEdits(SAMPLE, list);
        const incremental = validateText(edited, DEFAULT_SETTINGS, pool).result;
        const fresh = validateText(edited, DEFAULT_SETTINGS).result;
        expect(incremental).toEqual(fresh);
      }),
      { numRuns: 300 },
    );
  });

  it('answers quickly on huge and deeply nested input', () => {
    const started = performance.now();
    const wide = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: wide }\nspec:\n  podSelector:\n    matchLabels:\n${Array.from({ length: 20000 }, (_, i) => `      k${i}: v${i}`).join('\n')}\n`;
    expect(validateText(wide, settingsFor()).result.diagnostics).toEqual([]);
    const deep = `kind: NetworkPolicy\nspec: ${'{a: '.repeat(3000)}1${'}'.repeat(3000)}\n`;
    expect(validateText(deep, DEFAULT_SETTINGS).result.diagnostics.map((d) => d.code)).toContain('yaml-depth-limit');
    const longLine = `kind: NetworkPolicy\nmetadata: { name: "${'x'.repeat(1_000_000)}" }\n`;
    expect(validateText(longLine, settingsFor()).result.diagnostics.map((d) => d.code)).toEqual(['api-version', 'metadata-name']);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('leaves the text it is given untouched', () => {
    const text = SAMPLE.replace('TCP', 'tcp');
    const copy = `${text}`;
    validateText(text, DEFAULT_SETTINGS);
    expect(text).toBe(copy);
  });
});
