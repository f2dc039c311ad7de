import type { Connection } from 'vscode-languageserver';
import { SETTINGS_SECTION, SettingsProblemNotification, type NetpolSettings } from '../protocol';
import { FileSettings } from '../services/fileSettings';
import type { WorkspaceFileSystem } from '../services/fileSystem';
import { isIncluded, ProjectConfigs, type FolderConfigs } from '../services/projectConfig';
import type { ResolvedSettings, SettingProblem } from '../services/resolveSettings';

/** A URI as its scheme and authority, and its path (decoded, `/`-separated): how configuration files are found. */
function splitUri(uri: string): { base: string; path: string } | undefined {
  const match = /^([a-z][\w+.-]*:\/\/[^/]*)(\/[^?#]*)/i.exec(uri);
  if (!match) return undefined;
  try {
    return { base: match[1]!, path: decodeURIComponent(match[2]!) };
  } catch {
    return undefined;
  }
}

const NO_CONFIGS: FolderConfigs = { found: [], files: [] };

/**
 * Settings per document: the editor's settings (pulled with workspace/configuration when the
 * client supports it, else from initializationOptions), then the project configuration files
 * (`.netpol.yaml`) found for the file, which win where they speak. Cached until the editor's
 * settings or a configuration file change. Restricted Mode reads the configuration files too:
 * they are data, and reading them runs nothing (see services/projectConfig.ts).
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<ResolvedSettings>>();
  private readonly editor = new Map<string, Promise<Partial<NetpolSettings> | undefined>>();
  private readonly configs = new Map<string, ProjectConfigs>();
  private readonly resolver = new FileSettings();
  private readonly reported = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
    private readonly initial: Partial<NetpolSettings> | undefined,
    private readonly fileSystem: WorkspaceFileSystem,
  ) {}

  /** A file's settings; `scope` is where the editor's settings are read (the file's workspace folder for files not open). */
  get(uri: string, scope = uri): Promise<ResolvedSettings> {
    const key = scope === uri ? uri : `${scope}\n${uri}`;
    let settings = this.cache.get(key);
    if (!settings) {
      settings = this.load(uri, scope);
      this.cache.set(key, settings);
    }
    return settings;
  }

  /** Whether a file of a workspace folder is part of the workspace by the `include` and `exclude` of its configuration. */
  async includes(uri: string): Promise<boolean> {
    const split = splitUri(uri);
    return !split || isIncluded((await this.configsOf(uri)).found, split.path);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /** The editor's settings changed. */
  clear(): void {
    this.cache.clear();
    this.editor.clear();
    this.resolver.forget();
    this.reported.clear();
  }

  /** A configuration file was created, changed or deleted. */
  configsChanged(): void {
    this.cache.clear();
    this.configs.clear();
    this.resolver.forget();
  }

  private configsOf(uri: string): Promise<FolderConfigs> {
    const split = splitUri(uri);
    if (!split || !this.fileSystem.canRead(uri)) return Promise.resolve(NO_CONFIGS);
    let configs = this.configs.get(split.base);
    if (!configs) {
      const { base } = split;
      configs = new ProjectConfigs(async (path) => {
        const file = this.fileSystem.normalize(`${base}${path.split('/').map(encodeURIComponent).join('/')}`);
        try {
          const bytes = await this.fileSystem.readFile(file);
          return bytes && new TextDecoder().decode(bytes);
        } catch {
          return undefined;
        }
      });
      this.configs.set(split.base, configs);
    }
    return configs.forFile(split.path);
  }

  private editorSettings(scope: string): Promise<Partial<NetpolSettings> | undefined> {
    let raw = this.editor.get(scope);
    if (!raw) {
      raw = this.pull(scope);
      this.editor.set(scope, raw);
    }
    return raw;
  }

  private async pull(scope: string): Promise<Partial<NetpolSettings> | undefined> {
    if (!this.canPull) return this.initial;
    try {
      return (
        ((await this.connection.workspace.getConfiguration({
          scopeUri: scope,
          section: SETTINGS_SECTION,
        })) as Partial<NetpolSettings> | null) ?? undefined
      );
    } catch (error) {
      this.connection.console.error(`Could not read settings: ${String(error)}`);
      return this.initial;
    }
  }

  private async load(uri: string, scope: string): Promise<ResolvedSettings> {
    const [raw, configs] = await Promise.all([this.editorSettings(scope), this.configsOf(uri)]);
    const problems: SettingProblem[] = [];
    const resolved = this.resolver.resolve([raw], configs, splitUri(uri)?.path ?? uri, [], problems);
    for (const { message } of problems) {
      if (this.reported.has(message)) continue;
      this.reported.add(message);
      this.connection.console.warn(message);
      void this.connection.sendNotification(SettingsProblemNotification, { message });
    }
    return resolved;
  }
}
