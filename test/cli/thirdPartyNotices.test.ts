import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The build's third-party notices against the bundles themselves: a development build names
 * every module it bundles in a comment (`// node_modules/yaml/dist/...`), so every package
 * named there must have its section, with a licence and its text.
 */

const DIST = path.resolve(__dirname, '../../dist');

function bundles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return bundles(full);
    return entry.name.endsWith('.js') ? [full] : [];
  });
}

function bundledPackages(): Set<string> {
  const names = new Set<string>();
  for (const file of bundles(DIST)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/^\s*\/\/ \S*node_modules\/((?:@[^/\s]+\/)?[^/\s]+)\//gm)) names.add(match[1]!);
  }
  return names;
}

describe('dist/ThirdPartyNotices.txt', () => {
  const notices = readFileSync(path.join(DIST, 'ThirdPartyNotices.txt'), 'utf8');
  const sections = notices.split(/^={78}$/m).slice(1);
  const byName = new Map(sections.map((section) => [/^\n(\S+) /.exec(section)?.[1], section]));

  it('has a section for every package in the bundles, each with its licence, source and text', () => {
    const bundled = bundledPackages();
    expect(bundled).toContain('yaml');
    expect(bundled).toContain('elkjs');
    for (const name of bundled) {
      const section = byName.get(name);
      expect(section, name).toBeDefined();
      expect(section, name).toMatch(/^License: \S/m);
      expect(section, name).toMatch(/^Source: https:\/\//m);
      expect(section!.split('\n\n').slice(1).join('').trim().length, name).toBeGreaterThan(40);
    }
  });

  it('says where the source of elkjs (EPL-2.0) is', () => {
    expect(byName.get('elkjs')).toMatch(/^License: EPL-2\.0 OR GPL-3\.0-or-later\nSource: https:\/\/github\.com\/kieler\/elkjs$/m);
    expect(byName.get('elkjs')).toContain('Eclipse Public License');
  });
});
