import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { Location, Position } from 'vscode-languageclient';
import {
  COMMANDS,
  FileStatusNotification,
  SETTINGS_SECTION,
  SettingsProblemNotification,
  WorkspaceChangedNotification,
  type FileStatus,
  type NetpolInitializationOptions,
  type SettingsProblem,
} from '../../server/src/protocol';
import { AllowWorkload } from './allowWorkload';
import { CheckConnection } from './checkConnection';
import { DescribePolicy } from './describe';
import { registerShowRuleDocs } from './ruleDocs';
import { ServerHealth } from './serverHealth';
import { resolveSettingsSection } from './settings';
import { StatusItem } from './status';
import { TrafficMap } from './trafficMap/panel';
import { GeneratePolicy } from './generate';
import { ReachabilityChangesView } from './reachabilityChanges';

/** Cheap test for "this YAML might hold a NetworkPolicy": the server is started only then. */
export function mentionsNetworkPolicy(document: vscode.TextDocument): boolean {
  return document.languageId === 'yaml' && document.getText().includes('NetworkPolicy');
}

/**
 * The extension: a language client started on demand (the first YAML document that
 * mentions NetworkPolicy), its status item, output channel and commands.
 */
export class NetpolExtension {
  readonly output: vscode.LogOutputChannel;
  readonly status: StatusItem;
  readonly health: ServerHealth;
  /** How long the constructor (the client's own activation work) took, in ms. */
  readonly activationMs: number;
  readonly describe: DescribePolicy;
  readonly checkConnection: CheckConnection;
  readonly trafficMap: TrafficMap;
  readonly generatePolicy: GeneratePolicy;
  readonly reachabilityChanges: ReachabilityChangesView;
  private client: LanguageClient | undefined;
  private starting: Promise<void> | undefined;
  private readonly watchers: vscode.Disposable[] = [];
  /** The server's workspace index changed (netpol/workspaceChanged): connectivity views ask again. */
  private readonly workspaceChanged = new vscode.EventEmitter<void>();

