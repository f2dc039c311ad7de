// "NetworkPolicy: Generate Policy…" inside a real VS Code extension host, run with arguments
// (no UI): a new untitled YAML document, and policies appended to an open YAML buffer in its
// style. The generated text must get no netpol diagnostic at all. The documents are untitled
// buffers, so the fixture folder is not changed for the other suites.
// Waits are on events (onDidChangeDiagnostics), never fixed sleeps.

const assert = require('assert');
const vscode = require('vscode');
const { untilEvent } = require('./wait');

const EXTENSION_ID = 'kube-netpol.kube-netpol';
const WAIT_MS = 20000;

/**
 * The netpol diagnostics of `document` once the language status shows `text` for it: the
 * server's status notification follows a file's diagnostics, so only then is "none" meaningful.
 */
function diagnosticsOnceStatus(document, text) {
  const status = vscode.extensions.getExtension(EXTENSION_ID).exports.status;
  const result = () => vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'netpol');
  return untilEvent(
    (listener) => status.onDidChange(listener),
    () => status.text,
    (now) => now === text,
    `status "${text}"`,
    {
      timeoutMs: WAIT_MS,
      describe: () => `"${status.text}"`,
    },
  ).then(result);
}

suite('kube-netpol Generate Policy (extension host)', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID).activate();
  });

  teardown(async () => {
    const closing = vscode.window.activeTextEditor && vscode.window.activeTextEditor.document;
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    // The next untitled document may get the same name (Untitled-1): until the extension host
    // has dropped this one, opening it can hand back this document, text and all.
    if (closing)
      await untilEvent(
        (listener) => vscode.workspace.onDidCloseTextDocument(listener),
        () => closing.isClosed,
        Boolean,
        `${closing.uri} closed`,
      );
  });

  test('with arguments it opens the policies as a new YAML document, clean of diagnostics', async () => {
    const outcome = await vscode.commands.executeCommand('netpol.generatePolicy', {
      template: 'three-tier',
      options: { namespace: 'store', name: 'store' },
      target: 'new',
    });
    assert.ok(outcome, 'the command returns what it produced');
    const document = vscode.window.activeTextEditor.document;
    assert.strictEqual(document.uri.toString(), outcome.uri);
    assert.strictEqual(document.languageId, 'yaml');
    assert.strictEqual(document.uri.scheme, 'untitled');
    const text = document.getText();
    for (const name of ['store-web', 'store-app', 'store-db']) assert.ok(text.includes(`  name: ${name}\n  namespace: store\n`), text);
    assert.deepStrictEqual(await diagnosticsOnceStatus(document, 'NetworkPolicy: 3 policies'), []);
  });

  test("with target 'append' it adds the policies after --- in the file's indentation", async () => {
    const original = 'apiVersion: v1\nkind: Namespace\nmetadata:\n    name: shop\n';
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: original });
    await vscode.window.showTextDocument(document);
    const outcome = await vscode.commands.executeCommand('netpol.generatePolicy', {
      template: 'default-deny-ingress',
      options: { namespace: 'shop' },
      target: 'append',
    });
    assert.ok(outcome);
    const text = document.getText();
    assert.ok(text.startsWith(`${original}---\n`), text);
    assert.ok(text.includes('metadata:\n    name: default-deny-ingress\n    namespace: shop\n'), text);
    assert.deepStrictEqual(await diagnosticsOnceStatus(document, 'NetworkPolicy: 1 policy'), []);
  });

  test('bad arguments and bad options are refused with a message, nothing is opened', async () => {
    const active = () => vscode.window.activeTextEditor && vscode.window.activeTextEditor.document.uri.toString();
    const before = active();
    assert.strictEqual(await vscode.commands.executeCommand('netpol.generatePolicy', 'three-tier'), undefined);
    assert.strictEqual(
      await vscode.commands.executeCommand('netpol.generatePolicy', { template: 'three-tier', target: 'side' }),
      undefined,
    );
    const bad = { template: 'default-deny-all', options: { namespace: 'Not A Namespace' }, target: 'new' };
    assert.strictEqual(await vscode.commands.executeCommand('netpol.generatePolicy', bad), undefined);
    assert.strictEqual(active(), before, 'no document was opened');
  });
});
