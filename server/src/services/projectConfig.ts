import { minimatch } from 'minimatch';
import { parseCidrSloppy } from '../model/cidr';
import { CHANNELS } from '../model/clusterPolicy/api';
import { parseAddressOrCidr } from '../model/connectivity/addresses';
import { isJsonObject, type Json, type JsonObject } from '../model/json';
import { parseKubernetesVersion } from '../model/k8sVersion';
import type { FieldPath } from '../model/path';
import { ALL_RULES, ruleMeta } from '../rules/catalog';
import { dns1123LabelErrors, labelValueErrors, qualifiedNameErrors } from '../rules/k8sNames';
import { isSeveritySetting, SEVERITY_SETTINGS, type SeveritySetting } from '../rules/severity';
import { closestName } from '../rules/suggest';
import type { NetpolSettings } from '../protocol';
import { parseFile } from '../yaml/file';

/**
 * The project configuration file, `.netpol.yaml` (or `.netpol.yml`, `.netpol.json`): the
 * decisions a team shares between the editor and CI (rule levels, with overrides by file
 * glob, the Kubernetes version, where DNS runs, the cluster's CIDRs, the default namespace,
 * which files are the workspace). Files are found by walking up from each manifest, as ESLint
 * and EditorConfig do: the nearer file wins key by key, and `root: true` stops the walk. A file
 * is data: reading it runs nothing, so Restricted Mode reads it too.
 */

export const CONFIG_FILE_NAMES = ['.netpol.yaml', '.netpol.yml', '.netpol.json'] as const;

export interface ConfigOverride {
  /** Globs relative to the file's folder (`legacy/**`, `*.gen.yaml`). */
  readonly files: readonly string[];
  readonly rules: Readonly<Record<string, SeveritySetting>>;
}

/** What a configuration file says, its unusable values left out (each reported as a problem). */
export interface ProjectConfig {
  readonly root: boolean;
  readonly settings: Partial<NetpolSettings>;
  readonly overrides: readonly ConfigOverride[];
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
}

export interface ConfigProblem {
  /** Where in the file: `['rules', 'port-protocl']`; `[]` for the whole file. */
  readonly path: FieldPath;
  /** Whether the key itself is wrong (an unknown key or rule id), rather than its value. */
  readonly onKey: boolean;
  readonly message: string;
  /** The key meant, for an unknown key or rule id close to a known one (the quick fix writes it). */
  readonly suggestion?: string;
}

const TOP_KEYS = [
  'root',
  'rules',
  'overrides',
  'kubernetesVersion',
  'networkPolicyAPI',
  'dns',
  'cluster',
  'defaultNamespace',
  'include',
  'exclude',
];
const RULE_IDS: readonly string[] = ALL_RULES.map((rule) => rule.id);

function describe(value: Json | undefined): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

class Reader {
  readonly problems: ConfigProblem[] = [];

  problem(path: FieldPath, message: string, onKey = false, suggestion?: string): void {
    this.problems.push({ path, onKey, message, ...(suggestion ? { suggestion } : {}) });
  }

  unknownKeys(object: JsonObject, known: readonly string[], path: FieldPath, what: string): void {
    for (const key of Object.keys(object)) {
      if (known.includes(key)) continue;
      const guess = closestName(key, known);
      this.problem(
        [...path, key],
        `Unknown ${what} "${key}"${guess ? `: did you mean "${guess}"?` : ` (known: ${known.join(', ')}).`}`,
        true,
        guess,
      );
    }
  }

  object(value: Json | undefined, path: FieldPath): JsonObject | undefined {
    if (value === undefined || value === null) return undefined;
    if (isJsonObject(value)) return value;
    this.problem(path, `Must be a map, not ${describe(value)}.`);
    return undefined;
  }

  strings(value: Json | undefined, path: FieldPath, check?: (text: string) => string | undefined): string[] | undefined {
    if (value === undefined || value === null) return undefined;
    const items = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
    if (!items) {
      this.problem(path, `Must be a list of strings, not ${describe(value)}.`);
      return undefined;
    }
    return items.flatMap((item, i) => {
      const at = Array.isArray(value) ? [...path, i] : path;
      if (typeof item !== 'string') {
        this.problem(at, `Must be a string, not ${describe(item)}.`);
        return [];
      }
      const wrong = check?.(item);
      if (wrong) this.problem(at, wrong);
      return wrong ? [] : [item];
    });
  }

