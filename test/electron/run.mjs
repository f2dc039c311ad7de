#!/usr/bin/env node
// `npm run test:electron`: the extension-host suite (test/exthost/suite/) in desktop VS Code
// (Electron) through @vscode/test-electron — the same suite that `npm run test:e2e` runs in
// code-server.
//
// @vscode/test-electron downloads VS Code from update.code.visualstudio.com, which is not
// reachable offline. So the download is done first, on its own: if it fails, the suite is
// SKIPPED (exit 0) with a plain message; once VS Code is there, runTests() runs the suite
// and any failure exits 1. Calling runTests() without a VS Code would mix both kinds of
// error in one rejection.
//
// Env: VSCODE_EXECUTABLE_PATH  use this VS Code instead of downloading one
//      VSCODE_TEST_VERSION     version to download (default: stable)
//      VSCODE_TEST_CACHE       download cache (default: <repo>/.vscode-test, gitignored)
//      E2E_ELECTRON_TIMEOUT_MS global timeout (default 600000)
//      NETPOL_E2E_FAIL=1       one test fails on purpose (checks the failure path)
// Linux needs an X server for Electron: without DISPLAY, run `xvfb-run -a npm run test:electron`.
// Exit code: 0 pass or skipped (no VS Code download), 1 fail, 2 timeout, 130 interrupted.
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURE, ROOT, assertBuilt, descendantPids, terminate } from '../e2e/harness.mjs';

const TESTS = path.join(ROOT, 'test/exthost/suite/index.js');
const CACHE = path.resolve(process.env.VSCODE_TEST_CACHE || path.join(ROOT, '.vscode-test'));
const VERSION = process.env.VSCODE_TEST_VERSION || 'stable';
const TIMEOUT_MS = Number(process.env.E2E_ELECTRON_TIMEOUT_MS || 600_000);

const say = (msg) => console.log(`[electron] ${msg}`);
let workspace = null; // temp copy of the fixture, removed on every way out
const removeWorkspace = () => {
  if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  workspace = null;
};

/** The VS Code to test with, or null when it cannot be downloaded (offline). */
async function resolveVSCode() {
  if (process.env.VSCODE_EXECUTABLE_PATH) return process.env.VSCODE_EXECUTABLE_PATH;
  try {
    return await downloadAndUnzipVSCode({ version: VERSION, cachePath: CACHE });
  } catch (error) {
    say(`Electron suite skipped: VS Code could not be downloaded (${error.message}).`);
    return null;
  }
}

/** Ends the Electron processes runTests() started (it does not hand out their pid). */
async function stopChildren() {
  const left = await terminate(descendantPids(process.pid));
  if (left.length) say(`processes still running after cleanup: ${left.join(', ')}`);
  removeWorkspace();
}

async function run() {
  assertBuilt();
  const vscodeExecutablePath = await resolveVSCode();
  if (!vscodeExecutablePath) return 0;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    say('no DISPLAY: Electron needs an X server; if VS Code fails to start, run `xvfb-run -a npm run test:electron`');
  }
  // Tests edit files: give VS Code a copy of the fixture workspace.
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-electron-'));
  fs.cpSync(FIXTURE, workspace, { recursive: true });
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: TESTS,
      // runTests adds --no-sandbox (needed as root), --disable-workspace-trust and a profile
      // (user data + extensions dir) inside the cache dir; --disable-extensions keeps other
      // installed extensions (e.g. Red Hat YAML) from changing what the tests see.
      launchArgs: [workspace, '--disable-extensions'],
      cachePath: CACHE,
    });
    say('extension-host suite PASSED in Electron VS Code');
    return 0;
  } catch (error) {
    say(`extension-host suite FAILED in Electron VS Code: ${error.message}`);
    return 1;
  } finally {
    removeWorkspace();
  }
}

for (const sig of ['SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => {
    say(`got ${sig}, stopping VS Code`);
    await stopChildren();
    process.exit(130);
  });
}
const timer = setTimeout(async () => {
  say(`global timeout of ${TIMEOUT_MS} ms exceeded`);
  await stopChildren();
  process.exit(2);
}, TIMEOUT_MS);

const code = await run();
clearTimeout(timer);
process.exit(code);
