// Shared helpers to run a real VS Code offline — code-server 4.100.3 (= VS Code 1.100.3:
// the VS Code server + its web workbench) — and drive it with Debian's Chromium through
// playwright-core. Used by ui.test.mjs (UI test) and run-exthost-tests.mjs (mocha suite in
// the extension host); run.mjs installs code-server and runs both.
//
// Adapted from the workplace's shared e2e recipe (shared/e2e/example/harness.mjs, see its
// RECIPE.md): paths point into this repository, results go to test-results/e2e/.
import { chromium } from 'playwright-core';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root; it is also the extension's folder (package.json, dist/). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURE = path.join(ROOT, 'test/e2e/fixture');
export const VSCODE_WEB_DIR = path.resolve(process.env.VSCODE_WEB_DIR || path.join(ROOT, '.vscode-web'));
export const CODE_SERVER = process.env.CODE_SERVER_BIN || path.join(VSCODE_WEB_DIR, 'node_modules/.bin/code-server');
export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
export const RESULTS_DIR = path.resolve(process.env.E2E_RESULTS_DIR || path.join(ROOT, 'test-results/e2e'));

const t0 = Date.now();
let logTag = '';
/** Prefix for log lines, so the output of the two test programs can be told apart. */
export const setLogTag = (tag) => {
  logTag = `${tag} `;
};
export const log = (...a) => console.log(`[${logTag}+${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
/** Only for polling loops that wait for a condition, never as a fixed wait. */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Settings that keep a fresh profile quiet and deterministic offline.
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
};

/** Fresh temp dir with user-data/, extensions/ and a COPY of the fixture workspace. */
export function createProfile({ fixture = FIXTURE, settings = {} } = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-e2e-')); // short path: the session socket lives here
  const p = {
    tmp,
    userDataDir: path.join(tmp, 'user-data'),
    extensionsDir: path.join(tmp, 'extensions'),
    workspace: path.join(tmp, 'workspace'),
  };
  fs.mkdirSync(path.join(p.userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(p.extensionsDir);
  fs.cpSync(fixture, p.workspace, { recursive: true }); // tests edit files: never the checked-in fixture
  fs.writeFileSync(path.join(p.userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
  return p;
}

export function removeProfile(p) {
  if (p?.tmp && !process.env.E2E_KEEP_TMP) fs.rmSync(p.tmp, { recursive: true, force: true });
}

/** The extension's package.json (this repository's). */
export function extensionManifest(extDir = ROOT) {
  return JSON.parse(fs.readFileSync(path.join(extDir, 'package.json'), 'utf8'));
}

/** Fails early, with a clear message, when dist/ is missing (run `npm run build`). */
export function assertBuilt(extDir = ROOT) {
  const pkg = extensionManifest(extDir);
  for (const rel of [pkg.main, './dist/server.js']) {
    if (!fs.existsSync(path.join(extDir, rel)))
      throw new Error(`${path.join(extDir, rel)} missing: build the extension first (npm run build)`);
  }
}

/** Install the extension into the profile: mode 'link' (symlink the folder as
 *  publisher.name-version into the still-empty extensions dir) or 'vsix' (--install-extension). */
export function installExtension(profile, { extDir = ROOT, vsix, mode = 'link' } = {}) {
  const pkg = extensionManifest(extDir);
  const id = `${pkg.publisher}.${pkg.name}`;
  if (mode === 'vsix') {
    if (!vsix || !fs.existsSync(vsix)) throw new Error(`no .vsix at ${vsix} (npm run package)`);
    const r = spawnSync(
      CODE_SERVER,
      [
        '--config',
        writeConfig(profile),
        '--user-data-dir',
        profile.userDataDir,
        '--extensions-dir',
        profile.extensionsDir,
        '--install-extension',
        vsix,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    if (r.status !== 0 || !/successfully installed/.test(r.stdout))
      throw new Error(`--install-extension failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    log(`installed ${id} from ${path.basename(vsix)}`);
  } else {
    // The server scans the extensions dir once and then records it in extensions.json;
    // a folder added after that is ignored.
    if (fs.existsSync(path.join(profile.extensionsDir, 'extensions.json'))) {
      throw new Error('link mode needs an extensions dir without extensions.json (folders added later are ignored)');
    }
    assertBuilt(extDir);
    fs.symlinkSync(extDir, path.join(profile.extensionsDir, `${id}-${pkg.version}`));
    log(`linked ${id} -> ${extDir}`);
  }
  return id;
}

