import { promises as fs } from 'node:fs';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Connection } from 'vscode-languageserver';
import type { WorkspaceIndex } from '../services/workspace';
import { indexManifest, loadManifest } from '../services/workspaceLoader';
import type { ResolvedSettings } from '../services/resolveSettings';
import { excludeGlobs, findYamlFiles, normalizeUri, pathToUri, uriToPath } from './workspaceFiles';

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
    private readonly index: WorkspaceIndex,
    private readonly settingsFor: (uri: string) => Promise<ResolvedSettings>,
    private readonly isOpen: (uri: string) => boolean,
    /** Called when a file on disk changed what the index knows. */
    private readonly onChanged: () => void,
  ) {}

  /** Indexes every YAML file of the folders, with progress; resolves when done. */
  indexFolders(folders: readonly string[]): Promise<void> {
    for (const folder of folders) this.roots.add(normalizeUri(folder).replace(/\/?$/, '/'));
    this.indexing = this.scan(folders).catch((error: unknown) => {
      this.connection.console.error(
        `Indexing the workspace failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    });
    return this.indexing;
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
        const root = uriToPath(folder);
        if (!root) continue;
        let exclude: string[] = [];
        try {
          exclude = excludeGlobs(await this.connection.workspace.getConfiguration({ scopeUri: folder, section: 'files.exclude' }));
        } catch {
          // a client without workspace/configuration: only node_modules and .git are skipped
        }
        files.push(...(await findYamlFiles(root, { exclude, onError: (fsPath, error) => this.warn(fsPath, error) })));
      }
      let changed = false;
      let lastReport = performance.now();
      let lastYield = performance.now();
      for (const [i, fsPath] of files.entries()) {
        changed = (await this.indexFile(pathToUri(fsPath), false)) || changed;
        const now = performance.now();
        if (now - lastReport > 100) {
          progress.report(Math.round((100 * (i + 1)) / files.length), `${i + 1}/${files.length} files`);
          lastReport = now;
        }
        // Let requests and edits through regularly, without paying a turn of the event loop per file.
        if (now - lastYield > 10) {
          await yieldToEventLoop();
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
    if (this.isOpen(uri)) return false;
    const fsPath = uriToPath(uri);
    if (!fsPath) return false;
    const settings = await this.settingsFor(this.scopeOf(uri));
    let changed: boolean;
    try {
      const bytes = await fs.readFile(fsPath);
      changed = indexManifest(this.index, loadManifest(uri, bytes, settings.analysis), settings.analysis);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.warn(fsPath, error);
      changed = this.index.removeFile(uri);
    }
    if (changed && notify) this.onChanged();
    return changed;
  }

  /** The folder whose settings apply to a file (the file itself outside every folder). */
  private scopeOf(uri: string): string {
    let best = '';
    for (const root of this.roots) if (uri.startsWith(root) && root.length > best.length) best = root;
    return best ? best.replace(/\/$/, '') : uri;
  }

  removeFile(uri: string): void {
    if (!this.isOpen(uri) && this.index.removeFile(uri)) this.onChanged();
  }

  private warn(fsPath: string, error: unknown): void {
    this.connection.console.warn(`Skipped ${fsPath}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
