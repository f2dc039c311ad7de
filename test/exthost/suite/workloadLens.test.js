// The connectivity CodeLens on workloads inside a real VS Code extension host, on the fixture's
// namespace `bank` (test/e2e/fixture/traffic.yaml): all ingress into `bank` is denied except
// teller -> ledger and ledger -> audit, so ledger and audit are each reachable from one workload.
// Waits are on events (diagnostics published by the server), never fixed sleeps.

const assert = require('assert');
const vscode = require('vscode');
const { untilEvent } = require('./wait');

/** The workload lenses of a document, once the server has them: asks again after each diagnostics event. */
function workloadLenses(uri) {
  const ask = async () => {
    const lenses = (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri)) || [];
    return lenses.filter((lens) => lens.command && /^reachable from /.test(lens.command.title));
  };
  return untilEvent(vscode.languages.onDidChangeDiagnostics, ask, (lenses) => lenses.length >= 3, 'workload CodeLenses');
}

suite('kube-netpol workload CodeLens (extension host)', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('each workload says how many workloads reach it and how many it can reach', async () => {
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, 'traffic.yaml');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const lenses = await workloadLenses(uri);
    const titleOn = (name) => {
      const line = document.positionAt(document.getText().indexOf(`name: ${name}\n`)).line;
      const lens = lenses.find((l) => l.range.start.line === line);
      return lens && lens.command.title;
    };
    assert.match(titleOn('teller'), /^reachable from \d+ workloads? · can reach \d+$/);
    assert.match(titleOn('ledger'), /^reachable from 1 workload · can reach \d+$/);
    assert.match(titleOn('audit'), /^reachable from 1 workload · can reach \d+$/);
    const ledger = lenses.find((l) => l.command.title === titleOn('ledger'));
    assert.strictEqual(ledger.command.command, 'netpol.showLocations');
    const locations = ledger.command.arguments[2];
    assert.ok(
      locations.some((location) => String(location.uri).endsWith('/traffic.yaml')),
      'the workloads listed include teller, in traffic.yaml',
    );
  });
});
