import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReachabilityDiff } from '../../server/src/protocol';
import { GitFixture } from '../gitFixture';
import { sarifErrors } from '../sarifSchema';

/**
 * `netpol diff` on the bundled CLI: two folders, and a repository whose commits the test
 * makes (the CLI reads its objects in process): golden outputs, the JSON contract, exit statuses.
 */

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const FIXTURE = path.resolve(__dirname, '../fixtures/diff');

function netpol(cwd: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const keys = (value: object) => Object.keys(value).sort();

describe('netpol diff A B', () => {
  it('--format json keeps the contract', () => {
    const run = netpol(FIXTURE, 'diff', '--format', 'json', 'before', 'after');
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as ReachabilityDiff;
    expect(keys(report)).toEqual(['changes', 'policies', 'workloads']);
    expect(keys(report.policies)).toEqual(['added', 'changed', 'removed']);
    expect(keys(report.workloads)).toEqual(['added', 'removed']);
    for (const change of report.changes) {
      expect(keys(change)).toEqual(['after', 'before', 'from', 'to']);
      for (const end of [change.from, change.to]) expect([['cidr'], ['kind', 'name', 'namespace']]).toContainEqual(keys(end));
      for (const ports of [change.before, change.after]) {
        if (ports === 'none' || ports === 'all') continue;
        for (const port of ports) expect([['port', 'protocol'], ['endPort', 'port', 'protocol']]).toContainEqual(keys(port)); // prettier-ignore
      }
      expect(change.before).not.toEqual(change.after);
    }
    expect(report.changes).toContainEqual({
      from: { namespace: 'shop', kind: 'Deployment', name: 'web' },
      to: { namespace: 'shop', kind: 'Deployment', name: 'cache' },
      before: 'none',
      after: [{ protocol: 'TCP', port: 6379 }],
    });
    expect(report.changes).toContainEqual({
      from: { namespace: 'shop', kind: 'Deployment', name: 'web' },
      to: { namespace: 'shop', kind: 'StatefulSet', name: 'db' },
      before: [{ protocol: 'TCP', port: 3306 }],
      after: [
        { protocol: 'TCP', port: 3306 },
        { protocol: 'TCP', port: 33060 },
      ],
    });
    expect(report.changes).toContainEqual({
      from: { cidr: '11.0.0.0/8' },
      to: { namespace: 'shop', kind: 'Deployment', name: 'web' },
      before: [{ protocol: 'TCP', port: 8080 }],
      after: 'none',
    });
    expect(report.policies).toEqual({
      added: [
        { namespace: 'shop', name: 'allow-ops-probe' },
        { namespace: 'shop', name: 'cache' },
      ],
      removed: [{ namespace: 'shop', name: 'allow-probe' }],
      changed: [
        { namespace: 'shop', name: 'db' },
        { namespace: 'shop', name: 'web' },
      ],
    });
    expect(report.workloads).toEqual({
      added: [{ namespace: 'shop', kind: 'Deployment', name: 'cache' }],
      removed: [{ namespace: 'ops', kind: 'CronJob', name: 'legacy-report' }],
    });
  });

  it('--format text, md, json and sarif match their golden files', async () => {
    for (const [format, file] of [
      ['text', 'diff.txt'],
      ['md', 'diff.md'],
      ['json', 'diff.json'],
      ['sarif', 'diff.sarif'],
    ] as const) {
      const run = netpol(FIXTURE, 'diff', '--format', format, 'before', 'after');
      expect(run.status).toBe(1);
      const output = format === 'sarif' ? run.stdout.replace(pathToFileURL(`${FIXTURE}/`).href, 'file:///fixture/') : run.stdout;
      await expect(output).toMatchFileSnapshot(`__snapshots__/${file}`);
    }
  });

  it('SARIF: newly allowed connections at the rule that allows them, closed ones as notes; valid against the schema', () => {
    const sarif = JSON.parse(netpol(FIXTURE, 'diff', '--format', 'sarif', 'before', 'after').stdout) as {
      runs: { results: { ruleId: string; level: string; message: { text: string }; locations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    }; // prettier-ignore
    expect(sarifErrors(sarif)).toEqual([]);
    const results = sarif.runs[0]!.results;
    const opened = results.find((r) => r.ruleId === 'connection-opened')!;
    expect(opened.level).toBe('warning');
    expect(opened.message.text).toBe(
      'Newly allowed: shop/web[Deployment] => shop/cache[Deployment] on TCP 6379 (shop/web spec.egress[1]; shop/cache spec.ingress[0]).',
    );
    // The web policy's second egress rule (`- to:` with the cache peer), in after/policies.yaml.
    expect(opened.locations![0]!.physicalLocation.artifactLocation.uri).toBe('after/policies.yaml');
    const lines = readFileSync(path.join(FIXTURE, 'after/policies.yaml'), 'utf8').split('\n');
    const rule = lines.findIndex((line, i) => line.trim() === '- to:' && lines[i + 3]?.includes('app: cache'));
    expect(opened.locations![0]!.physicalLocation.region.startLine).toBe(rule + 1);
    expect(results.find((r) => r.ruleId === 'connection-widened')!.message.text).toContain('now allows TCP 3306, TCP 33060 (was TCP 3306)');
    const closed = results.filter((r) => r.ruleId === 'connection-closed');
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((r) => r.level === 'note')).toBe(true);
  });

  it('exit status 0 when nothing changed, 2 on usage or input errors', () => {
    const same = netpol(FIXTURE, 'diff', 'before', 'before');
    expect(same.status).toBe(0);
    expect(same.stdout).toBe('No change in reachability, policies or workloads.\n');
    expect(netpol(FIXTURE, 'diff', 'before').stderr).toContain(
      'netpol diff needs two files or folders (before, after), or --base <revision>',
    );
    expect(netpol(FIXTURE, 'diff', 'before').status).toBe(2);
    const missing = netpol(FIXTURE, 'diff', 'before', 'nowhere');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such file or folder');
    expect(netpol(FIXTURE, 'diff', '--format', 'dot', 'before', 'after').stderr).toContain(
      '--format must be text, markdown, json or sarif',
    );
    expect(netpol(FIXTURE, 'check', '--base', 'HEAD', '.').stderr).toContain('--base is an option of netpol diff');
  });
});

describe('netpol diff --base', () => {
  const repo = new GitFixture();
  const copy = (side: 'before' | 'after') => {
    for (const file of readdirSync(path.join(FIXTURE, 'before'))) rmSync(path.join(repo.dir, 'k8s', file), { force: true });
    cpSync(path.join(FIXTURE, side), path.join(repo.dir, 'k8s'), { recursive: true });
  };
  afterAll(() => repo.remove());

  it('compares the working tree with a commit, branch or tag, as the two folders compare', () => {
    copy('before');
    repo.commit({ 'README.md': '# cluster\n' }, 'before');
    repo.git('tag', 'v1');
    const clean = netpol(repo.dir, 'diff', '--base', 'HEAD');
    expect([clean.status, clean.stdout]).toEqual([0, 'No change in reachability, policies or workloads.\n']);

    copy('after');
    const folders = netpol(FIXTURE, 'diff', '--format', 'json', 'before', 'after');
    for (const revision of ['HEAD', 'main', 'v1']) {
      const run = netpol(repo.dir, 'diff', '--base', revision, '--format', 'json');
      expect([run.status, run.stderr]).toEqual([1, '']);
      expect(JSON.parse(run.stdout)).toEqual(JSON.parse(folders.stdout));
    }
    // Paths: only those files, on both sides (a folder, from inside the repository too).
    expect(JSON.parse(netpol(repo.dir, 'diff', '--base', 'HEAD', '--format', 'json', 'k8s').stdout)).toEqual(JSON.parse(folders.stdout));
    expect(JSON.parse(netpol(path.join(repo.dir, 'k8s'), 'diff', '--base', 'HEAD', '--format', 'json').stdout)).toEqual(
      JSON.parse(folders.stdout),
    );
    const onlyNamespaces = netpol(repo.dir, 'diff', '--base', 'HEAD', 'k8s/namespaces.yaml');
    expect(onlyNamespaces.status).toBe(0);

    // Committed: HEAD has it; the previous commit is the base of the change.
    repo.commit({}, 'after');
    expect(netpol(repo.dir, 'diff', '--base', 'HEAD').status).toBe(0);
    expect(JSON.parse(netpol(repo.dir, 'diff', '--base', 'HEAD~1', '--format', 'json').stdout)).toEqual(JSON.parse(folders.stdout));
    expect(JSON.parse(netpol(repo.dir, 'diff', '--base', 'v1', '--format', 'json').stdout)).toEqual(JSON.parse(folders.stdout));
  });

  it('a file deleted from the working tree counts as removed', () => {
    rmSync(path.join(repo.dir, 'k8s', 'policies.yaml'));
    const report = JSON.parse(netpol(repo.dir, 'diff', '--base', 'HEAD', '--format', 'json').stdout) as ReachabilityDiff;
    expect(report.policies.removed.map((p) => p.name)).toEqual(['allow-ops-probe', 'cache', 'db', 'default-deny', 'web']);
    expect(report.changes.some((c) => c.before === 'none')).toBe(true);
    repo.git('checkout', '--', 'k8s/policies.yaml');
  });

  it('says what is wrong with a revision or a folder', () => {
    const unknown = netpol(repo.dir, 'diff', '--base', 'no-such-branch');
    expect([unknown.status, unknown.stderr]).toEqual([2, 'netpol: no branch, tag or commit named "no-such-branch" in the repository\n']);
    const outside = netpol(repo.dir, 'diff', '--base', 'HEAD', FIXTURE);
    expect(outside.status).toBe(2);
    expect(outside.stderr).toContain('is outside the repository');
    const noRepository = netpol(path.parse(repo.dir).root, 'diff', '--base', 'HEAD', path.join(FIXTURE, 'before'));
    expect(noRepository.status).toBe(2);
    expect(noRepository.stderr).toContain('--base needs a git repository');
  });
});
