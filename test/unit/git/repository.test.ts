import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobOid, GitError, GitRepository } from '../../../server/src/git/repository';
import { GitFixture } from '../../gitFixture';

/** The in-process git reader on a repository whose commits the test makes with the git binary. */

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('GitRepository', () => {
  const repo = new GitFixture();
  const commits: Record<string, string> = {};
  let worktree: string;

  beforeAll(() => {
    commits.first = repo.commit({
      'apps/web.yaml': 'kind: Deployment\n',
      'policies/deny.yaml': 'kind: NetworkPolicy\n',
      'README.md': '# r\n',
    });
    repo.git('tag', 'v1');
    repo.git('tag', '-a', 'v1-annotated', '-m', 'release');
    // Packed objects and refs, as in a cloned or garbage-collected repository.
    repo.git('gc', '-q');
    commits.second = repo.commit({ 'policies/deny.yaml': 'kind: NetworkPolicy # v2\n', 'policies/allow.yaml': 'kind: NetworkPolicy\n' });
    repo.git('branch', 'feature');
    commits.third = repo.commit({ 'apps/web.yaml': null }, 'remove web');
    repo.git('update-ref', 'refs/remotes/origin/main', commits.second);
    worktree = path.join(mkdtempSync(path.join(tmpdir(), 'netpol-wt-')), 'wt');
    repo.git('worktree', 'add', '-q', worktree, 'feature');
  });
  afterAll(() => {
    repo.remove();
    rmSync(path.dirname(worktree), { recursive: true, force: true });
  });

  it('finds the repository from a folder inside its work tree', async () => {
    const found = await GitRepository.discover(path.join(repo.dir, 'policies'));
    expect(found?.root).toBe(repo.dir);
    expect(await GitRepository.discover(tmpdir())).toBeUndefined();
  });

  it('resolves HEAD, branches, tags (lightweight and annotated), remote branches, short ids and ancestors', async () => {
    const git = (await GitRepository.discover(repo.dir))!;
    expect(await git.resolve('HEAD')).toBe(commits.third);
    expect(await git.resolve('main')).toBe(commits.third);
    expect(await git.resolve('feature')).toBe(commits.second);
    expect(await git.resolve('origin/main')).toBe(commits.second);
    expect(await git.resolve('v1')).toBe(commits.first);
    expect(await git.resolve('v1-annotated')).toBe(commits.first);
    expect(await git.resolve(commits.second!.slice(0, 8))).toBe(commits.second);
    expect(await git.resolve('HEAD~1')).toBe(commits.second);
    expect(await git.resolve('HEAD~2')).toBe(commits.first);
    expect(await git.resolve('HEAD^^')).toBe(commits.first);
    expect(await git.resolve('main^1~1')).toBe(commits.first);
    expect(await git.resolve('HEAD^0')).toBe(commits.third);
  });

  it('says what is wrong with a revision it cannot resolve', async () => {
    const git = (await GitRepository.discover(repo.dir))!;
    await expect(git.resolve('nope')).rejects.toThrow(new GitError('no branch, tag or commit named "nope" in the repository'));
    await expect(git.resolve('HEAD~5')).rejects.toThrow('"HEAD~5" goes past the first commit');
    await expect(git.resolve('0000000000000000000000000000000000000000')).rejects.toThrow(/missing from the repository/);
  });

  it('lists a commit’s files with their blob ids, under given paths, and reads them (packed and loose)', async () => {
    const git = (await GitRepository.discover(repo.dir))!;
    const first = await git.files(commits.first!);
    expect([...first.keys()].sort()).toEqual(['README.md', 'apps/web.yaml', 'policies/deny.yaml']);
    expect(first.get('apps/web.yaml')).toBe(repo.git('rev-parse', `${commits.first}:apps/web.yaml`));
    expect(text(await git.readBlob(first.get('policies/deny.yaml')!))).toBe('kind: NetworkPolicy\n');
    const second = await git.files(commits.second!, ['policies']);
    expect([...second.keys()].sort()).toEqual(['policies/allow.yaml', 'policies/deny.yaml']);
    expect(text(await git.readBlob(second.get('policies/deny.yaml')!))).toBe('kind: NetworkPolicy # v2\n');
    expect([...(await git.files(commits.second!, ['apps/web.yaml'])).keys()]).toEqual(['apps/web.yaml']);
    expect([...(await git.files(commits.third!, ['apps'])).keys()]).toEqual([]);
  });

  it('computes blob ids as git does', () => {
    const bytes = Buffer.from('kind: NetworkPolicy # v2\n');
    expect(blobOid(bytes)).toBe(repo.git('rev-parse', `${commits.second}:policies/deny.yaml`));
  });

  it('reads a linked worktree: its own HEAD, the common refs and objects', async () => {
    const git = (await GitRepository.discover(path.join(worktree)))!;
    expect(git.root).toBe(worktree);
    expect(await git.resolve('HEAD')).toBe(commits.second);
    expect(await git.resolve('main')).toBe(commits.third);
  });
});
