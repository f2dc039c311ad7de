import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type RequestType,
  type RequestType0,
  type RequestHandler,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describeVersion } from '../model/k8sVersion';
import {
  AllowWorkloadEditRequest,
  CheckTemplateOptionRequest,
  ConnectivityRequest,
  ExplainRequest,
  FileStatusNotification,
  GenerateRequest,
  QueryRequest,
  TemplatesRequest,
  WorkloadsRequest,
  WorkspaceChangedNotification,
  type AllowWorkloadEditParams,
  type AllowWorkloadEditResult,
  type CheckTemplateOptionParams,
  type CheckTemplateOptionResult,
  type ConnectivityResult,
  type ExplainParams,
  type ExplainResult,
  type FileStatus,
  type GenerateParams,
  type GenerateResult,
  type NetpolSettings,
  type QueryParams,
  type QueryResult,
  type TemplatesParams,
  type TemplatesResult,
  type WorkloadsResult,
  type WorkspaceChanged,
} from '../protocol';
import { describeMarkdown, explainFile } from '../services/describe';
import { explainPolicyAt } from '../services/hover';
import { documentAt } from '../yaml/cursor';
import { codeLenses } from '../services/codeLens';
import { completions } from '../services/completion/complete';
import { queryWorkspace, workspaceConnectivity } from '../services/connectivity';
import { definition } from '../services/definition';
import { references } from '../services/references';
import { hover } from '../services/hover';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from '../services/semanticTokens';
import { documentSymbols } from '../services/symbols';
import { skippedText, validateFileSteps } from '../services/validation';
import { indexObjects, WorkspaceIndex } from '../services/workspace';
import { ChunkPool, parseFile, parseFileSteps, type YamlFile } from '../yaml/file';
import { AnalysisScheduler, runSliced } from './analysisScheduler';
import { guard } from './guard';
import { RESTRICTED_MODE, isTrustedWorkspace, untrustedCapabilities } from './trust';
import { DEFAULT_SERVER_SETTINGS, SettingsStore, type ServerSettings } from './settings';
import { WorkspaceIndexer } from './workspaceIndexer';
import { normalizeUri, uriToPath } from './workspaceFiles';
import { allowWorkloadEdit, workloadList } from '../services/codeActions/allowWorkload';
import { CODE_ACTION_KINDS, codeActions } from '../services/codeActions/index';
import { checkTemplateOption, generateYaml, namespacesOfFile, templatesFor } from '../services/generate';

/** YAML only: VS Code's language id, or the file name when the client gives no language. */
function isYaml(document: TextDocument): boolean {
  return document.languageId === 'yaml' || /\.ya?ml$/i.test(document.uri);
}

