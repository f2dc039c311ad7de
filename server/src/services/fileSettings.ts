import { configLayer, type FolderConfigs } from './projectConfig';
import { resolveSettings, type ResolvedSettings, type SettingProblem, type SettingsLayer } from './resolveSettings';

/**
 * The settings of each manifest: the layers below the project configuration (the editor's
 * user and workspace settings), then the configuration files found for the manifest (nearest
 * winning, overrides by glob), then the layers above (the CLI's flags). Files whose layers
 * are the same share one resolved object, so that thousands of files resolve a few times.
 */
export class FileSettings {
  private readonly resolved = new Map<string, ResolvedSettings>();

  /** `problems` hears of unusable values the first time a combination of layers is resolved. */
  resolve(
    lower: readonly SettingsLayer[],
    configs: FolderConfigs,
    file: string,
    upper: readonly SettingsLayer[],
    problems: SettingProblem[],
  ): ResolvedSettings {
    const layers = [...lower, configLayer(configs.found, file), ...upper];
    const key = JSON.stringify(layers);
    let settings = this.resolved.get(key);
    if (!settings) {
      settings = resolveSettings(layers, problems);
      this.resolved.set(key, settings);
    }
    return settings;
  }

  forget(): void {
    this.resolved.clear();
  }
}
