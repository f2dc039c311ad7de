import { afterEach, describe, expect, it } from 'vitest';
import type { CompletionItem, CompletionList, TextEdit } from 'vscode-languageserver-protocol';
import { LspTestClient } from './lspClient';

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: web
  ingress:
    - ports:
        - protocol: 
          port: 
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata:
      labels: {app: web, tier: frontend}
    spec:
      containers:
        - name: web
          ports: [{name: http, containerPort: 8080}]
`;

/** The position just after the nth occurrence of `needle` in `text`. */
function after(text: string, needle: string, nth = 0) {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
  const before = text.slice(0, offset + needle.length).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

let client: LspTestClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

async function completeAt(
  uri: string,
  position: { line: number; character: number },
  triggerCharacter?: string,
): Promise<CompletionItem[]> {
  const result = await client!.connection.sendRequest<CompletionList | CompletionItem[] | null>('textDocument/completion', {
    textDocument: { uri },
    position,
    context: triggerCharacter ? { triggerKind: 2, triggerCharacter } : { triggerKind: 1 },
  });
  return Array.isArray(result) ? result : (result?.items ?? []);
}

describe('completions over LSP', () => {
  it('declares the completion provider with a space as trigger', async () => {
    client = await LspTestClient.start();
    expect(client.capabilities.completionProvider).toEqual({ triggerCharacters: [' '], resolveProvider: false });
  });

  it('completes values, with edits over the typed word, and named ports from an open workload', async () => {
    client = await LspTestClient.start();
    await client.open('file:///ws/deploy.yaml', DEPLOYMENT);
    await client.diagnosticsFor('file:///ws/deploy.yaml');
    await client.open('file:///ws/web.yaml', POLICY);
    await client.diagnosticsFor('file:///ws/web.yaml');
    const protocols = await completeAt('file:///ws/web.yaml', after(POLICY, 'protocol: '), ' ');
    expect(protocols.map((item) => item.label)).toEqual(['TCP', 'UDP', 'SCTP']);
    const edit = protocols[0]!.textEdit as TextEdit;
    expect(edit).toEqual({ range: { start: after(POLICY, 'protocol: '), end: after(POLICY, 'protocol: ') }, newText: 'TCP' });
    const ports = await completeAt('file:///ws/web.yaml', after(POLICY, '  port: '), ' ');
    expect(ports.slice(0, 2).map((item) => item.label)).toEqual(['http', '8080']);
    const labels = await completeAt('file:///ws/web.yaml', after(POLICY, '      app: '));
    expect(labels.map((item) => item.label)).toEqual(['web']);
  });

  it('answers nothing to a space of indentation, and keys when asked', async () => {
    client = await LspTestClient.start();
    const text = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nspec:\n  \n';
    await client.open('file:///ws/new.yaml', text);
    expect(await completeAt('file:///ws/new.yaml', { line: 3, character: 2 }, ' ')).toEqual([]);
    const keys = await completeAt('file:///ws/new.yaml', { line: 3, character: 2 });
    expect(keys.map((item) => item.label)).toEqual(expect.arrayContaining(['podSelector', 'ingress', 'egress', 'policyTypes']));
  });

  it('answers nothing for other kinds of YAML, and survives a closed document', async () => {
    client = await LspTestClient.start();
    await client.open('file:///ws/deploy.yaml', DEPLOYMENT);
    expect(await completeAt('file:///ws/deploy.yaml', after(DEPLOYMENT, 'spec:\n'))).toEqual([]);
    expect(await completeAt('file:///ws/closed.yaml', { line: 0, character: 0 })).toEqual([]);
  });
});
