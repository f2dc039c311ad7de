import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkWithCli } from '../harness';
import { hostileInputs } from './inputs';

/**
 * Each hostile input as a file through the bundled CLI (`netpol check --format json`), and the
 * encodings only a file has (invalid UTF-8, UTF-16 with either byte order mark): an exit status
 * of 0 or 1, the JSON report with every diagnostic on its file's lines, within time bounds
 * generous enough for a loaded 2-core machine (speed is measured by the bench) and memory bounds.
 */
const RUN_MS = 30_000;
/** For the inputs of megabytes of policies. */
const HEAVY_RUN_MS = 120_000;
const MAX_RSS_MB = 1536;

const POLICY = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: encoded\nspec:\n  podSelector: {}\n';

function utf16(text: string, order: 'le' | 'be'): Uint8Array {
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  return order === 'le' ? le : le.swap16();
}

const ENCODED: readonly { readonly name: string; readonly bytes: Uint8Array }[] = [
  {
    name: 'invalid UTF-8 (a lone continuation byte and a truncated sequence)',
    bytes: Buffer.concat([Buffer.from(POLICY), Buffer.from([0x80, 0x0a, 0xe2, 0x82])]),
  },
  { name: 'UTF-16 little-endian with its byte order mark', bytes: utf16(POLICY, 'le') },
  { name: 'UTF-16 big-endian with its byte order mark', bytes: utf16(POLICY, 'be') },
  { name: 'a UTF-8 byte order mark', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(POLICY)]) },
];

const root = mkdtempSync(path.join(tmpdir(), 'netpol-hostile-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('hostile input through the CLI', () => {
  const cases = [
    ...hostileInputs().map((input) => ({ name: input.name, bytes: Buffer.from(input.text, 'utf8'), heavy: input.heavy === true })),
    ...ENCODED.map((input) => ({ ...input, heavy: false })),
  ];
  it.each(cases.map((input, i) => [input.name, input, i] as const))(
    '%s: checked within bounds',
    async (_, input, i) => {
      const run = await checkWithCli(
        path.join(root, String(i)),
        [{ name: 'input.yaml', bytes: input.bytes }],
        input.heavy ? HEAVY_RUN_MS : RUN_MS,
        MAX_RSS_MB,
      );
      expect(run.problem).toBeUndefined();
    },
    HEAVY_RUN_MS + 30_000,
  );
});
