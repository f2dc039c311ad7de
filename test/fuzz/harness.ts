import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { decodeManifest } from '../../server/src/yaml/encoding';
import { corpusDir } from '../cli/corpus';
import { LspTestClient } from '../server/lspClient';

/**
 * The fuzz harness: mutated real-world manifests through the bundled language server over
 * LSP (open, incremental edits, every request kind at random positions, close), failing on an
 * exception the server logs, a request or an analysis without answer within a bound, a
 * diagnostic range past the end of its line, a publish for a version never sent or older than
 * one already published, the same version published twice with different diagnostics, and
 * memory over a bound. Each case's text before and after its edits also goes through the
 * bundled CLI (`netpol check`, a batch of cases per run, one workspace), failing on an internal
 * error, a run without end, output that is not the JSON report, a diagnostic outside its file's
 * lines, or memory over the bound. Every case is reproducible from its seed; a failing one is
 * printed with its input, minimized.
 */

export interface FuzzOptions {
  /** Documents to check (the run stops at whichever of count and minutes comes first). */
  readonly count: number;
  readonly seed: number;
  readonly minutes?: number;
  /**
   * Servers run side by side, each checking one case at a time: cases on one server never
   * share its workspace, so a version published twice with different diagnostics is a fault.
   */
  readonly servers?: number;
  /** A request (or an analysis after an edit) without answer in this long is a hang. */
  readonly answerMs?: number;
  /** The server's resident memory may not exceed this. */
  readonly maxRssMb?: number;
  readonly log?: (line: string) => void;
}

export interface FuzzFailure {
  readonly seed: number;
  readonly kind: 'exception' | 'hang' | 'range' | 'version' | 'republished' | 'memory' | 'cli';
  readonly detail: string;
  readonly input: string;
  readonly edits: readonly FuzzEdit[];
}

export interface FuzzReport {
  documents: number;
  edits: number;
  requests: number;
  publishes: number;
  maxRequestMs: number;
  maxRequest: string;
  peakRssMb: number;
  /** Files checked by the CLI, its slowest run and its peak memory. */
  cliFiles: number;
  cliMaxMs: number;
  cliPeakRssMb: number;
  seconds: number;
  failures: FuzzFailure[];
}

/** An edit that applies to any text: where as a fraction of its length, how much it removes, what it inserts. */
export interface FuzzEdit {
  readonly at: number;
  readonly remove: number;
  readonly insert: string;
}

/** A small, fast, seedable generator (mulberry32): the same seed gives the same case. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: () => number, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

/** Characters that JavaScript calls blank but YAML reads as content, and other odd ones. */
const ODD = ['\u00a0', '\f', '\v', '\u2028', '\u2029', '\ufeff', '\u0000', '\t', '\r', '\u200b', '\ud800', '\u0085'];

/** The NetworkPolicy fields, for swaps of one for another. */
const FIELDS = [
  'apiVersion',
  'kind',
  'metadata',
  'name',
  'namespace',
  'spec',
  'podSelector',
  'namespaceSelector',
  'ipBlock',
  'cidr',
  'except',
  'ingress',
  'egress',
  'from',
  'to',
  'ports',
  'port',
  'endPort',
  'protocol',
  'policyTypes',
  'matchLabels',
  'matchExpressions',
  'key',
  'operator',
  'values',
];

/** Pieces of YAML that an edit inserts: structure, half-typed fields, odd characters. */
const PIECES = [
  ...ODD,
  ...FIELDS.map((f) => `${f}: `),
  '{',
  '}',
  '[',
  ']',
  ': ',
  '- ',
  '\n',
  '\n  - ',
  ',',
  '"',
  "'",
  '#',
  '&a ',
  '*a',
  '!!str ',
  '|\n',
  '---\n',
  '0.0.0.0/0',
  '65536',
  'TCP',
  '{}',
  '[]',
  '\r\n',
];

type Mutation = (text: string, rng: () => number) => string;

const lines = (text: string) => text.split('\n');

