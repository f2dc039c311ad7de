import type { Connection } from 'vscode-languageserver';
import type { WorkspaceIndex } from '../services/workspace';
import { forgetManifest, indexManifest, kustomizationsFirst, loadManifest, type IndexChange } from '../services/workspaceLoader';
import type { ResolvedSettings } from '../services/resolveSettings';
import { excludeGlobs, type WorkspaceFileSystem } from '../services/fileSystem';
import { isConfigFileName } from '../services/projectConfig';

/**
 * Keeps the workspace index in step with the files on disk that are not open in an editor
 * (open documents are indexed from their text, which wins over the disk).
 */
export class WorkspaceIndexer {
  private indexing: Promise<void> | undefined;
  /** Workspace folders (normalized URIs ending in '/'): a file's settings are its folder's. */
  private readonly roots = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly fileSystem: WorkspaceFileSystem,
    private readonly yieldToEventLoop: () => Promise<void>,
    private readonly index: WorkspaceIndex,
    /** A file's settings, the editor's read at `scope` (its workspace folder). */
    private readonly settingsFor: (uri: string, scope: string) => Promise<ResolvedSettings>,
    /** Whether a file is part of the workspace by the project configuration's `include` and `exclude`. */
    private readonly includes: (uri: string) => Promise<boolean>,
    private readonly isOpen: (uri: string) => boolean,
    /** Called when a file on disk changed what the index knows. */
    private readonly onChanged: () => void,
  ) {}

  /** Indexes every YAML file of the folders, with progress; resolves when done. */
  indexFolders(folders: readonly string[]): Promise<void> {
    for (const folder of folders) this.roots.add(this.fileSystem.normalize(folder).replace(/\/?$/, '/'));
    this.indexing = this.scan(folders).catch((error: unknown) => {
      this.connection.console.error(
        `Indexing the workspace failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    });
    return this.indexing;
  }

  /**
   * Indexes the folders again (after a configuration file changed): files now excluded leave
   * the index, files now included or read with other settings are indexed again.
   */
  async reindex(): Promise<void> {
    await this.indexing;
    await this.indexFolders([...this.roots]);
  }

  /** Resolves when the first indexing has finished (at once when there is none). */
  get ready(): Promise<void> {
    return this.indexing ?? Promise.resolve();
  }

  private async scan(folders: readonly string[]): Promise<void> {
    const started = performance.now();
    const progress = await this.connection.window.createWorkDoneProgress();
    progress.begin('Indexing Kubernetes manifests', 0, 'looking for YAML files', false);
    try {
      const files: string[] = [];
      for (const folder of folders) {
        if (!this.fileSystem.canRead(folder)) continue;
        let exclude: string[] = [];
        try {
          exclude = excludeGlobs(await this.connection.workspace.getConfiguration({ scopeUri: folder, section: 'files.exclude' }));
        } catch {
          // a client without workspace/configuration: only node_modules and .git are skipped
        }
        files.push(...(await this.fileSystem.findYamlFiles(folder, exclude, (where, error) => this.warn(where, error))));
      }
      let changed = false;
      let lastReport = performance.now();
      let lastYield = performance.now();
      for (const [i, uri] of kustomizationsFirst(files, (file) => file).entries()) {
        changed = (await this.indexFile(uri, false)) || changed;
        const now = performance.now();
        if (now - lastReport > 100) {
          progress.report(Math.round((100 * (i + 1)) / files.length), `${i + 1}/${files.length} files`);
          lastReport = now;
        }
        // Let requests and edits through regularly, without paying a turn of the event loop per file.
        if (now - lastYield > 10) {
          await this.yieldToEventLoop();
          lastYield = performance.now();
        }
      }
      this.connection.console.info(`Indexed ${files.length} YAML files in ${Math.round(performance.now() - started)} ms.`);
      if (changed) this.onChanged();
    } finally {
      progress.done();
    }
  }

  /**
   * Indexes one file from disk (not when it is open: its editor text wins). Returns whether
   * the index changed; `notify` says whether to tell the open documents.
   */
  async indexFile(uri: string, notify = true): Promise<boolean> {
    if (this.isOpen(uri) || !this.fileSystem.canRead(uri) || isConfigFileName(uri)) return false;
    if (!(await this.includes(uri))) {
      const removed = this.index.removeFile(uri);
      if (removed && notify) this.onChanged();
      return removed;
    }
    const settings = await this.settingsFor(uri, this.scopeOf(uri));
    let change: IndexChange;
    try {
      const bytes = await this.fileSystem.readFile(uri);
      change = bytes
        ? indexManifest(this.index, loadManifest(uri, bytes, settings.analysis), settings.analysis)
        : forgetManifest(this.index, uri);
    } catch (error) {
      this.warn(uri, error);
      change = forgetManifest(this.index, uri);
    }
    // A kustomization changed what it lists or sets: the files it builds are read again.
    for (const other of change.reindex) await this.indexFile(other, false);
    if (change.changed && notify) this.onChanged();
    return change.changed;
  }

  /** The folder whose settings apply to a file (the file itself outside every folder). */
  private scopeOf(uri: string): string {
    let best = '';
    for (const root of this.roots) if (uri.startsWith(root) && root.length > best.length) best = root;
    return best ? best.replace(/\/$/, '') : uri;
  }

  removeFile(uri: string): void {
    if (!this.isOpen(uri)) void this.forget(uri);
  }

  /** Takes a file out of the index (a kustomization: the files it built are read again). */
  async forget(uri: string): Promise<void> {
    const change = forgetManifest(this.index, uri);
    await Promise.all(change.reindex.map((other) => this.indexFile(other, false)));
    if (change.changed) this.onChanged();
  }

  private warn(where: string, error: unknown): void {
    this.connection.console.warn(`Skipped ${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
