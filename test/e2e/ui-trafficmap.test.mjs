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
import {
  RESULTS_DIR,
  ROOT,
  createProfile,
  installExtension,
  launchChromium,
  log,
  main,
  remoteUri,
  setLogTag,
  startCodeServer,
  workbenchUrl,
} from './harness.mjs';

setLogTag('ui-trafficmap');
const INSTALL_MODE = process.env.E2E_INSTALL || 'link';
const VSIX = path.resolve(process.env.E2E_VSIX || path.join(ROOT, 'dist-vsix/kube-netpol.vsix'));
const STEP_TIMEOUT_MS = 30_000;
const PICTURE = path.join(ROOT, 'docs/images/traffic-map.png');

const SEL = {
  workbench: '.monaco-workbench',
  explorerRow: '.explorer-folders-view .monaco-list-row',
  quickInput: '.quick-input-widget',
  quickInputRow: '.quick-input-list .monaco-list-row',
  editor: (name) => `.editor-instance .monaco-editor[data-uri$="/${name}"]`,
  // A webview is an iframe (class `webview`, `ready` once loaded) holding the page in `#active-frame`.
  webview: 'iframe.webview.ready',
  webviewPage: 'iframe#active-frame',
};

function expectIncludes(actual, expected, what) {
  if (!actual.includes(expected))
    throw new Error(`${what}: expected to contain ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** Runs a command by its palette title (F1, type, Enter on the row showing it). */
async function runCommand(page, title) {
  const widget = page.locator(SEL.quickInput);
  for (let i = 0; i < 5 && !(await widget.isVisible()); i++) {
    await page.keyboard.press('F1');
    await widget.waitFor({ state: 'visible', timeout: 3000 }).catch(() => undefined);
  }
  await page.keyboard.type(title);
  await widget.locator(`${SEL.quickInputRow}.focused`, { hasText: title }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden' });
}

await main(
  async (state) => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const shot = async (name) => {
      await state.page.screenshot({ path: path.join(RESULTS_DIR, name) });
      log(`screenshot ${path.relative(ROOT, path.join(RESULTS_DIR, name))}`);
    };
    state.onFailure = () => state.page && shot('ui-trafficmap-failure.png');

    state.profile = createProfile({
      settings: { 'editor.minimap.enabled': false, 'workbench.colorTheme': 'Default Dark Modern' },
    });
    if (INSTALL_MODE !== 'dev') installExtension(state.profile, { vsix: VSIX, mode: INSTALL_MODE });
    state.cs = await startCodeServer(state.profile, { logFile: path.join(RESULTS_DIR, 'ui-trafficmap-code-server.log') });
    state.browser = await launchChromium();
    const context = await state.browser.newContext({ viewport: { width: 1600, height: 1000 } });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const page = (state.page = await context.newPage());
    const payload = INSTALL_MODE === 'dev' ? [['extensionDevelopmentPath', remoteUri(state.cs, ROOT)]] : undefined;
    await page.goto(workbenchUrl(state.cs, state.profile.workspace, payload));
    await page.locator(SEL.workbench).waitFor();
    await page.locator(SEL.explorerRow, { hasText: 'traffic.yaml' }).waitFor();

    // 1. with a policy file open (the extension is active), the command palette opens the map;
    //    its SVG shows the namespaces and the edge labels. (code-server 1.100 lists the commands
    //    of this manifest only once the extension is active.)
    const quickInput = page.locator(SEL.quickInput);
    for (let i = 0; i < 5 && !(await quickInput.isVisible()); i++) {
      await page.keyboard.press('Control+p');
      await quickInput.waitFor({ state: 'visible', timeout: 3000 }).catch(() => undefined);
    }
    await page.keyboard.type('traffic.yaml');
    await page.locator(`${SEL.quickInputRow}.focused`, { hasText: 'traffic.yaml' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator(SEL.editor('traffic.yaml')).waitFor();
    await runCommand(page, 'NetworkPolicy: Show Traffic Map');
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
    // The README picture: the map alone, before anything opens beside it, cut to the drawing.
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
