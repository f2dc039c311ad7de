#!/usr/bin/env node
// UI test of the Check Connection picker in a REAL VS Code (code-server + Chromium, see
// ui.test.mjs and harness.mjs), on the fixture's namespace `bank` (traffic.yaml: teller ->
// ledger on TCP 8443):
//
//   - "NetworkPolicy: Check Connection…" opens on a workload, not on "Type an IP address or CIDR…"
//   - the source typed as the CLI writes it, `bank/teller`, and the destination as
//     `bank/Deployment/ledger`, are found; the port is picked; the report opens beside the file
//   - a bad address says what was typed, and Enter on it keeps the picker open
//   - screenshots: test-results/e2e/checkconnection-01-typed.png, checkconnection-02-bad-address.png
//
// Env: as ui.test.mjs (E2E_INSTALL, CODE_SERVER_BIN, CHROMIUM_BIN, E2E_RESULTS_DIR, ...),
//      E2E_UI_TIMEOUT_MS (global timeout, default 180000).
// Exit code: 0 pass, 1 a check failed, 2 global timeout, 130 interrupted.
import { log, main, quickOpen, setLogTag } from './harness.mjs';
import { openWorkbench, runCommand } from './workbench.mjs';

setLogTag('ui-checkconnection');

const SEL = {
  editor: (name) => `.editor-instance .monaco-editor[data-uri$="/${name}"]`,
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  focusedRow: '.quick-input-widget .quick-input-list .monaco-list-row.focused',
  row: '.quick-input-widget .quick-input-list .monaco-list-row',
  tab: (label) => `.tabs-container .tab[aria-label*="${label}"]`,
};

await main(
  async (state) => {
    const { page, shot } = await openWorkbench(state, {
      tag: 'checkconnection',
      settings: { 'editor.minimap.enabled': false },
      viewport: { width: 1280, height: 800 },
      waitForFile: 'traffic.yaml',
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

    // 3. a bad address
    await runCommand(page, 'NetworkPolicy: Check Connection');
    await page.locator(SEL.quickInput, { hasText: 'Check Connection (1/4)' }).waitFor();
    await page.keyboard.type('10.0.0.300');
    const error = page.locator(SEL.row, { hasText: '"10.0.0.300" is not an IP address or CIDR' });
    await error.waitFor();
    await page.keyboard.press('Enter');
    await page.locator(SEL.quickInput, { hasText: 'Check Connection (1/4)' }).waitFor();
    await shot('checkconnection-02-bad-address.png');
    await page.keyboard.press('Escape');
    await page.locator(SEL.quickInput).waitFor({ state: 'hidden' });
    log('UI check connection PASS');
  },
  { timeoutMs: Number(process.env.E2E_UI_TIMEOUT_MS || 180_000), name: 'UI check connection' },
);
