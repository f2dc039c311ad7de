// `npm run bench`: how fast the engine, the CLI and the language server are on a large
// multi-document file (1,000 NetworkPolicies among 1,000 Deployments). Reports medians
// over repetitions and checks them against the targets. Not a test: numbers vary by machine.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { parseAllDocuments } from 'yaml';
import { codeActionLatencies } from './codeActions.mjs';
import { completionLatencies } from './completion.mjs';
import { connectivityBench } from './connectivity.mjs';
import { diffBench } from './diff.mjs';
import { reachabilityViewBench } from './reachabilityView.mjs';
import { generateManifest, generateWorkspace } from './generate.mjs';
import { largeInputsBench, largeInputsRows, largeInputsTargetsMet } from './large.mjs';
import { latencyBench, latencyRows, latencyTargetsMet } from './latency.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'bench', 'out');
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const EDITS = Number(process.env.BENCH_EDITS ?? 40);
const HOVERS = Number(process.env.BENCH_HOVERS ?? 200);
/** `BENCH_ONLY=latency`: only the side-by-side latency figures; `BENCH_ONLY=review`: only `netpol diff` and the Reachability Changes view; `BENCH_ONLY=large`: only the large inputs. */
const ONLY = process.env.BENCH_ONLY;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const ms = (x) => `${x.toFixed(1)} ms`;

function time(fn) {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

async function engine() {
  const outfile = path.join(OUT, 'engine.cjs');
  await build({
    entryPoints: [path.join(ROOT, 'bench', 'engine.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    logLevel: 'warning',
  });
  return createRequire(import.meta.url)(outfile);
}

/** didChange -> publishDiagnostics through the bundled server, with no debounce. */
async function serverLatency(text, uri) {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    const resolve = waiting.get(p.version);
    if (resolve) resolve({ at: performance.now(), count: p.diagnostics.length, diagnostics: p.diagnostics });
  });
  connection.onRequest('workspace/configuration', (p) => p.items.map(() => ({ diagnosticsDelay: 0, maxFileSizeMB: 50 })));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true } },
  });
  await connection.sendNotification('initialized', {});
  const published = (version) => new Promise((resolve) => waiting.set(version, resolve));

  const openedAt = performance.now();
  const opened = published(1);
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  const first = await opened;
  const coldOpen = first.at - openedAt;

  // Edit a port number in policies spread over the file, one edit at a time.
  const lines = text.split('\n');
  const targets = lines.map((line, i) => (/^\s+port: 8080$/.test(line) ? i : -1)).filter((i) => i >= 0);
  const latencies = [];
  for (let k = 0; k < EDITS; k++) {
    const line = targets[Math.floor((k * targets.length) / EDITS)];
    const character = lines[line].indexOf('8080');
    const version = k + 2;
    const done = published(version);
    const sent = performance.now();
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character: character + 4 } }, text: k % 2 ? '8080' : '8081' }],
    });
    const { at } = await done;
    latencies.push(at - sent);
  }
  // Hovers anywhere in policies spread over the file.
  const hoverLines = lines.flatMap((l, i) => (/^\s+(podSelector|- from|port|policyTypes|- namespaceSelector)\b/.test(l) ? [i] : []));
  const hovers = [];
  for (let k = 0; k < HOVERS; k++) {
    const line = hoverLines[Math.floor((k * hoverLines.length) / HOVERS)];
    const character = lines[line].search(/\S/) + 2;
    const sent = performance.now();
    await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    hovers.push(performance.now() - sent);
  }
  const completions = await completionLatencies(connection, uri, text, HOVERS);
  const codeActions = await codeActionLatencies(connection, uri, first.diagnostics, HOVERS);
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  return { coldOpen, diagnostics: first.count, latencies, hovers, completions, codeActions, peakKb };
}

