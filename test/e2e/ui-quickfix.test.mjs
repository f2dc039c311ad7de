#!/usr/bin/env node
// UI test of a quick fix in a REAL VS Code (code-server + Chromium, see ui.test.mjs and
// harness.mjs), on the fixture's policies.yaml and its one error, `protocol: tcp` (line 41):
//
//   - a click on the Problems panel row selects the diagnostic's range (`tcp`)
//   - Ctrl+. opens the code action menu: the preferred fix `Change protocol to "TCP"` first, then
//     "Show documentation for port-protocol" (no "Disable …": a comment cannot disable an API error)
//   - Enter applies the fix: the buffer shows `protocol: TCP` (the comment on the line above
//     and everything else unchanged), the squiggle goes and the status bar says "No Problems"
//   - undo, then "Show documentation for port-protocol": the rule's page (shipped in the
//     extension) in the Markdown preview beside the file
//   - screenshots: test-results/e2e/quickfix-01-menu.png, quickfix-02-fixed.png, quickfix-03-docs.png
//
// Env: as ui.test.mjs (E2E_INSTALL, CODE_SERVER_BIN, CHROMIUM_BIN, E2E_RESULTS_DIR, ...),
//      E2E_UI_TIMEOUT_MS (global timeout, default 180000).
// Exit code: 0 pass, 1 a check failed, 2 global timeout, 130 interrupted.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURE, log, main, pressUntilVisible, quickOpen, setLogTag } from './harness.mjs';
import { openWorkbench } from './workbench.mjs';

setLogTag('ui-quickfix');
const FILE = 'policies.yaml';
const RULE = 'port-protocol';
const FIX = 'Change protocol to "TCP"';

// Selectors of Code 1.100.3 (actionWidget.css, markers.contribution.ts), checked against the live DOM.
const SEL = {
  editor: (name) => `.editor-instance .monaco-editor[data-uri$="/${name}"]`,
  errorSquiggle: '.squiggly-error',
  problemsStatus: (label) => `#status\\.problems[aria-label="${label}"]`,
  problemsPanel: '.markers-panel',
  problemsRow: '.markers-panel .monaco-list-row',
  problemsCode: '.marker-code',
  cursorStatus: '#status\\.editor\\.selection',
  actionWidget: '.action-widget',
  actionRow: '.action-widget .monaco-list-row.action',
};

await main(
  async (state) => {
    const { page, shot } = await openWorkbench(state, {
      tag: 'quickfix',
      docsImages: { 'quickfix-01-menu.png': 'quick-fix.png' },
      settings: {
        'editor.minimap.enabled': false,
        'editor.lightbulb.enabled': 'on',
        'files.autoSave': 'off', // the fix is checked on the unsaved buffer
      },
      viewport: { width: 1400, height: 1000 },
      waitForFile: FILE,
    });

    // 1. the error, selected from the Problems panel
    await quickOpen(page, FILE);
    const editor = page.locator(SEL.editor(FILE));
    await editor.locator(SEL.errorSquiggle).first().waitFor();
    await page.locator(SEL.problemsStatus('Errors: 1')).waitFor();
    await pressUntilVisible(page, 'Control+Shift+m', page.locator(SEL.problemsPanel));
    const problemRow = page.locator(SEL.problemsRow, { has: page.locator(SEL.problemsCode, { hasText: RULE }) }).first();
    await problemRow.click();
    await page.locator(`${SEL.cursorStatus}[aria-label="Ln 41, Col 24 (3 selected)"]`).waitFor();
    // The Problems panel keeps the focus after the click: give it to the editor, selection kept.
    await page.keyboard.press('Control+1');
    await page.locator(`${SEL.editor(FILE)}.focused`).waitFor();
    await page.locator(`${SEL.cursorStatus}[aria-label="Ln 41, Col 24 (3 selected)"]`).waitFor();

    // 2. Ctrl+. : the fixes of the diagnostic, the preferred one first
    const rows = page.locator(SEL.actionRow);
    await pressUntilVisible(page, 'Control+.', page.locator(SEL.actionWidget));
    await rows.first().waitFor();
    const titles = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    log(`code actions: ${JSON.stringify(titles)}`);
    assert.deepStrictEqual(titles.slice(0, 2), [FIX, `Show documentation for ${RULE}`], 'code action menu');
    assert.ok(!titles.some((title) => title.startsWith('Disable')), 'no "Disable …" for an API error');
    await shot('quickfix-01-menu.png');

    // 3. Enter applies the focused (first) action: the fix
    await page.locator(`${SEL.actionRow}.focused`, { hasText: FIX }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator(SEL.actionWidget).waitFor({ state: 'hidden' });
    await page.locator(SEL.problemsStatus('No Problems')).waitFor();
    if ((await editor.locator(SEL.errorSquiggle).count()) !== 0) throw new Error('the squiggle is still there');
    // Only the token changed: the rendered line 41 is the fixture's line 41 with `TCP` (spaces are U+00A0).
    const original = fs.readFileSync(path.join(FIXTURE, FILE), 'utf8').split('\n')[40];
    const fixedLine = editor.locator('.view-line', { hasText: 'protocol: TCP' }).first();
    await fixedLine.waitFor();
    assert.strictEqual(
      (await fixedLine.textContent()).replace(/\u00a0/g, ' '),
      original.replace('protocol: tcp', 'protocol: TCP'),
      'line 41',
    );
    await shot('quickfix-02-fixed.png');

    // 4. undo brings the error back; "Show documentation" opens the rule's page shipped with the
    //    extension in the Markdown preview beside the file (offline).
    await page.keyboard.press('Control+z');
    await page.locator(SEL.problemsStatus('Errors: 1')).waitFor();
    await page.locator(`${SEL.cursorStatus}[aria-label="Ln 41, Col 24 (3 selected)"]`).waitFor();
    await pressUntilVisible(page, 'Control+.', page.locator(SEL.actionWidget));
    // The menu is driven by the keyboard, as a user would: down to the row, Enter.
    const docsRow = page.locator(`${SEL.actionRow}.focused`, { hasText: `Show documentation for ${RULE}` });
    for (let i = 0; i < 6 && !(await docsRow.isVisible()); i++) await page.keyboard.press('ArrowDown');
    await docsRow.waitFor();
    await page.keyboard.press('Enter');
    const preview = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await preview.locator('h1', { hasText: RULE }).waitFor();
    await preview.locator('h2', { hasText: 'What it reports' }).waitFor();
    await page.locator(SEL.editor(FILE)).waitFor();
    await shot('quickfix-03-docs.png');
    log('UI quick fix PASS');
  },
  { timeoutMs: Number(process.env.E2E_UI_TIMEOUT_MS || 180_000), name: 'UI quick fix' },
);
