#!/usr/bin/env node
// UI test of the traffic map in a REAL VS Code (code-server + Chromium, see ui.test.mjs and
// harness.mjs): "NetworkPolicy: Show Traffic Map" from the command palette on the fixture
// workspace, whose namespace `bank` (traffic.yaml) has teller -> ledger on TCP 8443 (a named
// port) and ledger -> audit on TCP 9000.
//
//   - the webview's SVG appears with the namespaces and the edge label `TCP 8443`
//   - a click on that edge shows why (both directions, the deciding policy) and opens the rule
//     in the editor (traffic.yaml, cursor in the policy ledger-from-teller)
//   - the matrix view has the cell teller -> ledger
//   - screenshots: docs/images/traffic-map.png (the README picture: the map panel) and
//     test-results/e2e/trafficmap-*.png
//
// Env: as ui.test.mjs (E2E_INSTALL, CODE_SERVER_BIN, CHROMIUM_BIN, E2E_RESULTS_DIR, ...),
//      E2E_UI_TIMEOUT_MS (global timeout, default 180000).
// Exit code: 0 pass, 1 a check failed, 2 global timeout, 130 interrupted.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, log, main, quickOpen, setLogTag } from './harness.mjs';
import { expectIncludes, openWorkbench, runCommand, until } from './workbench.mjs';

setLogTag('ui-trafficmap');
const PICTURE = path.join(ROOT, 'docs/images/traffic-map.png');

const SEL = {
  quickInput: '.quick-input-widget',
  editorArea: '.part.editor',
  editor: (name) => `.editor-instance .monaco-editor[data-uri$="/${name}"]`,
  // A webview is an iframe (class `webview`, `ready` once loaded) holding the page in `#active-frame`.
  webview: 'iframe.webview.ready',
  webviewPage: 'iframe#active-frame',
};

await main(
  async (state) => {
    const { page, shot } = await openWorkbench(state, {
      tag: 'trafficmap',
      settings: { 'editor.minimap.enabled': false, 'workbench.colorTheme': 'Default Dark Modern' },
      viewport: { width: 1600, height: 1000 },
      waitForFile: 'traffic.yaml',
    });

    // 1. with a policy file open, the command palette opens the map; its SVG shows the
    //    namespaces and the edge labels.
    await quickOpen(page, 'traffic.yaml');
    await page.locator(SEL.editor('traffic.yaml')).waitFor();
    await runCommand(page, 'NetworkPolicy: Show Traffic Map');
    await page.locator(SEL.quickInput).waitFor({ state: 'hidden' });
    const map = page.frameLocator(SEL.webview).frameLocator(SEL.webviewPage);
    const svg = map.locator('#map svg.map');
    await svg.waitFor();
    await map.locator('.group-title', { hasText: /^bank$/ }).waitFor();
    const edge = map.locator('g.edge', { has: map.locator('.edge-label', { hasText: /^TCP 8443$/ }) });
    await edge.waitFor();
    expectIncludes(await edge.getAttribute('aria-label'), 'bank/teller[Deployment] → bank/ledger[Deployment]: TCP 8443', 'edge');
    await map.locator('.edge-label', { hasText: /^TCP 9000$/ }).waitFor();
    const summary = await map.locator('#summary').innerText();
    log(`map: ${summary}`);
    // The map opened beside traffic.yaml, in the right half: one editor group gives it the
    // whole editor area for the picture (the rule of step 2 then opens beside it again).
    await runCommand(page, 'View: Join All Editor Groups');
    await page.locator(SEL.quickInput).waitFor({ state: 'hidden' });
    const editorArea = await page.locator(SEL.editorArea).boundingBox();
    await until(
      async () => (await page.locator(SEL.webview).boundingBox())?.width ?? 0,
      (width) => width > editorArea.width * 0.9,
      'the map fills the editor area',
    );
    await svg.waitFor();
    // The README picture: the map alone, before anything opens beside it, cut to the drawing
    // (the toolbar's legend sits at the far right of the wide editor area and is left out).
    fs.mkdirSync(path.dirname(PICTURE), { recursive: true });
    const frame = await page.locator(SEL.webview).boundingBox();
    const drawing = await svg.boundingBox();
    await page.screenshot({
      path: PICTURE,
      clip: {
        x: frame.x,
        y: frame.y,
        width: Math.min(frame.width, drawing.x + drawing.width + 24 - frame.x),
        height: Math.min(frame.height, drawing.y + drawing.height + 16 - frame.y),
      },
    });
    log(`screenshot ${path.relative(ROOT, PICTURE)}`);

    // 2. a click on the edge: the why, and the rule opens in the editor
    await edge.locator('.edge-label').click();
    const details = map.locator('#details');
    await details.locator('.verdict.allowed', { hasText: 'Allowed on TCP 8443' }).waitFor();
    expectIncludes(await details.innerText(), 'ledger-from-teller', 'the deciding policy');
    // The rule opens beside the map with its range selected (the map keeps the focus).
    const editor = page.locator(SEL.editor('traffic.yaml')).first();
    await editor.locator('.selected-text').first().waitFor();
    // Its breadcrumbs name the policy of the rule.
    await page.locator('div.monaco-breadcrumbs', { hasText: 'ledger-from-teller' }).first().waitFor();
    await shot('trafficmap-01-edge.png');

    // 3. the matrix view
    await map.locator('#show-matrix').click();
    const row = map.locator('.matrix tbody tr', { has: map.locator('th', { hasText: 'bank/teller[Deployment]' }) });
    await row.locator('td.allowed', { hasText: 'TCP 8443' }).waitFor();
    await shot('trafficmap-02-matrix.png');
    log('UI traffic map PASS');
  },
  { timeoutMs: Number(process.env.E2E_UI_TIMEOUT_MS || 180_000), name: 'UI traffic map' },
);
