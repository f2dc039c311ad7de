import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { FIX_ALL_KIND } from '../../../server/src/protocol';
import { codeActions } from '../../../server/src/services/codeActions/index';
import { validateText } from '../../../server/src/services/validation';
import { indexObjects, WorkspaceIndex } from '../../../server/src/services/workspace';
import { parseFile, type YamlFile } from '../../../server/src/yaml/file';
import { LineIndex } from '../../../server/src/yaml/lineIndex';
import { corpusDir } from '../../cli/corpus';
import { settingsFor } from '../helpers';

/**
 * The contract of every code action, whichever provider offers it (this goes through
 * `codeActions()`, so new providers are covered without a change here), over the real-world
 * corpus and mutations of it that provoke the fixable problems:
 * - the edits lie inside the text and do not overlap;
 * - a document that parsed still parses (no new YAML problem), and documents that no edit
 *   touches read exactly as before;
 * - a quick fix of one diagnostic removes it (one fewer of that rule at that path);
 * - nothing throws.
 */

const URI = 'file:///ws/test.yaml';
const settings = settingsFor({ lints: true, k8s: '1.36' });

/** Inline documents, so the property runs where the corpus is not on the machine too. */
const INLINE = [
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\n  namespace: shop\n  labels: {app: web}\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n    matchExpressions:\n    - key: tier\n      operator: In\n      values: [front]\n  policyTypes: [Ingress, Egress]\n  ingress:\n  - from:\n    - namespaceSelector: {}\n      podSelector: {matchLabels: {app: api}}\n    - ipBlock:\n        cidr: 10.0.0.0/16\n        except: [10.0.1.0/24]\n    ports:\n    - protocol: TCP\n      port: 8080\n  egress:\n  - to:\n    - ipBlock: {cidr: 192.168.0.0/16}\n    ports: [{port: 53, protocol: UDP}]\n',
];

function corpusTexts(): string[] {
  const dir = corpusDir();
  if (!dir) return INLINE;
  const texts: string[] = [...INLINE];
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(entry.name)) {
        const text = readFileSync(full, 'utf8');
        // The policies are what the actions are about; large files only slow the runs down.
        if (text.includes('NetworkPolicy') && text.length < 40_000) texts.push(text);
      }
    }
  };
  walk(dir);
  return texts;
}

const TEXTS = corpusTexts();

/** Text mutations that produce the problems the quick fixes are for, and half-typed text. */
const MUTATIONS: readonly ((text: string, at: number) => string)[] = [
  (t) => t.replace(/protocol: TCP/, 'protocol: tcp'),
  (t) => t.replace(/\bIngress\b/, 'ingress'),
  (t) => t.replace(/\bEgress\b/, 'egress'),
  (t) => t.replace(/podSelector:/, 'podselector:'),
  (t) => t.replace(/namespaceSelector:/, 'namespaceSelectors:'),
  (t) => t.replace(/operator: In\b/, 'operator: in'),
  (t) => t.replace(/operator: In\b/, 'operator: Exists'),
  (t) => t.replace(/operator: Exists\b/, 'operator: In'),
  (t) => t.replace(/cidr: (\d+\.\d+\.\d+\.)0\/(\d|[12]\d)\b/, 'cidr: $17/$2'),
  (t) => t.replace(/apiVersion: networking\.k8s\.io\/v1/, 'apiVersion: extensions/v1beta1'),
  (t) => t.replace(/(\n\s+)(port: \d+)/, '$1$2$1endPort: 1'),
  (t) => t.replace(/(\n\s+)(port: \d+)/, '$1port: http$1endPort: 9000'),
  (t) => t.replace(/(app(?:\.kubernetes\.io\/name)?: )[A-Za-z][\w-]*/, '$11.0'),
  (t) => t.replace(/(\n(\s*)- )(ipBlock:)/, '$1podSelector: {}\n$2  $3'),
  (t) => t.replace(/\r?\n/g, '\r\n'),
  (t, at) => t.slice(0, at) + t.slice(at + 1 + (at % 7)),
  (t, at) => t.slice(0, at) + ['-', ':', ' ', '\n', '{', '}', '[', '#', '"', "'"][at % 10]! + t.slice(at),
];

interface Applied {
  readonly text: string;
  readonly ranges: readonly (readonly [number, number])[];
}

function apply(text: string, edits: readonly TextEdit[]): Applied {
  const lines = new LineIndex(text);
  const placed = edits.map((edit, order) => ({
    start: lines.offsetAt(edit.range.start),
    end: lines.offsetAt(edit.range.end),
    edit,
    order,
  }));
  for (const edit of placed) {
    // In range: offsetAt clamps, so compare with the positions it was given.
    expect(lines.positionAt(edit.start)).toEqual(edit.edit.range.start);
    expect(lines.positionAt(edit.end)).toEqual(edit.edit.range.end);
  }
  placed.sort((a, b) => a.start - b.start || a.order - b.order);
  for (let i = 1; i < placed.length; i++) expect(placed[i]!.start).toBeGreaterThanOrEqual(placed[i - 1]!.end);
  let out = text;
  for (const edit of [...placed].reverse()) out = out.slice(0, edit.start) + edit.edit.newText + out.slice(edit.end);
  return { text: out, ranges: placed.map((p) => [p.start, p.end] as const) };
}

