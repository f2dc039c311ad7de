import { afterEach, describe, expect, it } from 'vitest';
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-protocol';
import { decodeSemanticTokens } from '../unit/services/decodeSemanticTokens';
import { LspTestClient } from './lspClient';

const TEXT = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
    - ports: [{protocol: TCP, port: 80}]
`;

let client: LspTestClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

describe('semantic tokens over LSP', () => {
  it('announces the legend and answers textDocument/semanticTokens/full for the NetworkPolicy only', async () => {
    client = await LspTestClient.start();
    const provider = client.capabilities.semanticTokensProvider as { legend: SemanticTokensLegend; full: boolean };
    expect(provider.full).toBe(true);
    const uri = 'file:///ws/tokens.yaml';
    await client.open(uri, TEXT);
    const { data } = await client.connection.sendRequest<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const decoded = decodeSemanticTokens(TEXT, data, provider.legend);
    expect(decoded).toEqual(['NetworkPolicy type', 'shop namespace', 'app property', 'web string', 'TCP enumMember', '80 number']);
  });

  it('answers an unknown document with no tokens', async () => {
    client = await LspTestClient.start();
    const tokens = await client.connection.sendRequest<SemanticTokens>('textDocument/semanticTokens/full', {
      textDocument: { uri: 'file:///ws/closed.yaml' },
    });
    expect(tokens).toEqual({ data: [] });
  });
});
