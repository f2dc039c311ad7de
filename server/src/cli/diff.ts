import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { blobOid, GitError, GitRepository } from '../git/repository';
import { diffWorkspaces, hasChanges, type WorkspaceDiff } from '../services/diff';
import type { AnalysisSettings } from '../services/settings';
import type { CliSettings } from './settings';
import { skippedText } from '../services/validation';
import { indexObjects, WorkspaceIndex, type IndexedObject } from '../services/workspace';
import { decodeManifest } from '../yaml/encoding';
import { parseFile } from '../yaml/file';
import type { DiffOptions } from './args';
import { expandPaths, InputError, isManifestPath } from './files';
import { formatDiffMarkdown, formatDiffSarif, formatDiffText } from './formatDiff';

/**
 * `netpol diff`: two workspaces (two files or folders, or a commit and the working tree)
 * indexed as `netpol connectivity` indexes one, then compared. Against a commit, a file whose
 * content is the same on both sides (the same blob id) is parsed once and shared, and the
 * commit's other files are read from the object database.
 */

function objectsOf(uri: string, bytes: Uint8Array, settings: AnalysisSettings): IndexedObject[] {
  const { text } = decodeManifest(bytes);
  return skippedText(text, settings) ? [] : indexObjects(uri, parseFile(text), settings);
}

async function readFile(file: string, cwd: string): Promise<Uint8Array> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    throw new InputError(`${path.relative(cwd, file) || file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** The files' contents, read a few at a time. */
async function readAll(files: readonly string[], cwd: string): Promise<Uint8Array[]> {
  const out: Uint8Array[] = new Array<Uint8Array>(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      out[i] = await readFile(files[i]!, cwd);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return out;
}

/** The files under paths (absolute) that are part of the workspace by the project configuration. */
function expand(paths: readonly string[], settings: CliSettings): Promise<string[]> {
  return expandPaths(paths, (file) => settings.includes(file));
}

async function analysisOf(file: string, settings: CliSettings): Promise<AnalysisSettings> {
  return (await settings.forFile(file)).analysis;
}

async function indexOf(given: string, cwd: string, settings: CliSettings): Promise<WorkspaceIndex> {
  const index = new WorkspaceIndex();
  const files = await expand([path.resolve(cwd, given)], settings);
  const contents = await readAll(files, cwd);
  for (const [i, file] of files.entries()) {
    const uri = pathToFileURL(file).href;
    index.setFile(uri, objectsOf(uri, contents[i]!, await analysisOf(file, settings)));
  }
  return index;
}

/**
 * The working tree's files under `paths` (after) and the same paths at `revision` (before).
 * Both sides take the working tree's configuration: the change compared is the manifests'.
 */
async function againstRevision(
  revision: string,
  paths: readonly string[],
  cwd: string,
  settings: CliSettings,
): Promise<{ before: WorkspaceIndex; after: WorkspaceIndex }> {
  const repository = await GitRepository.discover(cwd);
  if (!repository) throw new InputError(`--base needs a git repository, and ${cwd} is not in one`);
  const commit = await repository.resolve(revision);
  const relative = paths.map((given) => {
    const inRepository = path.relative(repository.root, path.resolve(cwd, given));
    if (inRepository.startsWith('..') || path.isAbsolute(inRepository))
      throw new InputError(`${given} is outside the repository (${repository.root})`);
    return inRepository.split(path.sep).join('/');
  });
  const inBase = [...(await repository.files(commit, relative))].filter(([file]) => isManifestPath(file));
  const included = await Promise.all(inBase.map(([file]) => settings.includes(path.join(repository.root, file))));
  const baseFiles = new Map(inBase.filter((_, i) => included[i]));
  const before = new WorkspaceIndex();
  const after = new WorkspaceIndex();
  const working = new Set<string>();
  const files = await expand(
    paths.map((given) => path.resolve(cwd, given)),
    settings,
  );
  // Read ahead: thousands of small files, each read a round trip to the thread pool.
  const contents = await readAll(files, cwd);
  const keys = files.map((file) => path.relative(repository.root, file).split(path.sep).join('/'));
  const oids = contents.map(blobOid);
  // The same files with the same contents: the same answer, nothing to parse.
  if (keys.length === baseFiles.size && keys.every((key, i) => baseFiles.get(key) === oids[i])) return { before, after };
  for (const [i, file] of files.entries()) {
    const key = keys[i]!;
    working.add(key);
    const uri = pathToFileURL(file).href;
    const analysis = await analysisOf(file, settings);
    const objects = objectsOf(uri, contents[i]!, analysis);
    after.setFile(uri, objects);
    const oid = baseFiles.get(key);
    if (oid === undefined) continue;
    // The same content at the base: the same objects, parsed once.
    before.setFile(uri, oid === oids[i] ? objects : objectsOf(uri, await repository.readBlob(oid), analysis));
  }
  for (const [file, oid] of baseFiles) {
    if (working.has(file)) continue;
    const full = path.join(repository.root, file);
    const uri = pathToFileURL(full).href;
    before.setFile(uri, objectsOf(uri, await repository.readBlob(oid), await analysisOf(full, settings)));
  }
  return { before, after };
}

/** The diff in the format asked, and whether anything changed (exit status 1). */
export async function runDiff(
  options: DiffOptions,
  cwd: string,
  settings: CliSettings,
  toolVersion: string,
): Promise<{ output: string; changed: boolean }> {
  let diff: WorkspaceDiff;
  try {
    const sides =
      options.base === undefined
        ? { before: await indexOf(options.paths[0]!, cwd, settings), after: await indexOf(options.paths[1]!, cwd, settings) }
        : await againstRevision(options.base, options.paths, cwd, settings);
    diff = diffWorkspaces(sides.before, sides.after);
  } catch (error) {
    if (error instanceof GitError) throw new InputError(error.message);
    throw error;
  }
  const changed = hasChanges(diff.report);
  if (options.format === 'json') return { output: `${JSON.stringify(diff.report, null, 2)}\n`, changed };
  if (options.format === 'markdown') return { output: formatDiffMarkdown(diff, options.base), changed };
  if (options.format === 'sarif') return { output: formatDiffSarif(diff, toolVersion, cwd), changed };
  return { output: formatDiffText(diff), changed };
}