  rules(value: Json | undefined, path: FieldPath): Record<string, SeveritySetting> {
    const out: Record<string, SeveritySetting> = {};
    const rules = this.object(value, path);
    for (const [id, written] of Object.entries(rules ?? {})) {
      // Manifests are read as kubectl reads them (YAML 1.1), where a bare `off` is false.
      const level = written === false ? 'off' : written;
      if (!ruleMeta(id)) {
        const guess = closestName(id, RULE_IDS);
        this.problem([...path, id], `There is no rule "${id}"${guess ? `: did you mean "${guess}"?` : '.'}`, true, guess);
      } else if (!isSeveritySetting(level)) {
        this.problem([...path, id], `${describe(level)} is not a level: use ${SEVERITY_SETTINGS.join(', ')}.`);
      } else out[id] = level;
    }
    return out;
  }
}

function cidrProblem(text: string): string | undefined {
  return parseCidrSloppy(text) ? undefined : `"${text}" is not a CIDR such as 10.244.0.0/16.`;
}

function globProblem(text: string): string | undefined {
  return text.trim() === '' ? 'A glob cannot be empty.' : undefined;
}

/** Reads a configuration file's JSON: what it says, and what is wrong with it. */
export function readProjectConfig(json: Json | undefined): { config: ProjectConfig; problems: ConfigProblem[] } {
  const reader = new Reader();
  const settings: { -readonly [K in keyof NetpolSettings]?: NetpolSettings[K] } = {};
  const top = json === undefined || json === null ? {} : reader.object(json, []);
  if (!top) return { config: { root: false, settings, overrides: [] }, problems: reader.problems };
  reader.unknownKeys(top, TOP_KEYS, [], 'key');

  const root = top.root;
  if (root !== undefined && typeof root !== 'boolean') reader.problem(['root'], `Must be true or false, not ${describe(root)}.`);

  const version = top.kubernetesVersion;
  if (typeof version === 'number')
    reader.problem(['kubernetesVersion'], `Write the version as a string ("${String(version)}" reads as a number: 1.30 is 1.3).`);
  else if (version !== undefined && version !== null) {
    if (typeof version === 'string' && parseKubernetesVersion(version)) settings.kubernetesVersion = version;
    else reader.problem(['kubernetesVersion'], `${describe(version)} is not "latest" or a version 1.24 or later, such as "1.35".`);
  }

  const api = reader.object(top.networkPolicyAPI, ['networkPolicyAPI']);
  if (api) {
    reader.unknownKeys(api, ['channel'], ['networkPolicyAPI'], 'key of networkPolicyAPI');
    const channel = api.channel;
    if (typeof channel === 'string' && (CHANNELS as readonly string[]).includes(channel)) settings.networkPolicyAPI = { channel };
    else if (channel !== undefined && channel !== null)
      reader.problem(['networkPolicyAPI', 'channel'], `${describe(channel)} is not a channel: use ${CHANNELS.join(' or ')}.`);
  }

  const namespace = top.defaultNamespace;
  if (namespace !== undefined && namespace !== null) {
    if (typeof namespace === 'string' && dns1123LabelErrors(namespace).length === 0) settings.defaultNamespace = namespace;
    else reader.problem(['defaultNamespace'], `${describe(namespace)} is not a namespace name (a DNS-1123 label).`);
  }

  const dns = reader.object(top.dns, ['dns']);
  if (dns) {
    reader.unknownKeys(dns, ['namespace', 'podLabels', 'addresses'], ['dns'], 'key of dns');
    const out: { namespace?: string; podLabels?: Record<string, string>; addresses?: string[] } = {};
    const addresses = reader.strings(dns.addresses, ['dns', 'addresses'], (text) =>
      parseAddressOrCidr(text) ? undefined : `"${text}" is not an address or a CIDR.`,
    );
    if (addresses) out.addresses = addresses;
    if (dns.namespace !== undefined) {
      if (typeof dns.namespace === 'string' && dns1123LabelErrors(dns.namespace).length === 0) out.namespace = dns.namespace;
      else reader.problem(['dns', 'namespace'], `${describe(dns.namespace)} is not a namespace name.`);
    }
    const labels = reader.object(dns.podLabels, ['dns', 'podLabels']);
    if (labels) {
      const valid = Object.entries(labels).filter(([key, value]) => {
        const ok = qualifiedNameErrors(key).length === 0 && typeof value === 'string' && labelValueErrors(value).length === 0;
        if (!ok) reader.problem(['dns', 'podLabels', key], `${key}: ${describe(value)} is not a valid label.`);
        return ok;
      });
      if (valid.length && valid.length === Object.keys(labels).length) out.podLabels = Object.fromEntries(valid) as Record<string, string>;
    }
    settings.dns = out;
  }

  const cluster = reader.object(top.cluster, ['cluster']);
  if (cluster) {
    reader.unknownKeys(cluster, ['podCIDRs', 'serviceCIDRs'], ['cluster'], 'key of cluster');
    const podCIDRs = reader.strings(cluster.podCIDRs, ['cluster', 'podCIDRs'], cidrProblem);
    const serviceCIDRs = reader.strings(cluster.serviceCIDRs, ['cluster', 'serviceCIDRs'], cidrProblem);
    settings.cluster = { ...(podCIDRs ? { podCIDRs } : {}), ...(serviceCIDRs ? { serviceCIDRs } : {}) };
  }

  settings.rules = reader.rules(top.rules, ['rules']);

  const overrides: ConfigOverride[] = [];
  const list = top.overrides;
  if (list !== undefined && list !== null && !Array.isArray(list)) reader.problem(['overrides'], 'Must be a list of { files, rules }.');
  (Array.isArray(list) ? list : []).forEach((item, i) => {
    const entry = reader.object(item, ['overrides', i]);
    if (!entry) return;
    reader.unknownKeys(entry, ['files', 'rules'], ['overrides', i], 'key of an override');
    const files = reader.strings(entry.files, ['overrides', i, 'files'], globProblem);
    if (!files?.length) {
      if (entry.files === undefined) reader.problem(['overrides', i], 'An override needs `files`: the globs it applies to.');
      return;
    }
    overrides.push({ files, rules: reader.rules(entry.rules, ['overrides', i, 'rules']) });
  });

  const include = reader.strings(top.include, ['include'], globProblem);
  const exclude = reader.strings(top.exclude, ['exclude'], globProblem);
  return {
    config: { root: root === true, settings, overrides, ...(include ? { include } : {}), ...(exclude ? { exclude } : {}) },
    problems: reader.problems,
  };
}

