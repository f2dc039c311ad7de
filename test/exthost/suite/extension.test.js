// kube-netpol inside a real VS Code extension host, with the real `vscode` API.
// Runs in code-server (npm run test:e2e) and in Electron VS Code (npm run test:electron).
// The workspace is a temporary copy of test/e2e/fixture/ (policies.yaml, deployment.yaml).
//
// The tests run in order and share state (one extension, one language server), like a
// user session: a YAML file without a policy (server not started) → policies.yaml (server
// starts, one error) → deployment.yaml with the server running → fix by an edit → restart.
//
// Waits are on events (onDidChangeDiagnostics, the status item's onDidChange) with a
// timeout. Nothing sleeps a fixed time.

const assert = require('assert');
const vscode = require('vscode');
const { untilEvent } = require('./wait');
const path = require('path');

const EXTENSION_ID = 'kube-netpol.kube-netpol';
const WAIT_MS = 20000;
const MESSAGE = 'Unsupported value: "tcp": supported values: "TCP", "UDP", "SCTP". Protocols are case-sensitive: write "TCP"';

/** Diagnostics of our extension only (other extensions may report on YAML too). */
const netpolDiagnostics = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'netpol');

/** `code` is `{ value, target }` when the server sends a codeDescription (a docs link). */
const codeOf = (d) => (typeof d.code === 'object' && d.code !== null ? d.code.value : d.code);