/** How long after a change to the workspace the other open documents are re-checked. */
const WORKSPACE_RECHECK_MS = 250;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const pools = new Map<string, ChunkPool>();
  /** The latest parse of each open document, for the requests. */
  const parsed = new Map<string, { version: number; file: YamlFile }>();
  const index = new WorkspaceIndex();
  let settings: SettingsStore | undefined;
  let pushConfiguration = false;
  let watchFiles = false;
  let folderEvents = false;
  let folders: string[] = [];
  /** Restricted Mode: only open documents are analysed and no file of the workspace is read (see lsp/trust.ts). */
  let trusted = true;

  const settingsFor = (uri: string): Promise<ServerSettings> => settings?.get(uri) ?? Promise.resolve(DEFAULT_SERVER_SETTINGS);
  /** Whether a file (normalized URI) is open: its editor text, not the disk, is in the index. */
  const isOpen = (uri: string): boolean => documents.all().some((d) => normalizeUri(d.uri) === uri);

  const poolOf = (uri: string): ChunkPool => {
    let pool = pools.get(uri);
    if (!pool) {
      pool = new ChunkPool();
      pools.set(uri, pool);
    }
    return pool;
  };

  /** The parse of an open document at its current version (parsed now if the analysis is behind). */
  const currentFile = (uri: string): YamlFile | undefined => {
    const document = documents.get(uri);
    if (!document) return undefined;
    const latest = parsed.get(uri);
    if (latest?.version === document.version) return latest.file;
    const file = parseFile(document.getText(), poolOf(uri));
    parsed.set(uri, { version: document.version, file });
    return file;
  };

  // When what the workspace declares changes, the other open documents' lints may change too.
  let recheck: NodeJS.Timeout | undefined;
  const recheckOpenDocuments = (except?: string) => {
    clearTimeout(recheck);
    recheck = setTimeout(() => {
      for (const document of documents.all()) if (isYaml(document) && document.uri !== except) scheduler.schedule(document.uri, 0);
      // Views of the connectivity (the traffic map) refresh on this.
      void connection.sendNotification(WorkspaceChangedNotification, { version: index.version } satisfies WorkspaceChanged);
    }, WORKSPACE_RECHECK_MS);
  };

  const indexer = new WorkspaceIndexer(connection, index, settingsFor, isOpen, () => recheckOpenDocuments());

  const analyse = async (uri: string, isCurrent: () => boolean): Promise<void> => {
    const document = documents.get(uri);
    if (!document) return;
    const current = await settingsFor(uri);
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
    const text = document.getText();
    const skipped = skippedText(text, current.analysis);
    if (skipped) {
      if (index.setFile(normalizeUri(uri), [])) recheckOpenDocuments(uri);
      await connection.sendDiagnostics({ uri, version: document.version, diagnostics: skipped.diagnostics });
      await connection.sendNotification(FileStatusNotification, status(skipped.skipped ?? 'too-large', 0, 0, skipped.diagnostics.length));
      return;
    }
    const pool = poolOf(uri);
    const file = await runSliced(parseFileSteps(text, pool), isCurrent);
    if (!file || !isCurrent()) return;
    parsed.set(uri, { version: document.version, file });
    pool.retain(file);
    if (index.setFile(normalizeUri(uri), indexObjects(normalizeUri(uri), file, current.analysis))) recheckOpenDocuments(uri);
    const result = await runSliced(validateFileSteps(file, current.analysis, index), isCurrent);
    if (!result || !isCurrent()) return;
    await connection.sendDiagnostics({ uri, version: document.version, diagnostics: result.diagnostics });
    await connection.sendNotification(
      FileStatusNotification,
      status('analysed', result.policies, result.documents, result.diagnostics.length),
    );
  };

  const scheduler = new AnalysisScheduler(guard(connection, 'Analysis', undefined, analyse));

  const scheduleAfterEdit = async (uri: string): Promise<void> => {
    scheduler.schedule(uri, (await settingsFor(uri)).diagnosticsDelay);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    const canPull = capabilities.workspace?.configuration === true;
    pushConfiguration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    watchFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    folderEvents = capabilities.workspace?.workspaceFolders === true;
    trusted = isTrustedWorkspace(params.initializationOptions);
    const initial = (params.initializationOptions as { settings?: Partial<NetpolSettings> } | undefined)?.settings;
    settings = new SettingsStore(connection, canPull, initial);
    folders = (params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : [])).map((folder) => folder.uri);
    const result: InitializeResult = {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [...CODE_ACTION_KINDS], resolveProvider: false },
        // A space after `key:` or `- ` opens the values; keys come with VS Code's own word-typing suggestions.
        completionProvider: { triggerCharacters: [' '], resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'kube-netpol', version: SERVER_VERSION },
    };
    return trusted ? result : { ...result, capabilities: untrustedCapabilities(result.capabilities) };
  });

  connection.onInitialized(
    guard(connection, 'initialized', undefined, async () => {
      if (pushConfiguration) await connection.client.register(DidChangeConfigurationNotification.type, undefined);
      if (watchFiles && trusted) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] });
      }
      if (trusted) void indexer.indexFolders(folders);
      if (!folderEvents) return;
      connection.workspace.onDidChangeWorkspaceFolders(
        guard(connection, 'didChangeWorkspaceFolders', undefined, (event) => {
          for (const removed of event.removed) {
            const prefix = normalizeUri(removed.uri).replace(/\/?$/, '/');
            for (const entry of [...index.all()]) if (entry.uri.startsWith(prefix)) indexer.removeFile(entry.uri);
          }
          folders = [...folders.filter((f) => !event.removed.some((r) => r.uri === f)), ...event.added.map((a) => a.uri)];
          if (event.added.length && trusted) void indexer.indexFolders(event.added.map((a) => a.uri));
        }),
      );
    }),
  );

  connection.onDidChangeConfiguration(
    guard(connection, 'didChangeConfiguration', undefined, () => {
      settings?.clear();
      for (const document of documents.all()) if (isYaml(document)) scheduler.schedule(document.uri, 0);
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard(connection, 'didChangeWatchedFiles', undefined, async (params) => {
      for (const change of params.changes) {
        const uri = normalizeUri(change.uri);
        if (change.type === FileChangeType.Deleted) indexer.removeFile(uri);
        else await indexer.indexFile(uri);
      }
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
      parsed.delete(uri);
      settings?.forget(uri);
      await connection.sendDiagnostics({ uri, diagnostics: [] });
      // Unsaved text no longer counts: the file on disk (if any) does. `indexFile` re-reads it
      // (and drops it when it is gone); its result says whether the index changed, not whether
      // the file is indexed, so a file closed unchanged must not be removed on `false`.
      const closed = normalizeUri(uri);
      if (trusted && uriToPath(closed) !== undefined) await indexer.indexFile(closed);
      else if (index.removeFile(closed)) recheckOpenDocuments();
    }),
  );

  /** Runs a request on an open YAML document's current parse. */
  const onFile = <R>(name: string, fallback: R, handler: (file: YamlFile, uri: string, current: ServerSettings) => R | Promise<R>) =>
    guard(connection, name, fallback, async (uri: string) => {
      const file = currentFile(uri);
      if (!file) return fallback;
      return handler(file, uri, await settingsFor(uri));
    });

  const offsetOf = (uri: string, position: { line: number; character: number }) => documents.get(uri)?.offsetAt(position) ?? 0;
  const documentAtOffset = (file: YamlFile, offset: number) => documentAt(file, offset)?.document;

  connection.onDefinition(async (params) =>
    onFile('definition', [], (file, uri, current) => definition(file, offsetOf(uri, params.position), current.analysis, index))(
      params.textDocument.uri,
    ),
  );
  connection.onReferences(async (params) =>
    onFile('references', [], (file, uri, current) => references(file, offsetOf(uri, params.position), current.analysis, index))(
      params.textDocument.uri,
    ),
  );
  connection.onHover(async (params) =>
    onFile(
      'hover',
      null,
      (file, uri, current) => hover(file, offsetOf(uri, params.position), current.analysis, index) ?? null,
    )(params.textDocument.uri),
  );
  connection.onDocumentSymbol(async (params) =>
    onFile('documentSymbol', [], (file, _uri, current) => documentSymbols(file, current.analysis))(params.textDocument.uri),
  );
  connection.languages.semanticTokens.on(async (params) =>
    onFile('semanticTokens', { data: [] }, (file, _uri, current) => semanticTokens(file, current.analysis))(params.textDocument.uri),
  );
  connection.onCodeLens(async (params) =>
    onFile('codeLens', [], (file, uri, current) => codeLenses(uri, file, current.analysis, index))(params.textDocument.uri),
  );
  connection.onCompletion(async (params) =>
    onFile('completion', null, (file, uri, current) => {
      const document = documents.get(uri);
      if (!document || !current.enable) return null;
      return completions({
        text: document.getText(),
        offset: document.offsetAt(params.position),
        file,
        settings: current.analysis,
        workspace: index,
        positionAt: (offset) => document.positionAt(offset),
        ...(params.context?.triggerCharacter ? { trigger: params.context.triggerCharacter } : {}),
      });
    })(params.textDocument.uri),
  );
  connection.onCodeAction(async (params) =>
    onFile('codeAction', [], (file, uri, current) =>
      codeActions({
        uri,
        file,
        range: params.range,
        start: offsetOf(uri, params.range.start),
        end: offsetOf(uri, params.range.end),
        diagnostics: params.context.diagnostics.filter((d) => d.source === 'netpol'),
        ...(params.context.only ? { only: params.context.only } : {}),
        settings: current.analysis,
        index,
      }),
    )(params.textDocument.uri),
  );

  /**
   * The netpol/* requests (explain, workloads, connectivity, generation, edits) are refused in
   * Restricted Mode, which offers validation, hovers and completions only (see lsp/trust.ts).
   */
  const onTrustedRequest = <P, R>(
    type: RequestType<P, R, void> | RequestType0<R, void>,
    handler: (params: P) => R | ResponseError<void> | Promise<R | ResponseError<void>>,
  ): void => {
    const refusing = async (params: P): Promise<R | ResponseError<void>> =>
      trusted ? handler(params) : new ResponseError<void>(LSPErrorCodes.RequestFailed, RESTRICTED_MODE);
    connection.onRequest(type as RequestType<P, R, void>, refusing as RequestHandler<P, R, void>);
  };

  onTrustedRequest(
    ExplainRequest,
    guard(connection, 'explain', { policies: [] }, async (params: ExplainParams): Promise<ExplainResult> => {
      const file = currentFile(params.uri);
      if (!file) return { policies: [] };
      const current = await settingsFor(params.uri);
      let policies = explainFile(file, current.analysis, index);
      if (params.position) {
        const offset = offsetOf(params.uri, params.position);
        const at = explainPolicyAt(file, offset, current.analysis, index);
        policies = at ? policies.filter((policy) => policy.path === at.path && documentAtOffset(file, offset) === policy.document) : [];
      }
      return { policies: policies.map((policy) => ({ ...policy, markdown: describeMarkdown(policy) })) };
    }),
  );

  onTrustedRequest(
    WorkloadsRequest,
    guard(connection, 'workloads', { workloads: [] }, (): WorkloadsResult => workloadList(index)),
  );
  onTrustedRequest(
    AllowWorkloadEditRequest,
    guard(connection, 'allowWorkloadEdit', {}, async (params: AllowWorkloadEditParams): Promise<AllowWorkloadEditResult> => {
      const file = currentFile(params.uri);
      if (!file) return { message: 'The document is not open.' };
      const { analysis } = await settingsFor(params.uri);
      const offset = offsetOf(params.uri, params.position);
      return allowWorkloadEdit({
        file,
        offset,
        settings: analysis,
        workspace: index,
        direction: params.direction,
        workload: params.workload,
      });
    }),
  );

  onTrustedRequest(
    ConnectivityRequest,
    guard(connection, 'connectivity', { workloads: [], connections: [], locations: [] }, (): ConnectivityResult =>
      workspaceConnectivity(index),
    ),
  );

  onTrustedRequest(
    QueryRequest,
    guard(
      connection,
      'query',
      new ResponseError<void>(ErrorCodes.InternalError, 'query failed'),
      (params: QueryParams): QueryResult | ResponseError<void> => {
        const result = queryWorkspace(index, params);
        return 'error' in result ? new ResponseError<void>(ErrorCodes.InvalidParams, result.error) : result;
      },
    ),
  );

  onTrustedRequest(
    TemplatesRequest,
    guard(
      connection,
      'templates',
      { templates: [], defaults: {}, workloads: [] },
      async (params: TemplatesParams): Promise<TemplatesResult> => {
        const current = await settingsFor(params.uri ?? '');
        const file = params.uri ? currentFile(params.uri) : undefined;
        return templatesFor(file ? namespacesOfFile(file, current.analysis) : [], current.analysis, index);
      },
    ),
  );
  onTrustedRequest(
    CheckTemplateOptionRequest,
    guard(connection, 'checkTemplateOption', {}, (params: CheckTemplateOptionParams): CheckTemplateOptionResult => {
      const message = checkTemplateOption(params.template, params.parameter, params.value);
      return message === undefined ? {} : { message };
    }),
  );
  onTrustedRequest(
    GenerateRequest,
    guard(connection, 'generate', { policies: [], problems: [] }, async (params: GenerateParams): Promise<GenerateResult> => {
      const current = await settingsFor(params.uri ?? '');
      const appendTo = params.target === 'append' && params.uri ? documents.get(params.uri)?.getText() : undefined;
      if (params.target === 'append' && appendTo === undefined) {
        return { policies: [], problems: [{ parameter: '', message: 'The document to append to is not open.' }] };
      }
      return generateYaml(params.template, params.options, current.analysis, appendTo);
    }),
  );

  connection.onShutdown(() => {
    clearTimeout(recheck);
    scheduler.dispose();
  });

  documents.listen(connection);
  connection.listen();
}

/** Replaced by the bundler with the package version. */
declare const SERVER_VERSION: string;
