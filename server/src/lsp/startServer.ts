import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type CodeActionParams,
  type CodeLensParams,
  type CompletionParams,
  type DefinitionParams,
  type DocumentSymbolParams,
  type HoverParams,
  type ReferenceParams,
  type SemanticTokensParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { NetpolSettings } from '../protocol';
import { configQuickFixes } from '../services/configDiagnostics';
import { CONFIG_FILE_NAMES, isConfigFileName } from '../services/projectConfig';
import { codeLenses } from '../services/codeLens';
import { CODE_ACTION_KINDS, codeActions } from '../services/codeActions/index';
import { completions } from '../services/completion/complete';
import { definition } from '../services/definition';
import { hover } from '../services/hover';
import { references } from '../services/references';
import { DEFAULT_RESOLVED_SETTINGS, type ResolvedSettings } from '../services/resolveSettings';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from '../services/semanticTokens';
import { documentSymbols } from '../services/symbols';
import { WorkspaceIndex } from '../services/workspace';
import { settingsOfFile } from '../services/workspaceLoader';
import type { YamlFile } from '../yaml/file';
import { DiagnosticsScheduler } from './diagnostics';
import { DocumentCache } from './documentCache';
import { cancellable, guard, REQUEST_BUDGET_MS, requestBudget } from './guard';
import { registerNetpolHandlers } from './netpolHandlers';
import { ReachabilityChanges } from './reachabilityChanges';
import { SettingsStore } from './settings';
import { isTrustedWorkspace, untrustedCapabilities } from './trust';
import type { RuntimeEnvironment } from './runtime';
import { WorkspaceIndexer } from './workspaceIndexer';

/**
 * The language server: the LSP lifecycle and the standard requests. The parse cache
 * (documentCache.ts), push diagnostics (diagnostics.ts) and the netpol/* requests
 * (netpolHandlers.ts) are their own modules; every answer comes from services/.
 */
