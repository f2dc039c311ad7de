// What a user waits for, measured through two language servers side by side on the same files
// and the same machine in one run: kube-netpol's bundled server and yaml-language-server (Red
// Hat's, which most users already run; installed into bench/yaml-language-server on first use).
// Both run with their default settings, as an editor would start them: the delays a user feels
// (debounce included) are part of the figures.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { completionLatencies } from './completion.mjs';
import { generateManifest } from './generate.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

/** A one-policy file: what most edits in a repository look like. */
export const SMALL_FILE = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-allow-frontend
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: api
  policyTypes: [Ingress, Egress]
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: frontend
      ports:
        - protocol: TCP
          port: 8080
  egress:
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: kube-system
          podSelector:
            matchLabels:
              k8s-app: kube-dns
      ports:
        - { protocol: UDP, port: 53 }
        - { protocol: TCP, port: 53 }
`;

/** Where yaml-language-server is installed for the bench (its own package, not a dependency of the extension). */
function yamlLanguageServer(root) {
  const dir = path.join(root, 'bench', 'yaml-language-server');
  const bin = path.join(dir, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
  if (!existsSync(bin)) {
    console.log('Installing yaml-language-server for the comparison (bench/yaml-language-server)...');
    const run = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
    if (run.status !== 0) throw new Error('could not install yaml-language-server for the bench');
  }
  return bin;
}

/** The two servers: how to start each, and what each answers to `workspace/configuration`. */
function servers(root) {
  return [
    {
      id: 'netpol',
      // BENCH_NETPOL_SERVER: another build of the server to measure (a before/after comparison).
      command: [process.env.BENCH_NETPOL_SERVER ?? path.join(root, 'dist', 'server.js'), '--stdio'],
      // Defaults for every setting: the debounce the user gets is the server's own.
      configuration: () => ({}),
    },
    {
      id: 'yamlls',
      command: [yamlLanguageServer(root), '--stdio'],
      // Validation, hover and completion on, as the YAML extension turns them on; no schema
      // association (the bench has no network to fetch the Kubernetes schema from).
      configuration: (section) =>
        section === 'yaml'
          ? { validate: true, hover: true, completion: true, format: { enable: false }, schemas: {}, schemaStore: { enable: false } }
          : null,
    },
  ];
}

/** Spawns a server and speaks LSP to it. `startedAt` is taken just before the spawn. */
async function start(server, workspaceFolders = null) {
  const startedAt = performance.now();
  const child = spawn(process.execPath, server.command, { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let waiters = [];
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    const at = performance.now();
    waiters = waiters.filter((w) => {
      // yaml-language-server publishes without a version: the first publication for the URI after the edit is its answer.
      if (w.uri !== p.uri || (p.version !== undefined && p.version !== null && p.version !== w.version)) return true;
      w.resolve(at);
      return false;
    });
  });
  connection.onRequest('workspace/configuration', (p) => p.items.map((item) => server.configuration(item.section)));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification(() => undefined);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: workspaceFolders?.[0]?.uri ?? null,
    workspaceFolders,
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true },
      textDocument: { publishDiagnostics: { versionSupport: true }, completion: { completionItem: { snippetSupport: true } } },
      window: { workDoneProgress: true },
    },
  });
  const initializedAt = performance.now();
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('workspace/didChangeConfiguration', { settings: { yaml: server.configuration('yaml') } });
  const published = (uri, version) => new Promise((resolve) => waiters.push({ uri, version, resolve }));
  const stop = async () => {
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    connection.dispose();
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
  };
  return { connection, published, stop, startedAt, initializeMs: initializedAt - startedAt };
}

async function open(session, uri, text) {
  const first = session.published(uri, 1);
  const sent = performance.now();
  await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  return (await first) - sent;
}

/** Toggles `port: 8080` <-> `8081` in lines spread over the file, waiting for each edit's diagnostics. */
async function editLatencies(session, uri, text, edits) {
  const lines = text.split('\n');
  const targets = lines.flatMap((line, i) => (/^\s+port: 8080$/.test(line) ? [i] : []));
  const latencies = [];
  for (let k = 0; k < edits; k++) {
    const line = targets[Math.floor((k * targets.length) / edits)];
    const character = lines[line].indexOf('8080');
    const version = k + 2;
    const done = session.published(uri, version);
    const sent = performance.now();
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character: character + 4 } }, text: k % 2 ? '8080' : '8081' }],
    });
    latencies.push((await done) - sent);
  }
  return latencies;
}

/** Server spawn -> first diagnostics of a small file (what a user waits for after opening one). */
async function coldStart(server, uri, repeat) {
  const total = [];
  const initialize = [];
  for (let i = 0; i < repeat; i++) {
    const session = await start(server);
    await open(session, uri, SMALL_FILE);
    total.push(performance.now() - session.startedAt);
    initialize.push(session.initializeMs);
    await session.stop();
  }
  return { coldStartMs: median(total), spawnToInitializeMs: median(initialize) };
}

/** Node's own start-up (spawn -> exit of an empty script): the floor under every cold start. */
function nodeBoot(repeat) {
  const times = [];
  for (let i = 0; i < repeat; i++) {
    const startedAt = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    times.push(performance.now() - startedAt);
  }
  return median(times);
}

/** Opening a one-policy file in a folder: alone, and beside a 2 MB manifest the server indexes meanwhile. */
async function openInFolder(server, dir, bigText, repeat) {
  const out = {};
  for (const [label, withBig] of [
    ['emptyFolder', false],
    ['beside2MB', true],
  ]) {
    const folder = path.join(dir, label);
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'policy.yaml'), SMALL_FILE);
    if (withBig) writeFileSync(path.join(folder, 'install.yaml'), bigText);
    const uri = pathToFileURL(path.join(folder, 'policy.yaml')).href;
    const times = [];
    for (let i = 0; i < repeat; i++) {
      const session = await start(server, [{ uri: pathToFileURL(folder).href, name: label }]);
      times.push(await open(session, uri, SMALL_FILE));
      await session.stop();
    }
    out[label] = median(times);
  }
  return out;
}

/** One server's figures on the three file sizes. */
async function fileLatencies(server, files, edits, completions) {
  const out = {};
  for (const file of files) {
    const session = await start(server);
    const openMs = await open(session, file.uri, file.text);
    const latencies = await editLatencies(session, file.uri, file.text, file.edits ?? edits);
    out[file.id] = { openMs, p50: median(latencies), p95: percentile(latencies, 95) };
    if (file.completions) {
      const times = await completionLatencies(session.connection, file.uri, file.text, completions);
      out[file.id].completionP50 = median(times);
      out[file.id].completionP95 = percentile(times, 95);
    }
    await session.stop();
  }
  return out;
}

/**
 * Every latency figure for both servers. Returns { netpol, yamlls, nodeBootMs } with, per
 * server: coldStartMs, spawnToInitializeMs, small/medium/large { openMs, p50, p95 },
 * large completion p50/p95, and (netpol only: yaml-language-server does not index folders)
 * open -> first diagnostics in an empty folder and beside a 2 MB manifest.
 */
export async function latencyBench({ root, out, repeat, edits, completions }) {
  const dir = path.join(out, 'latency');
  mkdirSync(dir, { recursive: true });
  const write = (name, text) => {
    writeFileSync(path.join(dir, name), text);
    return pathToFileURL(path.join(dir, name)).href;
  };
  const medium = generateManifest(50);
  const large = generateManifest(1000);
  const files = (server) => [
    { id: 'small', text: SMALL_FILE, uri: write('small.yaml', SMALL_FILE) },
    { id: 'medium', text: medium, uri: write('medium.yaml', medium) },
    // yaml-language-server takes seconds per edit of the large file: fewer edits keep the run short.
    {
      id: 'large',
      text: large,
      uri: write('large.yaml', large),
      completions: true,
      edits: server.id === 'yamlls' ? Math.min(edits, 10) : edits,
    },
  ];
  const sizes = { small: SMALL_FILE.length, medium: medium.length, large: large.length };
  const results = { nodeBootMs: nodeBoot(repeat), sizes };
  for (const server of servers(root)) {
    const inputs = files(server);
    const figures = { ...(await coldStart(server, inputs[0].uri, repeat)), ...(await fileLatencies(server, inputs, edits, completions)) };
    if (server.id === 'netpol') figures.openInFolder = await openInFolder(server, dir, large, repeat);
    results[server.id] = figures;
  }
  return results;
}

/** The side-by-side table rows: [label, netpol, yaml-language-server, target]. */
export function latencyRows(results) {
  const ms = (x) => (x === undefined ? '-' : `${x.toFixed(1)} ms`);
  const { netpol, yamlls, sizes } = results;
  const kb = (n) => `${(n / 1024).toFixed(n < 10240 ? 1 : 0)} KB`;
  const rows = [
    ['cold start: spawn -> first diagnostics of a small file', netpol.coldStartMs, yamlls.coldStartMs, '< 500 ms'],
    [
      `  of which node itself starting (${ms(results.nodeBootMs)}) and spawn -> initialize answered`,
      netpol.spawnToInitializeMs,
      yamlls.spawnToInitializeMs,
      '',
    ],
  ];
  for (const [id, label, target50, target95] of [
    ['small', `small file (${kb(sizes.small)}, 1 policy)`, '< 30 ms', '< 60 ms'],
    ['medium', `medium file (${kb(sizes.medium)}, 100 documents)`, '< 30 ms', '< 60 ms'],
    ['large', `large file (${(sizes.large / 1024 / 1024).toFixed(1)} MB, 2,000 documents)`, '< 100 ms', '< 250 ms'],
  ]) {
    rows.push([`${label}: open -> diagnostics`, netpol[id].openMs, yamlls[id].openMs, '']);
    rows.push([`${label}: edit -> diagnostics, p50`, netpol[id].p50, yamlls[id].p50, target50]);
    rows.push([`${label}: edit -> diagnostics, p95`, netpol[id].p95, yamlls[id].p95, target95]);
  }
  rows.push(['large file: completion, p50', netpol.large.completionP50, yamlls.large.completionP50, '']);
  rows.push(['large file: completion, p95', netpol.large.completionP95, yamlls.large.completionP95, '< 20 ms']);
  rows.push(['open a one-policy file in an empty folder -> diagnostics', netpol.openInFolder.emptyFolder, undefined, '< 100 ms']);
  rows.push(['open a one-policy file beside a 2 MB manifest -> diagnostics', netpol.openInFolder.beside2MB, undefined, '< 100 ms']);
  return rows.map(([label, a, b, target]) => [label, ms(a), ms(b), target]);
}

/** Whether the netpol figures meet the latency targets. */
export function latencyTargetsMet({ netpol }) {
  return (
    netpol.coldStartMs < 500 &&
    ['small', 'medium'].every((id) => netpol[id].p50 < 30 && netpol[id].p95 < 60) &&
    netpol.large.p50 < 100 &&
    netpol.large.p95 < 250 &&
    netpol.large.completionP95 < 20 &&
    netpol.openInFolder.emptyFolder < 100 &&
    netpol.openInFolder.beside2MB < 100
  );
}
