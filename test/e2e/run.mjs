#!/usr/bin/env node
// `npm run test:e2e`: kube-netpol in a REAL VS Code, offline.
//
//   1. install code-server 4.100.3 (= VS Code 1.100.3) + Debian's chromium into a cache dir
//      (test/e2e/install-code-server.sh; needs the npm registry and apt only the first time,
//      then it takes < 1 s)
//   2. build the extension (dist/) if it is missing or older than its sources
//   3. UI tests: every test/e2e/ui*.test.mjs (Chromium drives the workbench; screenshots)
//   4. extension-host suite: test/e2e/run-exthost-tests.mjs runs test/exthost/suite/ (mocha,
//      real `vscode` API) inside code-server's extension host
// Steps 3 and 4 run as child processes: each has its own global timeout and cleans up its
// code-server, browser and temp dir on every way out. Both run even when the first fails.
//
// Env: VSCODE_WEB_DIR      code-server cache dir (default <repo>/.vscode-web, gitignored;
//                          cache it in CI keyed on install-code-server.sh + Node major + OS)
//      E2E_RESULTS_DIR     screenshots and logs (default <repo>/test-results/e2e, gitignored)
//      E2E_TIMEOUT_MS      global timeout of the whole run, install included (default 2400000 =
//                          40 min: a first install on a busy 2-core machine takes 7 min, and each
//                          UI program 1-2 min; CI allows 90 min for all of `npm test`)
//      E2E_ONLY=ui|exthost|<ui-file> run the UI programs, the extension-host suite, or one
//                          UI program by name (e.g. ui-generate for ui-generate.test.mjs)
//      CHROMIUM_BIN, E2E_INSTALL, NETPOL_E2E_FAIL: see ui.test.mjs / run-exthost-tests.mjs
// Exit code: 0 all passed, 1 a step failed, 2 global timeout, 130 interrupted.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const VSCODE_WEB_DIR = path.resolve(process.env.VSCODE_WEB_DIR || path.join(ROOT, '.vscode-web'));
const RESULTS_DIR = path.resolve(process.env.E2E_RESULTS_DIR || path.join(ROOT, 'test-results/e2e'));
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 2_400_000);
const ONLY = process.env.E2E_ONLY || '';

const t0 = Date.now();
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const steps = []; // { name, ok, ms, note, test }
let current = null; // the running child process, for signal forwarding and the timeout
let finishing = false; // set on a signal or the global timeout: start nothing new

// ------------------------------------------------------------------ processes
/**
 * Runs `cmd args` and resolves with { code, stdout }. stderr is always shown; stdout is
 * shown too unless `capture` (then it is returned). Never rejects: a failure is a code.
 */
function runChild(cmd, args, { env = {}, capture = false } = {}) {
  return new Promise((resolve) => {
    if (finishing) {
      resolve({ code: 130, stdout: '' });
      return;
    }
    const child = spawn(cmd, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'],
    });
    current = child;
    let stdout = '';
    child.stdout?.on('data', (d) => {
      stdout += d;
    });
    child.on('error', (error) => {
      current = null;
      console.error(error.message);
      resolve({ code: 127, stdout });
    });
    child.on('close', (code, signal) => {
      current = null;
      resolve({ code: code ?? (signal ? 128 : 1), stdout });
    });
  });
}

/** Asks the running child to clean up and stop (the test programs handle SIGTERM). */
async function stopCurrent() {
  const child = current;
  if (!child) return;
  child.kill('SIGTERM');
  const exited = new Promise((r) => child.once('close', r));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000); // cleanup takes < 10 s
  await exited;
  clearTimeout(timer);
}

// ------------------------------------------------------------------ steps
async function step(name, fn, { test = false } = {}) {
  if (finishing) return false; // aborting: the abort path prints the summary and exits
  const index = steps.length + 1;
  console.log(`\n=== [${index}] ${name}`);
  const started = Date.now();
  let ok = false;
  let note = '';
  try {
    ({ ok, note = '' } = await fn());
  } catch (error) {
    note = error.message;
  }
  const ms = Date.now() - started;
  steps.push({ name, ok, ms, note, test });
  console.log(`=== [${index}] ${name}: ${ok ? 'OK' : 'FAILED'} in ${seconds(ms)}${note ? ` (${note})` : ''}`);
  return ok;
}

function checkDependencies() {
  for (const dep of ['playwright-core', 'mocha']) {
    if (!fs.existsSync(path.join(ROOT, 'node_modules', dep, 'package.json'))) {
      throw new Error(`node_modules/${dep} missing: run \`npm ci\` first`);
    }
  }
}

