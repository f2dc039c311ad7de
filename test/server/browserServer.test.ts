// The browser build of the language server (dist/browser/serverWorker.js, a web worker in
// vscode.dev) run under a worker shim in Node: on the same 20-file workspace it must give the
// same diagnostics, file statuses and index counts as the Node server, reading the workspace
// through the client (netpol/findFiles, netpol/readFile) instead of the disk.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  createMessageConnection,
  type DataCallback,
  type Disposable,
  type Message,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import {
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  type Diagnostic,
} from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectivityRequest, FindFilesRequest, ReadFileRequest, WorkloadsRequest } from '../../server/src/protocol';
import { SERVER } from './lspClient';

const WORKER = path.resolve(__dirname, '../../dist/browser/serverWorker.js');

/** What a web worker's global scope offers the server (BrowserMessageReader/Writer), on a Node worker thread. */
const SHIM = `
const { parentPort } = require('node:worker_threads');
globalThis.self = {
  addEventListener() {},
  set onmessage(listener) { parentPort.on('message', (data) => listener({ data })); },
  postMessage(message) { parentPort.postMessage(message); },
};
require(${JSON.stringify(WORKER)});
`;

class WorkerReader extends AbstractMessageReader {
  constructor(private readonly worker: Worker) {
    super();
  }
  listen(callback: DataCallback): Disposable {
    this.worker.on('message', callback);
    return { dispose: () => this.worker.off('message', callback) };
  }
}

class WorkerWriter extends AbstractMessageWriter {
  constructor(private readonly worker: Worker) {
    super();
  }
  write(message: Message): Promise<void> {
    this.worker.postMessage(message);
    return Promise.resolve();
  }
  end(): void {}
}

/** A workspace of 20 files: namespaces, workloads, policies with API errors and lints. */
function writeWorkspace(dir: string): string[] {
  const files: string[] = [];
  for (let i = 0; i < 5; i++) {
    const ns = `team-${i}`;
    const write = (name: string, text: string) => {
      writeFileSync(path.join(dir, name), text);
      files.push(name);
    };
    write(`${ns}-namespace.yaml`, `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n  labels:\n    team: t${i}\n`);
    write(
      `${ns}-app.yaml`,
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n  namespace: ${ns}\nspec:\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          ports:\n            - name: http\n              containerPort: 8080\n`,
    );
    write(
      `${ns}-allow.yaml`,
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-web\n  namespace: ${ns}\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              team: t${(i + 1) % 5}\n      ports:\n        - port: http\n    - ports:\n        - port: 9${i}\n          protocol: tcp\n`,
    );
    write(
      `${ns}-egress.yaml`,
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: egress\n  namespace: ${ns}\nspec:\n  podSelector:\n    matchLabels:\n      app: wbe\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - ipBlock:\n            cidr: 10.0.0.0/8\n            except: [192.168.0.0/16]\n`,
    );
  }
  return files;
}

interface Run {
  readonly diagnostics: Map<string, Diagnostic[]>;
  readonly indexed: string;
  readonly workloads: number;
  readonly connections: number;
}

/** Opens every file, waits for its diagnostics, and asks for the workloads and the connectivity. */
async function exercise(connection: MessageConnection, logs: string[], dir: string, files: string[]): Promise<Run> {
  const diagnostics = new Map<string, Diagnostic[]>();
  const waiting = new Map<string, () => void>();
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    diagnostics.set(params.uri, params.diagnostics);
    waiting.get(params.uri)?.();
  });
  let indexedResolve: (line: string) => void = () => undefined;
  const indexed = new Promise<string>((resolve) => (indexedResolve = resolve));
  connection.onNotification('window/logMessage', (params: { message: string }) => {
    logs.push(params.message);
    if (params.message.startsWith('Indexed ')) indexedResolve(params.message.replace(/ in \d+ ms\./, ''));
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();
  const folder = pathToFileURL(dir).href;
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: [{ uri: folder, name: 'ws' }],
    capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true } },
  });
  await connection.sendNotification(InitializedNotification.type, {});
  const indexedLine = await indexed;
  for (const name of files) {
    const uri = pathToFileURL(path.join(dir, name)).href;
    const published = new Promise<void>((resolve) => waiting.set(uri, resolve));
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version: 1, text: readFileSync(path.join(dir, name), 'utf8') },
    });
    await published;
  }
  const { workloads } = await connection.sendRequest(WorkloadsRequest);
  const connectivity = await connection.sendRequest(ConnectivityRequest, {});
  return { diagnostics, indexed: indexedLine, workloads: workloads.length, connections: connectivity.connections.length };
}

let dir: string;
let files: string[];
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'netpol-browser-'));
  files = writeWorkspace(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the browser server (web worker build)', () => {
  it('gives the Node server’s diagnostics and index counts on a 20-file workspace, reading files through the client', async () => {
    expect(files).toHaveLength(20);
    const child = spawn(process.execPath, [SERVER, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const nodeConnection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const nodeRun = await exercise(nodeConnection, [], dir, files);
    nodeConnection.dispose();
    child.kill();

    const worker = new Worker(SHIM, { eval: true });
    const requested: string[] = [];
    try {
      const connection = createMessageConnection(new WorkerReader(worker), new WorkerWriter(worker));
      connection.onRequest(FindFilesRequest, ({ folder }) => {
        requested.push('findFiles');
        return files.map((name) => `${folder}/${name}`);
      });
      connection.onRequest(ReadFileRequest, ({ uri }) => {
        // The project configuration files are looked for too (in each folder up from the files).
        requested.push(/\/\.netpol\.(yaml|yml|json)$/.test(uri) ? 'readConfig' : 'readFile');
        return readFileSync(new URL(uri)).toString('base64');
      });
      const browserRun = await exercise(connection, [], dir, files);
      connection.dispose();

      expect(browserRun.indexed).toBe('Indexed 20 YAML files');
      expect(browserRun.indexed).toBe(nodeRun.indexed);
      expect(requested.filter((r) => r === 'findFiles')).toHaveLength(1);
      expect(requested.filter((r) => r === 'readFile')).toHaveLength(20);
      expect(requested.filter((r) => r === 'readConfig').length).toBeGreaterThan(0);
      expect(browserRun.workloads).toBe(nodeRun.workloads);
      expect(browserRun.workloads).toBe(5);
      expect(browserRun.connections).toBe(nodeRun.connections);
      expect([...browserRun.diagnostics.keys()].sort()).toEqual([...nodeRun.diagnostics.keys()].sort());
      for (const [uri, diagnostics] of nodeRun.diagnostics) expect(browserRun.diagnostics.get(uri), uri).toEqual(diagnostics);
      const codes = [...nodeRun.diagnostics.values()].flat().map((d) => d.code);
      expect(codes).toContain('port-protocol');
      expect(codes).toContain('selector-matches-nothing');
    } finally {
      await worker.terminate();
    }
  });
});
