// The large inputs of the hostile set (test/fuzz/hostile/inputs.ts, bundled here so that the
// bench and the test read the same text): 40,000 small policies in one file, a rule of 50,000
// peers and a policy on one 1 MB line. What they cost against the bare `yaml` parse, in the
// engine, the CLI and the language server (open, edits, every request kind), and the memory
// each holds. `BENCH_NETPOL_SERVER` and `BENCH_NETPOL_CLI` measure another build (before/after).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { parseAllDocuments } from 'yaml';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn) => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};

/** The inputs measured, by their name in the hostile set, with the targets they are held to. */
const MEASURED = [
  { name: '40,000 policies in one file', file: '40000-policies.yaml', parseRatio: 3, requestMs: 200, memoryMB: 600 },
  { name: 'a rule of 50,000 peers', file: '50000-peers.yaml', editMs: 300 },
  { name: 'a 1 MB flow line', file: 'flow-line.yaml', editMs: 300 },
];

/** A request without answer in this long counts as none (and the server is started again). */
const NO_ANSWER_MS = Number(process.env.BENCH_NO_ANSWER_MS ?? 60_000);

async function hostileInputs(root, out) {
  const outfile = path.join(out, 'hostile-inputs.cjs');
  await build({
    entryPoints: [path.join(root, 'test', 'fuzz', 'hostile', 'inputs.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    logLevel: 'warning',
  });
  return createRequire(import.meta.url)(outfile).hostileInputs();
}

/** The server over stdio with default settings (the debounce off), and its messages. */
async function startServer(command) {
  const child = spawn(process.execPath, [command, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  const logs = [];
  connection.onNotification('textDocument/publishDiagnostics', (p) => waiting.get(p.version)?.(performance.now()));
  connection.onNotification('window/logMessage', (p) => logs.push(p.message));
  connection.onRequest('workspace/configuration', (p) => p.items.map(() => ({ diagnosticsDelay: 0 })));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true } },
  });
  await connection.sendNotification('initialized', {});
  const published = (version) => new Promise((resolve) => waiting.set(version, resolve));
  const peakMB = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  const kill = () => {
    connection.dispose();
    child.kill('SIGKILL');
  };
  return { connection, published, logs, peakMB, kill };
}

const within = (promise, ms) =>
  Promise.race([promise.then((value) => ({ value })), new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref())]);

/** A position a quarter, half and three quarters into the text, at the start of a non-blank character. */
function positionsIn(text) {
  const lines = text.split('\n');
  return [0.25, 0.5, 0.75].map((at) => {
    const line = Math.min(lines.length - 1, Math.floor(lines.length * at));
    const content = lines[line];
    const first = Math.max(0, content.search(/\S/));
    // Within a long line (the 1 MB flow line), the middle of it.
    const character = content.length > 1000 ? Math.floor(content.length * at) : first + 1;
    return { line, character };
  });
}

const REQUESTS = [
  ['hover', 'textDocument/hover', (uri, position) => ({ textDocument: { uri }, position })],
  ['completion', 'textDocument/completion', (uri, position) => ({ textDocument: { uri }, position })],
  ['definition', 'textDocument/definition', (uri, position) => ({ textDocument: { uri }, position })],
  [
    'references',
    'textDocument/references',
    (uri, position) => ({ textDocument: { uri }, position, context: { includeDeclaration: true } }),
  ],
  ['document symbols', 'textDocument/documentSymbol', (uri) => ({ textDocument: { uri } })],
  ['code lens', 'textDocument/codeLens', (uri) => ({ textDocument: { uri } })],
  ['semantic tokens', 'textDocument/semanticTokens/full', (uri) => ({ textDocument: { uri } })],
  [
    'code actions',
    'textDocument/codeAction',
    (uri, position) => ({ textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } }),
  ],
];

/**
 * Through the server: open→diagnostics, every request kind at three places (the slowest
 * kept), edits in the middle→diagnostics, peak memory. A request without answer restarts it.
 */
async function serverFigures(command, text, file, edits) {
  const uri = pathToFileURL(file).href;
  let server;
  let version = 1;
  const open = async () => {
    server = await startServer(command);
    version = 1;
    const published = server.published(1);
    const sent = performance.now();
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
    const answered = await within(published, NO_ANSWER_MS * 3);
    return answered ? answered.value - sent : Infinity;
  };
  const openMs = await open();
  const requests = {};
  let peakMB = server.peakMB();
  for (const [label, method, params] of REQUESTS) {
    let slowest = 0;
    for (const position of positionsIn(text)) {
      const sent = performance.now();
      const answered = await within(server.connection.sendRequest(method, params(uri, position)), NO_ANSWER_MS);
      if (!answered) {
        slowest = Infinity;
        peakMB = Math.max(peakMB, server.peakMB());
        server.kill();
        await open();
        break;
      }
      slowest = Math.max(slowest, performance.now() - sent);
    }
    requests[label] = slowest;
  }
  // Edits: a character typed into the middle line and taken out again.
  const lines = text.split('\n');
  const middle = positionsIn(text)[1];
  const editMs = [];
  for (let k = 0; k < edits; k++) {
    const character = Math.min(lines[middle.line].length, middle.character + 2);
    const change =
      k % 2 === 0
        ? { range: { start: { line: middle.line, character }, end: { line: middle.line, character } }, text: 'x' }
        : { range: { start: { line: middle.line, character }, end: { line: middle.line, character: character + 1 } }, text: '' };
    version++;
    const published = server.published(version);
    const sent = performance.now();
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    const answered = await within(published, NO_ANSWER_MS);
    editMs.push(answered ? answered.value - sent : Infinity);
    if (!answered) break;
  }
  peakMB = Math.max(peakMB, server.peakMB());
  const overBudget = server.logs.filter((line) => /time budget/.test(line)).length;
  server.kill();
  return { openMs, requests, editMedianMs: median(editMs), peakMB, overBudget };
}

