import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type Diagnostic,
  type PublishDiagnosticsParams,
  type ServerCapabilities,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { FileStatusNotification, type FileStatus } from '../../server/src/protocol';

export const SERVER = path.resolve(__dirname, '../../dist/server.js');

interface Waiter<T> {
  readonly match: (value: T) => boolean;
  readonly resolve: (value: T) => void;
}

/** Resolves the first value (already seen or future) that matches. */
class Inbox<T> {
  private readonly seen: T[] = [];
  private waiters: Waiter<T>[] = [];

  push(value: T): void {
    this.seen.push(value);
    for (const waiter of this.waiters.filter((w) => w.match(value))) waiter.resolve(value);
    this.waiters = this.waiters.filter((w) => !w.match(value));
  }

  next(match: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
      });
    });
  }

  get all(): readonly T[] {
    return this.seen;
  }
}

/** A minimal LSP client speaking to the bundled server over stdio, for protocol tests. */
export class LspTestClient {
  readonly diagnostics = new Inbox<PublishDiagnosticsParams>();
  readonly statuses = new Inbox<FileStatus>();
  readonly logInbox = new Inbox<string>();
  readonly logs: string[] = [];
  /** Methods the server registered dynamically. */
  readonly registrations: string[] = [];
  /** The glob patterns of the file watchers the server registered. */
  readonly watchedGlobs: string[] = [];
  /** Kinds of the work-done progress notifications received (begin, report, end). */
  readonly progress: string[] = [];
  /** What the server answered to `initialize`. */
  capabilities: ServerCapabilities = {};
  private readonly versions = new Map<string, number>();

  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
  ) {}

  static async start(
    settings: Record<string, unknown> = {},
    options: {
      pullConfiguration?: boolean;
      workspaceFolders?: string[];
      watchFiles?: boolean;
      trusted?: boolean;
      env?: Record<string, string>;
    } = {},
  ): Promise<LspTestClient> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
    });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspTestClient(child, connection);
    child.stderr.on('data', (chunk: Buffer) => client.logs.push(chunk.toString()));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => client.diagnostics.push(params));
    connection.onNotification(FileStatusNotification, (status: FileStatus) => client.statuses.push(status));
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      client.logs.push(params.message);
      client.logInbox.push(params.message);
    });
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map(() => settings));
    connection.onRequest(
      'client/registerCapability',
      (params: { registrations: { method: string; registerOptions?: { watchers?: { globPattern: string }[] } }[] }) => {
        client.registrations.push(...params.registrations.map((r) => r.method));
        client.watchedGlobs.push(...params.registrations.flatMap((r) => r.registerOptions?.watchers ?? []).map((w) => w.globPattern));
        return null;
      },
    );
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('$/progress', (params: { value: { kind: string } }) => {
      client.progress.push(params.value.kind);
    });
    connection.listen();
    const initialized = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: options.workspaceFolders?.map((uri, i) => ({ uri, name: `folder${i}` })) ?? null,
      capabilities: {
        workspace: {
          configuration: options.pullConfiguration ?? true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: options.watchFiles ?? false },
        },
        textDocument: { publishDiagnostics: { versionSupport: true } },
        window: { workDoneProgress: true },
      },
      initializationOptions: { settings, ...(options.trusted === undefined ? {} : { trusted: options.trusted }) },
    });
    client.capabilities = initialized.capabilities;
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  async open(uri: string, text: string, languageId = 'yaml'): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** The next diagnostics published for `uri` (at `version` if given). */
  diagnosticsFor(uri: string, version?: number, timeoutMs = 10_000): Promise<Diagnostic[]> {
    return this.diagnostics
      .next(
        (p) => p.uri === uri && (version === undefined || p.version === version),
        timeoutMs,
        `diagnostics for ${uri}${version ? ` v${version}` : ''}`,
      )
      .then((p) => p.diagnostics);
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    this.connection.dispose();
    this.process.kill();
  }
}
