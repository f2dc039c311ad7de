// Restricted Mode (an untrusted workspace): the server reads no manifest of the workspace (its
// `.netpol.yaml` files only, see projectConfig.test.ts) and offers only diagnostics, hovers and
// completions on the open documents.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hover, Location } from 'vscode-languageserver-protocol';
import { LspTestClient } from './lspClient';

const FIXTURE = path.resolve(__dirname, '../fixtures/workspace');
let dir: string;
let client: LspTestClient | undefined;
const uriOf = (relative: string) => pathToFileURL(path.join(dir, relative)).href;
const textOf = (relative: string) => readFileSync(path.join(dir, relative), 'utf8');
const positionOf = (relative: string, needle: string) => {
  const before = textOf(relative).slice(0, textOf(relative).indexOf(needle)).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
};

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'netpol-trust-'));
  cpSync(FIXTURE, dir, { recursive: true });
});
afterEach(() => {
  client?.kill();
  client = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('an untrusted workspace', () => {
  it('gets diagnostics, hovers and completions only', async () => {
    client = await LspTestClient.start({}, { workspaceFolders: [pathToFileURL(dir).href], watchFiles: true, trusted: false });
    const allowed = ['textDocumentSync', 'hoverProvider', 'completionProvider', 'workspace'];
    expect(Object.keys(client.capabilities).filter((key) => !allowed.includes(key))).toEqual([]);
    expect(client.capabilities.hoverProvider).toBe(true);
    for (const edits of ['codeActionProvider', 'definitionProvider', 'referencesProvider', 'codeLensProvider', 'documentSymbolProvider']) {
      expect(client.capabilities, edits).not.toHaveProperty(edits);
    }
    const policy = uriOf('policies/db.yaml');
    await client.open(policy, textOf('policies/db.yaml'));
    await client.diagnosticsFor(policy);
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
      textDocument: { uri: policy },
      position: positionOf('policies/db.yaml', 'podSelector'),
    });
    expect(JSON.stringify(hover?.contents)).toMatch(/Applies to pods/);
  });

  it('reads no manifest of the workspace: selectors see only the open documents', async () => {
    client = await LspTestClient.start({}, { workspaceFolders: [pathToFileURL(dir).href], watchFiles: true, trusted: false });
    const policy = uriOf('policies/db.yaml');
    await client.open(policy, textOf('policies/db.yaml'));
    await client.diagnosticsFor(policy);
    // Only the configuration files are watched: no manifest change reaches the server.
    expect(client.watchedGlobs).toEqual(['**/{.netpol.yaml,.netpol.yml,.netpol.json}']);
    expect(client.logs.join('\n')).not.toMatch(/Indexed \d+ YAML files/);
    const definition = () =>
      client!.connection.sendRequest<Location[] | null>('textDocument/definition', {
        textDocument: { uri: policy },
        position: positionOf('policies/db.yaml', 'podSelector'),
      });
    // apps/db.yaml (on disk) holds the Deployment the selector picks: unknown until it is opened.
    expect(await definition()).toEqual([]);
    await client.open(uriOf('apps/db.yaml'), textOf('apps/db.yaml'));
    await client.diagnosticsFor(uriOf('apps/db.yaml'));
    await expect.poll(async () => (await definition())?.map((l) => path.relative(dir, new URL(l.uri).pathname))).toEqual(['apps/db.yaml']);
    // Closing it forgets it: its disk content is not read either.
    await client.close(uriOf('apps/db.yaml'));
    await expect.poll(async () => (await definition())?.length).toBe(0);
  });

  it('refuses the netpol/* requests with a clear error, and answers them once trusted', async () => {
    const policy = uriOf('policies/db.yaml');
    const requests: [string, object][] = [
      ['netpol/explain', { uri: policy }],
      ['netpol/connectivity', {}],
      ['netpol/templates', {}],
      ['netpol/generate', { template: 'default-deny-ingress', options: {} }],
    ];
    client = await LspTestClient.start({}, { workspaceFolders: [pathToFileURL(dir).href], trusted: false });
    await client.open(policy, textOf('policies/db.yaml'));
    await client.diagnosticsFor(policy);
    for (const [method, params] of requests) {
      await expect(client.connection.sendRequest(method, params), method).rejects.toThrow(/Restricted Mode: trust this workspace/);
    }
    client.kill();
    client = await LspTestClient.start({}, { workspaceFolders: [pathToFileURL(dir).href], trusted: true });
    await client.open(policy, textOf('policies/db.yaml'));
    await client.diagnosticsFor(policy);
    for (const [method, params] of requests) await expect(client.connection.sendRequest(method, params), method).resolves.toBeDefined();
  });

  it('a client that does not say is trusted (the workspace is indexed)', async () => {
    client = await LspTestClient.start({}, { workspaceFolders: [pathToFileURL(dir).href], watchFiles: true });
    await client.logInbox.next((m) => /Indexed \d+ YAML files/.test(m), 20_000, 'the workspace index');
    expect(client.capabilities).toHaveProperty('definitionProvider', true);
  });
});
