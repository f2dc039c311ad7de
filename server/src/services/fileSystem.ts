/**
 * How the language server finds and reads the files of the workspace, whatever runs it: the
 * Node server reads the disk, the browser server asks the client (VS Code's `workspace.fs` and
 * `workspace.findFiles`), so that every layer below lsp/ stays free of Node.
 */
export interface WorkspaceFileSystem {
  /** The same URI however the client spelt it (percent-encoding, trailing slashes). */
  normalize(uri: string): string;
  /** Whether files at this URI can be read (the Node server reads `file:` URIs only). */
  canRead(uri: string): boolean;
  /**
   * The YAML files under a folder, sorted, skipping node_modules, .git and the `exclude` globs
   * (relative to the folder); `onError` hears of what could not be read (a path or URI to show).
   */
  findYamlFiles(folder: string, exclude: readonly string[], onError: (where: string, error: unknown) => void): Promise<string[]>;
  /** A file's bytes; undefined when there is no such file. */
  readFile(uri: string): Promise<Uint8Array | undefined>;
}

/** Directories never worth indexing, whatever files.exclude says. */
export const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

/** `files.exclude` globs that are switched on (relative to a workspace folder). */
export function excludeGlobs(setting: unknown): string[] {
  if (typeof setting !== 'object' || setting === null) return [];
  return Object.entries(setting as Record<string, unknown>)
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
}
