import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../../server/src/rules/catalog';
import {
  configLayer,
  findProjectConfigs,
  isIncluded,
  parseProjectConfig,
  ProjectConfigs,
  type FoundConfig,
} from '../../../server/src/services/projectConfig';
import { yaml } from '../helpers';

/** `.netpol.yaml`: every key read, every mistake reported at its key, layers by folder and glob, and the shipped schema. */

const FULL = yaml`
  root: true
  kubernetesVersion: "1.30"
  defaultNamespace: apps
  dns:
    namespace: dns-system
    podLabels: { app: coredns }
  cluster:
    podCIDRs: [10.244.0.0/16]
    serviceCIDRs: [10.96.0.0/12]
  rules:
    namespace-without-default-deny: off
    allow-all-sources: error
  overrides:
    - files: ["legacy/**"]
      rules: { selector-matches-nothing: info }
    - files: "*.gen.yaml"
      rules: { redundant-rule: off }
  include: ["deploy/**"]
  exclude: ["deploy/tmp/**"]
`;

const SCHEMA = JSON.parse(readFileSync(path.resolve(__dirname, '../../../schemas/netpol-config.schema.json'), 'utf8')) as {
  properties: { rules: { propertyNames: { enum: string[] } } };
};

describe('parseProjectConfig', () => {
  it('reads every key', () => {
    const { config, problems } = parseProjectConfig(FULL);
    expect(problems).toEqual([]);
    expect(config).toEqual({
      root: true,
      settings: {
        kubernetesVersion: '1.30',
        defaultNamespace: 'apps',
        dns: { namespace: 'dns-system', podLabels: { app: 'coredns' } },
        cluster: { podCIDRs: ['10.244.0.0/16'], serviceCIDRs: ['10.96.0.0/12'] },
        rules: { 'namespace-without-default-deny': 'off', 'allow-all-sources': 'error' },
      },
      overrides: [
        { files: ['legacy/**'], rules: { 'selector-matches-nothing': 'info' } },
        { files: ['*.gen.yaml'], rules: { 'redundant-rule': 'off' } },
      ],
      include: ['deploy/**'],
      exclude: ['deploy/tmp/**'],
    });
  });

  it('reads JSON too, and an empty file as no settings', () => {
    expect(parseProjectConfig('{ "rules": { "duplicate-policy": "warning" } }').config.settings.rules).toEqual({
      'duplicate-policy': 'warning',
    });
    expect(parseProjectConfig('').config).toEqual({ root: false, settings: { rules: {} }, overrides: [] });
  });

  it('reports each mistake at its key or value, with a suggestion, and leaves the value out', () => {
    const { config, problems } = parseProjectConfig(yaml`
      kubernetesVersion: 1.30
      defaultNamespace: Apps
      rule: {}
      rules:
        port-protocl: error
        duplicate-policy: fatal
      cluster:
        podCIDRs: [10.244.0.0/16, nope]
      overrides:
        - rules: { redundant-rule: off }
      root: yes please
    `);
    expect(problems).toEqual([
      { path: ['rule'], onKey: true, message: 'Unknown key "rule": did you mean "rules"?', suggestion: 'rules' },
      { path: ['root'], onKey: false, message: 'Must be true or false, not "yes please".' },
      { path: ['kubernetesVersion'], onKey: false, message: 'Write the version as a string ("1.3" reads as a number: 1.30 is 1.3).' },
      { path: ['defaultNamespace'], onKey: false, message: '"Apps" is not a namespace name (a DNS-1123 label).' },
      { path: ['cluster', 'podCIDRs', 1], onKey: false, message: '"nope" is not a CIDR such as 10.244.0.0/16.' },
      {
        path: ['rules', 'port-protocl'],
        onKey: true,
        message: 'There is no rule "port-protocl": did you mean "port-protocol"?',
        suggestion: 'port-protocol',
      },
      { path: ['rules', 'duplicate-policy'], onKey: false, message: '"fatal" is not a level: use error, warning, info, hint, off.' },
      { path: ['overrides', 0], onKey: false, message: 'An override needs `files`: the globs it applies to.' },
    ]);
    expect(config.settings).toEqual({ cluster: { podCIDRs: ['10.244.0.0/16'] }, rules: {} });
    expect(config.overrides).toEqual([]);
  });

  it('never throws on what is not a map', () => {
    for (const text of ['- a\n- b\n', 'just text', 'rules: [a, b]\n', 'overrides: {}\n', 'dns: 3\n', 'a: [\n', '---\n---\nrules: {}\n'])
      expect(() => parseProjectConfig(text)).not.toThrow();
    expect(parseProjectConfig('- a\n').problems[0]!.message).toBe('Must be a map, not ["a"].');
  });
});

