// `.netpol.yaml` in a real VS Code: written beside the fixture, it turns the error of
// policies.yaml (`protocol: tcp`, rule port-protocol) off, and the squiggle's diagnostic goes;
// deleted, it comes back. The server hears of the file through the editor's file watcher.

const assert = require('assert');
const vscode = require('vscode');
const { untilEvent } = require('./wait');

const RULE = 'port-protocol';

suite('kube-netpol .netpol.yaml (extension host)', () => {
  const folder = () => vscode.workspace.workspaceFolders[0].uri;
  const config = () => vscode.Uri.joinPath(folder(), '.netpol.yaml');
  const policies = () => vscode.Uri.joinPath(folder(), 'policies.yaml');
  const ruleDiagnostics = () => vscode.languages.getDiagnostics(policies()).filter((d) => d.source === 'netpol' && ruleOf(d) === RULE);
  const ruleOf = (diagnostic) => (typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code);
  const until = (ok, what) =>
    untilEvent(vscode.languages.onDidChangeDiagnostics, ruleDiagnostics, ok, what, {
      describe: () => JSON.stringify(vscode.languages.getDiagnostics(policies()).map((d) => [ruleOf(d), d.severity])),
    });

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(config()).then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('turns a rule off: its diagnostic goes, and comes back when the file is deleted', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(policies()));
    const [error] = await until((found) => found.length === 1, `the ${RULE} error`);
    assert.strictEqual(error.severity, vscode.DiagnosticSeverity.Error);

    await vscode.workspace.fs.writeFile(config(), Buffer.from(`# the team's decisions\nrules:\n  ${RULE}: off\n`));
    await until((found) => found.length === 0, `no ${RULE} diagnostic once .netpol.yaml turns it off`);

    await vscode.workspace.fs.writeFile(config(), Buffer.from(`rules:\n  ${RULE}: warning\n`));
    const [warning] = await until(
      (found) => found.length === 1 && found[0].severity === vscode.DiagnosticSeverity.Warning,
      `a ${RULE} warning`,
    );
    assert.ok(warning);

    await vscode.workspace.fs.delete(config());
    await until((found) => found.length === 1 && found[0].severity === vscode.DiagnosticSeverity.Error, `the ${RULE} error again`);
  });
});
