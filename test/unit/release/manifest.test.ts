// The extension manifest as users meet it: every command titled (localized through
// package.nls.json), categorized and shown in the palette only where it applies; every setting
// described with its default; every file the manifest names shipped by the .vscodeignore
// allowlist; the capabilities declared.
import fs from 'node:fs';
import path from 'node:path';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { COMMANDS, LINK_ONLY_COMMANDS, SERVER_ONLY_COMMANDS } from '../../../server/src/protocol';
import { ALL_RULES } from '../../../server/src/rules/catalog';

const ROOT = path.resolve(__dirname, '../../..');
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));

interface Command {
  command: string;
  title?: string;
  category?: string;
}
interface Setting {
  type?: string | string[];
  default?: unknown;
  description?: string;
  markdownDescription?: string;
  enum?: unknown[];
  enumDescriptions?: string[];
  markdownEnumDescriptions?: string[];
}
interface MenuItem {
  command: string;
  when?: string;
}
interface WalkthroughStep {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string };
}
interface Manifest {
  icon?: string;
  main: string;
  activationEvents: string[];
  capabilities?: {
    untrustedWorkspaces?: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] };
    virtualWorkspaces?: boolean | { supported: boolean | 'limited'; description?: string };
  };
  contributes: {
    commands: Command[];
    configuration: { properties: Record<string, Setting> };
    grammars?: { path: string }[];
    walkthroughs?: { id: string; title: string; steps: WalkthroughStep[] }[];
    menus?: Record<string, MenuItem[]>;
  };
}

const manifest = readJson('package.json') as Manifest;
const nls = readJson('package.nls.json') as Record<string, string>;
const commands = manifest.contributes.commands;
const settings = Object.entries(manifest.contributes.configuration.properties);

/** The text a `%key%` stands for, or undefined when it is not a key of package.nls.json. */
const localized = (value: string | undefined): string | undefined => {
  const key = /^%([^%]+)%$/.exec(value ?? '')?.[1];
  return key === undefined ? undefined : nls[key];
};

/** Whether vsce ships `file` under .vscodeignore (its rule: ignored unless a `!` pattern matches it). */
function shipped(file: string): boolean {
  const patterns = fs
    .readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const matches = (pattern: string) => minimatch(file, pattern, { dot: true });
  const ignored = patterns.filter((p) => !p.startsWith('!')).some(matches);
  return !ignored || patterns.filter((p) => p.startsWith('!')).some((p) => matches(p.slice(1)));
}
const relative = (file: string) => path.posix.normalize(file).replace(/^\.\//, '');

describe('rule documentation', () => {
  it('ships every rule’s page in the .vsix (Show documentation opens it offline)', () => {
    for (const rule of ALL_RULES) {
      const page = `docs/rules/${rule.id}.md`;
      expect(fs.existsSync(path.join(ROOT, page)), page).toBe(true);
      expect(shipped(page), page).toBe(true);
    }
    expect(shipped('docs/images/traffic-map.png')).toBe(false);
  });
});

describe('package.json commands', () => {
  it.each(commands.map((c) => [c.command, c] as const))('%s has a localized title and category', (_, command) => {
    expect(localized(command.title), `title ${command.title}`).toBeTruthy();
    expect(localized(command.category), `category ${command.category}`).toBe('NetworkPolicy');
  });

  it.each(commands.map((c) => [c.command] as const))('%s has a `when` clause in the command palette', (id) => {
    const entries = (manifest.contributes.menus?.commandPalette ?? []).filter((item) => item.command === id);
    expect(entries.length, `menus.commandPalette entry for ${id}`).toBe(1);
    expect(entries[0]?.when?.trim(), `when clause of ${id}`).toBeTruthy();
  });

  it('commands shown in the editor context menu are those of a NetworkPolicy file', () => {
    for (const item of manifest.contributes.menus?.['editor/context'] ?? []) {
      expect(item.when, item.command).toMatch(/editorLangId == yaml && netpol\.policyFile/);
    }
  });

  it('contributes exactly the commands of the protocol table that the palette may show', () => {
    const table = Object.values(COMMANDS).filter((id) => !SERVER_ONLY_COMMANDS.includes(id) && !LINK_ONLY_COMMANDS.includes(id));
    expect(commands.map((c) => c.command).sort()).toEqual([...table].sort());
  });

  it('spells every command id of the client and the server through the protocol table', () => {
    const ids = new Set<string>(Object.values(COMMANDS));
    const spelled = (folder: string): string[] =>
      fs
        .readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.ts') && !file.endsWith('protocol.ts'))
        .flatMap((file) =>
          [...fs.readFileSync(path.join(ROOT, folder, file), 'utf8').matchAll(/'(netpol\.[A-Za-z]+)'/g)].map((m) => m[1]!),
        );
    for (const id of [...spelled('client/src'), ...spelled('server/src')])
      expect(ids.has(id), `${id} spelled outside COMMANDS`).toBe(false);
  });

  it('every menu entry names a contributed command', () => {
    const ids = new Set(commands.map((c) => c.command));
    for (const [menu, items] of Object.entries(manifest.contributes.menus ?? {})) {
      for (const item of items) expect(ids.has(item.command), `${menu}: ${item.command}`).toBe(true);
    }
  });
});

describe('package.json settings', () => {
  it.each(settings)('%s has a localized description and a default', (_, setting) => {
    expect(localized(setting.markdownDescription ?? setting.description), 'description').toBeTruthy();
    expect(setting.default, 'default').toBeDefined();
    expect(setting.type, 'type').toBeDefined();
  });

  it.each(settings.filter(([, s]) => s.enum))('%s describes every enum value and defaults to one', (_, setting) => {
    const descriptions = setting.markdownEnumDescriptions ?? setting.enumDescriptions ?? [];
    expect(descriptions).toHaveLength(setting.enum!.length);
    for (const description of descriptions) expect(localized(description), description).toBeTruthy();
    expect(setting.enum).toContain(setting.default);
  });
});

describe('README', () => {
  it('has a row in the Settings table for every setting, and none for a setting that does not exist', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Settings'), readme.indexOf('\n## ', readme.indexOf('## Settings') + 1));
    const rows = [...table.matchAll(/^\| `(netpol\.[\w.]+)`/gm)].map((m) => m[1]);
    expect(rows.sort()).toEqual(settings.map(([name]) => name).sort());
  });
});

