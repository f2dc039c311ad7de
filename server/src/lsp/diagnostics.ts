import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { describeVersion } from '../model/k8sVersion';
import { FileStatusNotification, WorkspaceChangedNotification, type FileStatus } from '../protocol';
import { configDiagnostics } from '../services/configDiagnostics';
import { isConfigFileName } from '../services/projectConfig';
import type { ResolvedSettings } from '../services/resolveSettings';
import { isTooLarge, skippedText, validateFileSteps } from '../services/validation';
import type { WorkspaceIndex } from '../services/workspace';
import { indexParsed } from '../services/workspaceLoader';
import { parseFileSteps } from '../yaml/file';
import { AnalysisScheduler, delayAfterEdit, runSliced } from './analysisScheduler';
import type { DocumentCache } from './documentCache';
import { guard } from './guard';
import type { RuntimeEnvironment } from './runtime';

/** How long after a change to the workspace the other open documents are re-checked. */
const WORKSPACE_RECHECK_MS = 250;

/**
 * At most one `netpol/workspaceChanged` in this interval. The first change after a quiet
 * spell is told at once (the Reachability Changes view follows typing), later ones at the
 * end of the interval (an indexing or a checkout changes hundreds of files).
 */
const NOTIFY_INTERVAL_MS = 250;

/**
 * YAML only (VS Code's language id, or the file name when the client gives no language), and
 * the project configuration files, `.netpol.json` included.
 */
export function isYaml(document: TextDocument): boolean {
  return document.languageId === 'yaml' || /\.ya?ml$/i.test(document.uri) || isConfigFileName(document.uri);
}

/**
 * Push diagnostics: the analysis of each open YAML document (parse, index, validate, in time
 * slices), debounced after edits, re-run for the other open documents when what the workspace
 * declares changes; each analysis ends with its diagnostics and a `netpol/fileStatus`.
 */