async function installCodeServer() {
  const script = path.join(HERE, 'install-code-server.sh');
  const { code, stdout } = await runChild('bash', [script, VSCODE_WEB_DIR], { capture: true });
  const bin = stdout.trim().split('\n').pop();
  if (code !== 0 || !bin || !fs.existsSync(bin)) return { ok: false, note: `install-code-server.sh exited ${code}` };
  process.env.CODE_SERVER_BIN = bin; // inherited by the test programs
  return { ok: true, note: bin };
}

/** Newest modification time (ms) of the files under `dir` (recursively). */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Why dist/ must be (re)built, or '' when it is up to date. */
function buildReason() {
  const outputs = ['dist/client.js', 'dist/server.js', 'dist/media/trafficMap/main.js'].map((f) => path.join(ROOT, f));
  const missing = outputs.find((f) => !fs.existsSync(f));
  if (missing) return `${path.relative(ROOT, missing)} missing`;
  const built = Math.min(...outputs.map((f) => fs.statSync(f).mtimeMs));
  const sources = Math.max(
    newestMtime(path.join(ROOT, 'client/src')),
    newestMtime(path.join(ROOT, 'client/media')),
    newestMtime(path.join(ROOT, 'server/src')),
    fs.statSync(path.join(ROOT, 'esbuild.mjs')).mtimeMs,
    fs.statSync(path.join(ROOT, 'package.json')).mtimeMs,
  );
  // Testing a stale bundle would test old code: rebuild when a source is newer.
  return sources > built ? 'sources are newer than dist/' : '';
}

async function buildExtension() {
  const reason = buildReason();
  if (!reason) return { ok: true, note: 'dist/ is up to date' };
  console.log(`building the extension: ${reason}`);
  const { code } = await runChild(process.execPath, [path.join(ROOT, 'esbuild.mjs')]);
  return { ok: code === 0 && !buildReason(), note: `node esbuild.mjs (${reason})${code ? `, exit ${code}` : ''}` };
}

async function runTestProgram(file) {
  const { code } = await runChild(process.execPath, [path.join(HERE, file)], { env: { E2E_RESULTS_DIR: RESULTS_DIR } });
  const meaning = { 0: '', 1: 'a check failed', 2: 'timeout', 130: 'interrupted' }[code] ?? `exit ${code}`;
  return { ok: code === 0, note: meaning };
}

// ------------------------------------------------------------------ main
function summary() {
  console.log('\n=== e2e summary');
  for (const s of steps) console.log(`  ${s.ok ? 'ok  ' : 'FAIL'}  ${s.name.padEnd(44)} ${seconds(s.ms).padStart(8)}`);
  console.log(`  total ${seconds(Date.now() - t0)}; screenshots and logs in ${path.relative(ROOT, RESULTS_DIR) || '.'}/`);
}

async function abort(reason, exitCode) {
  if (finishing) return;
  finishing = true;
  console.log(`\n=== ${reason}: stopping the running step`);
  await stopCurrent();
  summary();
  process.exit(exitCode);
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => abort(`got ${sig}`, 130));
const timer = setTimeout(() => abort(`global timeout of ${seconds(TIMEOUT_MS)} exceeded`, 2), TIMEOUT_MS);

console.log(`kube-netpol e2e: real VS Code (code-server) + Chromium; cache ${path.relative(ROOT, VSCODE_WEB_DIR) || VSCODE_WEB_DIR}`);
let ok =
  (await step('check dependencies', async () => {
    checkDependencies();
    return { ok: true };
  })) &&
  (await step('install code-server (cached after first run)', installCodeServer)) &&
  (await step('build the extension', buildExtension));
if (ok) {
  fs.rmSync(RESULTS_DIR, { recursive: true, force: true }); // no stale screenshots from an earlier run
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  // Both test programs run even if the first fails: their results are independent.
  const results = [];
  // Every ui*.test.mjs is its own program (own code-server and browser), so one feature's UI
  // test cannot leave state behind for the next.
  const uiPrograms = fs
    .readdirSync(HERE)
    .filter((f) => /^ui.*\.test\.mjs$/.test(f))
    .sort()
    .filter((f) => ONLY === '' || ONLY === 'ui' || ONLY === f.replace(/\.test\.mjs$/, ''));
  for (const file of uiPrograms) results.push(await step(`UI test (${file})`, () => runTestProgram(file), { test: true }));
  if (ONLY === '' || ONLY === 'exthost')
    results.push(await step('extension-host suite (test/exthost)', () => runTestProgram('run-exthost-tests.mjs'), { test: true }));
  ok = results.every(Boolean);
}
clearTimeout(timer);
if (!finishing) {
  summary();
  // A plain closing line that CI log readers understand: test programs passed, steps failed.
  console.log(`e2e: ${steps.filter((s) => s.test && s.ok).length} passed, ${steps.filter((s) => !s.ok).length} failed`);
  process.exit(ok ? 0 : 1);
}
