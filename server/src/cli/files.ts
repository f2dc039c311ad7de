import { promises as fs } from 'node:fs';
import path from 'node:path';

const MANIFEST = /\.(ya?ml|json)$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

export class InputError extends Error {}

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

/**
 * A manifest's text as kubectl would read it: UTF-8 (a BOM is dropped by the YAML parser)
 * or UTF-16 with a BOM. `valid` is false when UTF-8 bytes are malformed.
 */
export function decodeManifest(bytes: Uint8Array): { text: string; valid: boolean } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), valid: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), valid: true };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), valid: true };
  } catch {
    return { text: new TextDecoder('utf-8').decode(bytes), valid: false };
  }
}