function analyse(text: string): { file: YamlFile | undefined; diagnostics: Diagnostic[]; index: WorkspaceIndex } {
  const index = new WorkspaceIndex();
  const first = validateText(text, settings).file;
  if (first) index.setFile(URI, indexObjects(URI, first, settings));
  const { file, result } = validateText(text, settings, undefined, index);
  return { file, diagnostics: result.diagnostics, index };
}

const yamlProblems = (file: YamlFile): number =>
  file.chunks.reduce((n, chunk) => n + chunk.parsed.documents.reduce((m, doc) => m + doc.problems.length, 0), 0);

/**
 * The JSON of each document that no edit touches. A document owns the text up to the next
 * one (its span stops before trailing comments and line breaks, where an append goes).
 */
function untouchedDocuments(file: YamlFile, ranges: readonly (readonly [number, number])[]): string[] {
  const docs = file.chunks.flatMap((chunk) => chunk.parsed.documents.map((doc) => ({ start: chunk.offset + doc.span[0], json: doc.json })));
  return docs
    .filter(({ start }, i) => {
      const end = docs[i + 1]?.start ?? file.text.length;
      return ranges.every(([a, b]) => b < start || a > end);
    })
    .map(({ json }) => JSON.stringify(json));
}

const pathOf = (d: Diagnostic): unknown => (d.data as { path?: unknown } | undefined)?.path;

/**
 * Whether a fix of `fixed` left fewer of its diagnostics: of its rule at its path, or of its
 * rule at all. Neither alone is enough: removing a list item moves the next one to its path,
 * and a renamed field may show the unknown fields inside it.
 */
function fewer(before: readonly Diagnostic[], after: readonly Diagnostic[], fixed: Diagnostic): boolean {
  const ofRule = (list: readonly Diagnostic[]) => list.filter((d) => d.code === fixed.code);
  const atPath = (list: readonly Diagnostic[]) => ofRule(list).filter((d) => pathOf(d) === pathOf(fixed));
  return ofRule(after).length < ofRule(before).length || atPath(after).length < atPath(before).length;
}

function checkAction(before: string, file: YamlFile, diagnostics: readonly Diagnostic[], action: CodeAction): void {
  const edits = action.edit?.changes?.[URI];
  if (!edits) return;
  const applied = apply(before, edits);
  const after = analyse(applied.text);
  expect(after.file).toBeDefined();
  const afterFile = after.file!;
  // A fix is computed on what the parser understood: of broken or ambiguous YAML (a duplicate
  // key), that is a guess, so only the well-formed inputs are held to the stronger checks.
  const wellFormed = yamlProblems(file) === 0;
  if (wellFormed) expect(yamlProblems(afterFile), `${action.title}:\n${applied.text}`).toBe(0);
  // Documents before the first edit keep their place; each one no edit touched reads the same.
  const untouched = untouchedDocuments(file, applied.ranges);
  const afterAll = new Set(afterFile.chunks.flatMap((chunk) => chunk.parsed.documents.map((doc) => JSON.stringify(doc.json))));
  for (const json of untouched) expect(afterAll.has(json), `${action.title} changed another document`).toBe(true);
  const fixed = wellFormed && action.diagnostics?.length === 1 && action.kind === 'quickfix' ? action.diagnostics[0] : undefined;
  if (fixed) {
    expect(fewer(diagnostics, after.diagnostics, fixed), `${action.title} left ${String(fixed.code)}:\n${applied.text}`).toBe(true);
  }
}

describe('every offered code action (property over the corpus)', () => {
  it(`keeps documents parseable, edits only its range, and removes what it fixes (${TEXTS.length} texts)`, () => {
    fc.assert(
      fc.property(
        fc.nat({ max: TEXTS.length - 1 }),
        fc.array(fc.tuple(fc.nat({ max: MUTATIONS.length - 1 }), fc.nat()), { maxLength: 4 }),
        fc.nat(),
        (which, mutations, cursor) => {
          let text = TEXTS[which]!;
          for (const [m, at] of mutations) text = MUTATIONS[m]!(text, text.length ? at % text.length : 0);
          const { file, diagnostics, index } = analyse(text);
          if (!file) return;
          const lines = new LineIndex(text);
          const offset = text.length ? cursor % text.length : 0;
          const position = lines.positionAt(offset);
          const request = {
            uri: URI,
            file,
            range: { start: position, end: position },
            start: offset,
            end: offset,
            diagnostics,
            settings,
            index,
          };
          for (const action of [...codeActions(request), ...codeActions({ ...request, only: [FIX_ALL_KIND] })]) {
            checkAction(text, file, diagnostics, action);
          }
        },
      ),
      { numRuns: Number(process.env.NETPOL_PROPERTY_RUNS ?? 60) },
    );
  }, 120_000);

  it('parses the same file again for every action (no shared state between requests)', () => {
    const text = INLINE[0]!.replace('protocol: TCP', 'protocol: tcp');
    const { diagnostics, index } = analyse(text);
    const request = (file: YamlFile) => ({ uri: URI, file, range: diagnostics[0]!.range, start: 0, end: 0, diagnostics, settings, index });
    const once = codeActions(request(parseFile(text)));
    expect(codeActions(request(parseFile(text)))).toEqual(once);
    expect(once.some((a) => a.title === 'Change protocol to "TCP"')).toBe(true);
  });
});
