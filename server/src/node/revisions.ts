import path from 'node:path';
import { GitRepository } from '../git/repository';
import { ALWAYS_SKIPPED } from '../services/fileSystem';
import { isConfigFileName } from '../services/projectConfig';
import type { RevisionReader } from '../services/revisions';
import { pathToUri, uriToPath } from './workspaceFiles';

/** The YAML files the indexer reads (see findYamlFiles), by `/`-separated path. */
function isIndexed(file: string): boolean {
  const parts = file.split('/');
  const name = parts[parts.length - 1]!;
  return /\.ya?ml$/i.test(name) && !isConfigFileName(name) && !parts.slice(0, -1).some((part) => ALWAYS_SKIPPED.has(part));
}

/** The workspace's folders at a revision, from the repository's objects (no git process). */
export const nodeRevisions: RevisionReader = {
  async filesAt(folder, revision) {
    const root = uriToPath(folder);
    if (!root) throw new Error(`${folder} is not a folder on disk`);
    const repository = await GitRepository.discover(root);
    if (!repository) throw new Error(`${root} is not in a git repository`);
    const commit = await repository.resolve(revision);
    const under = path.relative(repository.root, root).split(path.sep).join('/');
    const files = [...(await repository.files(commit, [under]))]
      .filter(([file]) => isIndexed(file))
      .map(([file, oid]) => ({ uri: pathToUri(path.join(repository.root, file)), oid }));
    return { commit, files, read: (oid) => repository.readBlob(oid) };
  },
  async revisions(folder) {
    const root = uriToPath(folder);
    const repository = root ? await GitRepository.discover(root) : undefined;
    return repository ? ['HEAD', ...(await repository.revisions())] : [];
  },
};
