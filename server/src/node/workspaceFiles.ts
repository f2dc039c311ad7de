import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { minimatch } from 'minimatch';
import { ALWAYS_SKIPPED, type WorkspaceFileSystem } from '../services/fileSystem';

const MANIFEST = /\.ya?ml$/i;

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(fsPath: string): string {
  return pathToFileURL(fsPath).href;
}

/** The same file URI however the client spelt it (percent-encoding, trailing slashes). */
export function normalizeUri(uri: string): string {
  const fsPath = uriToPath(uri);
  return fsPath ? pathToUri(fsPath) : uri;
}

export interface WalkOptions {
  readonly exclude: readonly string[];
  /** Called for every unreadable directory (permissions, races). */
  readonly onError: (fsPath: string, error: unknown) => void;
}

/**
 * Every YAML file under a folder, skipping node_modules, .git and excluded paths, following
 * symbolic links but never into a directory it has already visited (no loops).
 */
export async function findYamlFiles(root: string, options: WalkOptions): Promise<string[]> {
  const out: string[] = [];
  const visited = new Set<string>();
  const excluded = (relative: string) => options.exclude.some((glob) => minimatch(relative, glob, { dot: true }));
  const walk = async (dir: string): Promise<void> => {
    let real: string;
    let entries;
    try {
      real = await fs.realpath(dir);
      if (visited.has(real)) return;
      visited.add(real);
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      options.onError(dir, error);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const relative = path.relative(root, full).split(path.sep).join('/');
      if (ALWAYS_SKIPPED.has(entry.name) || excluded(relative)) continue;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const stat = await fs.stat(full);
          isDirectory = stat.isDirectory();
          isFile = stat.isFile();
        } catch (error) {
          options.onError(full, error);
          continue;
        }
      }
      if (isDirectory) await walk(full);
      else if (isFile && MANIFEST.test(entry.name)) out.push(full);
    }
  };
  await walk(root);
  return out;
}

/** The disk, for the Node server. */
export const nodeFileSystem: WorkspaceFileSystem = {
  normalize: normalizeUri,
  canRead: (uri) => uriToPath(uri) !== undefined,
  async findYamlFiles(folder, exclude, onError) {
    const root = uriToPath(folder);
    if (!root) return [];
    return (await findYamlFiles(root, { exclude, onError })).map(pathToUri);
  },
  async readFile(uri) {
    const fsPath = uriToPath(uri);
    if (!fsPath) return undefined;
    try {
      return await fs.readFile(fsPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },
};
