import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The third-party manifests of the shared corpus (read-only, never edited): NETPOL_CORPUS, else
 * `shared/corpus/real` beside the checkout or beside any folder above it (a git worktree may sit
 * deeper than the main checkout); undefined when there is none on this machine.
 */
export function corpusDir(): string | undefined {
  const beside: string[] = [];
  for (let dir = path.resolve(__dirname, '../../..'); ; dir = path.dirname(dir)) {
    beside.push(path.join(dir, 'shared/corpus/real'));
    if (path.dirname(dir) === dir) break;
  }
  return [process.env.NETPOL_CORPUS, ...beside].find((dir): dir is string => !!dir && existsSync(path.join(dir, 'SOURCES.tsv')));
}
