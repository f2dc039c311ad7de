// Check Connection and the traffic map inside a real VS Code extension host, on the fixture's
// namespace `bank` (test/e2e/fixture/traffic.yaml): teller -> ledger on the named port https
// (TCP 8443), ledger -> audit on TCP 9000, all other ingress into `bank` denied.
// Runs after extension.test.js (files load in name order): the server may already be running.
// Waits are on events (the map's onDidPost), never fixed sleeps.

const assert = require('assert');
const vscode = require('vscode');

const EXTENSION_ID = 'kube-netpol.kube-netpol';
const WAIT_MS = 20000;

const teller = { namespace: 'bank', kind: 'Deployment', name: 'teller' };
const ledger = { namespace: 'bank', kind: 'Deployment', name: 'ledger' };
const audit = { namespace: 'bank', kind: 'StatefulSet', name: 'audit' };

/** Resolves with the first message the map posts that satisfies `predicate`; rejects after WAIT_MS. */
function waitForPost(trafficMap, predicate, what) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`));
    }, WAIT_MS);
    const listener = trafficMap.onDidPost((message) => {
      if (!predicate(message)) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(message);
    });
  });
}

/** 1-based line of the first occurrence of `needle` after `after` in the document text. */
function lineOf(document, needle, after = '') {
  const text = document.getText();
  return document.positionAt(text.indexOf(needle, text.indexOf(after))).line + 1;
}

suite('kube-netpol connectivity (extension host)', () => {
  let api;
  let trafficUri;

  suiteSetup(async () => {
    const folder = vscode.workspace.workspaceFolders[0];
    trafficUri = vscode.Uri.joinPath(folder.uri, 'traffic.yaml');
    api = await vscode.extensions.getExtension(EXTENSION_ID).activate();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Check Connection with arguments answers without asking, and reports the deciding rule with a link to its line', async () => {
    const document = await vscode.workspace.openTextDocument(trafficUri);
    const result = await vscode.commands.executeCommand('netpol.checkConnection', {
      from: 'bank/Deployment/teller',
      to: ledger,
      port: 8443,
    });
    assert.ok(result, 'the command returns the QueryResult');
    assert.strictEqual(result.allowed, true);
    assert.strictEqual(result.egress.allowed, true);
    assert.strictEqual(result.egress.isolated, false, 'no policy selects teller for egress');
    assert.strictEqual(result.ingress.isolated, true);
    const allowing = result.ingress.policies.find((policy) => policy.rules.length > 0);
    assert.strictEqual(allowing && allowing.name, 'ledger-from-teller');
    const report = api.checkConnection.report;
    assert.ok(report, 'a report was shown');
    assert.match(report, /<h2>bank\/teller\[Deployment\] → bank\/ledger\[Deployment\]<\/h2>/);
    assert.match(report, /<strong>Allowed<\/strong> on TCP 8443/);
    // The rule's link runs netpol.openLocation on a location in traffic.yaml, inside the policy ledger-from-teller.
    const locations = [...report.matchAll(/href="command:netpol\.openLocation\?([^"]+)"/g)].map(
      (match) => JSON.parse(decodeURIComponent(match[1].replace(/&#39;/g, "'")))[0],
    );
    const policyLine = lineOf(document, 'name: ledger-from-teller');
    const nextPolicy = lineOf(document, 'name: audit-from-ledger');
    const rule = locations.find(
      (location) =>
        location.uri === trafficUri.toString() && location.range.start.line + 1 > policyLine && location.range.start.line + 1 < nextPolicy,
    );
    assert.ok(rule, `a link into ledger-from-teller (lines ${policyLine}-${nextPolicy}): ${JSON.stringify(locations)}`);
    // What the link runs: traffic.yaml opens with the rule selected.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('netpol.openLocation', rule);
    const editor = vscode.window.activeTextEditor;
    assert.strictEqual(editor && editor.document.uri.toString(), trafficUri.toString());
    assert.strictEqual(editor.selection.active.line, rule.range.start.line, 'the cursor at the start of the rule');
    assert.strictEqual(editor.selection.end.line, rule.range.end.line, 'the rule selected');
  });

  test('the named port resolves on the destination; other ports and pairs are denied', async () => {
    const named = await vscode.commands.executeCommand('netpol.checkConnection', { from: teller, to: ledger, port: 'https' });
    assert.strictEqual(named.allowed, true);
    const wrongPort = await vscode.commands.executeCommand('netpol.checkConnection', { from: teller, to: ledger, port: 9000 });
    assert.strictEqual(wrongPort.allowed, false);
    assert.strictEqual(wrongPort.ingress.allowed, false);
    assert.match(api.checkConnection.report, /<strong>Denied<\/strong> on TCP 9000: the ingress of the destination denies it\./);
    const udp = await vscode.commands.executeCommand('netpol.checkConnection', { from: teller, to: ledger, port: 8443, protocol: 'UDP' });
    assert.strictEqual(udp.allowed, false);
    const skipping = await vscode.commands.executeCommand('netpol.checkConnection', { from: teller, to: audit, port: 9000 });
    assert.strictEqual(skipping.allowed, false, 'teller may not reach audit: only ledger may');
  });

  test('a bad argument is refused with a message, not thrown', async () => {
    assert.strictEqual(await vscode.commands.executeCommand('netpol.checkConnection', { from: teller, to: ledger, port: 0 }), undefined);
    assert.strictEqual(await vscode.commands.executeCommand('netpol.checkConnection', { from: 'teller', to: ledger, port: 80 }), undefined);
  });

  test('the traffic map shows the allowed connections and follows an unsaved edit', async () => {
    const firstView = waitForPost(api.trafficMap, (message) => message.type === 'view', 'the first view of the map');
    await vscode.commands.executeCommand('netpol.showTrafficMap');
    const view = await firstView;
    assert.match(view.summary, /\b2 namespaces\b/);
    const labels = (message) => message.graph.edges.map((edge) => edge.label);
    assert.ok(view.graph.groups.some((group) => group.title === 'bank'));
    assert.ok(labels(view).includes('TCP 8443'));
    assert.ok(labels(view).includes('TCP 9000'));
    assert.match(view.matrix, /<table class="matrix">/);
    const connections = api.trafficMap.current.connections;
    const tellerToLedger = connections.find((c) => c.from.name === 'teller' && c.to.name === 'ledger');
    assert.deepStrictEqual(tellerToLedger && tellerToLedger.ports, [{ protocol: 'TCP', port: 8443 }]);

    // Change the audit port in the buffer (not saved): the map is recomputed.
    const document = await vscode.workspace.openTextDocument(trafficUri);
    await vscode.window.showTextDocument(document);
    const text = document.getText();
    const at = text.lastIndexOf('port: 9000');
    const updated = waitForPost(
      api.trafficMap,
      (message) => message.type === 'view' && labels(message).includes('TCP 9001'),
      'TCP 9001 on the map',
    );
    const edit = new vscode.WorkspaceEdit();
    edit.replace(
      trafficUri,
      new vscode.Range(document.positionAt(at + 'port: '.length), document.positionAt(at + 'port: 9000'.length)),
      '9001',
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    const after = await updated;
    assert.ok(!labels(after).includes('TCP 9000'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
