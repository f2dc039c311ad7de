#!/usr/bin/env node
// UI test of completions in a REAL VS Code (code-server + Chromium, see ui.test.mjs and
// harness.mjs): in a new `ports` entry of a policy, typing `proto` opens the keys of a port
// (`protocol` among them); typing on to `protocol: ` (the space is a trigger character) opens
// TCP, UDP and SCTP in that order; Enter accepts TCP and the line reads `protocol: TCP`, the
// cursor after it.
//   - screenshots: test-results/e2e/completion-01-suggest.png, completion-02-accepted.png
//
// Env: as ui.test.mjs (E2E_INSTALL, CODE_SERVER_BIN, CHROMIUM_BIN, E2E_RESULTS_DIR, ...),
//      E2E_UI_TIMEOUT_MS (global timeout, default 180000).
// Exit code: 0 pass, 1 a check failed, 2 global timeout, 130 interrupted.
import { log, main, pressUntilVisible, quickOpen, setLogTag } from './harness.mjs';
import { openWorkbench } from './workbench.mjs';

setLogTag('ui-completion');
const FILE = 'completion.yaml';
/** Written into the test's copy of the workspace (not the shared fixture): its last line is the new entry's indentation. */
const TEXT = [
  'apiVersion: networking.k8s.io/v1',
  'kind: NetworkPolicy',
  'metadata:',
  '  name: web',
  '  namespace: completion',
  'spec:',
  '  podSelector: {}',
  '  ingress:',
  '    - ports:',
  '        - port: 8080',
  '          ',
  '',
].join('\n');
const TYPING_LINE = 11;

// Selectors of Code 1.100.3 (suggestWidget.ts), checked against the live DOM.
const SEL = {
  quickInput: '.quick-input-widget',
  editor: (name) => `.editor-instance .monaco-editor[data-uri$="/${name}"]`,
  cursorStatus: '#status\\.editor\\.selection',
  codeLens: '.contentWidgets .codelens-decoration',
  suggestWidget: '.editor-widget.suggest-widget.visible',
  suggestRow: '.editor-widget.suggest-widget.visible .monaco-list-row',
  suggestLabel: '.monaco-icon-label .label-name',
};

await main(
  async (state) => {
    const { page, shot } = await openWorkbench(state, {
      tag: 'completion',
      docsImages: { 'completion-01-suggest.png': 'completion.png' },
      settings: { 'editor.minimap.enabled': false, 'files.autoSave': 'off' },
      files: { [FILE]: TEXT },
      viewport: { width: 1400, height: 1000 },
      waitForFile: FILE,
    });

    // 1. open the file and put the cursor at the end of the new entry's line
    await quickOpen(page, FILE);
    const editor = page.locator(SEL.editor(FILE));
    await editor.waitFor();
    // The summary CodeLens: the server has analysed the file and answers its requests.
    await editor.locator(SEL.codeLens, { hasText: 'Ingress: 1 allow rule' }).first().waitFor();
    await pressUntilVisible(page, 'Control+g', page.locator(SEL.quickInput));
    await page.keyboard.type(String(TYPING_LINE));
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    await page.locator(`${SEL.cursorStatus}[aria-label^="Ln ${TYPING_LINE}, Col 11"]`).waitFor();

    // 2. typing a key opens the keys of a port (quick suggestions); then the space after the colon opens the protocols
    await page.keyboard.type('proto');
    await page.locator(SEL.suggestRow, { hasText: 'protocol' }).first().waitFor();
    await page.keyboard.type('col:');
    await page.keyboard.press('Escape');
    await page.locator(SEL.suggestWidget).waitFor({ state: 'hidden' });
    await page.locator(`${SEL.cursorStatus}[aria-label^="Ln ${TYPING_LINE}, Col 20"]`).waitFor();
    await page.keyboard.type(' ');
    const rows = page.locator(SEL.suggestRow);
    await rows.first().waitFor();
    await page.locator(SEL.suggestRow, { hasText: 'SCTP' }).waitFor();
    const labels = await rows.locator(SEL.suggestLabel).allInnerTexts();
    log(`suggestions: ${JSON.stringify(labels)}`);
    if (JSON.stringify(labels) !== JSON.stringify(['TCP', 'UDP', 'SCTP'])) throw new Error(`suggestions: ${JSON.stringify(labels)}`);
    await shot('completion-01-suggest.png');

    // 3. Enter accepts the focused (first) one: TCP
    await page.locator(`${SEL.suggestRow}.focused`, { hasText: 'TCP' }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator(SEL.suggestWidget).waitFor({ state: 'hidden' });
    // The typed line now reads `protocol: TCP`, the cursor after it: nothing else was inserted.
    const typed = editor.locator('.view-line', { hasText: 'protocol: TCP' }).first();
    const text = (await typed.innerText()).replace(/\u00a0/g, ' ');
    if (text.trimEnd() !== '          protocol: TCP') throw new Error(`the line reads ${JSON.stringify(text)}`);
    await page.locator(`${SEL.cursorStatus}[aria-label^="Ln ${TYPING_LINE}, Col 24"]`).waitFor();
    await shot('completion-02-accepted.png');
    log('UI completion PASS');
  },
  { timeoutMs: Number(process.env.E2E_UI_TIMEOUT_MS || 180_000), name: 'UI completion' },
);
