import { promises as fs } from 'node:fs';
import path from 'node:path';
import { formatPath } from '../model/path';
import { FileSettings } from '../services/fileSettings';
import { isIncluded, parseProjectConfig, ProjectConfigs, type ConfigFile, type FolderConfigs } from '../services/projectConfig';
import type { ResolvedSettings, SettingProblem, SettingsLayer } from '../services/resolveSettings';
import { InputError } from './files';

/**
 * The settings of each file the CLI reads: the project configuration files found for it
 * (`.netpol.yaml` nearest to the file, as the editor finds them), or the one given with
 * `--config`, or none with `--no-config`; then the flags, which win. A configuration file
 * with a mistake stops the run (status 2) with the mistakes listed: CI must not run with a
 * rule level or version it did not mean.
 */

/** Where the configuration comes from: searched for each file, one file, or none. */
export type ConfigChoice = 'search' | 'none' | { readonly file: string };

/** A path as the configuration module spells paths: absolute, `/`-separated. */
const slashed = (file: string): string => path.resolve(file).split(path.sep).join('/');

async function readText(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    throw new InputError(`${file}: ${code ?? String(error)}`);
  }
}

export class CliSettings {
  private readonly resolver = new FileSettings();
  private readonly checked = new Set<string>();

  private constructor(
    private readonly cwd: string,
    private readonly flags: SettingsLayer,
    private readonly configs: (file: string) => Promise<FolderConfigs>,
  ) {}

  static async create(choice: ConfigChoice | undefined, flags: SettingsLayer, cwd: string): Promise<CliSettings> {
    if (choice === 'none') return new CliSettings(cwd, flags, () => Promise.resolve({ found: [], files: [] }));
    if (choice === undefined || choice === 'search') {
      const configs = new ProjectConfigs(readText);
      return new CliSettings(cwd, flags, (file) => configs.forFile(file));
    }
    const file = path.resolve(cwd, choice.file);
    const text = await readText(file);
    if (text === undefined) throw new InputError(`--config ${choice.file}: no such file`);
    const { config, problems } = parseProjectConfig(text);
    const given: FolderConfigs = {
      found: [{ folder: slashed(path.dirname(file)), config }],
      files: [{ path: slashed(file), problems }],
    };
    return new CliSettings(cwd, flags, () => Promise.resolve(given));
  }

  /** The settings of a file (an absolute path); throws when one of its configuration files has a mistake. */
  async forFile(file: string): Promise<ResolvedSettings> {
    const configs = await this.configs(slashed(file));
    this.check(configs.files);
    const problems: SettingProblem[] = [];
    const settings = this.resolver.resolve([], configs, slashed(file), [this.flags], problems);
    if (problems.length) throw new InputError(problems.map((problem) => problem.message).join('\n'));
    return settings;
  }

  /** Whether a file found in a folder is part of the workspace by the `include` and `exclude` of its configuration. */
  async includes(file: string): Promise<boolean> {
    const configs = await this.configs(slashed(file));
    this.check(configs.files);
    return isIncluded(configs.found, slashed(file));
  }

  private check(files: readonly ConfigFile[]): void {
    for (const { path: file, problems } of files) {
      if (this.checked.has(file)) continue;
      this.checked.add(file);
      if (!problems.length) continue;
      const shown = path.relative(this.cwd, file) || file;
      const lines = problems.map((problem) => `  ${problem.path.length ? `${formatPath(problem.path)}: ` : ''}${problem.message}`);
      throw new InputError(`${shown} has mistakes (fix them, or run with --no-config):\n${lines.join('\n')}`);
    }
  }
}
