import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Json } from '../../../server/src/model/json';
import { parseChunk, type ParsedChunk } from '../../../server/src/yaml/parse';
import { sourceOf } from '../../../server/src/yaml/sourceMap';
import { spliceChunk } from '../../../server/src/yaml/splice';

/** Every collection of a parsed chunk's documents with where it is written, in document order. */
function sources(chunk: ParsedChunk): unknown[] {
  const out: unknown[] = [];
  const walk = (value: Json | undefined, sourceMap: ParsedChunk['documents'][number]['sourceMap']): void => {
    const source = sourceOf(sourceMap, value);
    if (!source) return;
    if (source.kind === 'seq') {
      out.push(['seq', source.span, source.items]);
      (value as Json[]).forEach((item) => walk(item, sourceMap));
    } else {
      out.push(['map', source.span, [...source.entries]]);
      for (const key of source.entries.keys()) walk((value as Record<string, Json>)[key], sourceMap);
    }
  };
  for (const doc of chunk.documents) walk(doc.json, doc.sourceMap);
  return out;
}

/** What a parse says about a text: documents, values, problems and where every collection is. */
function summary(chunk: ParsedChunk) {
  return {
    documents: chunk.documents.map((doc) => ({ span: doc.span, json: doc.json, problems: doc.problems })),
    sources: sources(chunk),
    lines: chunk.lines.lineCount,
  };
}

const BLOCK = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: many-peers
spec:
  podSelector: {}
  ingress:
    - from:
${Array.from({ length: 30 }, (_, i) => (i % 3 ? `        - podSelector: {matchLabels: {app: a${i}}}` : `        - namespaceSelector:\n            matchLabels:\n              team: t${i}\n          podSelector: {}`)).join('\n')}
      ports:
        - port: 8080
          protocol: TCP
        - {port: 9090}
`;

const FLOW = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: one-line}
spec: {podSelector: {}, ingress: [{from: [${Array.from({ length: 30 }, (_, i) => `{ipBlock: {cidr: 10.${i}.0.0/16, except: [10.${i}.1.0/24]}}`).join(', ')}]}]}
`;

/** Edits that keep or break the structure: characters YAML cares about, whole lines, nothing at all. */
const edits = fc.array(
  fc.record({
    at: fc.nat(),
    remove: fc.nat({ max: 6 }),
    insert: fc.oneof(
      fc.constantFrom(
        '7',
        'x',
        ' ',
        ':',
        ': ',
        ',',
        '-',
        '- ',
        '{',
        '}',
        '[',
        ']',
        '"',
        "'",
        '#',
        '\n',
        '\n        - ',
        '\t',
        '|',
        '&a',
        '*a',
        '---',
        '\r\n',
        '\u00a0',
      ),
      fc.string({ maxLength: 4 }),
    ),
  }),
  { minLength: 1, maxLength: 4 },
);

function applyEdits(text: string, list: readonly { at: number; remove: number; insert: string }[]): string {
  let out = text;
  for (const edit of list) {
    const at = edit.at % (out.length + 1);
    out = out.slice(0, at) + edit.insert + out.slice(at + edit.remove);
  }
  return out;
}

describe('re-parsing only the item an edit falls in', () => {
  it.each([
    ['a block sequence', BLOCK],
    ['a flow sequence on one line', FLOW],
  ])('gives what parsing the whole text gives, after any edits of %s', (_, base) => {
    let spliced = 0;
    fc.assert(
      fc.property(edits, (list) => {
        let previous = parseChunk(base);
        let text = base;
        for (const edit of list) {
          text = applyEdits(text, [edit]);
          const derived = spliceChunk(previous, text);
          const fresh = parseChunk(text);
          if (derived) {
            spliced++;
            expect(summary(derived)).toEqual(summary(fresh));
          }
          previous = derived ?? fresh;
        }
      }),
      { numRuns: Number(process.env.SPLICE_RUNS ?? 150) },
    );
    // Most random edits break the structure, but many stay inside an item.
    expect(spliced).toBeGreaterThan(20);
  });

  it('re-parses a changed value of one peer in place, and again after that', () => {
    const first = parseChunk(BLOCK);
    const once = spliceChunk(first, BLOCK.replace('app: a5}', 'app: a55}'));
    expect(once).toBeDefined();
    const twice = spliceChunk(once!, BLOCK.replace('app: a5}', 'app: a55}').replace('team: t9', 'team: t99'));
    expect(twice && summary(twice)).toEqual(summary(parseChunk(BLOCK.replace('app: a5}', 'app: a55}').replace('team: t9', 'team: t99'))));
  });

  it.each([
    ['an unclosed quote', (text: string) => text.replace('app: a5}', 'app: "a5}')],
    ['an anchor', (text: string) => text.replace('app: a5}', 'app: &x a5}')],
    ['a block scalar', (text: string) => text.replace('team: t3', 'team: |')],
    ['an edit outside any sequence', (text: string) => text.replace('many-peers', 'many')],
  ])('parses the whole document after %s', (_, change) => {
    expect(spliceChunk(parseChunk(BLOCK), change(BLOCK))).toBeUndefined();
  });

  it('re-parses the item around an edit that adds an item to a list (here the whole rule)', () => {
    const added = BLOCK.replace('app: a5}}', 'app: a5}}\n        - podSelector: {}');
    const derived = spliceChunk(parseChunk(BLOCK), added);
    expect(derived && summary(derived)).toEqual(summary(parseChunk(added)));
  });

  it('does not splice a document that had problems or holds aliases', () => {
    const broken = BLOCK.replace('podSelector: {}\n  ingress', 'podSelector: {\n  ingress');
    expect(spliceChunk(parseChunk(broken), broken.replace('app: a5}', 'app: a6}'))).toBeUndefined();
    const aliased = `${BLOCK}  egress: &e []\n`;
    expect(spliceChunk(parseChunk(aliased), aliased.replace('app: a5}', 'app: a6}'))).toBeUndefined();
  });
});