/** Parses a configuration file's text (YAML or JSON): what it says, and what is wrong with it. */
export function parseProjectConfig(text: string): { config: ProjectConfig; problems: ConfigProblem[] } {
  const documents = parseFile(text).chunks.flatMap((chunk) => chunk.parsed.documents);
  const syntax = documents.flatMap((doc) => doc.problems).map((problem) => problem.message);
  const read = readProjectConfig(documents[0]?.json);
  const problems = [
    ...syntax.map((message): ConfigProblem => ({ path: [], onKey: false, message })),
    ...(documents.length > 1
      ? [{ path: [], onKey: false, message: 'A configuration file has one YAML document; the others are ignored.' }]
      : []),
    ...read.problems,
  ];
  return { config: read.config, problems };
}

/** A configuration file found for a manifest: its folder (`/`-separated) and what it says. */
export interface FoundConfig {
  readonly folder: string;
  readonly config: ProjectConfig;
}

function relativeTo(folder: string, file: string): string | undefined {
  const prefix = folder.endsWith('/') ? folder : `${folder}/`;
  return file.startsWith(prefix) ? file.slice(prefix.length) : undefined;
}

/**
 * The settings layer of a manifest (`/`-separated absolute path) from the configuration files
 * found for it, farthest first: nearer files win key by key, and the overrides whose globs
 * match the file (relative to their file's folder) win over their file's `rules`.
 */
