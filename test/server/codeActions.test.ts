import { afterEach, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { FIX_ALL_KIND, COMMANDS } from '../../server/src/protocol';
import { ruleDocsUrl } from '../../server/src/services/ruleDocs';
import { applyTextEdits } from '../unit/textEdits';
import { LspTestClient } from './lspClient';

const URI = 'file:///tmp/netpol-code-actions/web.yaml';
const TEXT = [
  'apiVersion: networking.k8s.io/v1',
  'kind: NetworkPolicy',
  'metadata:',
  '  name: web',
  '  namespace: shop',
  'spec:',
  '  podSelector: {}',
  '  policyTypes: [ingress] # lower case',
  '  ingress:',
  '  - ports:',
  '    - protocol: tcp',
  '      port: 80',
  '',
].join('\n');

let client: LspTestClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

async function openBroken(): Promise<Diagnostic[]> {
  client = await LspTestClient.start();
  await client.open(URI, TEXT);
  return client.diagnosticsFor(URI);
}

const request = (diagnostics: Diagnostic[], range: Diagnostic['range'], only?: string[]) =>
  client!.connection.sendRequest<CodeAction[] | null>('textDocument/codeAction', {
    textDocument: { uri: URI },
    range,
    context: { diagnostics, ...(only ? { only } : {}) },
  });

describe('textDocument/codeAction', () => {
  it('declares the code action kinds it offers', async () => {
    await openBroken();
    expect(client!.capabilities.codeActionProvider).toEqual({
      codeActionKinds: ['quickfix', 'refactor', 'refactor.rewrite', FIX_ALL_KIND],
      resolveProvider: false,
    });
  });

  it('answers the diagnostics the client sends back with their fixes and docs actions (an API error cannot be disabled)', async () => {
    const diagnostics = await openBroken();
    const protocol = diagnostics.find((d) => d.code === 'port-protocol')!;
    expect(protocol).toBeDefined();
    const actions = (await request([protocol], protocol.range, ['quickfix']))!;
    expect(actions.map((a) => [a.title, a.kind, a.isPreferred ?? false])).toEqual([
      ['Change protocol to "TCP"', 'quickfix', true],
      ['Show documentation for port-protocol', 'quickfix', false],
    ]);
    expect(actions[0]!.diagnostics).toEqual([protocol]);
    const fixed = applyTextEdits(TEXT, actions[0]!.edit!.changes![URI]!);
    expect(fixed).toBe(TEXT.replace('protocol: tcp', 'protocol: TCP'));
    expect(actions[1]!.command).toEqual({
      title: 'Show documentation for port-protocol',
      command: COMMANDS.showRuleDocs,
      arguments: [{ ruleId: 'port-protocol', url: ruleDocsUrl('port-protocol') }],
    });

    // The fixed text, sent as an edit of the document: the diagnostic is gone.
    const version = await client!.change(URI, [{ text: fixed }]);
    const after = await client!.diagnosticsFor(URI, version);
    expect(after.map((d) => d.code)).not.toContain('port-protocol');
    expect(after.map((d) => d.code)).toContain('policy-types-value');
  });

  it('source.fixAll.netpol fixes the whole document in one edit, whatever range is asked for', async () => {
    await openBroken();
    const start = { line: 0, character: 0 };
    const actions = (await request([], { start, end: start }, ['source.fixAll']))!;
    expect(actions.map((a) => a.kind)).toEqual([FIX_ALL_KIND]);
    const fixed = applyTextEdits(TEXT, actions[0]!.edit!.changes![URI]!);
    expect(fixed).toBe(TEXT.replace('protocol: tcp', 'protocol: TCP').replace('[ingress]', '[Ingress]'));
    const version = await client!.change(URI, [{ text: fixed }]);
    const codes = (await client!.diagnosticsFor(URI, version)).map((d) => d.code);
    expect(codes).not.toContain('port-protocol');
    expect(codes).not.toContain('policy-types-value');
    expect(await request([], { start, end: start }, [FIX_ALL_KIND])).toEqual([]);
  });

  it('answers an empty list for a document it does not know, and for diagnostics of other tools', async () => {
    const diagnostics = await openBroken();
    const foreign = { ...diagnostics[0]!, source: 'yaml' };
    expect(await request([foreign], foreign.range, ['quickfix'])).toEqual([]);
    const unknown = await client!.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: 'file:///tmp/elsewhere.yaml' },
      range: foreign.range,
      context: { diagnostics: [] },
    });
    expect(unknown).toEqual([]);
  });
});
