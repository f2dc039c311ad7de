import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  describeClusterMarkdown,
  describeMarkdown,
  explainClusterFile,
  explainFile,
  plainClusterSummary,
  plainSummary,
} from '../services/describe';
import { validateFile } from '../services/validation';
import { WorkspaceIndex } from '../services/workspace';
import { computeConnectivity } from '../model/connectivity/engine';
import { ConnectivityModel, inputFromWorkspace } from '../model/connectivity/workspaceModel';
import { connectivityReport, notAppliedPolicies } from '../services/connectivity';
import { notAppliedEntries, notAppliedNotes } from './notApplied';
import { runGenerate } from './generate';
import { HELP_HINT, parseArgs, UsageError, USAGE, type CheckOptions, type QueryOptions } from './args';
import { formatConnectivityDot, formatConnectivityMarkdown, formatConnectivityText } from './connectivity';
import { runQuery } from './query';
import { runDiff } from './diff';
import { expandPaths, InputError } from './files';
import { formatSarif } from './formatSarif';
import { formatText, summary } from './formatText';
import { hasErrors, toCliDiagnostic, type CheckReport, type CliDiagnostic } from './report';
import { indexManifest, kustomizationsFirst, loadManifest, settingsOfFile, type LoadedManifest } from '../services/workspaceLoader';
import type { AnalysisSettings } from '../services/settings';
import { CliSettings } from './settings';

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

