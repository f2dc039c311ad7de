#!/usr/bin/env node
// Renders images/icon.svg to images/icon.png (128×128, transparent background), the
// Marketplace icon. Run it after editing the SVG: `node scripts/render-icon.mjs`.
// It uses the Chromium of the real-editor tests (CHROMIUM_BIN, default /usr/bin/chromium,
// see test/e2e/install-code-server.sh) through playwright-core, so it needs no new dependency.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SVG = path.join(ROOT, 'images/icon.svg');
const PNG = path.join(ROOT, 'images/icon.png');
const SIZE = 128;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium' });
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  const svg = fs.readFileSync(SVG, 'utf8');
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: PNG, omitBackground: true });
  console.log(`wrote ${path.relative(ROOT, PNG)}`);
} finally {
  await browser.close();
}
