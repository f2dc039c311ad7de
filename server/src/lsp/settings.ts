import type { Connection } from 'vscode-languageserver';
import { SETTINGS_SECTION, SettingsProblemNotification, type NetpolSettings } from '../protocol';
import { resolveSettings, type ResolvedSettings, type SettingProblem } from '../services/resolveSettings';

/**
 * Settings per document, pulled with workspace/configuration when the client supports it
 * (else from initializationOptions), cached until the configuration changes.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<ResolvedSettings>>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
    private readonly initial: Partial<NetpolSettings> | undefined,
  ) {}

  get(uri: string): Promise<ResolvedSettings> {
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.load(uri);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
    this.reported.clear();
  }

  private async load(uri: string): Promise<ResolvedSettings> {
    let raw: Partial<NetpolSettings> | undefined = this.initial;
    if (this.canPull) {
      try {
        raw =
          ((await this.connection.workspace.getConfiguration({
            scopeUri: uri,
            section: SETTINGS_SECTION,
          })) as Partial<NetpolSettings> | null) ?? undefined;
      } catch (error) {
        this.connection.console.error(`Could not read settings: ${String(error)}`);
      }
    }
    const problems: SettingProblem[] = [];
    const resolved = resolveSettings([raw], problems);
    for (const { message } of problems) {
      if (this.reported.has(message)) continue;
      this.reported.add(message);
      this.connection.console.warn(message);
      void this.connection.sendNotification(SettingsProblemNotification, { message });
    }
    return resolved;
  }
}
