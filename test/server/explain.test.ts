import { afterEach, describe, expect, it } from 'vitest';
import type { CodeLens, Hover } from 'vscode-languageserver-protocol';
import { ExplainRequest } from '../../server/src/protocol';
import { LspTestClient } from './lspClient';

const TEXT = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: api
  policyTypes: [Ingress, Egress]
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              team: web
          podSelector:
            matchLabels:
              role: frontend
      ports:
        - port: 8080
  egress: []
`;

function positionOf(needle: string, nth = 0) {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = TEXT.indexOf(needle, offset + 1);
  const before = TEXT.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length + 1 };
}

let client: LspTestClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

async function hoverAt(needle: string, nth = 0): Promise<string> {
  const result = await client!.connection.sendRequest<Hover | null>('textDocument/hover', {
    textDocument: { uri: 'file:///ws/api.yaml' },
    position: positionOf(needle, nth),
  });
  return (result?.contents as { value: string } | undefined)?.value ?? '';
}

describe('explanations over LSP', () => {
  it('hovers each part of a policy with what it means and the field documentation', async () => {
    client = await LspTestClient.start();
    await client.open('file:///ws/api.yaml', TEXT);
    await client.diagnosticsFor('file:///ws/api.yaml');
    const whole = await hoverAt('kind');
    expect(whole).toContain('**NetworkPolicy `api`**');
    expect(whole).toContain('Applies to pods with label `app` = `api` in namespace `shop`');
    expect(whole).toContain('Denies all egress');
    const subject = await hoverAt('podSelector');
    expect(subject).toContain('Applies to pods with label `app` = `api` in namespace `shop`.');
    expect(subject).toContain('**spec.podSelector**');
    const peer = await hoverAt('team: web');
    expect(peer).toContain('Allows traffic from pods with label `role` = `frontend` in namespaces with label `team` = `web`');
    expect(peer).toContain('two separate list items');
    const port = await hoverAt('8080');
    expect(port).toContain('Port: TCP 8080; protocol is not written, so it is TCP.');
    const egress = await hoverAt('egress');
    expect(egress).toContain('Denies all egress');
  });

  it('answers netpol/explain with the structured explanation and the report', async () => {
    client = await LspTestClient.start();
    await client.open('file:///ws/api.yaml', TEXT);
    await client.diagnosticsFor('file:///ws/api.yaml');
    const result = await client.connection.sendRequest(ExplainRequest, { uri: 'file:///ws/api.yaml' });
    expect(result.policies).toHaveLength(1);
    const [policy] = result.policies;
    expect(policy!.explanation.ingress.outcome).toBe('restricted');
    expect(policy!.explanation.egress.outcome).toBe('deny-all');
    expect(policy!.markdown).toContain('# NetworkPolicy `api`');
    expect(policy!.markdown).toContain('| Egress | pods with label `app` = `api` in namespace `shop` | anything else | any | deny |');
    const at = await client.connection.sendRequest(ExplainRequest, {
      uri: 'file:///ws/api.yaml',
      position: positionOf('role'),
    });
    expect(at.policies.map((p) => p.explanation.name)).toEqual(['api']);
    const nowhere = await client.connection.sendRequest(ExplainRequest, { uri: 'file:///ws/other.yaml' });
    expect(nowhere.policies).toEqual([]);
  });

  it('puts a one-line summary in a CodeLens that opens Describe Policy', async () => {
    client = await LspTestClient.start();
    await client.open('file:///ws/api.yaml', TEXT);
    await client.diagnosticsFor('file:///ws/api.yaml');
    const lenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', {
      textDocument: { uri: 'file:///ws/api.yaml' },
    });
    expect(lenses.map((lens) => [lens.command?.title, lens.command?.command])).toContainEqual([
      'Ingress: 1 allow rule · Egress: denies all',
      'netpol.describePolicy',
    ]);
  });
});