describe('package.nls.json', () => {
  const used = new Set([...fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8').matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));

  it('holds every %key% of package.json', () => {
    expect([...used].filter((key) => key !== undefined && nls[key] === undefined)).toEqual([]);
  });

  it('holds no string that package.json does not use', () => {
    expect(Object.keys(nls).filter((key) => !used.has(key))).toEqual([]);
  });
});

describe('walkthrough', () => {
  const walkthroughs = manifest.contributes.walkthroughs ?? [];

  it('covers opening a policy, a diagnostic, a fix, generating a policy and checking a connection', () => {
    expect(walkthroughs.flatMap((w) => w.steps.map((s) => s.id))).toEqual([
      'openPolicy',
      'seeDiagnostic',
      'applyFix',
      'generatePolicy',
      'checkConnection',
    ]);
  });

  it('has localized texts, shipped media, and links only to commands that exist', () => {
    const ids = new Set(commands.map((c) => c.command));
    for (const step of walkthroughs.flatMap((w) => w.steps)) {
      expect(localized(step.title), step.id).toBeTruthy();
      const description = localized(step.description) ?? '';
      const media = step.media.markdown ?? step.media.image ?? '';
      expect(fs.existsSync(path.join(ROOT, media)), media).toBe(true);
      expect(shipped(relative(media)), `${media} is shipped`).toBe(true);
      for (const [, command] of description.matchAll(/\(command:(netpol\.[\w.]+)\)/g)) {
        expect(ids.has(command!), `${step.id} links to ${command}`).toBe(true);
      }
    }
  });
});

describe('packaging and capabilities', () => {
  it('activates only for YAML', () => {
    expect(manifest.activationEvents).toEqual(['onLanguage:yaml']);
  });

  it('ships every file the manifest names, and nothing from the sources', () => {
    const named = [manifest.main, 'dist/server.js', manifest.icon ?? '', ...(manifest.contributes.grammars ?? []).map((g) => g.path)];
    for (const file of named.map(relative)) {
      expect(fs.existsSync(path.join(ROOT, file)) || file.startsWith('dist/'), `${file} exists`).toBe(true);
      expect(shipped(file), `${file} is shipped`).toBe(true);
    }
    for (const file of ['package.nls.json', 'README.md', 'CHANGELOG.md', 'LICENSE']) expect(shipped(file), file).toBe(true);
    for (const file of [
      'server/src/server.ts',
      'client/src/extension.ts',
      'dist/cli.js',
      'dist/server.js.map',
      'test/unit/helpers.ts',
      'node_modules/yaml/package.json',
      'images/icon.svg',
      'dist/media/trafficMap/main.js.map',
      'syntaxes/README.md',
    ]) {
      expect(shipped(file), file).toBe(false);
    }
  });

  it('has a 128×128 PNG icon', () => {
    const png = fs.readFileSync(path.join(ROOT, manifest.icon ?? 'missing'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([128, 128]);
  });

  it('declares limited support of untrusted and virtual workspaces, restricting only real settings', () => {
    const { untrustedWorkspaces, virtualWorkspaces } = manifest.capabilities ?? {};
    expect(untrustedWorkspaces?.supported).toBe('limited');
    expect(localized(untrustedWorkspaces?.description)).toBeTruthy();
    const names = new Set(settings.map(([name]) => name));
    for (const name of untrustedWorkspaces?.restrictedConfigurations ?? []) expect(names.has(name), name).toBe(true);
    expect(typeof virtualWorkspaces === 'object' && virtualWorkspaces.supported).toBe('limited');
    expect(typeof virtualWorkspaces === 'object' && localized(virtualWorkspaces.description)).toBeTruthy();
  });
});
