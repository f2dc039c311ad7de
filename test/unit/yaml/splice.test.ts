import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Json } from '../../../server/src/model/json';
import { documentSymbols } from '../../../server/src/services/symbols';
import { validateText } from '../../../server/src/services/validation';
import { ChunkPool, type YamlFile } from '../../../server/src/yaml/file';
import { parseChunk, type ParsedChunk } from '../../../server/src/yaml/parse';
import { sourceOf } from '../../../server/src/yaml/sourceMap';
import { spliceChunk } from '../../../server/src/yaml/splice';
import { corpusDir } from '../../cli/corpus';
import { settingsFor } from '../helpers';

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
  ])(
    'gives what parsing the whole text gives, after any edits of %s',
    (_, base) => {
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
      // Hundreds of whole parses: bounded work, but slow on a loaded machine.
    },
    120_000,
  );

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
    // The parser ends the collections around a comment at the next token, past the item.
    ['a comment in the item', (text: string) => text.replace('team: t27\n          podSelector', 'team: t27\n         # podSelector')],
  ])('parses the whole document after %s', (_, change) => {
    expect(spliceChunk(parseChunk(BLOCK), change(BLOCK))).toBeUndefined();
  });

  // The parser ends the collections around an empty value at the next token, past the item.
  it.each([
    ['an empty last value of an item', (text: string) => text.replace('protocol: TCP', 'protocol:')],
    ['an empty last item', (text: string) => text.replace('- {port: 9090}', '-')],
    ['an empty value inside an item', (text: string) => text.replace('team: t27', 'team:')],
  ])('gives what parsing the whole text gives after %s', (_, change) => {
    const changed = change(BLOCK);
    const fresh = parseChunk(changed);
    expect(summary(spliceChunk(parseChunk(BLOCK), changed) ?? fresh)).toEqual(summary(fresh));
  });

  it('parses the whole document after an edit of an item followed by a comment', () => {
    const commented = BLOCK.replace('{app: a1}}', '{app: a1}}\n        # next');
    expect(spliceChunk(parseChunk(commented), commented.replace('{app: a1}}', '{app: a11}}'))).toBeUndefined();
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

/** The real-world policy files of the corpus (every fourth, for time), or none where it is not on the machine. */
function corpusPolicies(): { readonly name: string; readonly text: string }[] {
  const dir = corpusDir();
  if (!dir) return [];
  const found: { name: string; text: string }[] = [];
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(entry.name)) {
        const text = readFileSync(full, 'utf8');
        if (text.includes('NetworkPolicy') && /^\s*- /m.test(text) && text.length < 20_000)
          found.push({ name: path.relative(dir, full), text });
      }
    }
  };
  walk(dir);
  return found.filter((_, i) => i % 4 === 0);
}

const CORPUS = corpusPolicies();
const LINTED = settingsFor({ lints: true });

/** Whether a chunk of the file came from a splice (its source map has layers). */
const isSpliced = (file: YamlFile): boolean =>
  file.chunks.some((chunk) => chunk.parsed.documents.some((doc) => ((doc.sourceMap as { layers?: number }).layers ?? 0) > 0));

/** What the editor shows for a file: every diagnostic and the outline. */
function shown(file: YamlFile, diagnostics: unknown) {
  return { diagnostics, outline: documentSymbols(file, LINTED) };
}

describe.skipIf(CORPUS.length === 0)('re-parsing only the edited item of a real manifest', () => {
  it(
    'shows the same diagnostics and outline as parsing the whole text, after random edits',
    () => {
      let spliced = 0;
      fc.assert(
        fc.property(fc.nat({ max: CORPUS.length - 1 }), edits, (which, list) => {
          const { text: base } = CORPUS[which]!;
          const pool = new ChunkPool();
          let text = base;
          pool.retain(validateText(text, LINTED, pool).file!);
          for (const edit of list) {
            text = applyEdits(text, [edit]);
            const viaPool = validateText(text, LINTED, pool);
            const whole = validateText(text, LINTED);
            if (!viaPool.file || !whole.file) return;
            pool.retain(viaPool.file);
            if (!isSpliced(viaPool.file)) continue;
            spliced++;
            expect(shown(viaPool.file, viaPool.result.diagnostics)).toEqual(shown(whole.file, whole.result.diagnostics));
          }
        }),
        { numRuns: Number(process.env.SPLICE_RUNS ?? 150) },
      );
      expect(spliced).toBeGreaterThan(20);
    },
    // Hundreds of whole analyses: bounded work, but slow on a loaded machine.
    120_000,
  );
});