export function startServer(connection: Connection, runtime: RuntimeEnvironment): void {
  const { fileSystem } = runtime;
  const documents = new TextDocuments(TextDocument);
  const cache = new DocumentCache(documents);
  const index = new WorkspaceIndex();
  let settings: SettingsStore | undefined;
  let pushConfiguration = false;
  let watchFiles = false;
  let folderEvents = false;
  let folders: string[] = [];
  /** Restricted Mode: only open documents are analysed, and of the workspace's other files only `.netpol.yaml` is read (see lsp/trust.ts). */
  let trusted = true;

  /** A file's settings: its folder's (and its project configuration's), with the kustomizations that list it. */
  const settingsFor = async (uri: string, scope?: string): Promise<ResolvedSettings> => {
    const resolved = await (settings?.get(uri, scope) ?? DEFAULT_RESOLVED_SETTINGS);
    const analysis = settingsOfFile(index, fileSystem.normalize(uri), resolved.analysis);
    return analysis === resolved.analysis ? resolved : { ...resolved, analysis };
  };
  const includes = (uri: string): Promise<boolean> => settings?.includes(uri) ?? Promise.resolve(true);
  /** Whether a file (normalized URI) is open: its editor text, not the disk, is in the index. */
  const isOpen = (uri: string): boolean => documents.all().some((d) => fileSystem.normalize(d.uri) === uri);

  const diagnostics = new DiagnosticsScheduler(connection, documents, cache, index, settingsFor, runtime);
  const indexer = new WorkspaceIndexer(connection, fileSystem, runtime.yieldToEventLoop, index, settingsFor, includes, isOpen, () =>
    diagnostics.workspaceChanged(),
  );
  diagnostics.reindex = (uris) => {
    for (const uri of uris) void indexer.indexFile(uri);
  };

  const reachability = new ReachabilityChanges(runtime.revisions, index, () => folders, settingsFor, includes);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    const canPull = capabilities.workspace?.configuration === true;
    pushConfiguration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    watchFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    folderEvents = capabilities.workspace?.workspaceFolders === true;
    trusted = isTrustedWorkspace(params.initializationOptions);
    const initial = (params.initializationOptions as { settings?: Partial<NetpolSettings> } | undefined)?.settings;
    settings = new SettingsStore(connection, canPull, initial, fileSystem);
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
      if (watchFiles) {
        // Manifests, and the project configuration files (`.netpol.yaml` and `.netpol.yml` are among the first);
        // in Restricted Mode the configuration files only, the one kind of workspace file read there.
        await connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: trusted
            ? [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: '**/.netpol.json' }]
            : [{ globPattern: `**/{${CONFIG_FILE_NAMES.join(',')}}` }],
        });
      }
      if (trusted) void indexer.indexFolders(folders);
      if (!folderEvents) return;
      connection.workspace.onDidChangeWorkspaceFolders(
        guard(connection, 'didChangeWorkspaceFolders', undefined, (event) => {
          for (const removed of event.removed) {
            const prefix = fileSystem.normalize(removed.uri).replace(/\/?$/, '/');
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
      diagnostics.all();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard(connection, 'didChangeWatchedFiles', undefined, async (params) => {
      // A configuration file changed: every file's settings and which files are the workspace may have.
      if (params.changes.some((change) => isConfigFileName(change.uri))) {
        settings?.configsChanged();
        reachability.forget();
        diagnostics.all();
        if (trusted) await indexer.reindex();
        return;
      }
      if (!trusted) return;
      for (const change of params.changes) {
        const uri = fileSystem.normalize(change.uri);
        if (change.type === FileChangeType.Deleted) indexer.removeFile(uri);
        else await indexer.indexFile(uri);
      }
    }),
  );

  // Fires on open and on every change: the first analysis of a document runs at once, later ones are debounced.
  documents.onDidChangeContent(guard(connection, 'didChange', undefined, (event) => diagnostics.changed(event.document)));
  documents.onDidClose(
    guard(connection, 'didClose', undefined, async (event) => {
      const uri = event.document.uri;
      cache.forget(uri);
      settings?.forget(uri);
      // Unsaved text no longer counts: the file on disk (if any) does. `indexFile` re-reads it
      // (and drops it when it is gone); its result says whether the index changed, not whether
      // the file is indexed, so a file closed unchanged must not be removed on `false`. The
      // other documents' analyses wait for this, so none is published against the closed text.
      const closed = fileSystem.normalize(uri);
      const update = diagnostics.updatingWorkspace(async () => {
        if (trusted && fileSystem.canRead(closed)) await indexer.indexFile(closed);
        else await indexer.forget(closed);
      });
      await diagnostics.closed(uri);
      await update;
    }),
  );

  const requestBudgetMs = runtime.requestBudgetMs ?? REQUEST_BUDGET_MS;

  /**
   * A request on an open YAML document's current parse, within the request time budget (the
   * handler's loops ask `isCancelled`). A document over the size limit has no parse: the
   * request answers `fallback` at once.
   */
  const onFile = <P extends { textDocument: { uri: string } }, R>(
    name: string,
    fallback: R,
    handler: (file: YamlFile, params: P, current: ResolvedSettings, isCancelled: () => boolean) => R | Promise<R>,
  ) =>
    cancellable(connection, name, fallback, async (params: P, token) => {
      const budget = requestBudget(connection, name, requestBudgetMs, token);
      const uri = params.textDocument.uri;
      const current = await settingsFor(uri);
      const file = cache.get(uri, current.analysis);
      if (!file) return fallback;
      const result = await handler(file, params, current, budget.isCancelled);
      budget.finish();
      return result;
    });

  const offsetOf = (uri: string, position: { line: number; character: number }) => documents.get(uri)?.offsetAt(position) ?? 0;
  const at = (params: { textDocument: { uri: string }; position: { line: number; character: number } }) =>
    offsetOf(params.textDocument.uri, params.position);

  connection.onDefinition(
    onFile('definition', [], (file, params: DefinitionParams, current) => definition(file, at(params), current.analysis, index)),
  );
  connection.onReferences(
    onFile('references', [], (file, params: ReferenceParams, current, isCancelled) =>
      references(file, at(params), current.analysis, index, isCancelled),
    ),
  );
  connection.onHover(
    onFile('hover', null, (file, params: HoverParams, current) => hover(file, at(params), current.analysis, index) ?? null),
  );
  connection.onDocumentSymbol(
    onFile('documentSymbol', [], (file, _params: DocumentSymbolParams, current, isCancelled) =>
      documentSymbols(file, current.analysis, isCancelled),
    ),
  );
  connection.languages.semanticTokens.on(
    onFile('semanticTokens', { data: [] }, (file, _params: SemanticTokensParams, current, isCancelled) =>
      semanticTokens(file, current.analysis, isCancelled),
    ),
  );
  // What a rule opens or closes against HEAD: a workspace half indexed would seem to close everything.
  connection.onCodeLens(
    onFile('codeLens', [], async (file, params: CodeLensParams, current, isCancelled) => {
      const uri = params.textDocument.uri;
      const lenses = codeLenses(uri, file, current.analysis, index, isCancelled);
      await indexer.ready;
      return [...lenses, ...(await reachability.lenses(fileSystem.normalize(uri)))];
    }),
  );
  connection.onCompletion(
    onFile('completion', null, (file, params: CompletionParams, current) => {
      const uri = params.textDocument.uri;
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
    }),
  );
  // Fix all re-validates the whole file: a cancelled request (or one out of time) stops early.
  const manifestActions = onFile('codeAction', [], (file, params: CodeActionParams, current, isCancelled) => {
    const uri = params.textDocument.uri;
    return codeActions({
      uri,
      file,
      range: params.range,
      start: offsetOf(uri, params.range.start),
      end: offsetOf(uri, params.range.end),
      diagnostics: params.context.diagnostics.filter((d) => d.source === 'netpol'),
      ...(params.context.only ? { only: params.context.only } : {}),
      settings: current.analysis,
      index,
      isCancelled,
    });
  });
  connection.onCodeAction(
    cancellable(connection, 'codeAction', [], (params: CodeActionParams, token) =>
      isConfigFileName(params.textDocument.uri)
        ? configQuickFixes(params.textDocument.uri, params.context.diagnostics)
        : manifestActions(params, token),
    ),
  );

  registerNetpolHandlers(connection, {
    documents,
    cache,
    index,
    settingsFor,
    trusted: () => trusted,
    reachability,
    indexed: () => indexer.ready,
  });

  connection.onShutdown(() => diagnostics.dispose());

  documents.listen(connection);
  connection.listen();
}

/** Replaced by the bundler with the package version. */
declare const SERVER_VERSION: string;