/** A manifest to check: a file, or standard input (`-`), with the name the output gives it and its settings. */
interface Input extends LoadedManifest {
  readonly shown: string;
  readonly settings: AnalysisSettings;
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The inputs read and indexed as one workspace: every file is indexed first, so that the lints
 * that look across files (selectors that match nothing, duplicates, default-deny) see them all,
 * as in the editor.
 */
async function loadWorkspace(options: CheckOptions | QueryOptions, cwd: string, stdin: () => Promise<Uint8Array>) {
  const settings = await CliSettings.create(options.config, options.flags, cwd);
  const inputs: Input[] = [];
  const paths = options.paths.filter((p) => p !== '-');
  if (paths.length < options.paths.length) {
    // Standard input has no folder: the configuration found from the working folder applies.
    const analysis = (await settings.forFile(path.join(cwd, '<stdin>'))).analysis;
    inputs.push({ shown: '<stdin>', settings: analysis, ...loadManifest('stdin:///input.yaml', await stdin(), analysis) });
  }
  for (const file of await expandPaths(paths, (found) => settings.includes(found), cwd)) {
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(file);
    } catch (error) {
      throw new InputError(`${displayPath(file, cwd)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const analysis = (await settings.forFile(file)).analysis;
    inputs.push({ shown: displayPath(file, cwd), settings: analysis, ...loadManifest(pathToFileURL(file).href, bytes, analysis) });
  }
  const index = new WorkspaceIndex();
  const again = new Set<string>();
  for (const input of kustomizationsFirst(inputs, (input) => input.uri)) {
    for (const uri of indexManifest(index, input, input.settings).reindex) again.add(uri);
  }
  for (const input of inputs) if (again.has(input.uri)) indexManifest(index, input, input.settings);
  return { index, inputs };
}

export async function check(options: CheckOptions, cwd: string, stdin: () => Promise<Uint8Array> = readStdin): Promise<CheckReport> {
  const { index, inputs } = await loadWorkspace(options, cwd, stdin);
  const diagnostics: CliDiagnostic[] = [];
  for (const input of inputs) {
    if (!input.valid && input.text.includes('NetworkPolicy')) {
      diagnostics.push({
        file: input.shown,
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
    const result = input.skipped ?? validateFile(input.file!, settingsOfFile(index, input.uri, input.settings), index);
    for (const d of result.diagnostics) diagnostics.push(toCliDiagnostic(input.shown, d));
  }
  const kept = options.quiet ? diagnostics.filter((d) => d.severity === 'error') : diagnostics;
  return {
    files: inputs.map((input) => input.shown),
    diagnostics: kept,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
  };
}

/** What each policy of the inputs does (in the format asked), against the workspace of all inputs. */
export async function explain(options: CheckOptions, cwd: string, stdin: () => Promise<Uint8Array> = readStdin): Promise<string> {
  const { index, inputs } = await loadWorkspace(options, cwd, stdin);
  const explained = inputs.map((input) => ({
    file: input.shown,
    policies: input.file ? explainFile(input.file, settingsOfFile(index, input.uri, input.settings), index) : [],
    clusterPolicies: input.file ? explainClusterFile(input.file, input.settings) : [],
  }));
  if (options.format === 'json') {
    return `${JSON.stringify(
      explained.map(({ file, policies, clusterPolicies }) => ({
        file,
        policies: policies.map(({ path, document, explanation }) => ({ path, document, explanation })),
        ...(clusterPolicies.length ? { clusterPolicies } : {}),
      })),
      null,
      2,
    )}\n`;
  }
  if (options.format === 'markdown') {
    return explained
      .flatMap(({ policies, clusterPolicies }) => [...policies.map(describeMarkdown), ...clusterPolicies.map(describeClusterMarkdown)])
      .join('\n---\n\n');
  }
  return explained
    .flatMap(({ file, policies, clusterPolicies }) => [
      ...policies.map((policy) => `${file}: ${plainSummary(policy)}`),
      ...clusterPolicies.map((policy) => `${file}: ${plainClusterSummary(policy)}`),
    ])
    .join('\n');
}

/** A file as the command line shows it, by its URI. */
function shownPaths(inputs: readonly Input[]): (uri: string) => string {
  const shown = new Map(inputs.map((input) => [input.uri, input.shown]));
  return (uri) => shown.get(uri) ?? uri;
}

/**
 * Who can reach whom among the workloads of the inputs, in the format asked; `notes` says which
 * policies are left out because the cluster would refuse them (JSON lists them as `notApplied`).
 */
export async function connectivity(
  options: CheckOptions,
  cwd: string,
  stdin: () => Promise<Uint8Array> = readStdin,
): Promise<{ output: string; notes: string }> {
  const { index, inputs } = await loadWorkspace(options, cwd, stdin);
  const report = connectivityReport(computeConnectivity(new ConnectivityModel(inputFromWorkspace(index))));
  const notApplied = notAppliedEntries(notAppliedPolicies(index), shownPaths(inputs));
  if (options.format === 'json') return { output: `${JSON.stringify({ ...report, notApplied }, null, 2)}\n`, notes: '' };
  const notes = notAppliedNotes(notApplied);
  if (options.format === 'dot') return { output: formatConnectivityDot(report), notes };
  if (options.format === 'markdown') return { output: formatConnectivityMarkdown(report), notes };
  return { output: formatConnectivityText(report), notes };
}

/** Runs the CLI; resolves to the exit status. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const command = parseArgs(argv);
    if (command.command === 'help') {
      // Without a command, the help is the answer to a mistake: on standard error, status 2.
      if (command.asked) io.stdout(`${USAGE}\n`);
      else io.stderr(`${USAGE}\n`);
      return command.asked ? 0 : 2;
    }
    if (command.command === 'generate') return runGenerate(command, io);
    if (command.command === 'version') {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    if (command.command === 'connectivity') {
      const { output, notes } = await connectivity(command, io.cwd);
      io.stdout(output);
      io.stderr(notes);
      return 0;
    }
    if (command.command === 'diff') {
      const settings = await CliSettings.create(command.config, command.flags, io.cwd);
      const { output, changed } = await runDiff(command, io.cwd, settings, VERSION);
      io.stdout(output);
      return changed ? 1 : 0;
    }
    if (command.command === 'query') {
      const { index, inputs } = await loadWorkspace(command, io.cwd, readStdin);
      const answer = runQuery(index, command, shownPaths(inputs));
      if ('error' in answer) {
        io.stderr(`netpol: ${answer.error}\n`);
        return 2;
      }
      io.stdout(answer.output);
      io.stderr(answer.notes);
      return answer.allowed ? 0 : 3;
    }
    if (command.command === 'explain') {
      io.stdout(await explain(command, io.cwd));
      return 0;
    }
    const report = await check(command, io.cwd);
    if (command.format === 'json') io.stdout(`${JSON.stringify(report.diagnostics, null, 2)}\n`);
    else if (command.format === 'sarif') io.stdout(formatSarif(report, VERSION, io.cwd));
    else {
      io.stdout(formatText(report));
      io.stderr(summary(report));
    }
    if (command.maxWarnings !== undefined && report.warnings > command.maxWarnings) {
      io.stderr(`netpol: ${report.warnings} warnings, more than --max-warnings ${command.maxWarnings}\n`);
      return 1;
    }
    return hasErrors(report) ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      const hint = argv[0] === 'generate' ? 'Run "netpol generate --help" for its options, or "netpol generate --list".' : HELP_HINT;
      io.stderr(`netpol: ${error.message}\n${hint}\n`);
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
