#!/usr/bin/env node
// The packaged extension, as a user gets it: `npm run package` builds the production bundle
// and dist-vsix/kube-netpol.vsix; this checks that the .vsix is under 1 MB and holds exactly
// what the .vscodeignore allowlist ships, then runs the UI test (ui.test.mjs) with the .vsix
// installed by `code-server --install-extension` (E2E_INSTALL=vsix): it activates and reports
// the diagnostic. Afterwards dist/ is rebuilt for development (packaging minifies it), so the
// programs that follow test the same sources with source maps.
//
// Run by `npm run test:e2e` (every ui*.test.mjs); alone: `E2E_ONLY=ui-vsix npm run test:e2e`.
// Results (the UI test's screenshots of the installed .vsix) go to <E2E_RESULTS_DIR>/vsix/.
// Exit code: 0 pass, 1 a check failed, 130 interrupted.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { RESULTS_DIR, ROOT, log, setLogTag } from './harness.mjs';

setLogTag('vsix');
const VSIX = path.join(ROOT, 'dist-vsix/kube-netpol.vsix');
const MAX_BYTES = 1024 * 1024;

/** What the .vsix may hold (paths inside the zip); `required` ones must be there. */
const ALLOWED = [
  { pattern: /^extension\.vsixmanifest$/, required: true },
  { pattern: /^\[Content_Types\]\.xml$/, required: true },
  { pattern: /^extension\/package\.json$/, required: true },
  { pattern: /^extension\/package\.nls\.json$/, required: true },
  { pattern: /^extension\/readme\.md$/, required: true },
  { pattern: /^extension\/changelog\.md$/, required: true },
  { pattern: /^extension\/LICENSE\.txt$/, required: true },
  { pattern: /^extension\/dist\/ThirdPartyNotices\.txt$/, required: true },
  { pattern: /^extension\/dist\/client\.js$/, required: true },
  { pattern: /^extension\/dist\/server\.js$/, required: true },
  { pattern: /^extension\/images\/icon\.png$/, required: true },
  { pattern: /^extension\/syntaxes\/netpol\.injection\.tmLanguage\.json$/, required: true },
  { pattern: /^extension\/schemas\/netpol-config\.schema\.json$/, required: true },
  { pattern: /^extension\/media\/walkthrough\/[\w-]+\.md$/ },
  // Every rule's page, for "Show documentation" offline (README.md of the folder too).
  { pattern: /^extension\/docs\/rules\/port-protocol\.md$/, required: true },
  { pattern: /^extension\/docs\/rules\/[\w-]+\.md$/ },
  // The webviews' scripts and stylesheets: the traffic map's, the Check Connection report's.
  { pattern: /^extension\/dist\/media\/trafficMap\/main\.js$/, required: true },
  { pattern: /^extension\/dist\/media\/report\/report\.css$/, required: true },
  { pattern: /^extension\/dist\/media\/[\w/.-]+\.(js|css)$/ },
];

let child = null;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    // The UI test cleans up its code-server and browser on SIGTERM; wait for it.
    if (child) child.once('close', () => process.exit(130)).kill('SIGTERM');
    else process.exit(130);
  });
}

/** Runs a command in the repository; resolves with its exit code. */
function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', () => resolve(127));
    child.on('close', (code, signal) => {
      child = null;
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

/** The names in a zip file, from its central directory (the .vsix is a plain zip, no zip64). */
function zipEntries(file) {
  const zip = fs.readFileSync(file);
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = zip.readUInt16LE(eocd + 10);
  const names = [];
  for (let at = zip.readUInt32LE(eocd + 16), i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${i} in ${file}`);
    const nameLength = zip.readUInt16LE(at + 28);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return names;
}

const problems = [];
try {
  fs.rmSync(VSIX, { force: true });
  if ((await run('npm', ['run', 'package'])) !== 0) throw new Error('npm run package failed');
  const bytes = fs.statSync(VSIX).size;
  log(`${path.relative(ROOT, VSIX)}: ${(bytes / 1024).toFixed(0)} KiB`);
  if (bytes >= MAX_BYTES) problems.push(`the .vsix is ${bytes} bytes, not under 1 MB`);
  const entries = zipEntries(VSIX);
  log(`entries: ${entries.join(', ')}`);
  for (const entry of entries) if (!ALLOWED.some((a) => a.pattern.test(entry))) problems.push(`unexpected file in the .vsix: ${entry}`);
  for (const a of ALLOWED) if (a.required && !entries.some((e) => a.pattern.test(e))) problems.push(`missing from the .vsix: ${a.pattern}`);
  if (problems.length === 0) {
    const code = await run(process.execPath, [path.join(ROOT, 'test/e2e/ui.test.mjs')], {
      E2E_INSTALL: 'vsix',
      E2E_VSIX: VSIX,
      E2E_RESULTS_DIR: path.join(RESULTS_DIR, 'vsix'),
    });
    if (code !== 0) problems.push(`the UI test with the installed .vsix failed (exit ${code})`);
  }
} catch (error) {
  problems.push(error.message);
} finally {
  if ((await run(process.execPath, [path.join(ROOT, 'esbuild.mjs')])) !== 0) problems.push('rebuilding dist/ for development failed');
}
for (const p of problems) log(`FAIL ${p}`);
log(problems.length ? 'FAILED' : 'PASSED');
process.exit(problems.length ? 1 : 0);
