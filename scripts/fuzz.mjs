#!/usr/bin/env node
/**
 * npm run fuzz -- [--count N] [--seed S] [--minutes M]: the fuzz harness of test/fuzz over
 * the bundled server (built first by the npm script), for as long or as many documents as asked.
 * Defaults: 20,000 documents, a random seed, no time limit.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '20000' }, seed: { type: 'string' }, minutes: { type: 'string' } },
});
const seed = values.seed ?? String(Math.floor(Math.random() * 2 ** 31));
console.log(`fuzz: up to ${values.count} documents${values.minutes ? ` or ${values.minutes} minutes` : ''}, seed ${seed}`);
const env = { ...process.env, FUZZ_COUNT: values.count, FUZZ_SEED: seed, ...(values.minutes ? { FUZZ_MINUTES: values.minutes } : {}) };
const result = spawnSync('npx', ['vitest', 'run', '--project', 'integration', 'test/fuzz/fuzz.test.ts'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