/** Our own config file: without --config, code-server writes ~/.config/code-server/config.yaml. */
function writeConfig(profile) {
  const config = path.join(profile.tmp, 'config.yaml');
  if (!fs.existsSync(config)) fs.writeFileSync(config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  return config;
}

// ------------------------------------------------------------------ processes
function procStat(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // state ppid pgrp ...
    return { state: f[0], ppid: Number(f[1]), pgrp: Number(f[2]) };
  } catch {
    return null;
  }
}
/** pid -> stat of every live (non-zombie) process. */
function liveProcesses() {
  return new Map(
    fs
      .readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .map(Number)
      .map((p) => [p, procStat(p)])
      .filter(([, s]) => s && s.state !== 'Z'),
  );
}
/** Adds every descendant of the pids in `mine` to it. */
function addDescendants(mine, stats) {
  for (let grew = true; grew;) {
    grew = false;
    for (const [p, s] of stats)
      if (!mine.has(p) && mine.has(s.ppid)) {
        mine.add(p);
        grew = true;
      }
  }
  return mine;
}
/** Our processes: the process group we created (code-server is spawned detached, so its
 *  pgid is its pid) plus all descendants (in case a child started its own group). */
function ourPids(root) {
  const stats = liveProcesses();
  const mine = new Set([...stats].filter(([, s]) => s.pgrp === root).map(([p]) => p));
  if (stats.has(root)) mine.add(root);
  return [...addDescendants(mine, stats)];
}
/** All live descendants of `pid` (children, grandchildren, …), not `pid` itself. */
export function descendantPids(pid) {
  const mine = addDescendants(new Set([pid]), liveProcesses());
  mine.delete(pid);
  return [...mine];
}
function describe(pid) {
  try {
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const main = argv.find((a, i) => i > 0 && !a.startsWith('-')) || argv[0] || '?';
    const type = argv.find((a) => a.startsWith('--type=')) || '';
    return `${pid}:${path.basename(main)}${type ? ` ${type}` : ''}`;
  } catch {
    return `${pid}:?`;
  }
}
const alive = (pid) => {
  const s = procStat(pid);
  return !!s && s.state !== 'Z';
};
async function waitGone(pids, ms) {
  for (const end = Date.now() + ms; Date.now() < end && pids.some(alive);) await sleep(100);
  return pids.filter(alive);
}
const signal = (pids, sig) =>
  pids.forEach((p) => {
    try {
      process.kill(p, sig);
    } catch {
      /* gone */
    }
  });

/** SIGTERM, then (after `graceMs`) SIGKILL, to the given pids; resolves when they are gone. */
export async function terminate(pids, graceMs = 3000) {
  signal(pids, 'SIGTERM');
  const left = await waitGone(pids, graceMs);
  signal(left, 'SIGKILL');
  return waitGone(left, 3000);
}

/**
 * Start code-server on 127.0.0.1 with a kernel-chosen free port (--bind-addr :0, no
 * probe-then-bind race); the real URL is parsed from its log. Resolves { url, authority, proc }.
 * `onOutput(chunk)` receives everything the server prints (stdout+stderr).
 */
export async function startCodeServer(profile, { env = {}, logFile, onOutput } = {}) {
  if (!fs.existsSync(CODE_SERVER))
    throw new Error(`code-server not found at ${CODE_SERVER} (run test/e2e/install-code-server.sh or npm run test:e2e)`);
  const args = [
    '--config',
    writeConfig(profile),
    '--bind-addr',
    '127.0.0.1:0',
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir',
    profile.userDataDir,
    '--extensions-dir',
    profile.extensionsDir,
    '--session-socket',
    path.join(profile.tmp, 'cs.sock'),
    '--ignore-last-opened',
    profile.workspace,
  ];
  const out = logFile ? fs.createWriteStream(logFile) : null;
  const started = Date.now();
  // EXTENSIONS_GALLERY: no marketplace (open-vsx.org is unreachable; avoids error toasts).
  // VSCODE_CLI=1: the server skips resolving the user's login-shell environment (it would
  // spawn `$SHELL -ilc node -p process.env` and run ~/.bashrc etc.); the extension host
  // then simply inherits this process's environment — faster and deterministic in CI.
  const proc = spawn(CODE_SERVER, args, {
    detached: true, // own process group => its whole tree can be found and stopped
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, EXTENSIONS_GALLERY: '{"serviceUrl":""}', VSCODE_CLI: '1', ...env },
  });
  const cs = { proc, stopped: false, output: '', url: null, authority: null, listeningMs: 0 };
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not report its URL within 60 s:\n${cs.output}`)), 60_000);
    const onData = (d) => {
      const s = d.toString();
      cs.output += s;
      out?.write(s);
      onOutput?.(s);
      if (!cs.url) {
        const m = /HTTP server listening on (http:\/\/([\d.]+:\d+))\//.exec(cs.output);
        if (m) {
          cs.url = m[1];
          cs.authority = m[2];
          clearTimeout(timer);
          resolve();
        }
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('exit', (code, sig) => {
      clearTimeout(timer);
      if (!cs.url) reject(new Error(`code-server exited early (${code ?? sig}):\n${cs.output}`));
    });
    proc.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
  cs.listeningMs = Date.now() - started;
  return cs;
}

/** Stop code-server and every process it started; only signals pids from our own tree. */
export async function stopCodeServer(cs) {
  if (!cs || cs.stopped) return;
  cs.stopped = true;
  const root = cs.proc.pid;
  let pids = ourPids(root);
  log(`stopping code-server pid ${root} (its processes: ${pids.map(describe).join(', ')})`);
  signal([root], 'SIGTERM'); // 1. graceful: the wrapper shuts the server down
  await waitGone([root], 5000);
  pids = [...new Set([...pids, ...ourPids(root)])].filter(alive);
  if (pids.length) {
    // 2. children that outlive the server (extension host, watcher, language servers)
    log(`SIGTERM to leftovers: ${pids.map(describe).join(', ')}`);
    signal(pids, 'SIGTERM');
    pids = await waitGone(pids, 3000);
  }
  if (pids.length) {
    // 3. last resort
    log(`SIGKILL to leftovers: ${pids.map(describe).join(', ')}`);
    signal(pids, 'SIGKILL');
    pids = await waitGone(pids, 3000);
  }
  if (pids.length) throw new Error(`processes still running after cleanup: ${pids.map(describe).join(', ')}`);
  log('code-server and all its children are gone');
}

/** Debian's Chromium, headless, no network side channels. Playwright passes --headless
 *  and a fresh temporary --user-data-dir itself (deleted on close). Never run
 *  `npx playwright install` (it downloads a browser build). */
export function launchChromium() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_BIN)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // main() does the cleanup on signals (browser AND code-server); Playwright's own
    // handlers would exit the process before code-server is stopped.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    // --no-sandbox: Chromium refuses to start as root with its sandbox (CI runs as root).
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** `vscode-remote://host:port/abs/path`: how the web workbench names a file on the server. */
export const remoteUri = (cs, absPath) => `vscode-remote://${cs.authority}${absPath}`;

