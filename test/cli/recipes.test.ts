import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GitFixture } from '../gitFixture';
import { sarifErrors } from '../sarifSchema';

/**
 * The README's CI recipes, run: the GitHub Actions job's shell steps executed as written in a
 * repository the test makes (a pull request branch against `origin/main`), with `netpol` the
 * bundled CLI and `gh` a stand-in that records its arguments; the pre-commit hook installed and
 * a commit with an error refused.
 */

const ROOT = path.resolve(__dirname, '../..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const FIXTURE = path.join(ROOT, 'test/fixtures/diff');

/** The fenced block of the README whose first line is `first`. */
function block(first: string): string {
  const found = [...README.matchAll(/```\w*\n([\s\S]*?)```/g)].map((m) => m[1]!).find((text) => text.startsWith(first));
  if (!found) throw new Error(`no README block starting with ${first}`);
  return found;
}

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  if?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

const repo = new GitFixture('netpol-recipes-');
const bin = path.join(repo.dir, '.bin');
mkdirSync(bin);
writeFileSync(path.join(bin, 'netpol'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(ROOT, 'dist/cli.js')}" "$@"\n`);
writeFileSync(path.join(bin, 'gh'), '#!/bin/sh\necho "$@" >> "$GH_LOG"\n');
chmodSync(path.join(bin, 'netpol'), 0o755);
chmodSync(path.join(bin, 'gh'), 0o755);
writeFileSync(path.join(repo.dir, '.gitignore'), '.bin/\n');
const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, GH_LOG: path.join(repo.dir, '.bin/gh.log') };

afterAll(() => repo.remove());

describe('the GitHub Actions recipe', () => {
  const workflow = parse(block('# .github/workflows/netpol.yml')) as { on: unknown; jobs: Record<string, { steps: Step[] }> };
  const steps = Object.values(workflow.jobs)[0]!.steps;

  it('checks out the history, uploads the SARIF the check step writes, and comments the diff', () => {
    expect(steps[0]).toEqual({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
    const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif'))!;
    expect(steps.find((step) => step.name === 'Check policies')!.run).toContain(`> ${String(upload.with!.sarif_file)}`);
    expect(Object.keys(workflow.on as object)).toEqual(['pull_request']);
  });

  it('runs as written on a pull request that opens and closes connections', () => {
    cpSync(path.join(FIXTURE, 'before'), path.join(repo.dir, 'k8s'), { recursive: true });
    repo.commit({}, 'base');
    repo.git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    repo.git('checkout', '-q', '-b', 'feature');
    cpSync(path.join(FIXTURE, 'after'), path.join(repo.dir, 'k8s'), { recursive: true });
    repo.commit({}, 'open web to cache');

    const outputs = path.join(repo.dir, '.bin/output');
    const summary = path.join(repo.dir, '.bin/summary');
    writeFileSync(outputs, '');
    writeFileSync(summary, '');
    const expression = (text: string) =>
      text
        .replaceAll('${{ github.base_ref }}', 'main')
        .replaceAll('${{ github.event.pull_request.number }}', '7')
        .replaceAll('${{ github.token }}', 'token');
    const statuses: Record<string, number | null> = {};
    for (const step of steps) {
      // The install and the hosted actions are GitHub's; a condition on the diff holds only when it found changes.
      if (!step.run || step.name === 'Install netpol') continue;
      if (step.if?.includes("steps.diff.outputs.changed == 'true'") && !readFileSync(outputs, 'utf8').includes('changed=true')) continue;
      const run = spawnSync('bash', ['-e', '-c', expression(step.run)], {
        cwd: repo.dir,
        env: { ...env, ...step.env, GITHUB_OUTPUT: outputs, GITHUB_STEP_SUMMARY: summary },
        encoding: 'utf8',
      });
      statuses[step.name!] = run.status;
    }
    expect(statuses).toEqual({
      'Check policies': 0,
      'Reachability changes': 0,
      'Comment on the pull request': 0,
      // No reachability-reviewed label on this pull request.
      'Require a review of the reachability changes': 1,
    });
    expect(sarifErrors(JSON.parse(readFileSync(path.join(repo.dir, 'netpol.sarif'), 'utf8')))).toEqual([]);
    const comment = readFileSync(path.join(repo.dir, 'reachability.md'), 'utf8');
    expect(comment).toMatch(/^### Reachability changes against `origin\/main`\n\n\*\*1 connection opened, /);
    expect(comment).toContain('| `shop/web[Deployment]` | `shop/cache[Deployment]` | TCP 6379 |');
    expect(readFileSync(summary, 'utf8')).toBe(comment);
    expect(readFileSync(outputs, 'utf8')).toBe('changed=true\n');
    expect(readFileSync(env.GH_LOG, 'utf8')).toBe('pr comment 7 --body-file reachability.md\n');
  });
});

describe('the pre-commit hook recipe', () => {
  it('refuses a commit whose staged YAML has an error, and lets a good one through', () => {
    const hook = path.join(repo.dir, '.git/hooks/pre-commit');
    writeFileSync(hook, block('#!/bin/sh\n# .git/hooks/pre-commit'));
    chmodSync(hook, 0o755);
    const commit = () => spawnSync('git', ['commit', '-q', '-m', 'policy'], { cwd: repo.dir, env: { ...env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' }, encoding: 'utf8' }); // prettier-ignore
    const policy = (protocol: string) =>
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n  namespace: shop\nspec:\n  podSelector: {}\n  ingress:\n    - ports:\n        - protocol: ${protocol}\n`;
    repo.write({ 'k8s/new.yaml': policy('tcp') });
    repo.git('add', 'k8s/new.yaml');
    const refused = commit();
    expect(refused.status).toBe(1);
    // Git shows a hook's output on its standard error.
    expect(refused.stderr).toContain('error port-protocol');
    repo.write({ 'k8s/new.yaml': policy('TCP') });
    repo.git('add', 'k8s/new.yaml');
    expect(commit().status).toBe(0);
  });
});
