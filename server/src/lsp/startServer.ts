import {
  DidChangeConfigurationNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describeVersion } from '../model/k8sVersion';
import { FileStatusNotification, type FileStatus, type NetpolSettings } from '../protocol';
import { analyseTextSteps } from '../services/validation';
import { ChunkPool } from '../yaml/file';
import { AnalysisScheduler, runSliced } from './analysisScheduler';
import { guard } from './guard';
import { DEFAULT_SERVER_SETTINGS, SettingsStore } from './settings';

/** YAML only: VS Code's language id, or the file name when the client gives no language. */
function isYaml(document: TextDocument): boolean {
  return document.languageId === 'yaml' || /\.ya?ml$/i.test(document.uri);
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const pools = new Map<string, ChunkPool>();
  let settings: SettingsStore | undefined;
  let pushConfiguration = false;

  const analyse = async (uri: string, isCurrent: () => boolean): Promise<void> => {
    const document = documents.get(uri);
    if (!document || !settings) return;
    const current = await settings.get(uri);
    if (!isCurrent()) return;
    const started = performance.now();
    const status = (state: FileStatus['state'], policies: number, docs: number, problems: number): FileStatus => ({
      uri,
      version: document.version,
      state,
      policies,
      documents: docs,
      problems,
      kubernetesVersion: describeVersion(current.analysis.version),
      durationMs: Math.round(performance.now() - started),
    });
    if (!current.enable) {
      await connection.sendDiagnostics({ uri, version: document.version, diagnostics: [] });
      await connection.sendNotification(FileStatusNotification, status('disabled', 0, 0, 0));
      return;
    }
    let pool = pools.get(uri);
    if (!pool) {
      pool = new ChunkPool();
      pools.set(uri, pool);
    }
    const analysis = await runSliced(analyseTextSteps(document.getText(), current.analysis, pool), isCurrent);
    if (!analysis || !isCurrent()) return;
    if (analysis.file) pool.retain(analysis.file);
    const { result } = analysis;
    await connection.sendDiagnostics({ uri, version: document.version, diagnostics: result.diagnostics });
    await connection.sendNotification(
      FileStatusNotification,
      status(result.analysed ? 'analysed' : 'too-large', result.policies, result.documents, result.diagnostics.length),
    );
  };

  const scheduler = new AnalysisScheduler(guard(connection, 'Analysis', undefined, analyse));

  const scheduleAfterEdit = async (uri: string): Promise<void> => {
    const delay = settings ? (await settings.get(uri)).diagnosticsDelay : DEFAULT_SERVER_SETTINGS.diagnosticsDelay;
    scheduler.schedule(uri, delay);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    const canPull = capabilities.workspace?.configuration === true;
    pushConfiguration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    const initial = (params.initializationOptions as { settings?: Partial<NetpolSettings> } | undefined)?.settings;
    settings = new SettingsStore(connection, canPull, initial);
    return {
      capabilities: { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } },
      serverInfo: { name: 'kube-netpol', version: SERVER_VERSION },
    };
  });

  connection.onInitialized(
    guard(connection, 'initialized', undefined, async () => {
      if (pushConfiguration) await connection.client.register(DidChangeConfigurationNotification.type, undefined);
    }),
  );

  connection.onDidChangeConfiguration(
    guard(connection, 'didChangeConfiguration', undefined, () => {
      settings?.clear();
      for (const document of documents.all()) if (isYaml(document)) scheduler.schedule(document.uri, 0);
    }),
  );

  // Fires on open and on every change: the first analysis of a document runs at once, later ones are debounced.
  const known = new Set<string>();
  documents.onDidChangeContent(
    guard(connection, 'didChange', undefined, async (event) => {
      const { uri } = event.document;
      if (!isYaml(event.document)) return;
      if (known.has(uri)) return scheduleAfterEdit(uri);
      known.add(uri);
      scheduler.schedule(uri, 0);
    }),
  );
  documents.onDidClose(
    guard(connection, 'didClose', undefined, async (event) => {
      const uri = event.document.uri;
      scheduler.cancel(uri);
      known.delete(uri);
      pools.delete(uri);
      settings?.forget(uri);
      await connection.sendDiagnostics({ uri, diagnostics: [] });
    }),
  );

  connection.onShutdown(() => scheduler.dispose());

  documents.listen(connection);
  connection.listen();
}

/** Replaced by the bundler with the package version. */
declare const SERVER_VERSION: string;
