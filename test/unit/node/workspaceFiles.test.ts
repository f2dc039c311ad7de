import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { excludeGlobs } from '../../../server/src/services/fileSystem';
import { findYamlFiles, normalizeUri, pathToUri } from '../../../server/src/node/workspaceFiles';

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'netpol-files-'));
  for (const dir of ['apps', 'node_modules/pkg', '.git', 'build/out', 'charts/x']) mkdirSync(path.join(root, dir), { recursive: true });
  for (const file of [
    'apps/a.yaml',
    'apps/b.yml',
    'apps/c.json',
    'node_modules/pkg/p.yaml',
    '.git/g.yaml',
    'build/out/o.yaml',
    'charts/x/v.YAML',
  ]) {
    writeFileSync(path.join(root, file), 'kind: Namespace\n');
  }
  // A symbolic link back to the root: a loop that must be walked once.
  symlinkSync(root, path.join(root, 'apps', 'loop'));
  symlinkSync(path.join(root, 'missing-target'), path.join(root, 'apps', 'dangling.yaml'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('findYamlFiles', () => {
  it('finds YAML files, skipping node_modules, .git, excluded globs, loops and dangling links', async () => {
    const errors: string[] = [];
    const files = await findYamlFiles(root, { exclude: ['**/build'], onError: (fsPath) => errors.push(path.relative(root, fsPath)) });
    expect(files.map((f) => path.relative(root, f)).sort()).toEqual(['apps/a.yaml', 'apps/b.yml', 'charts/x/v.YAML']);
    expect(errors).toEqual(['apps/dangling.yaml']);
  });
});

describe('settings and URIs', () => {
  it('takes only the globs files.exclude switches on', () => {
    expect(excludeGlobs({ '**/.git': true, '**/build': true, '**/keep': false })).toEqual(['**/.git', '**/build']);
    expect(excludeGlobs(undefined)).toEqual([]);
  });

  it('normalizes file URIs however they are encoded', () => {
    const uri = pathToUri('/tmp/a b/c.yaml');
    expect(normalizeUri('file:///tmp/a%20b/c.yaml')).toBe(uri);
    expect(normalizeUri('untitled:Untitled-1')).toBe('untitled:Untitled-1');
  });
});
