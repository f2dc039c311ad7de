// Helpers that drive the VS Code workbench in the UI tests (ui*.test.mjs): opening it on a
// fresh profile, reading an editor, waiting on the DOM, running a palette command.
import fs from 'node:fs';
import path from 'node:path';
import {
  RESULTS_DIR,
  ROOT,
  createProfile,
  installExtension,
  launchChromium,
  log,
  remoteUri,
  sleep,
  startCodeServer,
  workbenchUrl,
} from './harness.mjs';

export const STEP_TIMEOUT_MS = 30_000;

const SEL = {
  workbench: '.monaco-workbench',
  explorerRow: '.explorer-folders-view .monaco-list-row',
  quickInput: '.quick-input-widget',
  quickInputRow: '.quick-input-list .monaco-list-row',
};

/**
 * `shot(name)`: a screenshot of `state.page` into RESULTS_DIR; with E2E_DOCS_IMAGES=1 the ones
 * named in `docsImages` (results name -> docs/images name) are also copied to docs/images/.
 */
export function screenshotter(state, docsImages = {}) {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  return async (name) => {
    await state.page.screenshot({ path: path.join(RESULTS_DIR, name) });
    log(`screenshot ${path.relative(ROOT, path.join(RESULTS_DIR, name))}`);
    if (docsImages[name] && process.env.E2E_DOCS_IMAGES === '1') {
      fs.copyFileSync(path.join(RESULTS_DIR, name), path.join(ROOT, 'docs/images', docsImages[name]));
      log(`copied to docs/images/${docsImages[name]}`);
    }
  };
}

/**
 * Starts code-server on a fresh profile (the `fixture` workspace, test/e2e/fixture/ unless
 * given, + `settings`, `files` written into
 * the workspace copy) with the extension installed per E2E_INSTALL (link|vsix|dev, E2E_VSIX),
 * opens the workbench in Chromium and waits until the explorer lists `waitForFile`. Everything
 * started is recorded on `state` so that harness `main` tears it down; a failure leaves the
 * screenshot `ui-<tag>-failure.png`. `shot(name)` saves a screenshot into RESULTS_DIR; with
 * E2E_DOCS_IMAGES=1 the ones named in `docsImages` (results name -> docs/images name) are also
 * copied to docs/images/ for the README.
 */
export async function openWorkbench(state, { tag, fixture, settings = {}, files = {}, viewport, waitForFile, docsImages = {} }) {
  const installMode = process.env.E2E_INSTALL || 'link';
  const vsix = path.resolve(process.env.E2E_VSIX || path.join(ROOT, 'dist-vsix/kube-netpol.vsix'));
  const shot = screenshotter(state, docsImages);
  state.onFailure = () => state.page && shot(`ui-${tag}-failure.png`);

  state.profile = createProfile({ settings, ...(fixture ? { fixture } : {}) });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(state.profile.workspace, name), text);
  if (installMode !== 'dev') installExtension(state.profile, { vsix, mode: installMode });
  state.cs = await startCodeServer(state.profile, { logFile: path.join(RESULTS_DIR, `ui-${tag}-code-server.log`) });
  state.browser = await launchChromium();
  const context = await state.browser.newContext({ viewport });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = (state.page = await context.newPage());
  const payload = installMode === 'dev' ? [['extensionDevelopmentPath', remoteUri(state.cs, ROOT)]] : undefined;
  await page.goto(workbenchUrl(state.cs, state.profile.workspace, payload));
  await page.locator(SEL.workbench).waitFor();
  await page.locator(SEL.explorerRow, { hasText: waitForFile }).waitFor();
  return { page, shot };
}

export function expectIncludes(actual, expected, what) {
  if (!actual.includes(expected))
    throw new Error(`${what}: expected to contain ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/**
 * Rendered text of an editor in line order. Monaco recycles .view-line nodes and positions
 * them with style.top, so DOM order is not line order after edits; spaces are U+00A0. Only
 * the lines inside the viewport are rendered.
 */
export const editorText = (editor) =>
  editor.locator('.view-lines').evaluate((el) =>
    [...el.querySelectorAll(':scope > .view-line')]
      .map((l) => [parseFloat(l.style.top) || 0, l.textContent.replace(/\u00a0/g, ' ')])
      .sort((a, b) => a[0] - b[0])
      .map((x) => x[1])
      .join('\n'),
  );

/** Polls the DOM (not a fixed wait) until `read()` satisfies `ok`; its last value. */
export async function until(read, ok, what, timeoutMs = STEP_TIMEOUT_MS) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const got = await read();
    if (ok(got)) return got;
    if (Date.now() > end) throw new Error(`${what}: never happened; last seen ${JSON.stringify(got)}`);
    await sleep(100);
  }
}

/**
 * Runs a command by its palette title: F1 (until the palette shows), type, Enter on the row
 * showing it. The palette lists the commands registered when it is filtered: right after the
 * window opens, the extension's contributions may not be registered yet (the extension host
 * is still scanning), so when the row does not show, the palette is closed and asked again.
 */
export async function runCommand(page, title, tries = 6) {
  const widget = page.locator(SEL.quickInput);
  const row = widget.locator(`${SEL.quickInputRow}.focused`, { hasText: title }).first();
  for (let attempt = 1; ; attempt++) {
    for (let i = 0; i < 5 && !(await widget.isVisible()); i++) {
      await page.keyboard.press('F1');
      await widget.waitFor({ state: 'visible', timeout: 3000 }).catch(() => undefined);
    }
    await page.keyboard.type(title);
    const shown = await row.waitFor({ state: 'visible', timeout: attempt < tries ? 5000 : STEP_TIMEOUT_MS }).then(
      () => true,
      () => false,
    );
    if (shown) break;
    if (attempt >= tries) throw new Error(`the command palette never listed "${title}"`);
    log(`the command palette does not list "${title}" yet (try ${attempt}); asking again`);
    await page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden' });
  }
  await page.keyboard.press('Enter');
}
