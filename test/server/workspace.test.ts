import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodeLens, DocumentSymbol, Hover, Location } from 'vscode-languageserver-protocol';
import { LspTestClient } from './lspClient';

const FIXTURE = path.resolve(__dirname, '../fixtures/workspace');

let dir: string;
let client: LspTestClient | undefined;
const uriOf = (relative: string) => pathToFileURL(path.join(dir, relative)).href;
const textOf = (relative: string) => readFileSync(path.join(dir, relative), 'utf8');

/** The position of the `nth` occurrence of `needle` in a fixture file. */
function positionOf(relative: string, needle: string, nth = 0) {
  const text = textOf(relative);
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'netpol-ws-'));
  cpSync(FIXTURE, dir, { recursive: true });
});
afterEach(() => {
  client?.kill();
  client = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function startIndexed(): Promise<LspTestClient> {
  const started = await LspTestClient.start({}, { workspaceFolders: [pathToFileURL(dir).href], watchFiles: true });
  await started.logInbox.next((m) => /Indexed \d+ YAML files/.test(m), 20_000, 'the workspace index');
  return started;
}

describe('workspace model over LSP', () => {
  it('indexes the folder with progress and registers a file watcher', async () => {
    client = await startIndexed();
    expect(client.logs.join('\n')).toMatch(/Indexed 4 YAML files/);
    await expect.poll(() => client!.progress, { timeout: 10_000 }).toEqual(expect.arrayContaining(['begin', 'end']));
    expect(client.registrations).toContain('workspace/didChangeWatchedFiles');
  });

  it('goes from a selector to the workloads it selects, in other files', async () => {
    client = await startIndexed();
    const policy = uriOf('policies/db.yaml');
    await client.open(policy, textOf('policies/db.yaml'));
    await client.diagnosticsFor(policy);
    const subject = await client.connection.sendRequest<Location[]>('textDocument/definition', {
      textDocument: { uri: policy },
      position: positionOf('policies/db.yaml', 'podSelector'),
    });
    expect(subject.map((l) => [path.relative(dir, new URL(l.uri).pathname), l.range.start.line])).toEqual([
      ['apps/db.yaml', positionOf('apps/db.yaml', 'labels').line],
    ]);
    const peer = await client.connection.sendRequest<Location[]>('textDocument/definition', {
      textDocument: { uri: policy },
      position: positionOf('policies/db.yaml', 'tier: frontend'),
    });
    expect(peer.map((l) => path.relative(dir, new URL(l.uri).pathname))).toEqual(['apps/web.yaml']);
    const namespaces = await client.connection.sendRequest<Location[]>('textDocument/definition', {
      textDocument: { uri: policy },
      position: positionOf('policies/db.yaml', 'namespaceSelector'),
    });
    expect(namespaces.map((l) => [path.relative(dir, new URL(l.uri).pathname), l.range.start.line])).toEqual([
      ['cluster/namespaces.yaml', positionOf('cluster/namespaces.yaml', 'monitoring').line],
    ]);
  });

  it('finds the policies that select a workload or name it as a peer', async () => {
    client = await startIndexed();
    const web = uriOf('apps/web.yaml');
    await client.open(web, textOf('apps/web.yaml'));
    const refs = await client.connection.sendRequest<Location[]>('textDocument/references', {
      textDocument: { uri: web },
      position: positionOf('apps/web.yaml', 'tier: frontend'),
      context: { includeDeclaration: false },
    });
    expect(refs.map((l) => [path.relative(dir, new URL(l.uri).pathname), l.range.start.line])).toEqual([
      ['policies/db.yaml', positionOf('policies/db.yaml', '- podSelector').line],
    ]);
    const db = uriOf('apps/db.yaml');
    await client.open(db, textOf('apps/db.yaml'));
    const dbRefs = await client.connection.sendRequest<Location[]>('textDocument/references', {
      textDocument: { uri: db },
      position: positionOf('apps/db.yaml', 'postgres', 1),
      context: { includeDeclaration: false },
    });
    expect(dbRefs.map((l) => l.range.start.line)).toEqual([positionOf('policies/db.yaml', 'podSelector').line]);
  });

  it('outlines policies, hovers selectors with their workloads, and lenses the count', async () => {
    client = await startIndexed();
    const policy = uriOf('policies/db.yaml');
    await client.open(policy, textOf('policies/db.yaml'));
    const symbols = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: { uri: policy },
    });
    expect(symbols.map((s) => [s.name, s.detail, s.children?.map((c) => c.name)])).toEqual([
      ['db-from-web', 'NetworkPolicy · shop', ['podSelector', 'policyTypes', 'ingress[0]']],
    ]);
    expect(symbols[0]!.children![2]!.detail).toBe('from 2 peers · TCP 5432');
    const hover = await client.connection.sendRequest<Hover>('textDocument/hover', {
      textDocument: { uri: policy },
      position: positionOf('policies/db.yaml', 'podSelector'),
    });
    expect((hover.contents as { value: string }).value).toContain('**Selects 1 workload** in namespace `shop`');
    expect((hover.contents as { value: string }).value).toContain('StatefulSet db');
    const lenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: policy } });
    expect(lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command])).toEqual([
      [positionOf('policies/db.yaml', 'kind').line, 'selects 1 of 2 workloads in shop', 'netpol.showLocations'],
      [positionOf('policies/db.yaml', 'kind').line, 'Ingress: 1 allow rule · Egress: not restricted', 'netpol.describePolicy'],
    ]);
  });

  it('follows files changing on disk (watched files) and unsaved editor text', async () => {
    client = await startIndexed();
    const policy = uriOf('policies/db.yaml');
    await client.open(policy, textOf('policies/db.yaml'));
    await client.diagnosticsFor(policy);
    const definitionCount = async () =>
      (
        await client!.connection.sendRequest<Location[]>('textDocument/definition', {
          textDocument: { uri: policy },
          position: positionOf('policies/db.yaml', 'podSelector'),
        })
      ).length;
    expect(await definitionCount()).toBe(1);
    // Opening and closing a workload without changing it keeps it in the index.
    const db = uriOf('apps/db.yaml');
    await client.open(db, textOf('apps/db.yaml'));
    await client.diagnosticsFor(db);
    await client.close(db);
    // A new workload on disk, announced by the watcher.
    writeFileSync(path.join(dir, 'apps/db2.yaml'), textOf('apps/db.yaml').replace('name: db', 'name: db2'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('apps/db2.yaml'), type: 1 }] });
    await expect.poll(definitionCount, { timeout: 10_000 }).toBe(2);
    // Deleted.
    rmSync(path.join(dir, 'apps/db2.yaml'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('apps/db2.yaml'), type: 3 }] });
    await expect.poll(definitionCount, { timeout: 10_000 }).toBe(1);
    // Unsaved text of an open workload wins over the disk.
    await client.open(db, textOf('apps/db.yaml').replace('app: db\n        tier', 'app: other\n        tier'));
    await client.diagnosticsFor(db);
    await expect.poll(definitionCount, { timeout: 10_000 }).toBe(0);
    await client.close(db);
    await expect.poll(definitionCount, { timeout: 10_000 }).toBe(1);
  });
});
