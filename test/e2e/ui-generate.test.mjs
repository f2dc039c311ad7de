#!/usr/bin/env node
// UI test of "NetworkPolicy: Generate Policy…" in a REAL VS Code (code-server + Chromium, see
// ui.test.mjs and harness.mjs), from the command palette through every step of the wizard:
//
//   - the template QuickPick, then one InputBox per option with the step counter in the title
//   - a namespace typed wrong ("Shop") shows the server's validation message as it is typed,
//     and Enter is refused until it is fixed
//   - the Back button returns to the previous step with its answer kept
//   - the template step shows no step counter (its total is not known yet); placeholders fit
//   - the last step previews the YAML beside the file, then opens the result as a new untitled
//     YAML document (whose text is checked) and closes the preview
//   - screenshots: test-results/e2e/generate-*.png
//
// Env: as ui.test.mjs (E2E_INSTALL, CODE_SERVER_BIN, CHROMIUM_BIN, E2E_RESULTS_DIR, ...),
//      E2E_UI_TIMEOUT_MS (global timeout, default 180000).
// Exit code: 0 pass, 1 a check failed, 2 global timeout, 130 interrupted.
import { log, main, setLogTag } from './harness.mjs';
import { editorText, expectIncludes, openWorkbench, runCommand, until } from './workbench.mjs';

setLogTag('ui-generate');

const SEL = {
  quickInput: '.quick-input-widget',
  quickInputRow: '.quick-input-list .monaco-list-row',
  quickInputTitle: '.quick-input-title',
  quickInputMessage: '.quick-input-message',
  back: '.quick-input-titlebar .action-label.codicon-quick-input-back',
  activeEditor: '.editor-group-container.active .editor-instance .monaco-editor',
};

await main(
  async (state) => {
    const { page, shot } = await openWorkbench(state, {
      tag: 'generate',
      docsImages: { 'generate-02-last-step.png': 'generate-policy.png' },
      settings: { 'editor.minimap.enabled': false },
      viewport: { width: 1400, height: 900 },
      waitForFile: 'policies.yaml',
    });

    const widget = page.locator(SEL.quickInput);
    const title = () => widget.locator(SEL.quickInputTitle).innerText();
    /** Waits for the step whose title ends with `what` (and shows `n/total`), then answers it by typing. */
    const answer = async (what, text) => {
      await until(title, (t) => t.includes(what), `the step "${what}"`);
      await page.keyboard.press('Control+a');
      if (text) await page.keyboard.type(text);
      else await page.keyboard.press('Delete');
      await page.keyboard.press('Enter');
    };

    // 1. the palette command, then the template
    await runCommand(page, 'NetworkPolicy: Generate Policy');
    await until(title, (t) => t.startsWith('Generate Policy'), 'the template step');
    if (/\d\s*\/\s*\d/.test(await title())) throw new Error(`the template step shows a step counter: "${await title()}"`);
    await page.keyboard.type('Allow ingress from a namespace');
    await widget.locator(`${SEL.quickInputRow}.focused`, { hasText: 'Allow ingress from a namespace' }).waitFor();
    await page.keyboard.press('Enter');

    // 2. the namespace: a wrong value is refused with the API server's message
    await until(title, (t) => t.includes('Namespace') && /2\s*\/\s*8/.test(t), 'the namespace step (2/8)');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Shop');
    const message = widget.locator(SEL.quickInputMessage);
    await until(
      () => message.innerText(),
      (m) => m.includes('is not a valid namespace name'),
      'the validation message',
    );
    await shot('generate-01-validation.png');
    await page.keyboard.press('Enter');
    // Still on the namespace step: Enter was refused.
    await until(title, (t) => t.includes('Namespace') && !t.includes('Source'), 'staying on the namespace step');
    await answer('Namespace', 'shop');

    // 3. the source namespaces, then Back: the namespace step again, its answer kept
    await until(title, (t) => t.includes('Source namespaces'), 'the source namespaces step');
    await page.keyboard.type('monitoring');
    await widget.locator(SEL.back).click();
    await until(title, (t) => t.includes(': Namespace'), 'back on the namespace step');
    const kept = await widget.locator('input').inputValue();
    if (kept !== 'shop') throw new Error(`Back should keep the answer "shop", got "${kept}"`);
    await page.keyboard.press('Enter');

    // 4. the other options
    await answer('Source namespaces', 'monitoring');
    await answer('Source pod labels', '');
    await answer('Pod labels', 'app=web');
    await answer('Ports', '9090, 8000-8080');
    await answer('Policy name', '');

    // 5. the last step lists the policies; open them as a new document
    await until(title, (t) => t.includes('1 policy'), 'the last step');
    const newDocument = widget.locator(SEL.quickInputRow, { hasText: 'Open as a new document' });
    expectIncludes(await newDocument.innerText(), 'allow-from-monitoring in namespace shop', 'the last step');
    await shot('generate-02-last-step.png');
    const previewTab = page.locator('.tabs-container .tab', { hasText: 'allow-from-namespace.yaml' });
    await widget.locator(SEL.quickInputRow, { hasText: 'Preview the YAML' }).click();
    await previewTab.first().waitFor();
    await until(title, (t) => t.includes('1 policy'), 'the last step again after the preview');
    await widget.locator(SEL.quickInputRow, { hasText: 'Open as a new document' }).click();
    await widget.waitFor({ state: 'hidden' });
    await until(
      () => previewTab.count(),
      (n) => n === 0,
      'the preview closed once the result opened',
    );

    const editor = page.locator(SEL.activeEditor);
    const text = await until(
      () => editorText(editor),
      (t) => t.includes('port: 8000'),
      'the new document',
    );
    for (const line of [
      'kind: NetworkPolicy',
      '  name: allow-from-monitoring',
      '  namespace: shop',
      '      app: web',
      '          kubernetes.io/metadata.name: monitoring',
      '      port: 9090',
      '      endPort: 8080',
    ])
      expectIncludes(text, line, 'the generated policy');
    expectIncludes(await page.locator('.tab.active').innerText(), 'Untitled', 'a new untitled document');
    await shot('generate-03-document.png');
    log('UI generate PASS');
  },
  { timeoutMs: Number(process.env.E2E_UI_TIMEOUT_MS || 180_000), name: 'UI generate' },
);
