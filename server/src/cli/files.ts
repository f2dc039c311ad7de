import { promises as fs } from 'node:fs';
import path from 'node:path';

const MANIFEST = /\.(ya?ml|json)$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

export class InputError extends Error {}

/** Whether a `/`-separated relative path is one that a folder search picks up. */
export function isManifestPath(relative: string): boolean {
  const parts = relative.split('/');
  return MANIFEST.test(parts[parts.length - 1]!) && !parts.slice(0, -1).some((part) => SKIPPED_FOLDERS.has(part));
}

async function walk(folder: string, out: string[]): Promise<void> {
  const entries = await fs.readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) await walk(full, out);
    } else if (entry.isFile() && MANIFEST.test(entry.name)) {
      out.push(full);
    }
  }
}

/** The files to check: files as given, folders searched for manifests; each file once. */
export async function expandPaths(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const given of paths) {
    let stat;
    try {
      stat = await fs.stat(given);
    } catch {
      throw new InputError(`${given}: no such file or folder`);
    }
    if (stat.isDirectory()) await walk(given, out);
    else out.push(given);
  }
  return [...new Set(out)];
}
