#!/usr/bin/env node
// UI end-to-end test of kube-netpol in a REAL VS Code: code-server 4.100.3 (= VS Code
// 1.100.3, server + web workbench) driven by Debian's Chromium through playwright-core.
// Normally started by `npm run test:e2e` (test/e2e/run.mjs), which installs code-server
// first; runs alone too once it is installed: `node test/e2e/ui.test.mjs`.
//
// What a user would see, step by step (screenshots in test-results/e2e/):
//   01-diagnostic.png  policies.yaml open: error squiggle under `tcp`, "Errors: 1" in the
//                      status bar, the Problems panel row with source `netpol` and code `port-protocol`
//   02-hover.png       hovering `tcp` shows the diagnostic's message
//   03-status.png      the `{}` language status hover: "NetworkPolicy: 1 policy"
//   04-fixed.png       after typing `TCP` over `tcp` (unsaved): no squiggle, "No Problems"
//
// Env: E2E_INSTALL=link (default: the repo symlinked into a fresh --extensions-dir, like an
//      installed extension) | dev (loaded via extensionDevelopmentPath) | vsix (E2E_VSIX,
//      default dist-vsix/kube-netpol.vsix, from `npm run package`),
//      CODE_SERVER_BIN, VSCODE_WEB_DIR, CHROMIUM_BIN, E2E_RESULTS_DIR, E2E_KEEP_TMP=1,
//      E2E_UI_TIMEOUT_MS (global timeout, default 180000), E2E_DOCS_IMAGES=1 (copy the
//      diagnostic and hover screenshots into docs/images/ for the README).
// Exit code: 0 pass, 1 a check failed, 2 global timeout, 130 interrupted.
import fs from 'node:fs';
import path from 'node:path';
import {
  RESULTS_DIR,
  ROOT,
  createProfile,
  installExtension,
  launchChromium,
  log,
  main,
  remoteUri,
  pressUntilVisible,
  quickOpen,
  setLogTag,
  startCodeServer,
  workbenchUrl,
} from './harness.mjs';
import { STEP_TIMEOUT_MS, editorText, expectIncludes, screenshotter, until } from './workbench.mjs';

setLogTag('ui');
const INSTALL_MODE = process.env.E2E_INSTALL || 'link';
const VSIX = path.resolve(process.env.E2E_VSIX || path.join(ROOT, 'dist-vsix/kube-netpol.vsix'));

const FILE = 'policies.yaml';
const RULE = 'port-protocol';
const MESSAGE = 'Unsupported value: "tcp": supported values: "TCP", "UDP", "SCTP". Protocols are case-sensitive: write "TCP"';
const STATUS_TEXT = 'NetworkPolicy: 1 policy';
/** E2E_DOCS_IMAGES=1 refreshes the README's screenshots (docs/images/) from these. */
const DOCS_IMAGES = { '01-diagnostic.png': 'diagnostic.png', '02-hover.png': 'hover.png' };

// ------------------------------------------------------------------ selectors (Code 1.100.3)
// Found in the 1.100.3 workbench sources (languageStatus.ts, markers.contribution.ts,
// markersTreeViewer.ts, statusbarItem.ts) and checked against the live DOM.
const SEL = {
  workbench: '.monaco-workbench',
  explorerRow: '.explorer-folders-view .monaco-list-row', // + hasText file name
  quickInput: '.quick-input-widget', // Quick Open (Ctrl+P)
  quickInputRow: '.quick-input-list .monaco-list-row', // .focused = the one Enter accepts
  editor: (name) => `.editor-instance .monaco-editor[data-uri$="/${name}"]`, // data-uri = vscode-remote://host/path
  dirtyTab: (name) => `.tabs-container .tab.dirty[data-resource-name="${name}"]`, // unsaved editor
  errorSquiggle: '.squiggly-error', // inside the editor; one per decorated range
  // Status bar items are `div#<entry id>` with the entry's aria-label (also on the inner <a>).
  problemsStatus: (label) => `#status\\.problems[aria-label="${label}"]`, // "Errors: 1" | "No Problems"
  cursorStatus: '#status\\.editor\\.selection', // aria-label "Ln 41, Col 24 (3 selected)"
  // The language status `{}` item next to "YAML"; its aria-label lists every item's text and detail.
  languageStatus: '#status\\.languageStatus',
  languageStatusHover: '.monaco-hover .hover-language-status', // one per language status item (click the `{}`)
  languageStatusLabel: '.element > .left', // item text + span.separator + detail
  problemsPanel: '.markers-panel', // Ctrl+Shift+M
  problemsRow: '.markers-panel .monaco-list-row', // a file row, then its markers
  problemsMessage: '.marker-message',
  problemsSource: '.marker-source', // "netpol"
  problemsCode: '.marker-code', // "port-protocol", inside a link to codeDescription.href
  problemsLine: '.marker-line', // "[Ln 41, Col 21]"
  problemsEmpty: '.markers-panel .message-box-container', // "No problems have been detected in the workspace."
  hover: '.monaco-hover', // editor hover widget (other, hidden ones exist: filter by content)
  hoverMarker: '.marker.hover-contents', // the diagnostic part of an editor hover
  hoverCodeLink: 'a.code-link', // its code, a link to codeDescription.href (CSS adds the parentheses)
};

