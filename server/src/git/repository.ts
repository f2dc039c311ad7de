import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import path from 'node:path';
import {
  expandOid,
  listBranches,
  listRemotes,
  listTags,
  readBlob,
  readObject,
  readTree,
  resolveRef,
  type CommitObject,
  type TagObject,
} from 'isomorphic-git';

/**
 * A git repository read from its object database, in process: revisions resolved to commits,
 * a commit's files listed, blobs read (isomorphic-git reads loose objects and packs). No
 * `git` process is run, so the language server and CLI work where git is not installed and
 * spawn nothing. Linked worktrees (a `.git` file naming a gitdir with a `commondir`) are
 * read as git does: HEAD from the worktree's gitdir, refs and objects from the common one.
 */

export class GitError extends Error {}

/** The git object id of a file's content, as `git hash-object` computes it. */
export function blobOid(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

interface Layout {
  readonly workTree: string;
  /** Where HEAD is (the worktree's own gitdir for a linked worktree). */
  readonly gitdir: string;
  /** Where refs and objects are. */
  readonly commondir: string;
}

async function layoutAt(dir: string): Promise<Layout | undefined> {
  const dotgit = path.join(dir, '.git');
  const stat = await fs.promises.stat(dotgit).catch(() => undefined);
  if (stat?.isDirectory()) return { workTree: dir, gitdir: dotgit, commondir: dotgit };
  if (!stat?.isFile()) return undefined;
  const pointer = /^gitdir:\s*(.+?)\s*$/m.exec(await fs.promises.readFile(dotgit, 'utf8'));
  if (!pointer) return undefined;
  const gitdir = path.resolve(dir, pointer[1]!);
  const common = await fs.promises.readFile(path.join(gitdir, 'commondir'), 'utf8').catch(() => undefined);
  return { workTree: dir, gitdir, commondir: common === undefined ? gitdir : path.resolve(gitdir, common.trim()) };
}

/** `name~2^2`: a name (ref, commit id or HEAD), then steps to ancestors. */
const REVISION = /^(.+?)((?:[~^]\d*)*)$/;

export class GitRepository {
  /** Parsed packs and their indexes, kept between reads (isomorphic-git's cache object). */
  private readonly cache = {};

  private constructor(private readonly layout: Layout) {}

  /** The repository whose work tree holds `start` (searching up the folders), or undefined. */
  static async discover(start: string): Promise<GitRepository | undefined> {
    let dir = path.resolve(start);
    for (;;) {
      const layout = await layoutAt(dir);
      if (layout) return new GitRepository(layout);
      const parent = path.dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
  }

  /** The work tree's root folder. */
  get root(): string {
    return this.layout.workTree;
  }

  private get objects() {
    return { fs, gitdir: this.layout.commondir, cache: this.cache };
  }

  /** The commit a revision names: HEAD, a branch, tag or remote branch, a (short) commit id, with `~N` and `^N` steps. */
  async resolve(revision: string): Promise<string> {
    const match = REVISION.exec(revision.trim());
    if (!match) throw new GitError(`"${revision}" is not a revision`);
    let oid = await this.peel(await this.resolveName(match[1]!), revision);
    for (const step of match[2]!.match(/[~^]\d*/g) ?? []) {
      const count = step.length > 1 ? Number(step.slice(1)) : 1;
      if (step[0] === '~') {
        for (let i = 0; i < count; i++) oid = this.parent(await this.commit(oid), 0, revision);
      } else if (count > 0) oid = this.parent(await this.commit(oid), count - 1, revision);
    }
    return oid;
  }

  private async resolveName(name: string): Promise<string> {
    if (name === 'HEAD' || name === '@') {
      const head = (await fs.promises.readFile(path.join(this.layout.gitdir, 'HEAD'), 'utf8').catch(() => '')).trim();
      if (/^[0-9a-f]{40}$/.test(head)) return head;
      if (!head.startsWith('ref: ')) throw new GitError('the repository has no HEAD');
      return this.resolveRef(head.slice('ref: '.length), 'HEAD');
    }
    try {
      return await this.resolveRef(name, name);
    } catch (error) {
      if (!/^[0-9a-f]{4,40}$/i.test(name)) throw error;
      try {
        return await expandOid({ ...this.objects, oid: name.toLowerCase() });
      } catch {
        throw error;
      }
    }
  }

  private async resolveRef(ref: string, shown: string): Promise<string> {
    try {
      return await resolveRef({ fs, gitdir: this.layout.commondir, ref });
    } catch {
      throw new GitError(
        shown === 'HEAD' ? `HEAD points to ${ref}, which has no commit yet` : `no branch, tag or commit named "${shown}" in the repository`,
      );
    }
  }

  /** The commit an object stands for (annotated tags point to it). */
  private async peel(oid: string, revision: string): Promise<string> {
    for (let depth = 0; depth < 10; depth++) {
      const object = await this.read(oid, revision);
      if (object.type === 'commit') return oid;
      if (object.type !== 'tag') break;
      oid = (object.object as TagObject).object;
    }
    throw new GitError(`"${revision}" does not name a commit`);
  }

  private async read(oid: string, revision: string) {
    try {
      return await readObject({ ...this.objects, oid, format: 'parsed' });
    } catch {
      throw new GitError(`the object ${oid.slice(0, 12)} of "${revision}" is missing from the repository (a shallow clone?)`);
    }
  }

  private async commit(oid: string): Promise<CommitObject> {
    const object = await this.read(oid, oid);
    if (object.type !== 'commit') throw new GitError(`${oid.slice(0, 12)} is not a commit`);
    return object.object as CommitObject;
  }

  private parent(commit: CommitObject, index: number, revision: string): string {
    const parent = commit.parent[index];
    if (!parent) throw new GitError(`"${revision}" goes past the first commit`);
    return parent;
  }

  /**
   * The files of a commit (regular files, by path from the work tree's root, with their blob
   * ids), under the given folders or files only when `under` is given (work-tree-relative,
   * `/`-separated; '' is the root). Symbolic links and submodules are left out.
   */
  async files(commit: string, under?: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const wanted = under?.map((p) => p.replace(/\/+$/, ''));
    const relevant = (file: string, isTree: boolean) =>
      !wanted || wanted.some((p) => p === '' || file === p || file.startsWith(`${p}/`) || (isTree && p.startsWith(`${file}/`)));
    const walk = async (tree: string, prefix: string): Promise<void> => {
      const { tree: entries } = await readTree({ ...this.objects, oid: tree });
      for (const entry of entries) {
        const file = prefix ? `${prefix}/${entry.path}` : entry.path;
        if (entry.type === 'tree') {
          if (relevant(file, true)) await walk(entry.oid, file);
        } else if (entry.type === 'blob' && entry.mode !== '120000' && relevant(file, false)) out.set(file, entry.oid);
      }
    };
    await walk((await this.commit(commit)).tree, '');
    return out;
  }

  /** The local branches, then the remote ones (`origin/main`), then the tags, each sorted. */
  async revisions(): Promise<string[]> {
    const gitdir = this.layout.commondir;
    const local = await listBranches({ fs, gitdir });
    const remotes = await listRemotes({ fs, gitdir });
    const remote = (
      await Promise.all(
        remotes.map(async ({ remote: name }) =>
          (await listBranches({ fs, gitdir, remote: name })).filter((branch) => branch !== 'HEAD').map((branch) => `${name}/${branch}`),
        ),
      )
    ).flat();
    const tags = await listTags({ fs, gitdir });
    return [...local.sort(), ...remote.sort(), ...tags.sort()];
  }

  async readBlob(oid: string): Promise<Uint8Array> {
    return (await readBlob({ ...this.objects, oid })).blob;
  }
}
