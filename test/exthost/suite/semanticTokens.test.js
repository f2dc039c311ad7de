// Semantic tokens from the language server inside a real VS Code extension host, on the
// fixture's multi-document file (test/e2e/fixture/policies.yaml): the Deployment gets none, the
// NetworkPolicy gets its kind, namespace and labels. Waits are on events (diagnostics published
// by the server), never fixed sleeps.

const assert = require('assert');
const vscode = require('vscode');

const WAIT_MS = 20000;

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
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (error, value) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      listener.dispose();
      if (error) reject(error);
      else resolve(value);
    };
    const attempt = () =>
      ask().then(
        (tokens) => tokens && finish(undefined, tokens),
        (error) => finish(error),
      );
    const timer = setTimeout(() => finish(new Error(`timed out after ${WAIT_MS} ms waiting for semantic tokens`)), WAIT_MS);
    const listener = vscode.languages.onDidChangeDiagnostics(() => void attempt());
    void attempt();
  });
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