export function configLayer(found: readonly FoundConfig[], file: string): Partial<NetpolSettings> {
  const merged: { -readonly [K in keyof NetpolSettings]?: NetpolSettings[K] } = {};
  for (const { folder, config } of found) {
    const { rules, dns, cluster, ...scalars } = config.settings;
    Object.assign(merged, scalars);
    if (dns) merged.dns = { ...merged.dns, ...dns };
    if (cluster) merged.cluster = { ...merged.cluster, ...cluster };
    const relative = relativeTo(folder, file);
    const overridden = config.overrides
      .filter(
        (override) =>
          relative !== undefined && override.files.some((glob) => minimatch(relative, glob, { dot: true, matchBase: !glob.includes('/') })),
      )
      .map((override) => override.rules);
    merged.rules = Object.assign({ ...merged.rules }, rules, ...overridden) as Record<string, string>;
  }
  return merged;
}

/** Whether a manifest is part of the workspace by the `include` and `exclude` globs of its configuration files (nearest deciding). */
export function isIncluded(found: readonly FoundConfig[], file: string): boolean {
  let included = true;
  for (const { folder, config } of found) {
    const relative = relativeTo(folder, file);
    if (relative === undefined) continue;
    const matches = (globs: readonly string[]) =>
      globs.some((glob) => minimatch(relative, glob, { dot: true, matchBase: !glob.includes('/') }));
    if (config.include) included = matches(config.include);
    if (config.exclude && matches(config.exclude)) included = false;
  }
  return included;
}

/** A configuration file as read: where it is, and what is wrong with it. */
export interface ConfigFile {
  readonly path: string;
  readonly problems: readonly ConfigProblem[];
}

/** The configuration files that apply to a folder's manifests (farthest first), and each file read on the way. */
export interface FolderConfigs {
  readonly found: readonly FoundConfig[];
  readonly files: readonly ConfigFile[];
}

const NO_CONFIGS: FolderConfigs = { found: [], files: [] };

function parentOf(folder: string): string | undefined {
  if (folder === '/') return undefined;
  return folder.slice(0, folder.lastIndexOf('/')) || '/';
}

/**
 * The configuration files of folders, each folder looked at once however many manifests it
 * holds: in each folder, the file names in order (the first present is that folder's); the
 * folder's files are its own on top of its parent's, up to a file with `root: true` or the
 * top. `read` returns a file's text (`/`-separated absolute path), undefined when absent.
 * Forget everything when a configuration file changes.
 */
export class ProjectConfigs {
  private readonly folders = new Map<string, Promise<FolderConfigs>>();

  constructor(private readonly read: (path: string) => Promise<string | undefined>) {}

  /** The configurations that apply to the manifests of a folder (`/`-separated absolute path). */
  forFolder(folder: string): Promise<FolderConfigs> {
    const key = folder.replace(/\/+$/, '') || '/';
    let configs = this.folders.get(key);
    if (!configs) {
      configs = this.load(key);
      this.folders.set(key, configs);
    }
    return configs;
  }

  /** The configurations that apply to a manifest (`/`-separated absolute path). */
  forFile(file: string): Promise<FolderConfigs> {
    return this.forFolder(file.slice(0, file.lastIndexOf('/')) || '/');
  }

  forget(): void {
    this.folders.clear();
  }

  private async load(folder: string): Promise<FolderConfigs> {
    let own: { found: FoundConfig; file: ConfigFile } | undefined;
    for (const name of CONFIG_FILE_NAMES) {
      const path = `${folder === '/' ? '' : folder}/${name}`;
      const text = await this.read(path);
      if (text === undefined) continue;
      const { config, problems } = parseProjectConfig(text);
      own = { found: { folder, config }, file: { path, problems } };
      break;
    }
    const parent = parentOf(folder);
    const above = own?.found.config.root || parent === undefined ? NO_CONFIGS : await this.forFolder(parent);
    return own ? { found: [...above.found, own.found], files: [own.file, ...above.files] } : above;
  }
}

/** The configuration files that apply to a folder's manifests, read once (see ProjectConfigs). */
export function findProjectConfigs(folder: string, read: (path: string) => Promise<string | undefined>): Promise<FolderConfigs> {
  return new ProjectConfigs(read).forFolder(folder);
}

/** Whether a file name is one of a configuration file. */
export function isConfigFileName(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return (CONFIG_FILE_NAMES as readonly string[]).includes(name);
}
