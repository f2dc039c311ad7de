// Helpers that drive the VS Code workbench in the UI tests (ui*.test.mjs): reading an editor,
// waiting on the DOM, running a palette command. The other UI tests still carry their own
// copies of some of these; new tests import them from here.
import { sleep } from './harness.mjs';

export const STEP_TIMEOUT_MS = 30_000;

const SEL = {
  quickInput: '.quick-input-widget',
  quickInputRow: '.quick-input-list .monaco-list-row',
};

export function expectIncludes(actual, expected, what) {
  if (!actual.includes(expected))
    throw new Error(`${what}: expected to contain ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** Rendered text of an editor in line order: rows are positioned by style.top, spaces are U+00A0; only visible lines. */
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

/** Runs a command by its palette title: F1 (until the palette shows), type, Enter on the row showing it. */
export async function runCommand(page, title) {
  const widget = page.locator(SEL.quickInput);
  for (let i = 0; i < 5 && !(await widget.isVisible()); i++) {
    await page.keyboard.press('F1');
    await widget.waitFor({ state: 'visible', timeout: 3000 }).catch(() => undefined);
  }
  await page.keyboard.type(title);
  await widget.locator(`${SEL.quickInputRow}.focused`, { hasText: title }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}