const describeDiagnostics = (uri) =>
  JSON.stringify(netpolDiagnostics(uri).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${d.message}`));

/**
 * Resolves with netpol's diagnostics of `uri` once `predicate(diagnostics)` holds: checked
 * now and on every onDidChangeDiagnostics for `uri`; rejects after `timeoutMs`.
 */
function waitForDiagnostics(uri, predicate, what, timeoutMs = WAIT_MS) {
  return untilEvent(vscode.languages.onDidChangeDiagnostics, () => netpolDiagnostics(uri), predicate, what, {
    timeoutMs,
    describe: () => `diagnostics ${describeDiagnostics(uri)}`,
  });
}

/** Resolves once the extension's status item shows `text` (checked now and on each change). */
function waitForStatusText(status, text, timeoutMs = WAIT_MS) {
  return untilEvent(
    (listener) => status.onDidChange(listener),
    () => status.text,
    (now) => now === text,
    `status "${text}"`,
    {
      timeoutMs,
      describe: () => `"${status.text}"`,
    },
  );
}

async function show(uri) {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

suite('kube-netpol (extension host)', () => {
  let folder;
  let policiesUri;
  let deploymentUri;
  let api; // what activate() returns: the NetpolExtension object

  const waitForStatus = (text) => waitForStatusText(api.status, text);

  suiteSetup(() => {
    folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
    assert.ok(folder, 'the fixture workspace folder is open');
    policiesUri = vscode.Uri.joinPath(folder.uri, 'policies.yaml');
    deploymentUri = vscode.Uri.joinPath(folder.uri, 'deployment.yaml');
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `${EXTENSION_ID} is loaded`);
  });

  suiteTeardown(async () => {
    // Leave no dirty editor behind: a desktop VS Code could ask whether to save on exit.
    if (vscode.workspace.textDocuments.some((d) => d.isDirty)) {
      await show(policiesUri);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a YAML file without a NetworkPolicy activates the extension but does not start the server', async () => {
    const document = await show(deploymentUri);
    assert.strictEqual(document.languageId, 'yaml');
    api = await vscode.extensions.getExtension(EXTENSION_ID).activate(); // already active via onLanguage:yaml
    assert.ok(api && api.status, 'activate() returns the extension object');
    assert.strictEqual(api.languageClient, undefined, 'the language server starts lazily');
    assert.strictEqual(api.status.text, 'NetworkPolicy: idle');
    assert.deepStrictEqual(netpolDiagnostics(deploymentUri), []);
  });

  test('policies.yaml gets one port-protocol error on `tcp`', async () => {
    const document = await show(policiesUri);
    const [diagnostic, ...rest] = await waitForDiagnostics(policiesUri, (ds) => ds.length > 0, 'a netpol diagnostic on policies.yaml');
    assert.deepStrictEqual(rest, [], `exactly one diagnostic: ${describeDiagnostics(policiesUri)}`);
    assert.strictEqual(diagnostic.source, 'netpol');
    assert.strictEqual(codeOf(diagnostic), 'port-protocol');
    assert.match(String(diagnostic.code.target), /\/docs\/rules\/port-protocol\.md$/, 'the code links to the rule docs');
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(diagnostic.message, MESSAGE);
    // vscode.Diagnostic does not expose the LSP `data` (path spec.ingress[0].ports[0].protocol):
    // the range pins it instead — line 41 of the file, exactly the value `tcp`.
    assert.deepStrictEqual(
      [diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.line, diagnostic.range.end.character],
      [40, 20, 40, 23],
    );
    assert.strictEqual(document.getText(diagnostic.range), 'tcp');
    assert.strictEqual(document.lineAt(40).text, '        - protocol: tcp');
    assert.ok(api.languageClient && api.languageClient.isRunning(), 'the server was started by a YAML file mentioning NetworkPolicy');
  });

  test('the language status counts the policies of the active file', async () => {
    await show(policiesUri);
    await waitForStatus('NetworkPolicy: 1 policy');
  });

  test('deployment.yaml (no NetworkPolicy) gets no netpol diagnostics while the server runs', async () => {
    await show(deploymentUri);
    // The server has analysed the file once it reports 0 policies for it (its status
    // notification follows the file's diagnostics); only then is "no diagnostics" meaningful.
    await waitForStatus('NetworkPolicy: 0 policies');
    assert.deepStrictEqual(netpolDiagnostics(deploymentUri), [], `no netpol diagnostics: ${describeDiagnostics(deploymentUri)}`);
  });

  test('an edit that fixes the error clears the diagnostic (unsaved buffer)', async () => {
    const document = await show(policiesUri);
    const [diagnostic] = await waitForDiagnostics(policiesUri, (ds) => ds.length === 1, 'the port-protocol error');
    const cleared = waitForDiagnostics(policiesUri, (ds) => ds.length === 0, 'the diagnostic to disappear after the fix');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(policiesUri, diagnostic.range, 'TCP');
    assert.ok(await vscode.workspace.applyEdit(edit), 'the edit applies');
    await cleared;
    assert.strictEqual(document.lineAt(40).text, '        - protocol: TCP');
    assert.ok(document.isDirty, 'not saved: the server checks the live buffer');
    await waitForStatus('NetworkPolicy: 1 policy');
  });

  test('go to definition on a selector jumps to the workloads it selects, in this file and others', async () => {
    const document = await show(policiesUri);
    const text = document.getText();
    const at = (needle, from = 0) => document.positionAt(text.indexOf(needle, text.indexOf(needle, from)) + 1);
    // The policy's own podSelector (app: web) -> the Deployment `web` above it.
    const subject = await vscode.commands.executeCommand(
      'vscode.executeDefinitionProvider',
      policiesUri,
      at('podSelector', text.indexOf('kind: NetworkPolicy')),
    );
    assert.deepStrictEqual(
      subject.map((l) => [path.basename((l.targetUri ?? l.uri).fsPath), (l.targetRange ?? l.range).start.line]),
      [['policies.yaml', text.slice(0, text.indexOf('labels:')).split('\n').length - 1]],
    );
    // The peer (role: frontend) -> the Deployment `frontend` of deployment.yaml.
    const peer = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', policiesUri, at('role: frontend'));
    assert.deepStrictEqual(
      peer.map((l) => path.basename((l.targetUri ?? l.uri).fsPath)),
      ['deployment.yaml'],
    );
  });

  test('hovers on podSelector and on a peer explain what they select', async () => {
    const document = await show(policiesUri);
    const text = document.getText();
    const hoverText = async (offset) => {
      const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', policiesUri, document.positionAt(offset));
      return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    };
    const subject = await hoverText(text.indexOf('podSelector', text.indexOf('kind: NetworkPolicy')) + 1);
    assert.match(subject, /Applies to pods with label `app` = `web` in namespace `shop`\./);
    assert.match(subject, /\*\*Selects 1 workload\*\* in namespace `shop`/);
    const peer = await hoverText(text.indexOf('role: frontend') + 1);
    assert.match(peer, /Allows traffic from pods with label `role` = `frontend` in this policy's namespace `shop`/);
    assert.match(peer, /Deployment frontend/);
  });

  test('Describe Policy opens the report of the policy under the cursor', async () => {
    const document = await show(policiesUri);
    const position = document.positionAt(document.getText().indexOf('web-allow-frontend'));
    await vscode.commands.executeCommand('netpol.describePolicy', policiesUri.toString(), {
      line: position.line,
      character: position.character,
    });
    const report = api.describe.contentOf(vscode.Uri.from({ scheme: 'netpol-describe', path: '/shop/web-allow-frontend.md' }));
    assert.ok(report, 'a report was produced');
    assert.match(report, /^# NetworkPolicy `web-allow-frontend`/);
    assert.match(report, /## Explain table/);
  });

  test('netpol.restartServer restarts the server and the diagnostics come back', async () => {
    const document = await show(policiesUri);
    // Break the file again so that there is something to come back.
    const broken = waitForDiagnostics(policiesUri, (ds) => ds.length === 1, 'the error after undoing the fix');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(policiesUri, new vscode.Range(40, 20, 40, 23), 'tcp');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await broken;
    assert.strictEqual(document.getText(new vscode.Range(40, 20, 40, 23)), 'tcp');

    // Stopping the old client clears its diagnostics, the new one publishes them again:
    // listen before the command and wait for "cleared, then one error".
    const cameBack = new Promise((resolve, reject) => {
      let cleared = false;
      const timer = setTimeout(() => {
        listener.dispose();
        reject(new Error(`timed out after ${WAIT_MS} ms waiting for the diagnostics to be cleared and come back`));
      }, WAIT_MS);
      const listener = vscode.languages.onDidChangeDiagnostics((e) => {
        if (!e.uris.some((u) => u.toString() === policiesUri.toString())) return;
        const count = netpolDiagnostics(policiesUri).length;
        if (count === 0) cleared = true;
        else if (cleared) {
          listener.dispose();
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const oldClient = api.languageClient;
    await vscode.commands.executeCommand('netpol.restartServer');
    assert.ok(api.languageClient, 'a language client after the restart');
    assert.notStrictEqual(api.languageClient, oldClient, 'a new language client');
    assert.ok(api.languageClient.isRunning(), 'the new client is running');
    await cameBack;
    const [diagnostic] = await waitForDiagnostics(policiesUri, (ds) => ds.length === 1, 'the error after the restart');
    assert.strictEqual(codeOf(diagnostic), 'port-protocol');
    await waitForStatus('NetworkPolicy: 1 policy');
  });

  // Registered only on request, to prove that the runners report a failing suite.
  if (process.env.NETPOL_E2E_FAIL === '1') {
    test('deliberate failure (NETPOL_E2E_FAIL=1)', () => assert.fail('NETPOL_E2E_FAIL=1 was set'));
  }
});