export class DiagnosticsScheduler {
  private readonly scheduler: AnalysisScheduler;
  private readonly known = new Set<string>();
  /**
   * Open documents over the size limit, with whether they mention NetworkPolicy: an edit of
   * one costs no pass over its text (tens of MB) until it is back under the limit.
   */
  private readonly tooLarge = new Map<string, boolean>();
  private recheck: ReturnType<typeof setTimeout> | undefined;
  /** Updates of the index under way (a closed document's text replaced by its file): analyses wait for them. */
  private updates: Promise<unknown> = Promise.resolve();
  /** How long each document's last finished analysis took: the delay after its next edit (see delayAfterEdit). */
  private readonly lastAnalysisMs = new Map<string, number>();
  /** What was last published for each document: a re-check that finds the same says nothing. */
  private readonly published = new Map<string, { readonly version: number; readonly diagnostics: string }>();
  private notify: ReturnType<typeof setTimeout> | undefined;
  private notifiedAt = -Infinity;
  /** Indexes files on disk again (an open kustomization changed what it lists or sets). */
  reindex: (uris: readonly string[]) => void = () => undefined;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly cache: DocumentCache,
    private readonly index: WorkspaceIndex,
    private readonly settingsFor: (uri: string) => Promise<ResolvedSettings>,
    private readonly runtime: RuntimeEnvironment,
  ) {
    this.scheduler = new AnalysisScheduler(guard(connection, 'Analysis', undefined, (uri, isCurrent) => this.analyse(uri, isCurrent)));
  }

  /** A document was opened or changed: the first analysis runs at once, later ones after the delay. */
  async changed(document: TextDocument): Promise<void> {
    const { uri } = document;
    if (!isYaml(document)) return;
    if (this.known.has(uri)) {
      this.scheduler.schedule(uri, delayAfterEdit((await this.settingsFor(uri)).diagnosticsDelay, this.lastAnalysisMs.get(uri)));
      return;
    }
    this.known.add(uri);
    this.scheduler.schedule(uri, 0);
  }

  /** A document was closed: no analysis runs for it any more and its diagnostics are cleared. */
  async closed(uri: string): Promise<void> {
    this.scheduler.cancel(uri);
    this.known.delete(uri);
    this.tooLarge.delete(uri);
    this.published.delete(uri);
    this.lastAnalysisMs.delete(uri);
    await this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /**
   * Runs an update of the index that awaits (reads a file): no analysis is published against
   * the index as it was before the update ends.
   */
  async updatingWorkspace(update: () => Promise<void>): Promise<void> {
    const running = update();
    this.updates = Promise.all([this.updates, running.catch(() => undefined)]);
    await running;
  }

  /** Analyses every open YAML document again (the settings changed). */
  all(): void {
    for (const document of this.documents.all()) if (isYaml(document)) this.scheduler.schedule(document.uri, 0);
  }

  /** The workspace's declarations changed: the other open documents' lints may have, and so may connectivity. */
  workspaceChanged(except?: string): void {
    clearTimeout(this.recheck);
    this.recheck = setTimeout(() => {
      for (const document of this.documents.all())
        if (isYaml(document) && document.uri !== except) this.scheduler.schedule(document.uri, 0);
    }, WORKSPACE_RECHECK_MS);
    this.notifyViews();
  }

  /** Views of the connectivity (the traffic map, Reachability Changes) refresh on the notification. */
  private notifyViews(): void {
    if (this.notify) return;
    const send = () => {
      this.notify = undefined;
      this.notifiedAt = Date.now();
      void this.connection.sendNotification(WorkspaceChangedNotification, { version: this.index.version });
    };
    const wait = this.notifiedAt + NOTIFY_INTERVAL_MS - Date.now();
    if (wait <= 0) send();
    else this.notify = setTimeout(send, wait);
  }

  dispose(): void {
    clearTimeout(this.recheck);
    clearTimeout(this.notify);
    this.scheduler.dispose();
  }

  private async analyse(uri: string, isCurrent: () => boolean): Promise<void> {
    const document = this.documents.get(uri);
    if (!document) return;
    const current = await this.settingsFor(uri);
    if (!isCurrent()) return;
    const started = performance.now();
    // The version and its text, read together: an edit that arrives later is analysed on its own.
    const version = document.version;
    const text = document.getText();
    const status = (state: FileStatus['state'], policies: number, docs: number, problems: number): FileStatus => ({
      uri,
      version,
      state,
      policies,
      documents: docs,
      problems,
      kubernetesVersion: describeVersion(current.analysis.version),
      durationMs: Math.round(performance.now() - started),
    });
    // One publish per version and result: a re-check that finds what was published stays silent
    // (the status still says the analysis ran); an edit made meanwhile has its own analysis.
    const publish = async (diagnostics: Parameters<Connection['sendDiagnostics']>[0]['diagnostics'], fileStatus: FileStatus) => {
      if (document.version !== version) return;
      this.lastAnalysisMs.set(uri, fileStatus.durationMs);
      const key = JSON.stringify(diagnostics);
      const last = this.published.get(uri);
      if (last?.version !== version || last.diagnostics !== key) {
        this.published.set(uri, { version, diagnostics: key });
        await this.connection.sendDiagnostics({ uri, version, diagnostics });
      }
      await this.connection.sendNotification(FileStatusNotification, fileStatus);
    };
    if (!current.enable) return publish([], status('disabled', 0, 0, 0));
    // A configuration file is no manifest: its own diagnostics, and nothing indexed.
    if (isConfigFileName(uri)) {
      const found = configDiagnostics(text);
      return publish(found, status('analysed', 0, 1, found.length));
    }
    if (!isTooLarge(text, current.analysis)) this.tooLarge.delete(uri);
    else if (!this.tooLarge.has(uri)) this.tooLarge.set(uri, text.includes('NetworkPolicy'));
    const skipped = skippedText(text, current.analysis, this.tooLarge.get(uri));
    if (skipped) {
      if (this.index.setFile(this.runtime.fileSystem.normalize(uri), [])) this.workspaceChanged(uri);
      return publish(skipped.diagnostics, status(skipped.skipped ?? 'too-large', 0, 0, skipped.diagnostics.length));
    }
    const file = await runSliced(parseFileSteps(text, this.cache.pool(uri)), isCurrent, this.runtime.yieldToEventLoop);
    if (!file || !isCurrent()) return;
    this.cache.set(uri, version, file);
    const indexed = indexParsed(this.index, this.runtime.fileSystem.normalize(uri), file, current.analysis);
    if (indexed.reindex.length) this.reindex(indexed.reindex);
    if (indexed.changed) this.workspaceChanged(uri);
    // Against the workspace as it is when the result is published: after the updates under way,
    // and thrown away when the index changed while it ran (the re-check that change schedules
    // analyses this document again).
    await this.updates;
    if (!isCurrent()) return;
    const workspace = this.index.version;
    const result = await runSliced(validateFileSteps(file, current.analysis, this.index), isCurrent, this.runtime.yieldToEventLoop);
    if (!result || !isCurrent() || this.index.version !== workspace) return;
    await publish(result.diagnostics, status('analysed', result.policies, result.documents, result.diagnostics.length));
  }
}