// ------------------------------------------------------------------ helpers
const oneLine = async (locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

function expectEqual(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

const NEUTRAL_SPOT = { x: 250, y: 5 }; // empty part of the title bar: nothing to hover or click there

/** Closes the editor hover: mouse away + Escape (the editor hover is not sticky). */
async function dismissEditorHover(page, hover) {
  await page.mouse.move(NEUTRAL_SPOT.x, NEUTRAL_SPOT.y);
  await page.keyboard.press('Escape');
  await hover.waitFor({ state: 'hidden' });
}

/**
 * Closes a status-bar hover opened by a click. Such a hover is shown focused and STICKY
 * (hoverService: persistence.sticky): moving the mouse away does not close it, and Escape
 * only does while the hover itself has focus, which races with the click focusing the
 * status item. A mousedown outside the hover always closes it.
 */
async function dismissStickyHover(page, hover) {
  await page.mouse.click(NEUTRAL_SPOT.x, NEUTRAL_SPOT.y);
  await hover.waitFor({ state: 'hidden' });
}

// ------------------------------------------------------------------ the test
await main(
  async (state) => {
    const timings = {};
    const tStart = Date.now();
    const shot = screenshotter(state, DOCS_IMAGES);
    state.onFailure = () => state.page && shot('ui-failure.png');

    state.profile = createProfile({
      settings: {
        'editor.hover.delay': 200,
        'editor.minimap.enabled': false,
        // No completion widget may pop up over the text while the test types `TCP`.
        'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
        'editor.wordBasedSuggestions': 'off',
        'files.autoSave': 'off', // the fix must be checked on the unsaved buffer
      },
    });
    if (INSTALL_MODE !== 'dev') installExtension(state.profile, { vsix: VSIX, mode: INSTALL_MODE });

    const tServer = Date.now();
    state.cs = await startCodeServer(state.profile, { logFile: path.join(RESULTS_DIR, 'ui-code-server.log') });
    timings.serverListeningMs = state.cs.listeningMs;
    log(`code-server listening on ${state.cs.url} after ${state.cs.listeningMs} ms`);

    state.browser = await launchChromium();
    // Tall enough that line 41 (the error) is visible with the Problems panel open.
    const context = await state.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const page = (state.page = await context.newPage());
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });

    // dev mode: the workbench asks the server to load the extension straight from the repo
    const payload = INSTALL_MODE === 'dev' ? [['extensionDevelopmentPath', remoteUri(state.cs, ROOT)]] : undefined;
    await page.goto(workbenchUrl(state.cs, state.profile.workspace, payload));
    await page.locator(SEL.workbench).waitFor();
    await page.locator(SEL.explorerRow, { hasText: FILE }).waitFor();
    timings.workbenchReadyMs = Date.now() - tServer;
    log(`workbench ready ${timings.workbenchReadyMs} ms after server spawn`);

    // 1. open policies.yaml through Quick Open
    await quickOpen(page, FILE);
    const editor = page.locator(SEL.editor(FILE));
    await editor.locator('.view-lines').waitFor();
    const tOpen = Date.now();
    log(`${FILE} open`);

    // 2. the error: squiggle, status-bar count, Problems panel row with source and code
    await editor.locator(SEL.errorSquiggle).first().waitFor();
    await page.locator(SEL.problemsStatus('Errors: 1')).waitFor();
    timings.diagnosticAfterOpenMs = Date.now() - tOpen; // includes the lazy start of the language server
    // Counted now: the Problems panel takes half the height and line 41 leaves the viewport
    // (Monaco renders only visible lines).
    expectEqual(await editor.locator(SEL.errorSquiggle).count(), 1, 'error squiggles');
    await pressUntilVisible(page, 'Control+Shift+m', page.locator(SEL.problemsPanel));
    const problemRow = page.locator(SEL.problemsRow, { has: page.locator(SEL.problemsCode, { hasText: RULE }) }).first();
    await problemRow.waitFor();
    expectEqual(await oneLine(problemRow.locator(SEL.problemsMessage)), MESSAGE, 'Problems panel message');
    expectEqual(await oneLine(problemRow.locator(SEL.problemsSource)), 'netpol', 'Problems panel source');
    expectEqual(await oneLine(problemRow.locator(SEL.problemsCode)), RULE, 'Problems panel code');
    expectEqual(await oneLine(problemRow.locator(SEL.problemsLine)), '[Ln 41, Col 21]', 'Problems panel position');
    const docsLink = await problemRow.locator('a', { has: page.locator(SEL.problemsCode) }).getAttribute('href');
    expectIncludes(docsLink, `docs/rules/${RULE}.md`, 'code link (codeDescription.href)');
    log(`Problems panel: ${await oneLine(problemRow)}`);

    // 3. a click on the problem reveals it in the editor and selects the diagnostic's range,
    //    which must be exactly `tcp` (41:21-41:24); hovering `tcp` shows the message
    await problemRow.click();
    await page.locator(`${SEL.cursorStatus}[aria-label="Ln 41, Col 24 (3 selected)"]`).waitFor();
    await editor.locator(SEL.errorSquiggle).first().waitFor(); // line 41 scrolled into view
    await shot('01-diagnostic.png');
    const token = editor.locator('.view-line span > span', { hasText: /^tcp$/ }).first(); // not the `tcp` in the comment
    const hover = page.locator(SEL.hover, { has: page.locator(SEL.hoverMarker, { hasText: 'Unsupported value' }) }).first();
    // The line is re-rendered when semantic tokens arrive, which can swallow the first hover:
    // move away and hover again until the widget shows.
    for (let attempt = 1; ; attempt++) {
      await page.mouse.move(NEUTRAL_SPOT.x, NEUTRAL_SPOT.y);
      await token.hover();
      const shown = await hover.waitFor({ state: 'visible', timeout: 5000 }).then(
        () => true,
        () => false,
      );
      if (shown) break;
      if (attempt === 5) throw new Error('the hover on `tcp` never showed');
      log(`hover not shown (attempt ${attempt}), hovering again`);
    }
    const hoverText = await oneLine(hover.locator(SEL.hoverMarker));
    expectIncludes(hoverText, MESSAGE, 'hover');
    expectEqual(await oneLine(hover.locator(`${SEL.hoverMarker} ${SEL.hoverCodeLink}`)), RULE, 'hover code');
    log(`hover: ${JSON.stringify(hoverText)}`);
    await shot('02-hover.png');
    await dismissEditorHover(page, hover);

    // 4. the language status `{}` item: its aria-label and, on click, its hover
    const languageStatus = page.locator(SEL.languageStatus);
    await page.locator(`${SEL.languageStatus}[aria-label*="${STATUS_TEXT},"]`).waitFor();
    await languageStatus.locator('a').click(); // runs the item's "show hover" command
    const statusHover = page.locator(SEL.languageStatusHover, { hasText: 'NetworkPolicy' }).first();
    await statusHover.waitFor({ state: 'visible' });
    const statusLabel = await oneLine(statusHover.locator(SEL.languageStatusLabel));
    if (!statusLabel.startsWith(`${STATUS_TEXT} `))
      throw new Error(`language status: expected "${STATUS_TEXT} …", got ${JSON.stringify(statusLabel)}`);
    expectIncludes(statusLabel, '2 documents', 'language status detail');
    log(`language status: ${JSON.stringify(statusLabel)}`);
    await shot('03-status.png');
    await dismissStickyHover(page, statusHover);

    // 5. type the fix over `tcp` (double-click selects the word); diagnostics follow the
    //    unsaved buffer: the squiggle and the problem disappear without a save
    await token.dblclick();
    await page.locator(`${SEL.cursorStatus}[aria-label="Ln 41, Col 24 (3 selected)"]`).waitFor();
    await page.mouse.move(NEUTRAL_SPOT.x, NEUTRAL_SPOT.y); // no hover over the text being replaced
    const tType = Date.now();
    await page.keyboard.type('TCP', { delay: 40 }); // key by key, like a person
    await until(
      () => editorText(editor),
      (text) => text.includes('        - protocol: TCP\n'),
      'the fixed line in the editor',
    );
    await page.locator(SEL.problemsStatus('No Problems')).waitFor();
    await editor.locator(SEL.errorSquiggle).waitFor({ state: 'detached' });
    await page.locator(SEL.problemsEmpty, { hasText: 'No problems have been detected' }).waitFor();
    timings.clearedAfterTypingMs = Date.now() - tType;
    await page.locator(SEL.dirtyTab(FILE)).waitFor(); // still unsaved: the server checked the live buffer
    await page.locator(`${SEL.languageStatus}[aria-label*="${STATUS_TEXT},"]`).waitFor();
    log(`fixed by typing: no diagnostics ${timings.clearedAfterTypingMs} ms after the first keystroke`);
    await shot('04-fixed.png');

    if (pageErrors.length) {
      fs.writeFileSync(path.join(RESULTS_DIR, 'ui-page-errors.log'), `${pageErrors.join('\n')}\n`);
      log(
        `${pageErrors.length} page console error(s), informational: ${path.relative(ROOT, path.join(RESULTS_DIR, 'ui-page-errors.log'))}`,
      );
    }
    timings.testMs = Date.now() - tStart;
    log(`UI E2E PASS (install mode: ${INSTALL_MODE}) timings: ${JSON.stringify(timings)}`);
  },
  { timeoutMs: Number(process.env.E2E_UI_TIMEOUT_MS || 180_000), name: 'UI e2e' },
);