  constructor(private readonly context: vscode.ExtensionContext) {
    const activationStart = performance.now();
    this.output = vscode.window.createOutputChannel('Kubernetes NetworkPolicy', { log: true });
    this.status = new StatusItem();
    this.health = new ServerHealth(this.output, () => this.restart());
    const startedClient = async (): Promise<LanguageClient | undefined> => {
      await this.start();
      return this.client;
    };
    this.describe = new DescribePolicy(startedClient);
    this.checkConnection = new CheckConnection(context.extensionUri, startedClient);
    this.trafficMap = new TrafficMap(context.extensionUri, startedClient, this.workspaceChanged.event);
    this.generatePolicy = new GeneratePolicy(startedClient);
    const allowWorkload = new AllowWorkload(startedClient);
    this.reachabilityChanges = new ReachabilityChangesView(startedClient, this.workspaceChanged.event);
    context.subscriptions.push(
      this.output,
      this.status,
      this.workspaceChanged,
      this.describe,
      vscode.commands.registerCommand(COMMANDS.describePolicy, (uri?: string, position?: Position) => this.describe.run(uri, position)),
      this.checkConnection,
      vscode.commands.registerCommand(COMMANDS.checkConnection, (args?: unknown) => this.checkConnection.run(args)),
      this.trafficMap,
      vscode.commands.registerCommand(COMMANDS.showTrafficMap, () => this.trafficMap.show()),
      this.generatePolicy,
      vscode.commands.registerCommand(COMMANDS.generatePolicy, (args?: unknown) => this.generatePolicy.run(args)),
      vscode.commands.registerCommand(COMMANDS.allowWorkload, (uri: unknown, position: unknown, direction: unknown, workload?: unknown) =>
        allowWorkload.run(uri, position, direction, workload),
      ),
      this.reachabilityChanges,
      vscode.commands.registerCommand(COMMANDS.compareReachabilityWith, (revision?: unknown) =>
        this.reachabilityChanges.compareWith(typeof revision === 'string' ? revision : undefined),
      ),
      vscode.commands.registerCommand(COMMANDS.refreshReachabilityChanges, () => this.reachabilityChanges.refresh()),
      vscode.commands.registerCommand(COMMANDS.showReachabilityChanges, () => this.reachabilityChanges.reveal()),
      registerShowRuleDocs(context.extensionUri),
      vscode.commands.registerCommand(COMMANDS.restartServer, () => this.restart()),
      vscode.commands.registerCommand(COMMANDS.showOutput, () => this.output.show(true)),
      vscode.commands.registerCommand(COMMANDS.showLocations, (uri: string, position: Position, locations: Location[]) =>
        this.showLocations(uri, position, locations),
      ),
      vscode.workspace.onDidCloseTextDocument((document) => this.status.forget(document.uri.toString())),
      // Restricted Mode ends: a running server restarts with the whole workspace (see lsp/trust.ts).
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        if (this.client) void this.restart();
      }),
    );
    if (vscode.workspace.textDocuments.some(mentionsNetworkPolicy)) {
      void this.start();
    } else {
      this.watchers.push(
        vscode.workspace.onDidOpenTextDocument((document) => {
          if (mentionsNetworkPolicy(document)) void this.start();
        }),
        // Only the edited lines are looked at: a keystroke must not cost a scan of the file.
        vscode.workspace.onDidChangeTextDocument((event) => {
          if (event.document.languageId !== 'yaml') return;
          const lines = event.contentChanges.map(
            (change) => event.document.lineAt(Math.min(change.range.start.line, event.document.lineCount - 1)).text,
          );
          if ([...lines, ...event.contentChanges.map((c) => c.text)].some((text) => text.includes('NetworkPolicy'))) void this.start();
        }),
      );
    }
    this.activationMs = performance.now() - activationStart;
    this.output.info(`Activated in ${this.activationMs.toFixed(1)} ms.`);
  }

  /** The running language client (for tests). */
  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  /** Starts the server if it is not running; resolves when it is ready. */
  start(): Promise<void> {
    this.starting ??= this.doStart().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async doStart(): Promise<void> {
    // Running, or being restarted by the client after a crash (its requests wait for that).
    if (this.client?.state === State.Running || this.client?.state === State.Starting) return;
    for (const watcher of this.watchers.splice(0)) watcher.dispose();
    this.status.setState('starting');
    const module = this.context.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { language: 'yaml', scheme: 'file' },
        { language: 'yaml', scheme: 'untitled' },
        // Virtual workspaces (e.g. Remote Repositories): the open documents only; the server reads `file:` folders alone.
        { language: 'yaml', scheme: 'vscode-vfs' },
        // The project configuration in JSON (the YAML ones are among the YAML documents): its diagnostics and quick fixes.
        { scheme: 'file', pattern: '**/.netpol.json' },
      ],
      initializationOptions: { trusted: vscode.workspace.isTrusted } satisfies NetpolInitializationOptions,
      errorHandler: this.health.errorHandler(),
      outputChannel: this.output,
      synchronize: { configurationSection: SETTINGS_SECTION },
      middleware: {
        workspace: {
          configuration: async (params, token, next) => {
            const result = await next(params, token);
            if (!Array.isArray(result)) return result;
            return (result as unknown[]).map((section, i) =>
              params.items[i]?.section === SETTINGS_SECTION ? resolveSettingsSection(section) : section,
            );
          },
        },
      },
    };
    const client = new LanguageClient('netpol', 'Kubernetes NetworkPolicy', serverOptions, clientOptions);
    this.client = client;
    client.onDidChangeState((event) => {
      // A client being replaced (restart) no longer speaks for the status.
      if (this.client !== client) return;
      if (event.newState === State.Running) {
        this.health.recovered();
        this.status.setState('running');
      } else if (event.newState === State.Starting) this.status.setState('starting');
      else if (event.newState === State.Stopped) this.status.setState(this.health.failure ? 'failed' : 'stopped');
    });
    client.onNotification(FileStatusNotification, (status: FileStatus) => this.status.update(status));
    client.onNotification(WorkspaceChangedNotification, () => this.workspaceChanged.fire());
    client.onNotification(SettingsProblemNotification, (problem: SettingsProblem) => {
      void vscode.window.showWarningMessage(`NetworkPolicy: ${problem.message}`, 'Open Settings').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'netpol.');
      });
    });
    try {
      await client.start();
      this.output.info('NetworkPolicy language server started.');
    } catch (error) {
      this.client = undefined;
      void client.dispose().catch(() => undefined);
      this.status.setState('failed');
      this.health.fail(`The NetworkPolicy language server could not start: ${String(error)}`);
    }
  }

  /** The CodeLens command: a peek of the locations the server computed (LSP types converted). */
  private async showLocations(uri: string, position: Position, locations: Location[]): Promise<void> {
    const converter = this.client?.protocol2CodeConverter;
    if (!converter) return;
    await vscode.commands.executeCommand(
      'editor.action.showReferences',
      vscode.Uri.parse(uri),
      converter.asPosition(position),
      locations.map((location) => converter.asLocation(location)),
    );
  }

  async restart(): Promise<void> {
    await this.starting;
    this.health.reset();
    const client = this.client;
    this.client = undefined;
    this.status.setState('starting');
    await this.stopClient(client);
    this.output.info('Restarting the NetworkPolicy language server.');
    await this.start();
  }

  private async stopClient(client: LanguageClient | undefined): Promise<void> {
    if (!client) return;
    try {
      // dispose() also stops a client that is still starting.
      await client.dispose();
    } catch (error) {
      this.output.warn(`Stopping the server failed: ${String(error)}`);
    }
  }

  async dispose(): Promise<void> {
    for (const watcher of this.watchers.splice(0)) watcher.dispose();
    const client = this.client;
    this.client = undefined;
    await this.stopClient(client);
  }
}