/** Starts the bundled server over stdio; returns helpers to talk to it. */
async function startServer(settings, workspaceFolders = null) {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  const logWaiters = [];
  connection.onNotification('textDocument/publishDiagnostics', (p) => waiting.get(`${p.uri}@${p.version}`)?.(performance.now()));
  connection.onNotification('window/logMessage', (p) => logWaiters.forEach((w) => w(p.message)));
  connection.onRequest('workspace/configuration', (p) => p.items.map(() => settings));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders,
    capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true } },
  });
  const published = (uri, version) => new Promise((resolve) => waiting.set(`${uri}@${version}`, resolve));
  const logged = (pattern) => new Promise((resolve) => logWaiters.push((m) => pattern.test(m) && resolve(performance.now())));
  const peakMB = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  const stop = async () => {
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    connection.dispose();
  };
  return { connection, published, logged, peakMB, stop };
}

/** The 5,000-file workspace: cold index (in process and in the server), an edit, memory. */
async function workspaceBench(engine) {
  const files = generateWorkspace(5000);
  const dir = path.join(OUT, 'workspace');
  rmSync(dir, { recursive: true, force: true });
  for (const [relative, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), text);
  }
  const texts = Object.entries(files);
  const settings = { ...engine.DEFAULT_SETTINGS, maxFileSize: 50 * 1024 * 1024 };
  const yamlOnly = [];
  const index = [];
  for (let i = 0; i < REPEAT; i++) {
    yamlOnly.push(time(() => texts.forEach(([, text]) => parseAllDocuments(text))).ms);
    index.push(
      time(() => {
        const workspace = new engine.WorkspaceIndex();
        for (const [relative, text] of texts) workspace.setFile(relative, engine.indexObjects(relative, engine.parseFile(text), settings));
      }).ms,
    );
  }

  // The server indexes the folder, then an open policy is edited.
  const server = await startServer({ diagnosticsDelay: 0 }, [{ uri: pathToFileURL(dir).href, name: 'bench' }]);
  const indexedAt = server.logged(/Indexed \d+ YAML files/);
  const initializedAt = performance.now();
  await server.connection.sendNotification('initialized', {});
  const serverIndexMs = (await indexedAt) - initializedAt;
  const policyFile = Object.keys(files).find((f) => f.includes('/policies/') && /^\s+port: 8080$/m.test(files[f]));
  const uri = pathToFileURL(path.join(dir, policyFile)).href;
  const text = files[policyFile];
  const opened = server.published(uri, 1);
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  await opened;
  const lines = text.split('\n');
  const line = lines.findIndex((l) => /^\s+port: 8080$/.test(l));
  const character = lines[line].indexOf('8080');
  const latencies = [];
  for (let k = 0; k < EDITS; k++) {
    const version = k + 2;
    const done = server.published(uri, version);
    const sent = performance.now();
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character: character + 4 } }, text: k % 2 ? '8080' : '8081' }],
    });
    latencies.push((await done) - sent);
  }
  const completions = await completionLatencies(server.connection, uri, text, HOVERS);
  const peak = server.peakMB();
  await server.stop();
  return {
    files: texts.length,
    bytes: texts.reduce((n, [, t]) => n + t.length, 0),
    yamlParseMs: median(yamlOnly),
    indexInProcessMs: median(index),
    indexRatio: median(index) / median(yamlOnly),
    serverIndexMs,
    editMedianMs: median(latencies),
    editP95Ms: percentile(latencies, 95),
    completionP95Ms: percentile(completions, 95),
    serverPeakMB: peak,
  };
}

/** The user-perceived latencies, kube-netpol and yaml-language-server side by side. */
async function latency() {
  const results = await latencyBench({ root: ROOT, out: OUT, repeat: REPEAT, edits: EDITS, completions: HOVERS / 2 });
  const rows = latencyRows(results);
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`\nUser-perceived latency, default settings of each server (node ${process.version})`);
  console.log(`${''.padEnd(width)}  ${'kube-netpol'.padStart(11)}  ${'yaml-language-server'.padStart(20)}  target`);
  for (const [label, netpol, yamlls, target] of rows)
    console.log(`${label.padEnd(width)}  ${netpol.padStart(11)}  ${yamlls.padStart(20)}  ${target}`);
  const ok = latencyTargetsMet(results);
  console.log(`Latency targets ${ok ? 'met' : 'NOT met'}.`);
  return { results, ok };
}

