// The browser build (vscode.dev, github.dev) must not need Node: esbuild bundles the web-worker
// server for the browser platform, and its metafile must name no Node built-in, bundled or
// left external.
import { builtinModules } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

describe('browser bundles', () => {
  it('the web-worker language server contains and imports no Node built-in', async () => {
    const result = await build({
      entryPoints: [path.join(ROOT, 'server/src/browser/serverWorkerMain.ts')],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      define: { SERVER_VERSION: '"test"' },
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.includes('server/src/lsp/startServer.ts'))).toBe(true);
    const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((imported) => imported.path));
    expect(imports.filter((imported) => BUILTINS.has(imported))).toEqual([]);
    expect(inputs.filter((input) => /(^|\/)node_modules\/(vscode-languageserver|vscode-jsonrpc)\/lib\/node\//.test(input))).toEqual([]);
  });
});
