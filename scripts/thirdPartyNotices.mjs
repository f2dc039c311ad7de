// The notices of the third-party packages bundled into dist/: their licences ask that the
// copyright and licence text travel with the code (and EPL-2.0, elkjs's, that recipients learn
// where its source is). The list is what esbuild put into the bundles, not what package.json
// declares, so it holds the dependencies of dependencies and nothing that is not shipped.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The package folders (as esbuild names inputs, relative to the working folder) whose files are in the bundles. */
export function bundledPackageDirs(metafiles) {
  const dirs = new Set();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      // The innermost node_modules segment: a nested copy is its own package.
      const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (match) dirs.add(match[1]);
    }
  }
  return [...dirs];
}

const licenceFile = (dir) => readdirSync(dir).find((name) => /^(licen[cs]e|copying|notice)([.-][\w.-]+)?$/i.test(name));

function repositoryUrl(manifest) {
  const repository = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  if (!repository) return manifest.homepage;
  const github = /^(?:github:)?([\w.-]+\/[\w.-]+)$/.exec(repository);
  if (github) return `https://github.com/${github[1]}`;
  return repository
    .replace(/^git\+/, '')
    .replace(/^git:\/\//, 'https://')
    .replace(/^git@([^:]+):/, 'https://$1/')
    .replace(/\.git$/, '');
}

/** For a package that ships no licence file: its author and the licence's standard text by its SPDX id. */
function licenceReference(manifest) {
  const author = typeof manifest.author === 'string' ? manifest.author : manifest.author?.name;
  return [
    `The package ships no licence file. Its package.json names the licence ${manifest.license}${author ? ` and the author ${author}` : ''};`,
    `the licence's text: https://spdx.org/licenses/${manifest.license}.html`,
  ].join('\n');
}

/** The notices text of package folders: one section per package (name and version once), by name. */
export function noticesText(dirs) {
  const sections = new Map();
  for (const dir of dirs) {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const key = `${manifest.name} ${manifest.version}`;
    if (sections.has(key)) continue;
    const file = licenceFile(dir);
    const text = file ? readFileSync(path.join(dir, file), 'utf8').trim() : licenceReference(manifest);
    const source = repositoryUrl(manifest);
    sections.set(
      key,
      [
        `${manifest.name} ${manifest.version}`,
        `License: ${manifest.license ?? 'see below'}`,
        ...(source ? [`Source: ${source}`] : []),
        '',
        text,
      ].join('\n'),
    );
  }
  const rule = '='.repeat(78);
  const ordered = [...sections].sort(([a], [b]) => a.localeCompare(b)).map(([, section]) => section);
  return [
    'Third-party notices',
    '',
    'kube-netpol (its extension, language server, web worker, webviews and netpol CLI) bundles the',
    'packages below. Each is listed with its version, licence, where its source is, and the licence',
    'text or notice it ships with.',
    '',
    ...ordered.flatMap((section) => [rule, section, '']),
  ].join('\n');
}

export function writeNotices(metafiles, outfile) {
  writeFileSync(outfile, noticesText(bundledPackageDirs(metafiles)));
}
