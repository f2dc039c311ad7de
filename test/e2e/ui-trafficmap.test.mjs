#!/usr/bin/env node
// UI test of the traffic map in a REAL VS Code (code-server + Chromium, see ui.test.mjs and
// harness.mjs), at 1280×800, on its own workspace (fixture-map/: 20 workloads in 4 namespaces,
// every namespace default-deny with the connections of a small shop allowed):
//
//   - "NetworkPolicy: Show Traffic Map" (the map alone in the editor area, side bar closed) draws
//     every workload, fitted to the window and readable
//     as it opens (workload names at least 10 px high); the README picture docs/images/traffic-map.png
//   - a click on checkout -> gateway (TCP 8443) shows why beside the map, never over it, with
//     the reasons' code as code, and opens the rule in the editor
//   - the filter keeps the workloads of a namespace and their peers; zoom changes the view; Fit
//     brings the whole map back
//   - the matrix view has the cell checkout -> gateway
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

const overlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const within = (inner, outer) =>
  inner.x >= outer.x - 1 &&
  inner.y >= outer.y - 1 &&
  inner.x + inner.width <= outer.x + outer.width + 1 &&
  inner.y + inner.height <= outer.y + outer.height + 1;

await main(
  async (state) => {
    const { page, shot } = await openWorkbench(state, {
      tag: 'trafficmap',
      fixture: path.join(ROOT, 'test/e2e/fixture-map'),
      settings: { 'editor.minimap.enabled': false, 'workbench.colorTheme': 'Default Dark Modern' },
      viewport: { width: 1280, height: 800 },
      waitForFile: 'policies.yaml',
    });

    // 1. the map opens beside policies.yaml; one editor group gives it the whole editor area.
    await quickOpen(page, 'policies.yaml');
    await page.locator(SEL.editor('policies.yaml')).waitFor();
    await runCommand(page, 'NetworkPolicy: Show Traffic Map');
    await page.locator(SEL.quickInput).waitFor({ state: 'hidden' });
    const map = page.frameLocator(SEL.webview).frameLocator(SEL.webviewPage);
    const svg = map.locator('#map svg.map');
    await svg.waitFor();
    await runCommand(page, 'View: Join All Editor Groups');
    await page.locator(SEL.quickInput).waitFor({ state: 'hidden' });
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    await page.locator(SEL.quickInput).waitFor({ state: 'hidden' });
    await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
    const editorArea = await page.locator(SEL.editorArea).boundingBox();
    await until(
      async () => (await page.locator(SEL.webview).boundingBox())?.width ?? 0,
      (width) => width > editorArea.width * 0.9,
      'the map fills the editor area',
    );
    await map.locator('.group-title', { hasText: /^payments$/ }).waitFor();
    const summary = await map.locator('#summary').innerText();
    log(`map: ${summary}`);
    expectIncludes(summary, '20 workloads · 4 namespaces', 'summary');
    const edge = map.locator('g.edge', { has: map.locator('.edge-label', { hasText: /^TCP 8443$/ }) });
    expectIncludes(await edge.getAttribute('aria-label'), 'shop/checkout[Deployment] → payments/gateway[Deployment]: TCP 8443', 'edge');

    // Fitted: every workload inside the map's window, and its name readable without zooming.
    const mapBox = await map.locator('#map').boundingBox();
    await until(
      async () => {
        const boxes = await map.locator('g.node rect.node-box').evaluateAll((rects) =>
          rects.map((rect) => {
            const r = rect.getBoundingClientRect();
            return { x: r.x, y: r.y, width: r.width, height: r.height, workload: !rect.parentElement.classList.contains('external') };
          }),
        );
        const frame = await map.locator('#map').evaluate((el) => {
          const r = el.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        });
        return boxes.filter((box) => box.workload).length === 20 && boxes.every((box) => within(box, frame));
      },
      (ok) => ok,
      'all 20 workloads inside the map window',
    );
    const titleHeight = await map
      .locator('g.node text.node-title')
      .first()
      .evaluate((text) => text.getBoundingClientRect().height);
    log(`workload names are ${titleHeight.toFixed(1)} px high in a ${Math.round(mapBox.width)}×${Math.round(mapBox.height)} map`);
    if (titleHeight < 10) throw new Error(`workload names are ${titleHeight.toFixed(1)} px high: unreadable without zooming`);
    fs.mkdirSync(path.dirname(PICTURE), { recursive: true });
    const frame = await page.locator(SEL.webview).boundingBox();
    await page.screenshot({ path: PICTURE, clip: frame });
    log(`screenshot ${path.relative(ROOT, PICTURE)}`);

    // 2. a click on the edge: the why beside the map (not over it), and the rule opens.
    await edge.locator('.edge-label').click();
    const details = map.locator('#details');
    await details.locator('.verdict.allowed', { hasText: 'Allowed on TCP 8443' }).waitFor();
    expectIncludes(await details.innerText(), 'gateway-ingress', 'the deciding policy');
    const detailsBox = await details.boundingBox();
    const mapBeside = await map.locator('#map').boundingBox();
    if (overlap(detailsBox, mapBeside)) throw new Error('the details panel covers the map');
    // The server's code spans are code, not backticks.
    if ((await details.innerText()).includes('`')) throw new Error('the details panel shows raw backticks');
    const editor = page.locator(SEL.editor('policies.yaml')).first();
    await editor.locator('.selected-text').first().waitFor();
    await page.locator('div.monaco-breadcrumbs', { hasText: 'gateway-ingress' }).first().waitFor();
    await shot('trafficmap-01-edge.png');

    // 3. the filter: the monitoring namespace alone (its workloads and their peers).
    await map.locator('#filter').fill('monitoring');
    await until(
      () => map.locator('g.node').evaluateAll((nodes) => nodes.map((node) => node.querySelector('title')?.textContent ?? '')),
      (titles) => titles.length > 0 && titles.every((title) => title.startsWith('monitoring/') || title.startsWith('any address')),
      'only the monitoring namespace and its peers on the map',
    );
    await shot('trafficmap-02-filter.png');
    await map.locator('#filter').fill('');
    await until(
      () => map.locator('g.node').count(),
      (count) => count >= 20,
      'every workload back on the map',
    );

    // 4. zoom in: the view shows less of the drawing; Fit shows all of it again.
    const viewWidth = async () => Number((await svg.getAttribute('viewBox')).split(' ')[2]);
    const fitted = await viewWidth();
    await map.locator('#zoom-in').click();
    await until(viewWidth, (width) => width < fitted * 0.9, 'zoomed in');
    await map.locator('#zoom-fit').click();
    await until(viewWidth, (width) => Math.abs(width - fitted) < fitted * 0.2, 'fitted again');

    // 5. the matrix view
    await map.locator('#show-matrix').click();
    const row = map.locator('.matrix tbody tr', { has: map.locator('th', { hasText: 'shop/checkout[Deployment]' }) });
    await row.locator('td.allowed', { hasText: 'TCP 8443' }).waitFor();
    await shot('trafficmap-03-matrix.png');
    log('UI traffic map PASS');
  },
  { timeoutMs: Number(process.env.E2E_UI_TIMEOUT_MS || 180_000), name: 'UI traffic map' },
);
