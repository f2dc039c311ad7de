import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import { LspTestClient } from './lspClient';

const policy = (i: number) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: p${i}
  namespace: shop
spec:
  podSelector:
    matchLabels: {app: a${i}}
  ingress:
    - from:
        - podSelector: {matchLabels: {app: b${i}}}
      ports:
        - port: 8080
`;

/** `count` policies in one file, as `---`-separated documents. */
const policies = (count: number) => Array.from({ length: count }, (_, i) => policy(i)).join('---\n');

/** The position of the first occurrence of `needle`. */
function positionOf(text: string, needle: string) {
  const before = text.slice(0, text.indexOf(needle)).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

let client: LspTestClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

/** Every request a document answers, at `position`, each with the time it took. */
async function askEverything(uri: string, position: { line: number; character: number }) {
  const textDocument = { uri };
  const range = { start: position, end: position };
  const requests: [string, unknown][] = [
    ['textDocument/hover', { textDocument, position }],
    ['textDocument/documentSymbol', { textDocument }],
    ['textDocument/completion', { textDocument, position }],
    ['textDocument/codeLens', { textDocument }],
    ['textDocument/codeAction', { textDocument, range, context: { diagnostics: [] } }],
    ['textDocument/definition', { textDocument, position }],
    ['textDocument/references', { textDocument, position, context: { includeDeclaration: true } }],
    ['textDocument/semanticTokens/full', { textDocument }],
  ];
  const answers: Record<string, { answer: unknown; ms: number }> = {};
  for (const [method, params] of requests) {
    const started = performance.now();
    const answer = await client!.connection.sendRequest(method, params);
    answers[method] = { answer, ms: performance.now() - started };
  }
  return answers;
}

/** What a request answers when it has nothing: null, no items, or no tokens. */
const isNothing = (answer: unknown) =>
  answer === null || (Array.isArray(answer) && answer.length === 0) || (answer as { data?: unknown[] }).data?.length === 0;

describe('a file over netpol.maxFileSizeMB', () => {
  it('answers every request with nothing, at once, and its edits publish the one diagnostic again', async () => {
    client = await LspTestClient.start({ maxFileSizeMB: 0.05 });
    const uri = 'file:///ws/big.yaml';
    const text = policies(300);
    expect(text.length).toBeGreaterThan(0.05 * 1024 * 1024);
    const published = client.diagnosticsFor(uri, 1);
    await client.open(uri, text);
    expect((await published).map((d) => d.code)).toEqual(['file-too-large']);
    const answers = await askEverything(uri, positionOf(text, 'podSelector'));
    for (const [method, { answer }] of Object.entries(answers)) expect(isNothing(answer), method).toBe(true);
    // Typed into, it stays too large: one diagnostic per version, no analysis.
    const status = client.statuses.next((s) => s.uri === uri && s.version === 2, 10_000, 'status');
    const republished = client.diagnosticsFor(uri, 2);
    await client.change(uri, [{ range: { start: positionOf(text, 'p7'), end: positionOf(text, 'p7') }, text: 'x' }]);
    expect((await republished).map((d) => d.code)).toEqual(['file-too-large']);
    expect(await status).toMatchObject({ state: 'too-large' });
  });

  it('of 50 MB leaves the server answering the other documents while it is opened and typed into', async () => {
    client = await LspTestClient.start({});
    const big = 'file:///ws/huge.yaml';
    const chunk = policy(0);
    const text = chunk.repeat(Math.ceil((50 * 1024 * 1024) / chunk.length));
    await client.open(big, text);
    expect((await client.diagnosticsFor(big, 1, 60_000)).map((d) => d.code)).toEqual(['file-too-large']);
    const small = 'file:///ws/small.yaml';
    await client.open(small, policy(1));
    await client.diagnosticsFor(small, 1, 30_000);
    const last = client.statuses.next((s) => s.uri === big && s.version === 6, 30_000, 'status of the last edit');
    for (let i = 0; i < 5; i++) {
      await client.change(big, [{ range: { start: { line: 3, character: 9 }, end: { line: 3, character: 9 } }, text: 'x' }]);
      const hover = await client.connection.sendRequest('textDocument/hover', {
        textDocument: { uri: small },
        position: positionOf(policy(1), 'podSelector'),
      });
      expect(hover).not.toBeNull();
    }
    const status = await last;
    expect(status.state).toBe('too-large');
    // No analysis ran on it: the status says so, and it took no time worth speaking of.
    expect(status.durationMs).toBeLessThan(50);
  }, 180_000);
});

describe('the time budget of a request', () => {
  it('answers with what it has found when time runs out, logs it, and the next request is answered', async () => {
    client = await LspTestClient.start({}, { env: { NETPOL_REQUEST_BUDGET_MS: '1' } });
    const uri = 'file:///ws/many.yaml';
    const text = policies(2000);
    await client.open(uri, text);
    await client.diagnosticsFor(uri, 1, 60_000);
    const symbols = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(symbols.length).toBeLessThan(2000);
    expect(symbols.map((s) => s.name)).toEqual(Array.from({ length: symbols.length }, (_, i) => `p${i}`));
    // The log line is sent before the answer.
    expect(client.logs.join('\n')).toMatch(/documentSymbol ran past its time budget of 1 ms/);
    const hover = await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(text, 'podSelector'),
    });
    expect(hover).not.toBeNull();
  }, 120_000);
});