const MUTATIONS: readonly Mutation[] = [
  // A byte flipped into another character (often an odd one).
  (t, rng) => {
    const at = Math.floor(rng() * t.length);
    return t.slice(0, at) + (rng() < 0.5 ? pick(rng, ODD) : String.fromCharCode(32 + Math.floor(rng() * 95))) + t.slice(at + 1);
  },
  // A line dropped or duplicated.
  (t, rng) => {
    const all = lines(t);
    const at = Math.floor(rng() * all.length);
    if (rng() < 0.5) all.splice(at, 1);
    else all.splice(at, 0, all[at] ?? '');
    return all.join('\n');
  },
  // A line's indentation shifted.
  (t, rng) => {
    const all = lines(t);
    const at = Math.floor(rng() * all.length);
    all[at] = rng() < 0.5 ? ` ${' '.repeat(Math.floor(rng() * 3))}${all[at]}` : (all[at] ?? '').replace(/^ {1,2}/, '');
    return all.join('\n');
  },
  // Truncated.
  (t, rng) => t.slice(0, Math.floor(rng() * t.length)),
  // One NetworkPolicy field swapped for another.
  (t, rng) => {
    const from = pick(rng, FIELDS);
    const index = t.indexOf(`${from}:`);
    return index < 0 ? t : t.slice(0, index) + pick(rng, FIELDS) + t.slice(index + from.length);
  },
  // Odd white space after a flow opener or a colon.
  (t, rng) => {
    const openers = [...t.matchAll(/[{[:]/g)];
    if (!openers.length) return t + pick(rng, ODD);
    const at = pick(rng, openers).index + 1;
    return t.slice(0, at) + pick(rng, ODD) + t.slice(at);
  },
  // Line breaks of another style.
  (t, rng) => (rng() < 0.5 ? t.replace(/\n/g, '\r\n') : t.replace(/\n/g, '\r')),
];

/** The corpus texts the cases start from: the real-world manifests when on the machine, else the repository's fixtures. */
export function seeds(): string[] {
  const root = corpusDir() ?? path.resolve(__dirname, '../fixtures');
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(entry.name)) {
        const text = readFileSync(full, 'utf8');
        // Large files are the hostile set's business: these runs go for many documents.
        if (text.length < 30_000) out.push(text);
      }
    }
  };
  walk(root);
  return out;
}

/** A case from its seed: a mutated corpus text and the edits typed into it. */
export function caseOf(seed: number, corpus: readonly string[]): { readonly input: string; readonly edits: FuzzEdit[] } {
  const rng = random(seed);
  let input = pick(rng, corpus);
  const mutations = 1 + Math.floor(rng() * 3);
  for (let i = 0; i < mutations; i++) input = pick(rng, MUTATIONS)(input, rng);
  const edits = Array.from({ length: 1 + Math.floor(rng() * 3) }, () => ({
    at: rng(),
    remove: rng() < 0.5 ? 0 : Math.floor(rng() * 8),
    insert: rng() < 0.8 ? pick(rng, PIECES) : '',
  }));
  return { input, edits };
}

/** Request kinds, each with its parameters at a position. */
const REQUESTS: readonly [string, (uri: string, position: { line: number; character: number }) => unknown][] = [
  ['textDocument/hover', (uri, position) => ({ textDocument: { uri }, position })],
  ['textDocument/completion', (uri, position) => ({ textDocument: { uri }, position })],
  ['textDocument/definition', (uri, position) => ({ textDocument: { uri }, position })],
  ['textDocument/references', (uri, position) => ({ textDocument: { uri }, position, context: { includeDeclaration: true } })],
  ['textDocument/documentSymbol', (uri) => ({ textDocument: { uri } })],
  ['textDocument/codeLens', (uri) => ({ textDocument: { uri } })],
  ['textDocument/semanticTokens/full', (uri) => ({ textDocument: { uri } })],
  [
    'textDocument/codeAction',
    (uri, position) => ({ textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } }),
  ],
];

