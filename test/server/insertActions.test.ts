import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { COMMANDS, AllowWorkloadEditRequest, WorkloadsRequest, type AllowWorkloadEditParams } from '../../server/src/protocol';
import { LineIndex } from '../../server/src/yaml/lineIndex';
import { applyTextEdits } from '../unit/textEdits';
import { LspTestClient } from './lspClient';

const FIXTURE = path.resolve(__dirname, '../fixtures/workspace');
const POLICY = 'policies/db.yaml';

let dir: string;
let client: LspTestClient | undefined;
const uriOf = (relative: string) => pathToFileURL(path.join(dir, relative)).href;
const textOf = (relative: string) => readFileSync(path.join(dir, relative), 'utf8');

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'netpol-insert-'));
  cpSync(FIXTURE, dir, { recursive: true });
});
afterEach(() => {
  client?.kill();
  client = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** The server, with the workspace indexed and the policy open and analysed. */
async function openPolicy(): Promise<{ uri: string; text: string; lines: LineIndex }> {
  client = await LspTestClient.start({}, { workspaceFolders: [pathToFileURL(dir).href] });
  await client.logInbox.next((m) => /Indexed \d+ YAML files/.test(m), 20_000, 'the workspace index');
  const uri = uriOf(POLICY);
  const text = textOf(POLICY);
  await client.open(uri, text);
  await client.diagnosticsFor(uri);
  return { uri, text, lines: new LineIndex(text) };
}

describe('insertion code actions over LSP', () => {
  it('offers the refactorings in a policy, the allow-workload ones running the client command', async () => {
    const { uri, text, lines } = await openPolicy();
    const position = lines.positionAt(text.indexOf('app: db'));
    const actions = await client!.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: position, end: position },
      context: { diagnostics: [], only: ['refactor'] },
    });
    const titles = actions.map((action) => action.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Add DNS egress (adds Egress to policyTypes: other egress becomes denied)',
        'Convert matchLabels to matchExpressions',
        'Allow traffic from workload…',
        'Allow traffic to workload…',
      ]),
    );
    const from = actions.find((action) => action.title === 'Allow traffic from workload…')!;
    expect(from.command).toEqual({ title: from.title, command: COMMANDS.allowWorkload, arguments: [uri, position, 'ingress'] });
  });

  it('lists the workloads and computes the edit that allows one', async () => {
    const { uri, text, lines } = await openPolicy();
    const { workloads } = await client!.connection.sendRequest(WorkloadsRequest);
    expect(workloads.map((w) => `${w.namespace}/${w.kind}/${w.name}`)).toEqual([
      'monitoring/Deployment/prometheus',
      'shop/StatefulSet/db',
      'shop/Deployment/web',
    ]);
    const params: AllowWorkloadEditParams = {
      uri,
      position: lines.positionAt(text.indexOf('app: db')),
      direction: 'ingress',
      workload: { namespace: 'monitoring', kind: 'Deployment', name: 'prometheus' },
    };
    const result = await client!.connection.sendRequest(AllowWorkloadEditRequest, params);
    expect(applyTextEdits(text, result.edits ?? [])).toBe(
      `${text}    - from:\n        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: monitoring\n          podSelector:\n            matchLabels:\n              app: prometheus\n`,
    );
    const missing = await client!.connection.sendRequest(AllowWorkloadEditRequest, {
      ...params,
      workload: { namespace: 'shop', kind: 'Deployment', name: 'nope' },
    });
    expect(missing).toEqual({ message: 'Deployment shop/nope is not in the workspace.' });
  });
});
