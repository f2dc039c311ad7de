import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusDir } from './corpus';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const corpus = corpusDir();
if (!corpus) console.warn('The real-world corpus (../shared/corpus/real or NETPOL_CORPUS) is not on this machine: corpus test skipped.');

describe.skipIf(!corpus)('netpol check on the real-world corpus', () => {
  it('checks every file without crashing; the results are pinned', async () => {
    const run = spawnSync(process.execPath, [CLI, 'check', '.'], { cwd: corpus, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(run.stderr).not.toContain('internal error');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/\(1198 files checked\)\n$/);
    const lines = run.stdout.split('\n').filter(Boolean);
    for (const line of lines) expect(line).toMatch(/^[^:]+:\d+:\d+: (error|warning|info|hint) [a-z0-9-]+ .+/);
    await expect(`${run.stderr}${run.stdout}`).toMatchFileSnapshot('__snapshots__/corpus.txt');
  });
});