class Hang extends Error {}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Hang(`no answer to ${what} in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Whether every range lies within its document: lines that exist, characters up to the end of their line. */
function rangeProblem(document: TextDocument, diagnostics: readonly Pick<Diagnostic, 'range' | 'code'>[]): string | undefined {
  const text = document.getText();
  for (const diagnostic of diagnostics) {
    for (const end of [diagnostic.range.start, diagnostic.range.end]) {
      if (end.line < 0 || end.line >= document.lineCount) return `${String(diagnostic.code)} on line ${end.line} of ${document.lineCount}`;
      const lineStart = document.offsetAt({ line: end.line, character: 0 });
      const lineEnd = end.line + 1 < document.lineCount ? document.offsetAt({ line: end.line + 1, character: 0 }) : text.length;
      const content = text.slice(lineStart, lineEnd).replace(/(\r\n|\r|\n)$/, '');
      if (end.character < 0 || end.character > content.length)
        return `${String(diagnostic.code)} at ${end.line}:${end.character}, past the end of the line (${content.length})`;
    }
  }
  return undefined;
}

/** The resident memory of a process in MB (Linux), 0 where it cannot be read. */
function rssMb(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Runs the cases of a fuzz run on one server (a new one after a failure), and minimizes what fails. */
export async function fuzz(options: FuzzOptions): Promise<FuzzReport> {
  const log = options.log ?? (() => undefined);
  const answerMs = options.answerMs ?? 5000;
  const maxRssMb = options.maxRssMb ?? 1536;
  const corpus = seeds();
  const started = performance.now();
  const deadline = options.minutes === undefined ? Infinity : started + options.minutes * 60_000;
  const report: FuzzReport = {
    documents: 0,
    edits: 0,
    requests: 0,
    publishes: 0,
    maxRequestMs: 0,
    maxRequest: '',
    peakRssMb: 0,
    cliFiles: 0,
    cliMaxMs: 0,
    cliPeakRssMb: 0,
    seconds: 0,
    failures: [],
  };
  let next = 0;
  const run = new Runner(report, answerMs);
  const cli = new CliChecker(report, answerMs, maxRssMb);
  const lanes = await Promise.all(Array.from({ length: options.servers ?? 2 }, () => LspTestClient.start({ diagnosticsDelay: 0 })));
  const worker = async (client: LspTestClient): Promise<void> => {
    while (next < options.count && performance.now() < deadline && report.failures.length === 0) {
      const seed = (options.seed + next++) >>> 0;
      const { input, edits } = caseOf(seed, corpus);
      const { problem, text } = await run.case(client, seed, input, edits);
      const rss = rssMb(client.process.pid);
      report.peakRssMb = Math.max(report.peakRssMb, rss);
      if (problem) {
        report.failures.push({ seed, ...problem, input, edits });
      } else if (rss > maxRssMb) {
        report.failures.push({ seed, kind: 'memory', detail: `the server holds ${Math.round(rss)} MB`, input, edits });
      } else {
        const failure = await cli.add({ seed, input, edits, texts: [input, text] });
        if (failure) report.failures.push(failure);
      }
      if (report.documents % 250 === 0)
        log(`${report.documents} documents, ${report.requests} requests, ${Math.round((performance.now() - started) / 1000)} s`);
    }
  };
  try {
    await Promise.all(lanes.map(worker));
    if (report.failures.length === 0) {
      const failure = await cli.flush();
      if (failure) report.failures.push(failure);
    }
  } finally {
    for (const client of lanes) client.kill();
    cli.dispose();
  }
  for (const [i, failure] of report.failures.entries()) {
    const client = await LspTestClient.start({ diagnosticsDelay: 0 });
    try {
      report.failures[i] = await minimize(client, run, failure);
    } finally {
      client.kill();
    }
  }
  report.seconds = Math.round((performance.now() - started) / 100) / 10;
  return report;
}

/** Fewer lines and edits, as long as the case still fails the same way (a bounded number of tries). */
async function minimize(client: LspTestClient, run: Runner, failure: FuzzFailure): Promise<FuzzFailure> {
  if (failure.kind === 'hang' || failure.kind === 'memory' || failure.kind === 'cli') return failure;
  let current = failure;
  let tries = 0;
  // At most a minute: a minimized input is a help, the seed alone reproduces the failure.
  const until = performance.now() + 60_000;
  const fails = async (input: string, edits: readonly FuzzEdit[]) => {
    tries++;
    if (performance.now() > until) tries = Infinity;
    const { problem } = await run.case(client, failure.seed, input, edits);
    return problem?.kind === failure.kind ? problem : undefined;
  };
  for (let size = Math.ceil(lines(current.input).length / 2); size >= 1 && tries < 200; size = Math.floor(size / 2)) {
    for (let at = 0; at < lines(current.input).length && tries < 200;) {
      const all = lines(current.input);
      const smaller = [...all.slice(0, at), ...all.slice(at + size)].join('\n');
      const problem = await fails(smaller, current.edits);
      if (problem) current = { ...current, ...problem, input: smaller };
      else at += size;
    }
  }
  for (let i = current.edits.length - 1; i >= 0 && tries < 250; i--) {
    const edits = current.edits.filter((_, j) => j !== i);
    const problem = await fails(current.input, edits);
    if (problem) current = { ...current, ...problem, edits };
  }
  return current;
}

type Problem = { kind: FuzzFailure['kind']; detail: string };

/** Runs one case on a server: open, edits, requests after each, close; with the text after the edits. */
class Runner {
  private serial = 0;

  constructor(
    private readonly report: FuzzReport,
    private readonly answerMs: number,
  ) {}

  async case(client: LspTestClient, seed: number, input: string, edits: readonly FuzzEdit[]): Promise<{ problem?: Problem; text: string }> {
    const rng = random(seed ^ 0x5bd1e995);
    const uri = `file:///fuzz/case-${seed}-${this.serial++}.yaml`;
    const versions = new Map<number, TextDocument>();
    let document = TextDocument.create(uri, 'yaml', 1, input);
    versions.set(1, document);
    const logsBefore = client.logs.length;
    const publishedBefore = client.diagnostics.all.length;
    try {
      await client.open(uri, input);
      await this.settle(client, uri, 1);
      await this.requests(client, document, rng);
      for (const edit of edits) {
        const text = document.getText();
        const start = Math.floor(edit.at * text.length);
        const change: TextDocumentContentChangeEvent = {
          range: { start: document.positionAt(start), end: document.positionAt(start + edit.remove) },
          text: edit.insert,
        };
        const version = await client.change(uri, [change]);
        document = TextDocument.update(TextDocument.create(uri, 'yaml', document.version, text), [change], version);
        versions.set(version, document);
        this.report.edits++;
        await this.settle(client, uri, version);
        await this.requests(client, document, rng);
      }
      await client.close(uri);
    } catch (error) {
      await client.close(uri).catch(() => undefined);
      const text = document.getText();
      if (error instanceof Hang) return { problem: { kind: 'hang', detail: error.message }, text };
      return { problem: { kind: 'exception', detail: error instanceof Error ? error.message : String(error) }, text };
    }
    this.report.documents++;
    const text = document.getText();
    const failed = client.logs.slice(logsBefore).find((line) => / failed: /.test(line));
    if (failed) return { problem: { kind: 'exception', detail: failed.split('\n').slice(0, 6).join('\n') }, text };
    const problem = this.checkPublishes(client.diagnostics.all.slice(publishedBefore), uri, versions);
    return problem ? { problem, text } : { text };
  }

  /** Waits for the diagnostics of a version (an analysis that never ends is a hang). */
  private async settle(client: LspTestClient, uri: string, version: number): Promise<void> {
    const match = (p: PublishDiagnosticsParams) => p.uri === uri && p.version === version;
    if (client.diagnostics.all.some(match)) return;
    await client.diagnostics.next(match, this.answerMs * 2, `diagnostics of v${version}`).catch(() => {
      throw new Hang(`no diagnostics for v${version} in ${this.answerMs * 2} ms`);
    });
  }

  private async requests(client: LspTestClient, document: TextDocument, rng: () => number): Promise<void> {
    for (let i = 0; i < 2; i++) {
      const [method, params] = pick(rng, REQUESTS);
      const position = document.positionAt(Math.floor(rng() * (document.getText().length + 1)));
      const begun = performance.now();
      await within(client.connection.sendRequest(method, params(document.uri, position)), this.answerMs, method);
      const ms = performance.now() - begun;
      this.report.requests++;
      if (ms > this.report.maxRequestMs) {
        this.report.maxRequestMs = Math.round(ms);
        this.report.maxRequest = method;
      }
    }
  }

  private checkPublishes(
    all: readonly PublishDiagnosticsParams[],
    uri: string,
    versions: ReadonlyMap<number, TextDocument>,
  ): Problem | undefined {
    const content = new Map<number, string>();
    let newest = 0;
    for (const params of all) {
      if (params.uri !== uri || params.version === undefined) continue;
      this.report.publishes++;
      const document = versions.get(params.version);
      if (!document) return { kind: 'version', detail: `published v${params.version}, which was never sent` };
      if (params.version < newest) return { kind: 'version', detail: `published v${params.version} after v${newest}` };
      newest = params.version;
      const text = JSON.stringify(params.diagnostics);
      if (content.has(params.version) && content.get(params.version) !== text)
        return { kind: 'republished', detail: `v${params.version} published twice with different diagnostics` };
      content.set(params.version, text);
      const range = rangeProblem(document, params.diagnostics);
      if (range) return { kind: 'range', detail: range };
    }
    return undefined;
  }
}