/** The large inputs of the hostile set: cost against the bare yaml parse, requests, memory. */
async function large(bundle) {
  const results = await largeInputsBench({ root: ROOT, out: OUT, engine: bundle, repeat: REPEAT, edits: Math.min(EDITS, 10) });
  const rows = largeInputsRows(results);
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`\nLarge inputs (node ${process.version})`);
  for (const [label, value, note] of rows) console.log(`${label.padEnd(width)}  ${value.padStart(10)}  ${note}`);
  const ok = largeInputsTargetsMet(results);
  console.log(`Large-input targets ${ok ? 'met' : 'NOT met'}.`);
  return { results, ok };
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  if (ONLY === 'latency') {
    const { results } = await latency();
    writeFileSync(path.join(OUT, 'latency.json'), `${JSON.stringify(results, null, 2)}\n`);
    return;
  }
  if (ONLY === 'review') {
    const diff = diffBench(ROOT, path.join(OUT, 'workspace'), generateWorkspace(5000), Math.min(REPEAT, 3));
    const view = await reachabilityViewBench(ROOT, path.join(OUT, 'reachability-view'), Math.max(EDITS / 2, 10));
    console.log(JSON.stringify({ diff, view }, null, 2));
    return;
  }
  if (ONLY === 'large') {
    const { results } = await large(await engine());
    writeFileSync(path.join(OUT, 'large.json'), `${JSON.stringify(results, null, 2)}\n`);
    return;
  }
  const text = generateManifest(1000);
  const file = path.join(OUT, 'bench.yaml');
  writeFileSync(file, text);
  const documents = text.split(/^---$/m).length;
  console.log(
    `Benchmark file: ${(text.length / 1024 / 1024).toFixed(2)} MB, ${documents} documents (1,000 NetworkPolicies among 1,000 Deployments)`,
  );
  console.log(`Node ${process.version}, ${REPEAT} repetitions, ${EDITS} edits\n`);

  const bundle = await engine();
  const { validateText, DEFAULT_SETTINGS, ChunkPool } = bundle;
  const settings = { ...DEFAULT_SETTINGS, maxFileSize: 50 * 1024 * 1024 };

  const yamlOnly = [];
  const cold = [];
  let diagnostics = 0;
  for (let i = 0; i < REPEAT; i++) {
    yamlOnly.push(time(() => parseAllDocuments(text)).ms);
    const run = time(() => validateText(text, settings));
    cold.push(run.ms);
    diagnostics = run.value.result.diagnostics.length;
  }

  // An edit in the engine alone: re-analysis with the previous chunks.
  const pool = new ChunkPool();
  validateText(text, settings, pool);
  const incremental = [];
  for (let i = 0; i < REPEAT * 4; i++) {
    const edited = text.replace(`name: app-${500 + i}\n`, `name: app-${500 + i}x\n`);
    incremental.push(time(() => validateText(edited, settings, pool)).ms);
  }

  const cli = [];
  let cliPeakKb = 0;
  let cliStatus = 0;
  for (let i = 0; i < REPEAT; i++) {
    const start = performance.now();
    const run = spawnSync(
      process.execPath,
      [
        '--require',
        path.join(ROOT, 'bench', 'maxrss.cjs'),
        path.join(ROOT, 'dist', 'cli.js'),
        'check',
        '--format',
        'json',
        '--max-file-size-mb',
        '50',
        file,
      ],
      {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    cli.push(performance.now() - start);
    cliStatus = run.status;
    cliPeakKb = Math.max(cliPeakKb, Number(/BENCH_MAXRSS_KB=(\d+)/.exec(run.stderr)?.[1] ?? 0));
  }

  const server = await serverLatency(text, pathToFileURL(file).href);
  const workspace = await workspaceBench(bundle);
  const connectivity = await connectivityBench(bundle, REPEAT);
  const tiered = await connectivityBench(bundle, REPEAT, 500, { withClusterPolicies: true });
  const diff = diffBench(ROOT, path.join(OUT, 'workspace'), generateWorkspace(5000), Math.min(REPEAT, 3));
  const view = await reachabilityViewBench(ROOT, path.join(OUT, 'reachability-view'), Math.max(EDITS / 2, 10));
  const userLatency = await latency();
  const largeInputs = await large(bundle);

  const results = {
    file: { bytes: text.length, documents, diagnostics },
    yamlParseMs: median(yamlOnly),
    coldCheckInProcessMs: median(cold),
    coldCheckRatio: median(cold) / median(yamlOnly),
    incrementalEngineMs: median(incremental),
    cliCheckMs: median(cli),
    cliExitStatus: cliStatus,
    cliPeakMemoryMB: cliPeakKb / 1024,
    serverColdOpenMs: server.coldOpen,
    serverEditToDiagnosticsMedianMs: median(server.latencies),
    serverEditToDiagnosticsP95Ms: percentile(server.latencies, 95),
    serverPeakMemoryMB: server.peakKb / 1024,
    hoverMedianMs: median(server.hovers),
    hoverP95Ms: percentile(server.hovers, 95),
    completionMedianMs: median(server.completions),
    completionP95Ms: percentile(server.completions, 95),
    codeActionMedianMs: median(server.codeActions.quickFixes),
    codeActionP95Ms: percentile(server.codeActions.quickFixes, 95),
    fixAllMedianMs: median(server.codeActions.fixAll),
    workspace,
    connectivity,
    tiered,
    diff,
    view,
    latency: userLatency.results,
    large: largeInputs.results,
  };
  writeFileSync(path.join(OUT, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

  const rows = [
    ['yaml package alone: parseAllDocuments (whole file)', ms(results.yamlParseMs), ''],
    [
      'cold check in process (parse + validate)',
      ms(results.coldCheckInProcessMs),
      `${results.coldCheckRatio.toFixed(2)}x yaml parse (target <= 1.5x)`,
    ],
    ['re-check after an edit, in process', ms(results.incrementalEngineMs), ''],
    ['netpol check (CLI process, JSON output)', ms(results.cliCheckMs), `exit ${cliStatus}, ${diagnostics} diagnostics`],
    ['CLI peak memory', `${results.cliPeakMemoryMB.toFixed(0)} MB`, ''],
    ['server: didOpen -> publishDiagnostics (cold)', ms(results.serverColdOpenMs), ''],
    ['server: didChange -> publishDiagnostics, median', ms(results.serverEditToDiagnosticsMedianMs), 'target < 50 ms'],
    ['server: didChange -> publishDiagnostics, p95', ms(results.serverEditToDiagnosticsP95Ms), ''],
    ['server: hover, median', ms(results.hoverMedianMs), ''],
    ['server: hover, p95', ms(results.hoverP95Ms), 'target < 10 ms'],
    ['server: completion, median', ms(results.completionMedianMs), ''],
    ['server: completion, p95', ms(results.completionP95Ms), 'target < 20 ms'],
    ['server: code actions at a diagnostic, median', ms(results.codeActionMedianMs), ''],
    ['server: code actions at a diagnostic, p95', ms(results.codeActionP95Ms), 'target < 50 ms'],
    ['server: fix all (whole file), median', ms(results.fixAllMedianMs), 're-validates the file'],
    ['server peak memory', `${results.serverPeakMemoryMB.toFixed(0)} MB`, ''],
    [
      `workspace (${workspace.files} files, ${(workspace.bytes / 1024 / 1024).toFixed(1)} MB): yaml package alone`,
      ms(workspace.yamlParseMs),
      '',
    ],
    ['workspace: cold index in process', ms(workspace.indexInProcessMs), `${workspace.indexRatio.toFixed(2)}x yaml parse (target <= 1.5x)`],
    ['workspace: cold index in the server (initialized -> indexed)', ms(workspace.serverIndexMs), 'requests are answered meanwhile'],
    ['workspace: edit of an open policy -> diagnostics, median', ms(workspace.editMedianMs), 'target < 50 ms'],
    ['workspace: edit of an open policy -> diagnostics, p95', ms(workspace.editP95Ms), ''],
    ['workspace: completion in an open policy, p95', ms(workspace.completionP95Ms), 'target < 20 ms'],
    ['workspace: server peak memory', `${workspace.serverPeakMB.toFixed(0)} MB`, 'target < 300 MB'],
    [
      `connectivity map (${connectivity.workloads} workloads x ${connectivity.policies} policies)`,
      ms(connectivity.mapMs),
      `${connectivity.connections} connections (target < 2000 ms)`,
    ],
    [
      'traffic map: graph and matrix of that map (extension)',
      ms(connectivity.trafficMapRenderMs),
      `${connectivity.trafficMapKB} KB of SVG and table`,
    ],
    [
      'traffic map: layout (ELK) and SVG (webview), median',
      ms(connectivity.trafficMapLayoutMs),
      `first ${ms(connectivity.trafficMapFirstLayoutMs)} (loads ELK)`,
    ],
    ['connectivity: first query after a change', ms(connectivity.queryFirstMs), 'builds the model'],
    ['connectivity: query, median', ms(connectivity.queryMedianMs), ''],
    ['connectivity: query, p95', ms(connectivity.queryP95Ms), 'target < 50 ms'],
    [
      `tiers: connectivity map (+ ${tiered.clusterPolicies} cluster-wide policies)`,
      ms(tiered.mapMs),
      `${tiered.connections} connections (target < 2000 ms)`,
    ],
    ['tiers: first query after a change', ms(tiered.queryFirstMs), 'builds the model'],
    ['tiers: query, p95', ms(tiered.queryP95Ms), 'target < 50 ms'],
    [
      'tiers: edit of a cluster policy -> diagnostics, p95',
      ms(tiered.clusterEditP95Ms),
      `median ${ms(tiered.clusterEditMedianMs)} (target < 50 ms)`,
    ],
    ['netpol diff --base HEAD, 5,000 files: clean working tree', ms(diff.clean.ms), 'target < 3000 ms'],
    ['netpol diff --base HEAD: one Deployment relabelled', ms(diff.relabelled.ms), `${diff.relabelled.changes} changes (target < 3000 ms)`],
    ['netpol diff --base HEAD: default-deny added to a namespace', ms(diff.denied.ms), `${diff.denied.changes} changes (target < 3000 ms)`],
    [
      `Reachability Changes view (${view.workloads} workloads): typed change -> view, median`,
      ms(view.medianMs),
      `p90 ${ms(view.p90Ms)}, the request ${ms(view.requestMedianMs)} (target < 300 ms)`,
    ],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  for (const [label, value, note] of rows) console.log(`${label.padEnd(width)}  ${value.padStart(10)}  ${note}`);
  const ok =
    results.coldCheckRatio <= 1.5 &&
    results.serverEditToDiagnosticsMedianMs < 50 &&
    results.hoverP95Ms < 10 &&
    results.completionP95Ms < 20 &&
    results.codeActionP95Ms < 50 &&
    workspace.completionP95Ms < 20 &&
    workspace.indexRatio <= 1.5 &&
    workspace.editMedianMs < 50 &&
    workspace.serverPeakMB < 300 &&
    connectivity.mapMs < 2000 &&
    connectivity.queryP95Ms < 50 &&
    tiered.mapMs < 2000 &&
    tiered.queryP95Ms < 50 &&
    tiered.clusterEditP95Ms < 50 &&
    connectivity.queryFirstMs < 50 &&
    Math.max(diff.clean.ms, diff.relabelled.ms, diff.denied.ms) < 3000 &&
    view.medianMs < 300 &&
    userLatency.ok &&
    largeInputs.ok;
  console.log(`\nTargets ${ok ? 'met' : 'NOT met'}. Results written to bench/out/results.json`);
}

await main();
