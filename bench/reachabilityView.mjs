// The Reachability Changes view's latency, for `npm run bench`: the 500-workload connectivity
// workspace made a git repository, the bundled server with it as its folder, and the view as the
// client runs it (visible: on each `netpol/workspaceChanged` it asks `netpol/reachabilityChanges`
// at once). An edit of an egress rule's port is typed into the open file and
// reverted, again and again; measured from the didChange to the view's answer, with the server's
// default wait after typing (netpol.diagnosticsDelay). `BENCH_SERVER_ARGS`: node options
// for the server (`--cpu-prof`).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { generateConnectivityWorkspace } from './connectivity.mjs';

const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

export async function reachabilityViewBench(root, dir, edits = 20) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = generateConnectivityWorkspace();
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const git = (...args) => execFileSync('git', args, { cwd: dir, env: GIT_ENV, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'workspace');

  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_SERVER_ARGS?.split(' ') ?? []), path.join(root, 'dist', 'server.js'), '--stdio'],
    { stdio: ['pipe', 'pipe', 'ignore'] },
  );
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let indexed;
  const ready = new Promise((resolve) => (indexed = resolve));
  let onChanged = () => undefined;
  connection.onNotification('window/logMessage', (p) => {
    if (/Indexed \d+ YAML files/.test(p.message)) indexed();
  });
  connection.onNotification('netpol/workspaceChanged', () => onChanged());
  connection.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification(() => undefined);
  connection.listen();
  const folder = pathToFileURL(dir).href;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folder,
    workspaceFolders: [{ uri: folder, name: 'bench' }],
    capabilities: { workspace: { configuration: true, workspaceFolders: true }, window: { workDoneProgress: true } },
  });
  await connection.sendNotification('initialized', {});
  await ready;

  const name = 'team-3.yaml';
  const uri = pathToFileURL(path.join(dir, name)).href;
  const lines = files[name].split('\n');
  const line = lines.findIndex((text) => text.includes('ports: [{ port: http }]') && lines[lines.indexOf(text) - 2]?.includes('to:'));
  const character = lines[line].indexOf('http');
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: files[name] } });
  // The first comparison indexes the revision's side (once per commit).
  const firstStart = performance.now();
  await connection.sendRequest('netpol/reachabilityChanges', {});
  const firstMs = performance.now() - firstStart;

  const latencies = [];
  const diffMs = [];
  let totals = [];
  for (let k = 0; k < edits; k++) {
    const typed = k % 2 === 0;
    const version = k + 2;
    const answered = new Promise((resolve) => {
      onChanged = () => {
        onChanged = () => undefined;
        const asked = performance.now();
        void connection.sendRequest('netpol/reachabilityChanges', {}).then((result) => {
          diffMs.push(performance.now() - asked);
          resolve(result);
        });
      };
    });
    const sent = performance.now();
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [
        {
          range: { start: { line, character }, end: { line, character: character + (typed ? 4 : 7) } },
          text: typed ? 'metrics' : 'http',
        },
      ],
    });
    const result = await answered;
    latencies.push(performance.now() - sent);
    totals.push(result.total);
  }
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
  totals = [...new Set(totals)].sort((a, b) => a - b);
  return {
    workloads: Object.values(files).reduce((n, text) => n + (text.match(/kind: Deployment/g)?.length ?? 0), 0),
    firstMs,
    medianMs: median(latencies),
    p90Ms: percentile(latencies, 90),
    requestMedianMs: median(diffMs),
    totals,
  };
}
