import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isConfigFileName } from '../services/projectConfig';

const MANIFEST = /\.(ya?ml|json)$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

export class InputError extends Error {}

/** Whether a `/`-separated relative path is one that a folder search picks up. */
export function isManifestPath(relative: string): boolean {
  const parts = relative.split('/');
  const name = parts[parts.length - 1]!;
  return MANIFEST.test(name) && !isConfigFileName(name) && !parts.slice(0, -1).some((part) => SKIPPED_FOLDERS.has(part));
}

/** Which of the files found in folders are kept (the `include` and `exclude` of the project configuration). */
export type FileFilter = (file: string) => Promise<boolean>;

async function walk(folder: string, out: string[], keep: FileFilter | undefined): Promise<void> {
  const entries = await fs.readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) await walk(full, out, keep);
    } else if (entry.isFile() && MANIFEST.test(entry.name) && !isConfigFileName(entry.name) && (!keep || (await keep(full)))) {
      out.push(full);
    }
  }
}

/**
 * The files to check (absolute): files as given, folders searched for manifests (the
 * configuration files and those `keep` refuses left out); each file once. Paths are resolved
 * against `cwd` when it is given; an error names a path as it was given.
 */
export async function expandPaths(paths: readonly string[], keep?: FileFilter, cwd?: string): Promise<string[]> {
  const out: string[] = [];
  for (const given of paths) {
    const full = cwd === undefined ? given : path.resolve(cwd, given);
    let stat;
    try {
      stat = await fs.stat(full);
    } catch {
      throw new InputError(`${given}: no such file or folder`);
    }
    if (stat.isDirectory()) await walk(full, out, keep);
    else out.push(full);
  }
  return [...new Set(out)];
}
