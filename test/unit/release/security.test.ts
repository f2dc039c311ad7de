// The security promises of the README, checked on the sources: the language server, the CLI
// and the client never reach the network, never start processes and never evaluate code.
// (The LSP transport to VS Code is set up by vscode-languageclient/-server, not by our code.)
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const SOURCE_DIRS = ['server/src', 'client/src', 'client/media'];

/** Modules that open connections, start processes or run code; `net` only for its pure IP parsers. */
const FORBIDDEN_MODULES = new Set(['child_process', 'cluster', 'dgram', 'dns', 'http', 'http2', 'https', 'inspector', 'tls', 'vm']);
const PURE_NET_EXPORTS = new Set(['isIP', 'isIPv4', 'isIPv6']);
const FORBIDDEN_CALLS: readonly [RegExp, string][] = [
  [/\bfetch\s*\(/, 'fetch('],
  [/\beval\s*\(/, 'eval('],
  [/\bnew\s+Function\s*\(/, 'new Function('],
  [/\bnew\s+Worker\s*\(/, 'new Worker('],
  [/\bXMLHttpRequest\b/, 'XMLHttpRequest'],
  [/\bWebSocket\b/, 'WebSocket'],
  [/\brequire\s*\(/, 'require('],
  [/\bimport\s*\(/, 'dynamic import('],
  [/\bprocess\.binding\s*\(/, 'process.binding('],
];

function sourceFiles(): string[] {
  return SOURCE_DIRS.flatMap((dir) => {
    const absolute = path.join(ROOT, dir);
    if (!fs.existsSync(absolute)) return [];
    return fs
      .readdirSync(absolute, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.(ts|js|mjs|cjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
      .map((entry) => path.join(entry.parentPath, entry.name));
  });
}

/** Comments are not code: `// see fetch()` must not count. String contents are kept (a module specifier is one). */
const withoutComments = (text: string): string => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

/** Every problem of one file's text, as `what (line N)`. */
function securityProblems(text: string): string[] {
  const code = withoutComments(text);
  const lineOf = (index: number) => code.slice(0, index).split('\n').length;
  const problems: string[] = [];
  for (const match of code.matchAll(/\b(?:import|export)\s+([\s\S]*?)\s+from\s+['"]([^'"]+)['"]/g)) {
    const [, clause = '', specifier = ''] = match;
    const module = specifier.replace(/^node:/, '').split('/')[0] ?? '';
    if (FORBIDDEN_MODULES.has(module)) problems.push(`imports ${specifier} (line ${lineOf(match.index)})`);
    if (module === 'worker_threads' && /\bWorker\b/.test(clause)) problems.push(`imports Worker (line ${lineOf(match.index)})`);
    if (module === 'net') {
      const named = /^\{([^}]*)\}$/.exec(clause.trim());
      const names = named?.[1]
        ?.split(',')
        .map(
          (n) =>
            n
              .trim()
              .split(/\s+as\s+/)[0]
              ?.trim() ?? '',
        )
        .filter(Boolean);
      if (!names || names.some((n) => !PURE_NET_EXPORTS.has(n)))
        problems.push(`imports ${specifier} beyond isIP (line ${lineOf(match.index)})`);
    }
  }
  for (const match of code.matchAll(/\bimport\s+['"]([^'"]+)['"]/g)) {
    if (FORBIDDEN_MODULES.has((match[1] ?? '').replace(/^node:/, ''))) problems.push(`imports ${match[1]} (line ${lineOf(match.index)})`);
  }
  for (const [pattern, what] of FORBIDDEN_CALLS) {
    const found = pattern.exec(code);
    if (found) problems.push(`uses ${what} (line ${lineOf(found.index)})`);
  }
  return problems;
}

describe('security: no network, no processes, no code evaluation', () => {
  it('finds the sources', () => {
    expect(sourceFiles().length).toBeGreaterThan(50);
  });

  it('no source file imports a network or process module or evaluates code', () => {
    const problems = sourceFiles().flatMap((file) =>
      securityProblems(fs.readFileSync(file, 'utf8')).map((p) => `${path.relative(ROOT, file)}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it('the scanner catches each forbidden form and allows the pure ones', () => {
    expect(securityProblems("import { spawn } from 'node:child_process';")).toEqual(['imports node:child_process (line 1)']);
    expect(securityProblems("import * as https from 'https';")).toEqual(['imports https (line 1)']);
    expect(securityProblems("export { request } from 'node:http';")).toEqual(['imports node:http (line 1)']);
    expect(securityProblems("import 'node:dgram';")).toEqual(['imports node:dgram (line 1)']);
    expect(securityProblems("import { connect } from 'node:net';")).toEqual(['imports node:net beyond isIP (line 1)']);
    expect(securityProblems("import * as net from 'net';")).toEqual(['imports net beyond isIP (line 1)']);
    expect(securityProblems("import { Worker } from 'node:worker_threads';")).toEqual(['imports Worker (line 1)']);
    expect(securityProblems('\nconst r = await fetch(url);')).toEqual(['uses fetch( (line 2)']);
    expect(securityProblems('eval(text)')).toEqual(['uses eval( (line 1)']);
    expect(securityProblems('const f = new Function("x", body);')).toEqual(['uses new Function( (line 1)']);
    expect(securityProblems("const cp = require('child_process');")).toEqual(['uses require( (line 1)']);
    expect(securityProblems("const m = await import('./x');")).toEqual(['uses dynamic import( (line 1)']);
    expect(securityProblems("import { isIP, isIPv6 as v6 } from 'node:net';")).toEqual([]);
    expect(securityProblems('// fetch(url) would be wrong here\n/* eval(x) */')).toEqual([]);
    expect(securityProblems("import type { Readable } from 'node:stream';")).toEqual([]);
  });
});
