import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS, type AnalysisSettings } from '../services/settings';
import { validateText } from '../services/validation';
import { parseArgs, UsageError, USAGE, type CheckOptions } from './args';
import { decodeManifest, expandPaths, InputError } from './files';
import { formatSarif } from './formatSarif';
import { formatText, summary } from './formatText';
import { hasErrors, toCliDiagnostic, type CheckReport, type CliDiagnostic } from './report';

declare const SERVER_VERSION: string;
const VERSION = typeof SERVER_VERSION === 'string' ? SERVER_VERSION : '0.0.0-dev';

export interface Io {
  readonly cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, path.resolve(cwd, file));
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : file;
}

export async function check(options: CheckOptions, cwd: string): Promise<CheckReport> {
  const settings: AnalysisSettings = {
    ...DEFAULT_SETTINGS,
    version: options.version,
    maxFileSize: Math.round(options.maxFileSizeMB * 1024 * 1024),
  };
  const files = await expandPaths(options.paths.map((p) => path.resolve(cwd, p)));
  const diagnostics: CliDiagnostic[] = [];
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(file);
    } catch (error) {
      throw new InputError(`${displayPath(file, cwd)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const shown = displayPath(file, cwd);
    const { text, valid } = decodeManifest(bytes);
    if (!valid && text.includes('NetworkPolicy')) {
      diagnostics.push({
        file: shown,
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        severity: 'error',
        code: 'yaml-syntax',
        message: 'The file is not valid UTF-8.',
        path: null,
        document: 0,
      });
    }
    for (const d of validateText(text, settings).result.diagnostics) diagnostics.push(toCliDiagnostic(shown, d));
  }
  return { files: files.map((f) => displayPath(f, cwd)), diagnostics };
}

/** Runs the CLI; resolves to the exit status. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const command = parseArgs(argv);
    if (command.command === 'help') {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (command.command === 'version') {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    const report = await check(command, io.cwd);
    if (command.format === 'json') io.stdout(`${JSON.stringify(report.diagnostics, null, 2)}\n`);
    else if (command.format === 'sarif') io.stdout(formatSarif(report, VERSION, io.cwd));
    else {
      io.stdout(formatText(report));
      io.stderr(summary(report));
    }
    return hasErrors(report) ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`netpol: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof InputError) {
      io.stderr(`netpol: ${error.message}\n`);
      return 2;
    }
    io.stderr(`netpol: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}
