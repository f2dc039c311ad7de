// Insertion quick fixes and refactorings inside a real VS Code extension host: a quick fix
// offered for a lint and applied through the real WorkspaceEdit machinery, and the
// "Allow traffic from workload…" command run with a workload argument (no picker) against
// the fixture's Deployment `web` in namespace `shop` (test/e2e/fixture/policies.yaml), from a
// policy of another namespace.
// The documents are untitled YAML buffers, so the fixture folder is not changed for the other suites.
// Waits are on events (onDidChangeDiagnostics), never fixed sleeps.

const assert = require('assert');
const vscode = require('vscode');
const { untilEvent } = require('./wait');

const EXTENSION_ID = 'kube-netpol.kube-netpol';

const codeOf = (d) => (typeof d.code === 'object' && d.code !== null ? d.code.value : d.code);
const netpolCodes = (uri) =>
  vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'netpol')
    .map(codeOf);

/** Resolves once netpol's diagnostic codes of `uri` satisfy `predicate` (checked now and on each change). */
function waitForCodes(uri, predicate, what) {
  return untilEvent(vscode.languages.onDidChangeDiagnostics, () => netpolCodes(uri), predicate, what, {
    describe: () => `codes ${JSON.stringify(netpolCodes(uri))}`,
  });
}

const POLICY = [
  'apiVersion: networking.k8s.io/v1',
  'kind: NetworkPolicy',
  'metadata:',
  '  name: web-egress',
  // A namespace of its own: no policy of another suite (say a generated DNS policy) covers it.
  '  namespace: insert-actions',
  'spec:',
  '  podSelector:',
  '    matchLabels:',
  '      app: web',
  '  policyTypes: [Egress]',
  '  egress:',
  '    - ports:',
  '        - port: 443',
  '',
].join('\n');

async function openPolicy(content = POLICY) {
  const document = await vscode.workspace.openTextDocument({ language: 'yaml', content });
  await vscode.window.showTextDocument(document);
  return document;
}

suite('kube-netpol insertion code actions (extension host)', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID).activate();
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('the dns-egress-blocked quick fix adds a DNS rule and the warning goes away', async () => {
    const document = await openPolicy();
    await waitForCodes(document.uri, (codes) => codes.includes('dns-egress-blocked'), 'dns-egress-blocked');
    const at = document.positionAt(document.getText().indexOf('egress:'));
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, new vscode.Range(at, at));
    const fix = actions.find((a) => a.title.startsWith('Allow DNS egress to k8s-app=kube-dns in kube-system'));
    assert.ok(fix, `quick fix offered; got ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.strictEqual(fix.kind.value, 'quickfix');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const text = document.getText();
    assert.ok(text.startsWith(POLICY), 'the text before the insertion is unchanged');
    assert.ok(text.includes('kubernetes.io/metadata.name: kube-system'), text);
    await waitForCodes(document.uri, (codes) => !codes.includes('dns-egress-blocked'), 'dns-egress-blocked to go away');
  });

  test('"Allow traffic from workload…" with a workload argument writes the peer', async () => {
    // The server reads the document as opened (didOpen goes before the command's request).
    const document = await openPolicy(POLICY.replace('name: web-egress', 'name: web-from-web'));
    const position = document.positionAt(document.getText().indexOf('app: web'));
    const applied = await vscode.commands.executeCommand('netpol.allowWorkload', document.uri.toString(), position, 'ingress', {
      namespace: 'shop',
      kind: 'Deployment',
      name: 'web',
    });
    assert.strictEqual(applied, true);
    const text = document.getText();
    // `web` is in namespace shop: its namespace and its pods, in one peer.
    const peer = [
      '  ingress:',
      '    - from:',
      '        - namespaceSelector:',
      '            matchLabels:',
      '              kubernetes.io/metadata.name: shop',
      '          podSelector:',
      '            matchLabels:',
      '              app: web',
      '',
    ].join('\n');
    assert.ok(text.includes(peer), text);
    assert.ok(text.includes('  policyTypes: [Egress, Ingress]\n'), text);
  });
});
