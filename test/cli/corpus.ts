import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The third-party manifests of the shared corpus (read-only, never edited). Set
 * NETPOL_CORPUS to use another copy; undefined when there is none on this machine.
 */
export function corpusDir(): string | undefined {
  const candidates = [process.env.NETPOL_CORPUS, path.resolve(__dirname, '../../../shared/corpus/real')];
  return candidates.find((dir): dir is string => !!dir && existsSync(path.join(dir, 'SOURCES.tsv')));
}
