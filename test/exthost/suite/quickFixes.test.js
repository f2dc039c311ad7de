// Quick fixes inside a real VS Code extension host: "Fix all" run by VS Code's own save
// participant (`editor.codeActionsOnSave` with `source.fixAll.netpol`) on a file of the
// workspace, and the "Show documentation" command: the rule's page from the extension in the
// Markdown preview, and nothing for anything but a rule's docs link.
// The file is created for the test and deleted after it, so the other suites see the fixture
// as it was. Waits are on events (onDidChangeDiagnostics), never fixed sleeps.

const assert = require('assert');
const vscode = require('vscode');
const { untilEvent } = require('./wait');

const EXTENSION_ID = 'kube-netpol.kube-netpol';
const FILE = 'fix-on-save.yaml';
const BROKEN = [
  'apiVersion: networking.k8s.io/v1',
  'kind: NetworkPolicy',
  'metadata:',
  '  name: fix-on-save',
  '  namespace: shop',
  'spec:',
  '  podSelector: {}',
  '  policyTypes: [ingress] # lower case',
  '  ingress:',
  '  - ports:',
  '    - {protocol: tcp, port: 8080}',
  '',
].join('\n');

/** Resolves when netpol has published diagnostics for `uri` that include `code`. */
function reported(uri, code) {
  const has = () => vscode.languages.getDiagnostics(uri).some((d) => d.source === 'netpol' && (d.code.value ?? d.code) === code);
  if (has()) return Promise.resolve();
  return new Promise((resolve) => {
    const listener = vscode.languages.onDidChangeDiagnostics(() => {
      if (!has()) return;
      listener.dispose();
      resolve();
    });
  });
}

suite('kube-netpol quick fixes (extension host)', () => {
  let uri;

  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID).activate();
    uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, FILE);
  });

  teardown(async () => {
    await vscode.workspace
      .getConfiguration('editor', { languageId: 'yaml' })
      .update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Global, true);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  test('saving with codeActionsOnSave source.fixAll.netpol fixes the errors, and only them', async () => {
    await vscode.workspace.fs.writeFile(uri, Buffer.from(BROKEN));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await reported(uri, 'port-protocol');
    await vscode.workspace
      .getConfiguration('editor', { languageId: 'yaml' })
      .update('codeActionsOnSave', { 'source.fixAll.netpol': 'explicit' }, vscode.ConfigurationTarget.Global, true);
    // A save runs the participants only for a changed document: add a comment line at the end.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, document.positionAt(BROKEN.length), '# edited\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await document.save(), 'saved');
    const expected = `${BROKEN.replace('[ingress]', '[Ingress]').replace('protocol: tcp', 'protocol: TCP')}# edited\n`;
    assert.strictEqual(document.getText(), expected);
    assert.strictEqual(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString(), expected);
  });

  test('"Show documentation" opens nothing but a rule docs link', async () => {
    for (const argument of [undefined, 'port-protocol', { ruleId: 'port-protocol' }, { ruleId: 'x', url: 'file:///etc/passwd' }]) {
      assert.strictEqual(await vscode.commands.executeCommand('netpol.showRuleDocs', argument), false, JSON.stringify(argument));
    }
  });

  test('"Show documentation" opens the rule’s page shipped with the extension in the Markdown preview, beside the file', async () => {
    const previewTab = () =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .find((tab) => tab.input instanceof vscode.TabInputWebview && /port-protocol/.test(tab.label));
    const args = { ruleId: 'port-protocol', url: 'https://example.invalid/docs/rules/port-protocol.md' };
    assert.strictEqual(await vscode.commands.executeCommand('netpol.showRuleDocs', args), true);
    const tab = await untilEvent(vscode.window.tabGroups.onDidChangeTabs, previewTab, Boolean, 'the preview of port-protocol.md');
    assert.match(tab.label, /Preview port-protocol\.md/);
    await vscode.window.tabGroups.close(tab);
  });
});