describe('configLayer and isIncluded', () => {
  const outer: FoundConfig = parseConfigAt('/repo', 'rules: { duplicate-policy: off, redundant-rule: info }\ndefaultNamespace: outer\n');
  const inner: FoundConfig = parseConfigAt('/repo/team', FULL);

  function parseConfigAt(folder: string, text: string): FoundConfig {
    return { folder, config: parseProjectConfig(text).config };
  }

  it('nearer files win key by key; overrides win for the files their globs match', () => {
    expect(configLayer([outer, inner], '/repo/team/app.yaml')).toEqual({
      defaultNamespace: 'apps',
      kubernetesVersion: '1.30',
      dns: { namespace: 'dns-system', podLabels: { app: 'coredns' } },
      cluster: { podCIDRs: ['10.244.0.0/16'], serviceCIDRs: ['10.96.0.0/12'] },
      rules: { 'duplicate-policy': 'off', 'redundant-rule': 'info', 'namespace-without-default-deny': 'off', 'allow-all-sources': 'error' },
    });
    expect(configLayer([outer, inner], '/repo/team/legacy/old/app.yaml').rules).toMatchObject({ 'selector-matches-nothing': 'info' });
    // A glob without a slash matches the name in any folder.
    expect(configLayer([outer, inner], '/repo/team/sub/x.gen.yaml').rules).toMatchObject({ 'redundant-rule': 'off' });
    expect(configLayer([outer, inner], '/repo/team/app.yaml').rules).not.toHaveProperty('selector-matches-nothing');
  });

  it('include and exclude decide which files are the workspace, relative to their file', () => {
    expect(isIncluded([outer, inner], '/repo/team/deploy/a.yaml')).toBe(true);
    expect(isIncluded([outer, inner], '/repo/team/deploy/tmp/a.yaml')).toBe(false);
    expect(isIncluded([outer, inner], '/repo/team/other/a.yaml')).toBe(false);
    expect(isIncluded([outer], '/repo/team/other/a.yaml')).toBe(true);
  });
});

describe('findProjectConfigs', () => {
  const disk: Record<string, string> = {
    '/work/.netpol.yaml': 'rules: { duplicate-policy: off }\n',
    '/work/repo/.netpol.yml': 'root: true\nrules: { redundant-rule: off }\n',
    '/work/repo/.netpol.json': '{ "rules": { "port-protocol": "off" } }',
    '/work/repo/apps/.netpol.yaml': 'defaultNamespace: apps\nrules: { bogus: off }\n',
    '/other/.netpol.json': '{ "defaultNamespace": "other" }',
  };
  const read = (file: string) => Promise.resolve(disk[file]);

  it('walks up from a folder, one file per folder (.yaml, .yml, .json in that order), stopping at root: true', async () => {
    const { found, files } = await findProjectConfigs('/work/repo/apps/web', read);
    expect(found.map((f) => f.folder)).toEqual(['/work/repo', '/work/repo/apps']);
    expect(configLayer(found, '/work/repo/apps/web/a.yaml')).toEqual({ defaultNamespace: 'apps', rules: { 'redundant-rule': 'off' } });
    expect(files.map((f) => [f.path, f.problems.map((p) => p.message)])).toEqual([
      ['/work/repo/apps/.netpol.yaml', ['There is no rule "bogus".']],
      ['/work/repo/.netpol.yml', []],
    ]);
    expect((await findProjectConfigs('/other/x', read)).found.map((f) => f.folder)).toEqual(['/other']);
    expect((await findProjectConfigs('/nowhere', read)).found).toEqual([]);
  });

  it('looks at each folder once, however many files and subfolders ask', async () => {
    const asked: string[] = [];
    const configs = new ProjectConfigs((file) => {
      asked.push(file);
      return read(file);
    });
    for (const file of ['/work/repo/apps/web/a.yaml', '/work/repo/apps/web/b.yaml', '/work/repo/apps/db/c.yaml'])
      expect((await configs.forFile(file)).found.map((f) => f.folder)).toEqual(['/work/repo', '/work/repo/apps']);
    expect(asked.length).toBe(new Set(asked).size);
    expect(asked.filter((file) => file.startsWith('/work/repo/apps/web/'))).toHaveLength(3);
    configs.forget();
    await configs.forFile('/work/repo/apps/web/a.yaml');
    expect(asked.filter((file) => file === '/work/repo/apps/web/.netpol.yaml')).toHaveLength(2);
  });
});

describe('the shipped JSON Schema', () => {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(SCHEMA);

  it('lists exactly the rule ids of the catalog', () => {
    expect(SCHEMA.properties.rules.propertyNames.enum).toEqual(ALL_RULES.map((rule) => rule.id));
  });

  it('accepts the examples and refuses what the server reports', () => {
    expect(validate(parseProjectConfig(FULL).config.settings)).toBe(true);
    expect(validate({ root: true, overrides: [{ files: 'a/**', rules: { 'port-protocol': 'off' } }], include: ['x/**'] })).toBe(true);
    for (const bad of [
      { rules: { 'port-protocl': 'off' } },
      { rules: { 'port-protocol': 'fatal' } },
      { kubernetesVersion: 1.3 },
      { kubernetesVersion: '1.2' },
      { defaultNamespace: 'Apps' },
      { overrides: [{ rules: {} }] },
      { rule: {} },
    ])
      expect(validate(bad), JSON.stringify(bad)).toBe(false);
  });

  it('is contributed for .netpol.json, .netpol.yaml and .netpol.yml', () => {
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
      contributes: { jsonValidation: { fileMatch: string; url: string }[]; yamlValidation: { fileMatch: string[]; url: string }[] };
    };
    expect(pkg.contributes.jsonValidation).toEqual([{ fileMatch: '.netpol.json', url: './schemas/netpol-config.schema.json' }]);
    expect(pkg.contributes.yamlValidation).toEqual([
      { fileMatch: ['.netpol.yaml', '.netpol.yml'], url: './schemas/netpol-config.schema.json' },
    ]);
  });
});