const CLI = path.resolve(__dirname, '../../dist/cli.js');
/** Preloaded into the CLI: it reports its peak memory on exit. */
const MAXRSS = path.resolve(__dirname, '../../bench/maxrss.cjs');
/** Cases per CLI run: one process start for many files, as `netpol check <folder>` is used. */
const CLI_BATCH = 100;

interface CliCase {
  readonly seed: number;
  readonly input: string;
  readonly edits: readonly FuzzEdit[];
  /** The texts checked: before and after the case's edits. */
  readonly texts: readonly string[];
}

/** One diagnostic of `netpol check --format json` (1-based lines and columns). */
interface CliDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly code: string;
}

/** Runs the bundled CLI in a folder; resolves with how it ended, or undefined when it ran past `ms`. */
function runCli(
  args: readonly string[],
  cwd: string,
  ms: number,
): Promise<{ status: number | null; stdout: string; stderr: string } | undefined> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--require', MAXRSS, CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(undefined);
    }, ms);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/**
 * The CLI side of the run: cases are collected and checked a batch at a time in a folder of
 * their own; a batch that fails is checked case by case to name the case.
 */
class CliChecker {
  private pending: CliCase[] = [];
  private readonly root = mkdtempSync(path.join(tmpdir(), 'netpol-fuzz-'));
  private runs = 0;

