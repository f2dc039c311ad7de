import { describe, expect, it } from 'vitest';
import { describeFailure, fuzz } from './harness';

/**
 * The short fuzz run of `npm test`; `npm run fuzz` runs the same with FUZZ_COUNT, FUZZ_SEED
 * and FUZZ_MINUTES (see scripts/fuzz.mjs). A failure prints its seed and minimized input.
 */
const count = Number(process.env.FUZZ_COUNT ?? 2000);
const seed = Number(process.env.FUZZ_SEED ?? 20261207);
const minutes = process.env.FUZZ_MINUTES ? Number(process.env.FUZZ_MINUTES) : undefined;

describe('fuzzing the language server and the CLI with mutated real-world manifests', () => {
  it(
    `answers ${count} documents, their edits and requests (and the CLI on the texts) without an exception, hang, bad range or double publish`,
    async () => {
      const report = await fuzz({ count, seed, ...(minutes ? { minutes } : {}), log: (line) => console.log(line) });
      console.log(
        `fuzz: ${report.documents} documents, ${report.edits} edits, ${report.requests} requests, ${report.publishes} publishes in ${report.seconds} s; ` +
          `slowest request ${report.maxRequestMs} ms (${report.maxRequest}); peak server memory ${Math.round(report.peakRssMb)} MB; ` +
          `CLI: ${report.cliFiles} files, slowest run ${report.cliMaxMs} ms, peak memory ${Math.round(report.cliPeakRssMb)} MB; seed ${seed}`,
      );
      expect(report.failures.map(describeFailure)).toEqual([]);
      if (minutes === undefined) expect(report.documents).toBe(count);
    },
    // A bound against hangs, generous for a machine loaded with other work.
    minutes !== undefined ? minutes * 60_000 + 120_000 : count * 300 + 120_000,
  );
});
