// Semantic tokens from the language server inside a real VS Code extension host, on the
// fixture's multi-document file (test/e2e/fixture/policies.yaml): the Deployment gets none, the
// NetworkPolicy gets its kind, namespace and labels. Waits are on events (diagnostics published
// by the server), never fixed sleeps.

const assert = require('assert');
const vscode = require('vscode');
const { untilEvent } = require('./wait');

/** The document's tokens as `text type` strings, once the server gives some: asks again after each diagnostics event. */
function decodedTokens(document) {
  const ask = async () => {
    const legend = await vscode.commands.executeCommand('vscode.provideDocumentSemanticTokensLegend', document.uri);
    const tokens = await vscode.commands.executeCommand('vscode.provideDocumentSemanticTokens', document.uri);
    if (!legend || !tokens || tokens.data.length === 0) return undefined;
    const out = [];
    let line = 0;
    let character = 0;
    for (let i = 0; i + 5 <= tokens.data.length; i += 5) {
      const [deltaLine, deltaCharacter, length, type] = tokens.data.slice(i, i + 4);
      character = deltaLine === 0 ? character + deltaCharacter : deltaCharacter;
      line += deltaLine;
      const range = new vscode.Range(line, character, line, character + length);
      out.push({ text: document.getText(range), type: legend.tokenTypes[type], line });
    }
    return out;
  };
  return untilEvent(vscode.languages.onDidChangeDiagnostics, ask, (tokens) => tokens !== undefined, 'semantic tokens');
}

suite('kube-netpol semantic tokens (extension host)', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the NetworkPolicy of a multi-document file gets tokens, the Deployment none', async () => {
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, 'policies.yaml');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const tokens = await decodedTokens(document);
    const separator = document.positionAt(document.getText().indexOf('\n---\n') + 1).line;
    assert.ok(
      tokens.every((token) => token.line > separator),
      `tokens before the policy: ${JSON.stringify(tokens)}`,
    );
    const seen = tokens.map((token) => `${token.text} ${token.type}`);
    for (const expected of ['NetworkPolicy type', 'shop namespace']) assert.ok(seen.includes(expected), `${expected} in ${seen}`);
    assert.ok(
      tokens.some((token) => token.type === 'property'),
      `a label key in ${seen}`,
    );
  });
});
