// Bundles the VS Code client, the language server and the `netpol` CLI into dist/.
// `--production` minifies and drops source maps (for the .vsix); `--watch` rebuilds on change.
import { build, context } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeNotices } from './scripts/thirdPartyNotices.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

// isomorphic-git's package sends Node to its CommonJS build, which esbuild cannot tree-shake;
// its ES module build runs on Node too and bundles to what the git reader uses (about 135 KB
// minified instead of 220 KB).
const isomorphicGitEsm = {
  name: 'isomorphic-git-esm',
  setup(build) {
    build.onResolve({ filter: /^isomorphic-git$/ }, () => ({
      path: fileURLToPath(new URL('./node_modules/isomorphic-git/index.js', import.meta.url)),
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  external: ['vscode'],
  define: { SERVER_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
  plugins: [isomorphicGitEsm],
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js' },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The language server as a web worker (vscode.dev, github.dev): no Node built-in may be in it.
  {
    entryPoints: ['server/src/browser/serverWorkerMain.ts'],
    outfile: 'dist/browser/serverWorker.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  // The traffic map's webview: a browser script and its stylesheet, served from dist/media/ only.
  {
    entryPoints: ['client/media/trafficMap/main.ts', 'client/media/trafficMap/trafficMap.css'],
    outdir: 'dist/media/trafficMap',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  // The Check Connection report's webview: a stylesheet alone (the page runs no script).
  { entryPoints: ['client/media/report/report.css'], outdir: 'dist/media/report', platform: 'browser', target: 'es2022' },
];

if (watch) {
  for (const entry of entries) await (await context({ ...common, ...entry, logLevel: 'info' })).watch();
} else {
  const results = await Promise.all(entries.map((entry) => build({ ...common, ...entry, metafile: true })));
  writeNotices(
    results.map((result) => result.metafile),
    'dist/ThirdPartyNotices.txt',
  );
}