function cliFigures(root, command, file, repeat) {
  const times = [];
  let peakKb = 0;
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    const run = spawnSync(
      process.execPath,
      ['--require', path.join(root, 'bench', 'maxrss.cjs'), command, 'check', '--format', 'json', file],
      { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    );
    times.push(performance.now() - start);
    if (run.status !== 0 && run.status !== 1) throw new Error(`netpol check ${file} exited ${run.status}: ${run.stderr.slice(0, 2000)}`);
    peakKb = Math.max(peakKb, Number(/BENCH_MAXRSS_KB=(\d+)/.exec(run.stderr)?.[1] ?? 0));
  }
  return { ms: median(times), peakMB: peakKb / 1024 };
}

/** Every figure of the large inputs; `engine` is the in-process bundle of bench/engine.ts. */
export async function largeInputsBench({ root, out, engine, repeat, edits }) {
  const inputs = await hostileInputs(root, out);
  const server = process.env.BENCH_NETPOL_SERVER ?? path.join(root, 'dist', 'server.js');
  const cli = process.env.BENCH_NETPOL_CLI ?? path.join(root, 'dist', 'cli.js');
  const results = [];
  for (const measured of MEASURED) {
    const { text } = inputs.find((input) => input.name === measured.name);
    const file = path.join(out, measured.file);
    writeFileSync(file, text);
    const yamlParse = [];
    const engineCheck = [];
    for (let i = 0; i < repeat; i++) {
      yamlParse.push(time(() => parseAllDocuments(text)));
      engineCheck.push(time(() => engine.validateText(text, engine.DEFAULT_SETTINGS)));
    }
    results.push({
      ...measured,
      bytes: text.length,
      yamlParseMs: median(yamlParse),
      engineCheckMs: median(engineCheck),
      cli: cliFigures(root, cli, file, Math.min(repeat, 3)),
      server: await serverFigures(server, text, file, edits),
    });
  }
  return results;
}

const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : `> ${NO_ANSWER_MS / 1000} s`);

/** Rows of label, figure, target (and whether it is met). */
export function largeInputsRows(results) {
  const rows = [];
  for (const r of results) {
    const of = `${r.name} (${(r.bytes / 1024 / 1024).toFixed(1)} MB)`;
    const ratio = (x) => `${(x / r.yamlParseMs).toFixed(2)}x yaml parse`;
    const bound = (x, target) => (target ? `${x <= target ? '' : 'NOT '}under ${target}` : '');
    rows.push([`${of}: yaml package alone`, ms(r.yamlParseMs), '']);
    rows.push([`  engine in process: check`, ms(r.engineCheckMs), ratio(r.engineCheckMs)]);
    rows.push([
      `  netpol check (CLI process)`,
      ms(r.cli.ms),
      `${ratio(r.cli.ms)}${r.parseRatio ? ` (target <= ${r.parseRatio}x)` : ''}, ${r.cli.peakMB.toFixed(0)} MB${r.memoryMB ? ` (target < ${r.memoryMB} MB)` : ''}`,
    ]);
    rows.push([
      `  server: didOpen -> diagnostics`,
      ms(r.server.openMs),
      `${ratio(r.server.openMs)}${r.parseRatio ? ` (target <= ${r.parseRatio}x)` : ''}`,
    ]);
    rows.push([`  server: edit -> diagnostics, median`, ms(r.server.editMedianMs), bound(r.server.editMedianMs, r.editMs)]);
    for (const [label, value] of Object.entries(r.server.requests))
      rows.push([`  server: ${label}, slowest of 3`, ms(value), bound(value, r.requestMs)]);
    rows.push([
      `  server peak memory`,
      `${r.server.peakMB.toFixed(0)} MB`,
      `${r.memoryMB ? `target < ${r.memoryMB} MB; ` : ''}${r.server.overBudget} requests ran past their time budget`,
    ]);
  }
  return rows;
}

export function largeInputsTargetsMet(results) {
  return results.every(
    (r) =>
      (!r.parseRatio || (r.cli.ms <= r.parseRatio * r.yamlParseMs && r.server.openMs <= r.parseRatio * r.yamlParseMs)) &&
      (!r.memoryMB || (r.cli.peakMB < r.memoryMB && r.server.peakMB < r.memoryMB)) &&
      (!r.requestMs || Object.values(r.server.requests).every((x) => x < r.requestMs)) &&
      (!r.editMs || r.server.editMedianMs < r.editMs),
  );
}