  constructor(
    private readonly report: FuzzReport,
    private readonly answerMs: number,
    private readonly maxRssMb: number,
  ) {}

  /** Adds a passed case; checks the batch once it is full. */
  async add(entry: CliCase): Promise<FuzzFailure | undefined> {
    this.pending.push(entry);
    return this.pending.length >= CLI_BATCH ? this.flush() : undefined;
  }

  /** Checks the cases collected so far. */
  async flush(): Promise<FuzzFailure | undefined> {
    const batch = this.pending;
    this.pending = [];
    if (!batch.length || (await this.check(batch)) === undefined) return undefined;
    for (const one of batch) {
      const detail = await this.check([one]);
      if (detail) return { seed: one.seed, kind: 'cli', detail, input: one.input, edits: one.edits };
    }
    const first = batch[0]!;
    const detail = `${(await this.check(batch)) ?? 'passed when run again'} (only in a batch of ${batch.length} cases from seed ${first.seed})`;
    return { seed: first.seed, kind: 'cli', detail, input: first.input, edits: first.edits };
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  /** What is wrong with the CLI's run on these cases, if anything. */
  private async check(batch: readonly CliCase[]): Promise<string | undefined> {
    const files = batch.flatMap((entry) =>
      entry.texts.map((text, i) => ({ name: `case-${entry.seed}-${i}.yaml`, bytes: Buffer.from(text, 'utf8') })),
    );
    const dir = path.join(this.root, String(this.runs++));
    // The bound of a whole analysis per file, as for the server.
    const run = await checkWithCli(dir, files, this.answerMs * 2 * Math.max(1, files.length / 10), this.maxRssMb);
    if (run.ms !== undefined) {
      this.report.cliFiles += files.length;
      this.report.cliMaxMs = Math.max(this.report.cliMaxMs, Math.round(run.ms));
      this.report.cliPeakRssMb = Math.max(this.report.cliPeakRssMb, run.rssMb);
    }
    return run.problem;
  }
}

/**
 * `netpol check --format json` of the bundled CLI on files written into `dir` (removed after):
 * what is wrong with the run (an exit status other than 0 or 1, no end within `boundMs`, memory
 * over `maxRssMb`, output that is not the JSON report, a diagnostic outside its file's lines),
 * with its time and peak memory when it ended.
 */
export async function checkWithCli(
  dir: string,
  files: readonly { readonly name: string; readonly bytes: Uint8Array }[],
  boundMs: number,
  maxRssMb: number,
): Promise<{ problem?: string; ms?: number; rssMb: number }> {
  mkdirSync(dir, { recursive: true });
  // Each text as the CLI decodes it (a lone surrogate written as UTF-8 is U+FFFD, a BOM is dropped).
  const documents = new Map<string, TextDocument>();
  for (const { name, bytes } of files) {
    writeFileSync(path.join(dir, name), bytes);
    documents.set(name, TextDocument.create(name, 'yaml', 1, decodeManifest(bytes).text));
  }
  const begun = performance.now();
  const run = await runCli(['check', '--no-config', '--format', 'json', '.'], dir, boundMs);
  const ms = performance.now() - begun;
  rmSync(dir, { recursive: true, force: true });
  if (!run) return { problem: `netpol check of ${documents.size} files ran past ${Math.round(boundMs)} ms`, rssMb: 0 };
  const rssMb = Number(/BENCH_MAXRSS_KB=(\d+)/.exec(run.stderr)?.[1] ?? 0) / 1024;
  const failed = (problem: string) => ({ problem, ms, rssMb });
  if (run.status !== 0 && run.status !== 1) return failed(`netpol check exited ${run.status}: ${run.stderr.slice(0, 1500)}`);
  if (rssMb > maxRssMb) return failed(`netpol check held ${Math.round(rssMb)} MB`);
  let diagnostics: CliDiagnostic[];
  try {
    diagnostics = JSON.parse(run.stdout) as CliDiagnostic[];
  } catch {
    return failed(`netpol check --format json printed no JSON report: ${run.stdout.slice(0, 300)}`);
  }
  for (const d of diagnostics) {
    const document = documents.get(d.file);
    if (!document) return failed(`a diagnostic for ${d.file}, a file never checked`);
    const range = { start: { line: d.line - 1, character: d.column - 1 }, end: { line: d.endLine - 1, character: d.endColumn - 1 } };
    const problem = rangeProblem(document, [{ range, code: d.code }]);
    if (problem) return failed(`netpol check: ${problem} in ${d.file}`);
  }
  return { ms, rssMb };
}

/** A failure as printed: how to run it again and the minimized input. */
export function describeFailure(failure: FuzzFailure): string {
  return [
    `${failure.kind}: ${failure.detail}`,
    `seed ${failure.seed} (npm run fuzz -- --seed ${failure.seed} --count 1)`,
    `input (minimized): ${JSON.stringify(failure.input)}`,
    `edits: ${JSON.stringify(failure.edits)}`,
  ].join('\n');
}
