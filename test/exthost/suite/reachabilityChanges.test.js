// The Reachability Changes view in a real VS Code: the fixture made a git repository (by the
// test, with the git binary; the server reads it without running anything), traffic.yaml edited
// without saving so that teller may reach audit: the view lists the connection opened, with the
// policy rule behind it, and CodeLenses above the rule and the policy count what they open and
// close; the edit undone, the view has no change into that namespace and the lenses are gone.

const assert = require('assert');
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const { untilEvent } = require('./wait');

const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

suite('kube-netpol Reachability Changes view (extension host)', () => {
  const folder = () => vscode.workspace.workspaceFolders[0].uri.fsPath;
  const git = (...args) => execFileSync('git', args, { cwd: folder(), env: GIT_ENV, encoding: 'utf8' });
  let view;

  suiteSetup(async () => {
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'fixture');
    const extension = vscode.extensions.getExtension('kube-netpol.kube-netpol');
    view = (await extension.activate()).reachabilityChanges;
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(path.join(folder(), '.git'), { recursive: true, force: true });
  });

  /** The view's result once `ok` accepts it: read now and after each of the view's refreshes. */
  const shown = (ok, what) =>
    untilEvent(
      view.onDidRefresh,
      () => view.current,
      (result) => Boolean(result) && ok(result),
      what,
      {
        describe: () => JSON.stringify(view.current),
      },
    );
  const endName = (end) => end.name ?? end.cidr;
  /**
   * The changes into namespace `bank` (traffic.yaml's): the suites before this one may leave
   * documents of their own open, which the view compares too.
   */
  const intoBank = (result) =>
    result.changes
      .filter((change) => change.to.namespace === 'bank')
      .map((change) => `${change.kind} ${endName(change.from)} -> ${endName(change.to)}`);
  /** The reachability CodeLenses of a document: [line, title]. */
  const reachabilityLenses = async (uri) =>
    ((await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri)) || [])
      .filter((lens) => lens.command && / vs HEAD$/.test(lens.command.title))
      .map((lens) => [lens.range.start.line, lens.command.title]);

  test('lists the connections an unsaved edit opens and closes, with the rule behind them; undoing it empties the view', async () => {
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, 'traffic.yaml');
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('netpol.reachabilityChanges.focus');
    void view.refresh();
    await shown((result) => !result.error && intoBank(result).length === 0, 'no change into bank against HEAD');

    // audit-from-ledger's rule admits teller instead of ledger.
    const text = document.getText();
    const at = text.indexOf('tier: ledger', text.indexOf('name: audit-from-ledger'));
    const range = new vscode.Range(document.positionAt(at), document.positionAt(at + 'tier: ledger'.length));
    assert.ok(await editor.edit((edit) => edit.replace(range, 'tier: teller')));

    const edited = await shown((result) => intoBank(result).length === 2, 'the opened and the closed connection');
    assert.deepStrictEqual(intoBank(edited).sort(), ['closed ledger -> audit', 'opened teller -> audit']);
    const opened = edited.changes.find((change) => change.kind === 'opened');
    assert.deepStrictEqual(opened.after, [{ protocol: 'TCP', port: 9000 }]);
    assert.deepStrictEqual(
      opened.causes.map((cause) => [cause.policy.name, cause.rule]),
      [['audit-from-ledger', 'spec.ingress[0]']],
    );
    assert.ok(opened.causes[0].location.uri.endsWith('/traffic.yaml'), 'the rule opens in traffic.yaml');
    const rule = opened.causes[0].location.range.start.line;
    const lenses = await reachabilityLenses(uri);
    assert.deepStrictEqual(
      lenses.find(([line]) => line === rule),
      [rule, 'opens 1 connection vs HEAD'],
    );
    assert.deepStrictEqual(lenses.map(([, title]) => title).sort(), ['closes 1 connection vs HEAD', 'opens 1 connection vs HEAD']);

    assert.ok(
      await editor.edit((edit) =>
        edit.replace(new vscode.Range(document.positionAt(at), document.positionAt(at + 'tier: teller'.length)), 'tier: ledger'),
      ),
    );
    await shown((result) => intoBank(result).length === 0, 'no change into bank once the edit is undone');
    assert.deepStrictEqual(await reachabilityLenses(uri), []);
    assert.strictEqual(document.getText(), text);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
