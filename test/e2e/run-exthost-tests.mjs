#!/usr/bin/env node
// Runs the mocha suite test/exthost/suite/ INSIDE the (remote) extension host of
// code-server, with the real `vscode` API — the code-server equivalent of
// @vscode/test-electron's runTests(). Normally started by `npm run test:e2e`.
//
// How: code-server's CLI rejects --extensionDevelopmentPath/--extensionTestsPath ("Unknown
// option") and the VS Code server ignores them ("not supported for server"): in VS Code web
// these are CLIENT settings. The workbench reads them from the `payload` URL parameter, a
// JSON array of [key, value] pairs:
//   ?folder=/ws&payload=[["extensionDevelopmentPath","vscode-remote://<host:port>/abs/repo"],
//                       ["extensionTestsPath","vscode-remote://<host:port>/abs/repo/test/exthost/suite/index.js"]]
// The workbench then asks the server to load the extension from the repository, starts the
// remote (Node) extension host, require()s the tests module and calls its run(). When run()
// settles it calls window.codeAutomationExit(code, logs) — exposed here via Playwright —
// with 0 (resolved) or 1 (rejected). The extension host's stdout is copied by the server
// into its own stdout ("[ExtensionHostConnection] <pid> ..."), which this script echoes.
//
// Env: EXTHOST_TESTS (default test/exthost/suite/index.js), CODE_SERVER_BIN, VSCODE_WEB_DIR,
//      CHROMIUM_BIN, E2E_RESULTS_DIR, E2E_EXTHOST_TIMEOUT_MS (global timeout, default 180000),
//      EXTHOST_ECHO=all (echo all server output; default: only the extension host's stdout),
//      NETPOL_E2E_FAIL=1 (reaches the suite: one test fails on purpose).
// Exit code: 0 pass, 1 fail, 2 no result within the timeout (e.g. host crash), 130 interrupted.
import fs from 'node:fs';
import path from 'node:path';
import {
  RESULTS_DIR,
  ROOT,
  assertBuilt,
  createProfile,
  launchChromium,
  log,
  main,
  remoteUri,
  setLogTag,
  sleep,
  startCodeServer,
  workbenchUrl,
} from './harness.mjs';

setLogTag('exthost');
const TESTS = path.resolve(process.env.EXTHOST_TESTS || path.join(ROOT, 'test/exthost/suite/index.js'));

/**
 * A filter for the server's output that prints the extension host's stdout (mocha's spec
 * reporter) as `[exthost] …`. The server prefixes each stdout CHUNK once, so a chunk's 2nd+
 * lines come without the prefix and continue until the next timestamped server line.
 */
function exthostEcho() {
  const exthostLine = /^\[[\d:]+\] \[[^\]]*\]\[[^\]]*\]\[ExtensionHostConnection\] <\d+> ?(.*)$/;
  const serverLine = /^\[(\d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT[^\]]+)\] /;
  let pending = '';
  let chunk = null; // lines of the extension-host chunk being collected, null outside one
  const flushChunk = () => {
    if (chunk && chunk.at(-1) === '') chunk.pop(); // the server's own newline after each chunk
    for (const l of chunk || []) process.stdout.write(`[exthost] ${l}\n`);
    chunk = null;
  };
  const onOutput = (data) => {
    pending += data;
    const lines = pending.split('\n');
    pending = lines.pop();
    for (const line of lines) {
      if (process.env.EXTHOST_ECHO === 'all') {
        process.stdout.write(`[server] ${line}\n`);
        continue;
      }
      const m = exthostLine.exec(line);
      if (m || serverLine.test(line)) flushChunk();
      if (m && !/^(Launched Extension Host Process|Extension Host Process exited)/.test(m[1])) chunk = [m[1]];
      else if (!m && !serverLine.test(line) && chunk) chunk.push(line);
    }
  };
  const flush = () => {
    if (pending) onOutput('\n');
    flushChunk();
  };
  return { onOutput, flush };
}

/** Saves the workbench's log files that codeAutomationExit hands over (for CI artifacts). */
function saveWorkbenchLogs(logs) {
  const dir = path.join(RESULTS_DIR, 'exthost-workbench-logs');
  fs.rmSync(dir, { recursive: true, force: true });
  for (const l of logs || []) {
    const f = path.join(dir, l.relativePath);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, l.contents);
  }
}

await main(
  async (state) => {
    const tStart = Date.now();
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    assertBuilt(); // the extension is loaded straight from the repository: nothing is installed
    if (!fs.existsSync(TESTS)) throw new Error(`${TESTS} not found`);
    state.profile = createProfile();

    const echo = exthostEcho();
    state.cs = await startCodeServer(state.profile, {
      logFile: path.join(RESULTS_DIR, 'exthost-code-server.log'),
      onOutput: echo.onOutput,
    });
    log(`code-server listening on ${state.cs.url} after ${state.cs.listeningMs} ms`);

    const payload = [
      ['extensionDevelopmentPath', remoteUri(state.cs, ROOT)],
      ['extensionTestsPath', remoteUri(state.cs, TESTS)],
    ];

    state.browser = await launchChromium();
    const page = await state.browser.newPage();
    let resolveExit;
    const exited = new Promise((r) => {
      resolveExit = r;
    });
    // Must exist before the workbench loads; the workbench calls it when the test run settles.
    await page.exposeFunction('codeAutomationExit', (code, logs) => {
      try {
        saveWorkbenchLogs(logs);
      } catch (e) {
        log(`could not save workbench logs: ${e.message}`);
      }
      resolveExit(code);
    });
    page.on('pageerror', (e) => log(`page error: ${e}`));
    log('opening the workbench with the extensionDevelopmentPath/extensionTestsPath payload');
    await page.goto(workbenchUrl(state.cs, state.profile.workspace, payload));
    const code = await exited;
    // The workbench stops the extension host before calling codeAutomationExit; wait (max 5 s)
    // until the server has logged that, so all of the host's stdout has been echoed.
    for (const end = Date.now() + 5000; Date.now() < end && !/Extension Host Process exited/.test(state.cs.output);) await sleep(50);
    echo.flush();
    state.exitCode = code === 0 ? 0 : 1;
    log(`extension-host tests ${code === 0 ? 'PASSED' : 'FAILED'} (codeAutomationExit(${code})) in ${Date.now() - tStart} ms`);
  },
  { timeoutMs: Number(process.env.E2E_EXTHOST_TIMEOUT_MS || 180_000), name: 'extension-host tests' },
);
