#!/usr/bin/env node
// UI test of the Check Connection picker in a REAL VS Code (code-server + Chromium, see
// ui.test.mjs and harness.mjs), on the fixture's namespace `bank` (traffic.yaml: teller ->
// ledger on TCP 8443):
//
//   - "NetworkPolicy: Check Connection…" opens on a workload, not on "Type an IP address or CIDR…"
//   - the source typed as the CLI writes it, `bank/teller`, and the destination as
//     `bank/Deployment/ledger`, are found; the port is picked; the report opens beside the file
//   - the report renders: the verdict, code as code (no backticks), and a click on the deciding
//     rule's link opens traffic.yaml at that rule
//   - a bad address says what was typed, and Enter on it keeps the picker open
//   - screenshots: test-results/e2e/checkconnection-01-typed.png, checkconnection-02-report.png
//     (the README picture docs/images/check-connection.png), checkconnection-03-bad-address.png
//
// Env: as ui.test.mjs (E2E_INSTALL, CODE_SERVER_BIN, CHROMIUM_BIN, E2E_RESULTS_DIR, ...),
//      E2E_UI_TIMEOUT_MS (global timeout, default 180000).
// Exit code: 0 pass, 1 a check failed, 2 global timeout, 130 interrupted.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, log, main, quickOpen, setLogTag } from './harness.mjs';
import { expectIncludes, openWorkbench, runCommand, until } from './workbench.mjs';

setLogTag('ui-checkconnection');

const SEL = {
  editor: (name) => `.editor-instance .monaco-editor[data-uri$="/${name}"]`,
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  focusedRow: '.quick-input-widget .quick-input-list .monaco-list-row.focused',
  row: '.quick-input-widget .quick-input-list .monaco-list-row',
  tab: (label) => `.tabs-container .tab[aria-label*="${label}"]`,
  // A webview is an iframe (class `webview`, `ready` once loaded) holding the page in `#active-frame`.
  webview: 'iframe.webview.ready',
  webviewPage: 'iframe#active-frame',
  cursor: '#status\\.editor\\.selection',
};

/** 1-based line of the first line of traffic.yaml containing `needle` after the line containing `after`. */
function fixtureLine(needle, after) {
  const lines = fs.readFileSync(path.join(ROOT, 'test/e2e/fixture/traffic.yaml'), 'utf8').split('\n');
  const start = lines.findIndex((line) => line.includes(after));
  return lines.findIndex((line, i) => i > start && line.includes(needle)) + 1;
}

await main(
  async (state) => {
    const { page, shot } = await openWorkbench(state, {
      tag: 'checkconnection',
      settings: { 'editor.minimap.enabled': false },
      viewport: { width: 1280, height: 800 },
      waitForFile: 'traffic.yaml',
      docsImages: { 'checkconnection-02-report.png': 'check-connection.png' },
    });
    await quickOpen(page, 'traffic.yaml');
    await page.locator(SEL.editor('traffic.yaml')).waitFor();
    const focused = page.locator(SEL.focusedRow);

    // 1. the picker opens on a workload
    await runCommand(page, 'NetworkPolicy: Check Connection');
    await page.locator(SEL.quickInput, { hasText: 'Check Connection (1/4)' }).waitFor();
    await focused.waitFor();
    const first = (await focused.innerText()).replace(/\s+/g, ' ');
    log(`first focused item: ${first}`);
    if (/Type an IP address/.test(first)) throw new Error('"Type an IP address or CIDR…" is the default selection');

    // 2. the CLI's forms
    await page.keyboard.type('bank/teller');
    await page.locator(SEL.focusedRow, { hasText: 'bank/teller' }).waitFor();
    await shot('checkconnection-01-typed.png');
    await page.keyboard.press('Enter');
    await page.locator(SEL.quickInput, { hasText: 'Check Connection (2/4)' }).waitFor();
    await page.keyboard.type('bank/Deployment/ledger');
    await page.locator(SEL.focusedRow, { hasText: 'bank/ledger' }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator(SEL.quickInput, { hasText: 'Check Connection (3/4)' }).waitFor();
    await page.keyboard.type('8443');
    await page.locator(SEL.focusedRow, { hasText: 'TCP 8443' }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator(SEL.tab('Check Connection')).first().waitFor();
    // The report opens beside the file, which stays visible.
    await page.locator(SEL.editor('traffic.yaml')).waitFor();

    // 3. the report renders: the verdict, code as code, links that open the rule
    const report = page.frameLocator(SEL.webview).frameLocator(SEL.webviewPage);
    await report.locator('.verdict.allowed', { hasText: 'Allowed on TCP 8443' }).waitFor();
    const text = await report.locator('body').innerText();
    log(`report: ${text.split('\n').slice(0, 2).join(' | ')}`);
    expectIncludes(text, 'Ingress of bank/ledger[Deployment]: allowed', 'the report');
    if (text.includes('`') || text.includes('\\')) throw new Error(`the report shows Markdown syntax: ${JSON.stringify(text)}`);
    const policy = report.locator('code', { hasText: /^ledger-from-teller$/ }).first();
    await policy.waitFor();
    await shot('checkconnection-02-report.png');
    const ruleLink = report.locator('a', { has: report.locator('code', { hasText: 'spec.ingress[0]' }) });
    await ruleLink.click();
    // traffic.yaml shows the rule: the cursor on the rule's line, inside ledger-from-teller.
    const ruleLine = fixtureLine('- from:', 'name: ledger-from-teller');
    const cursor = await until(
      async () =>
        (await page
          .locator(SEL.cursor)
          .getAttribute('aria-label')
          .catch(() => null)) ?? '',
      (label) => label.startsWith(`Ln ${ruleLine},`),
      `the cursor on line ${ruleLine} (the rule spec.ingress[0] of ledger-from-teller)`,
    );
    log(`the rule's link opened traffic.yaml at ${cursor}`);

    // 4. a bad address
    await runCommand(page, 'NetworkPolicy: Check Connection');
    await page.locator(SEL.quickInput, { hasText: 'Check Connection (1/4)' }).waitFor();
    await page.keyboard.type('10.0.0.300');
    const error = page.locator(SEL.row, { hasText: '"10.0.0.300" is not an IP address or CIDR' });
    await error.waitFor();
    await page.keyboard.press('Enter');
    await page.locator(SEL.quickInput, { hasText: 'Check Connection (1/4)' }).waitFor();
    await shot('checkconnection-03-bad-address.png');
    await page.keyboard.press('Escape');
    await page.locator(SEL.quickInput).waitFor({ state: 'hidden' });
    log('UI check connection PASS');
  },
  { timeoutMs: Number(process.env.E2E_UI_TIMEOUT_MS || 180_000), name: 'UI check connection' },
);
