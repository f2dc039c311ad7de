// The reachability diff benchmark of `npm run bench`: `netpol diff --base HEAD` (a new process)
// on the 5,000-file workspace made a git repository (with the git binary; the CLI reads it in
// process): a clean working tree, one Deployment relabelled, a default-deny added to a namespace.
import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';

const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function diffBench(root, dir, files, repeat) {
  const git = (...args) => execFileSync('git', args, { cwd: dir, env: GIT_ENV, encoding: 'utf8' });
  rmSync(path.join(dir, '.git'), { recursive: true, force: true });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'workspace');
  git('gc', '-q');
  const run = () => {
    const times = [];
    let result;
    for (let i = 0; i < repeat; i++) {
      const start = performance.now();
      result = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'diff', '--base', 'HEAD', '--format', 'json', '.'], {
        cwd: dir,
        encoding: 'utf8',
        maxBuffer: 512 * 1024 * 1024,
      });
      times.push(performance.now() - start);
    }
    if (result.status === 2) throw new Error(result.stderr);
    return { ms: median(times), changes: JSON.parse(result.stdout).changes.length };
  };
  const clean = run();
  const app = Object.keys(files).find((file) => file.includes('/apps/'));
  const text = readFileSync(path.join(dir, app), 'utf8');
  writeFileSync(
    path.join(dir, app),
    text.replace(/(template:\n\s+metadata:\n\s+labels:\n\s+app\.kubernetes\.io\/name: \S+\n\s+tier: )\w+/, '$1frontend-canary'),
  );
  const relabelled = run();
  git('checkout', '--', app);
  writeFileSync(
    path.join(dir, 'teams/team-7/default-deny.yaml'),
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: team-7\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n',
  );
  const denied = run();
  rmSync(path.join(dir, 'teams/team-7/default-deny.yaml'));
  return { clean, relabelled, denied };
}