/** Workbench URL for a folder, optionally with the dev/test `payload` (see run-exthost-tests.mjs). */
export function workbenchUrl(cs, folder, payload) {
  let u = `${cs.url}/?folder=${encodeURIComponent(folder)}`;
  if (payload) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return u;
}

/** Press `keys` until `target` is visible (keybindings are not live the instant the workbench appears). */
export async function pressUntilVisible(page, keys, target, tries = 5) {
  for (let i = 0; i < tries; i++) {
    await page.keyboard.press(keys);
    try {
      await target.waitFor({ state: 'visible', timeout: 3000 });
      return;
    } catch {
      /* retry */
    }
  }
  throw new Error(`${keys} did not open ${target}`);
}

/** Ctrl+P, the file name, Enter: the file opens in an editor. */
export async function quickOpen(page, name, { widget = '.quick-input-widget', row = '.quick-input-list .monaco-list-row' } = {}) {
  const quick = page.locator(widget);
  await pressUntilVisible(page, 'Control+p', quick);
  await page.keyboard.type(name);
  await quick.locator(`${row}.focused`, { hasText: name }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await quick.waitFor({ state: 'hidden' });
}

/**
 * Run `fn(state)` under a global timeout, always cleaning up (browser, code-server, temp
 * dir), also on SIGINT/SIGTERM/SIGHUP. Exits the process: 0 pass, 1 fail, 2 timeout (or
 * `state.exitCode` if fn set it), 130 when signalled.
 */
export async function main(fn, { timeoutMs, name }) {
  const state = { exitCode: 0 };
  let cleanupPromise = null;
  let signalled = null;
  // One shared cleanup: the signal path and the normal path must both wait for ALL of it
  // (closing the browser makes the running test throw, which reaches `finally` early).
  const cleanup = () =>
    (cleanupPromise ||= (async () => {
      try {
        await state.browser?.close();
      } catch (e) {
        log(`browser.close failed: ${e.message}`);
      }
      try {
        await stopCodeServer(state.cs);
      } catch (e) {
        log(e.message);
        state.exitCode ||= 1;
      }
      removeProfile(state.profile);
    })());
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, async () => {
      if (signalled) return;
      signalled = sig;
      log(`got ${sig}, cleaning up`);
      await cleanup();
      process.exit(130);
    });
  }
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`global timeout of ${timeoutMs} ms exceeded`), { code: 'TIMEOUT' })),
      timeoutMs,
    );
  });
  try {
    await Promise.race([fn(state), timeout]);
  } catch (e) {
    if (!signalled) {
      state.exitCode = e.code === 'TIMEOUT' ? 2 : 1;
      log(`${name} FAILED: ${e.stack || e}`);
      if (state.onFailure) {
        try {
          await state.onFailure();
        } catch {
          /* best effort */
        }
      }
    }
  } finally {
    clearTimeout(timer);
    await cleanup();
  }
  process.exit(signalled ? 130 : state.exitCode);
}
