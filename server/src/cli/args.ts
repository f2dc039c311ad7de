import { parseArgs as parseArgv, type ParseArgsConfig } from 'node:util';
import { isProtocol, listText, PROTOCOLS, type Protocol } from '../model/vocabulary';
import { parseEndpoint, type WorkloadName } from '../services/connectivity';
import { resolveSettings, type SettingProblem, type SettingsLayer } from '../services/resolveSettings';
import { closestName } from '../rules/suggest';
import { parseGenerateArgs, type GenerateCommand } from './generate';
import type { ConfigChoice } from './settings';

/** Output formats; `md` is accepted for `markdown` wherever Markdown is offered. */
export type OutputFormat = 'text' | 'json' | 'sarif' | 'markdown' | 'dot';

const COMMANDS = ['check', 'explain', 'connectivity', 'query', 'diff'] as const;
type CommandName = (typeof COMMANDS)[number];

/** The formats of each command. */
const FORMATS: Readonly<Record<CommandName, readonly OutputFormat[]>> = {
  check: ['text', 'json', 'sarif'],
  explain: ['text', 'json', 'markdown'],
  connectivity: ['text', 'json', 'dot', 'markdown'],
  query: ['text', 'json'],
  diff: ['text', 'markdown', 'json', 'sarif'],
};

const FORMAT_ALIASES: Readonly<Record<string, OutputFormat>> = { md: 'markdown' };

export interface CheckOptions {
  /** check: validate and lint; explain: say what each policy does; connectivity: who can reach whom. */
  readonly command: 'check' | 'explain' | 'connectivity';
  readonly format: OutputFormat;
  /**
   * The `netpol.*` settings the flags give, in the settings' raw shape (checked): the top
   * layer, above the project configuration files.
   */
  readonly flags: SettingsLayer;
  /** The project configuration: searched for each file (the default), the `--config` file, or none. */
  readonly config?: ConfigChoice;
  /** Files and folders; `-` is standard input. */
  readonly paths: readonly string[];
  /** check: errors only in the output (`--quiet`). */
  readonly quiet?: boolean;
  /** check: exit 1 when there are more warnings than this (`--max-warnings`). */
  readonly maxWarnings?: number;
}

/** A workload as typed, the kind possibly left out, or addresses. */
export type EndpointName = WorkloadName | { readonly cidr: string };

/** namespace/Kind/name, namespace/name, or an address or CIDR. */
function parseEndpointName(text: string): EndpointName | undefined {
  const full = parseEndpoint(text);
  if (full) return full;
  const [namespace, name, ...more] = text.split('/');
  return namespace && name && more.length === 0 ? { namespace, name } : undefined;
}

/** `netpol query`: can `from` reach `to` on a port? */
export interface QueryOptions extends Omit<CheckOptions, 'command'> {
  readonly command: 'query';
  /** A workload's kind may be left out (resolved against the workspace), or addresses. */
  readonly from: EndpointName;
  readonly to: EndpointName;
  /** A number, or a named port resolved at the destination. */
  readonly port: number | string;
  readonly protocol: Protocol;
}

/** `netpol diff`: what changes in reachability from `before` to `after`. */
export interface DiffOptions extends Omit<CheckOptions, 'command'> {
  readonly command: 'diff';
  /**
   * With a revision, the working tree (`paths`, by default the current folder) against that
   * commit; without, `paths` is the two sides: before, then after.
   */
  readonly base?: string;
}

/** `asked`: the user asked for help (-h, --help, help); otherwise no command was given at all. */
export type Command =
  | CheckOptions
  | QueryOptions
  | DiffOptions
  | GenerateCommand
  | { readonly command: 'help'; readonly asked: boolean }
  | { readonly command: 'version' };

export class UsageError extends Error {}

/**
 * A flag: its help line and, for the flags that stand for a `netpol.*` setting, where its
 * value goes in the settings' raw shape (it is checked by the settings resolver, like the
 * editor's settings). Adding a setting to the CLI is adding a row here.
 */
interface Flag {
  readonly value?: string;
  readonly help: string;
  readonly multiple?: boolean;
  readonly short?: string;
  readonly queryOnly?: boolean;
  readonly diffOnly?: boolean;
  readonly checkOnly?: boolean;
  /** Puts the value (or the values, for a repeatable flag) into the settings layer. */
  readonly setting?: (layer: Record<string, unknown>, value: string | string[]) => void;
  /** The setting path the resolver names in its problems (see SettingProblem.setting). */
  readonly settingPath?: string;
}

const cluster = (layer: Record<string, unknown>): Record<string, unknown> => (layer.cluster ??= {}) as Record<string, unknown>;

/** `--rule id=level` as a settings entry. */
function ruleLevel(text: string): [string, string] {
  const match = /^([^=\s]+)=(\S+)$/.exec(text.trim());
  if (!match) throw new UsageError(`--rule must be written id=level, such as port-protocol=off (got "${text}")`);
  return [match[1]!, match[2]!];
}

const FLAGS: Readonly<Record<string, Flag>> = {
  format: { value: '<format>', help: 'output format: see the formats of each command below (default: text)' },
  from: {
    value: '<endpoint>',
    help: 'query: a workload as namespace/Kind/name (or namespace/name), or an address or CIDR',
    queryOnly: true,
  },
  to: { value: '<endpoint>', help: 'query: the other end, written like --from', queryOnly: true },
  port: { value: '<n|name>', help: 'query: a port number, or a container port name of the destination', queryOnly: true },
  protocol: { value: `<${PROTOCOLS.join('|')}>`, help: 'query: the protocol (default: TCP)', queryOnly: true },
  base: { value: '<revision>', help: 'diff: compare the working tree with this commit, branch or tag', diffOnly: true },
  'k8s-version': {
    value: '<1.N|latest>',
    help: 'Kubernetes version of the cluster (default: latest)',
    settingPath: 'kubernetesVersion',
    setting: (layer, value) => (layer.kubernetesVersion = value),
  },
  channel: {
    value: '<standard|experimental>',
    help: 'channel of the network-policy-api CRDs for ClusterNetworkPolicy, AdminNetworkPolicy and BaselineAdminNetworkPolicy (default: standard)',
    settingPath: 'networkPolicyAPI.channel',
    setting: (layer, value) => (layer.networkPolicyAPI = { channel: value }),
  },
  'max-file-size-mb': {
    value: '<n>',
    help: 'skip files larger than this (default: 5; 0: no limit)',
    settingPath: 'maxFileSizeMB',
    setting: (layer, value) => (layer.maxFileSizeMB = value === '' || Number.isNaN(Number(value)) ? value : Number(value)),
  },
  'default-namespace': {
    value: '<name>',
    help: 'namespace of objects without one (default: default)',
    settingPath: 'defaultNamespace',
    setting: (layer, value) => (layer.defaultNamespace = value),
  },
  'pod-cidr': {
    value: '<cidr>',
    help: 'a pod CIDR of the cluster (repeatable), for ipblock-pod-ip',
    multiple: true,
    settingPath: 'cluster.podCIDRs',
    setting: (layer, values) => (cluster(layer).podCIDRs = values),
  },
  'service-cidr': {
    value: '<cidr>',
    help: 'a Service CIDR of the cluster (repeatable)',
    multiple: true,
    settingPath: 'cluster.serviceCIDRs',
    setting: (layer, values) => (cluster(layer).serviceCIDRs = values),
  },
  rule: {
    value: '<id=level>',
    help: 'set a rule to error, warning, info, hint or off (repeatable; wins over the configuration file)',
    multiple: true,
    settingPath: 'rules',
    setting: (layer, values) => (layer.rules = Object.fromEntries([values].flat().map(ruleLevel))),
  },
  config: { value: '<file>', help: 'read this configuration file instead of the .netpol.yaml files found for each file' },
  'no-config': { help: 'read no configuration file' },
  'max-warnings': { value: '<n>', help: 'check: exit 1 when there are more than n warnings', checkOnly: true },
  quiet: { short: 'q', help: 'check: report errors only', checkOnly: true },
  help: { short: 'h', help: 'show this help' },
  version: { short: 'v', help: 'show the version' },
};

const formatList = (formats: readonly string[]) => formats.join('|');

function optionLines(): string {
  const left = (name: string, flag: Flag) => `${flag.short ? `-${flag.short}, ` : ''}--${name}${flag.value ? ` ${flag.value}` : ''}`;
  const width = Math.max(...Object.entries(FLAGS).map(([name, flag]) => left(name, flag).length)) + 2;
  const lines = Object.entries(FLAGS).map(([name, flag]) => `  ${left(name, flag).padEnd(width)}${flag.help}`);
  const formats = COMMANDS.map((command) => `  ${command.padEnd(13)}--format ${formatList(FORMATS[command])}`);
  return [...lines, '', 'Formats (md is short for markdown):', ...formats].join('\n');
}

const EXAMPLES = `Examples:
  netpol check k8s/                                  check every manifest under k8s/
  netpol check --format sarif --max-warnings 0 .     for code scanning; fail on any warning
  netpol check --rule port-protocol=off policy.yaml  turn one rule off for this run
  netpol explain k8s/policies.yaml                   what each policy does
  netpol connectivity --format dot k8s/ | dot -Tsvg  the traffic map as a graph
  netpol query --from shop/Deployment/frontend --to shop/Deployment/api --port 8080 k8s/
  netpol query --from shop/frontend --to 0.0.0.0/0 --port 443 k8s/
  netpol diff --base origin/main --format md k8s/    what a pull request opens or closes
  netpol generate --list                             the policy templates
  netpol generate default-deny-all --namespace shop  one template, as YAML`;

export const USAGE = `Usage: netpol check [options] <files or folders>...
       netpol explain [options] <files or folders>...
       netpol connectivity [options] <files or folders>...
       netpol generate <template> [--<option> <value>]... | --list
       netpol diff [options] <before> <after>
       netpol diff --base <revision> [options] [<files or folders>...]
       netpol query --from <ns/[kind/]name|cidr> --to <ns/[kind/]name|cidr> --port <n|name> [--protocol TCP] [options] <files or folders>...

check    Checks Kubernetes NetworkPolicy manifests, and the cluster-wide ClusterNetworkPolicy,
         AdminNetworkPolicy and BaselineAdminNetworkPolicy, the way the API server validates
         them, and lints them against the workloads and namespaces of all the files given (one
         workspace).
explain  Says what each NetworkPolicy does, in plain language (the report of the editor's
         "Describe Policy"), resolving named ports against the workloads of the files given.
connectivity  Lists which workload can open connections to which (and to and from addresses
         outside the cluster), on which ports, as Kubernetes enforces the policies given.
diff     Says what a change does to traffic: the connections opened, closed or changed (ports
         before and after), and the policies and workloads added, removed or changed, between
         two files or folders, or between a git commit (branch, tag, HEAD~1...) and the working
         tree. The repository is read in process; git need not be installed.
query    Says whether one connection is allowed, and which policies and rules decided it
         in each direction (the source's egress, the destination's ingress). A workload is
         namespace/Kind/name, or namespace/name when one kind has that name.
generate Prints the policies of a template as YAML (the editor's "Generate Policy…");
         netpol generate --help tells its options.
Folders are searched recursively for *.yaml, *.yml and *.json files; - reads standard input.
Each file's settings come from the nearest .netpol.yaml (.netpol.yml, .netpol.json) in its
folder or above (as the editor reads them), then from the options, which win.

Options:
${optionLines()}

Exit status: 0 no errors (explain, connectivity: done; query: allowed; diff: no change),
1 errors found or more warnings than --max-warnings (diff: changes), 2 usage or I/O failure
or a mistake in a configuration file, 3 (query) denied.

${EXAMPLES}`;

/** What a usage error adds, instead of the whole help. */
export const HELP_HINT = 'Run "netpol --help" for the commands, their options and examples.';

const PARSE_CONFIG: ParseArgsConfig['options'] = Object.fromEntries(
  Object.entries(FLAGS).map(([name, flag]) => [
    name,
    { type: flag.value ? 'string' : 'boolean', ...(flag.multiple ? { multiple: true } : {}), ...(flag.short ? { short: flag.short } : {}) },
  ]),
);

/** node:util's parse errors, in this CLI's words. */
function usageErrorOf(error: unknown): UsageError {
  const { code, message } = error as { code?: string; message?: string };
  const option = /'(-[^' ]+)/.exec(message ?? '')?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(`unknown option ${option ?? ''}`.trim());
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return new UsageError(`${option ?? 'an option'} needs a value`);
  return new UsageError(message ?? String(error));
}

/** A problem the resolver found in a flag's value, said with the flag's name. */
function flagProblem(problem: SettingProblem): UsageError {
  if (problem.setting === 'rules') return new UsageError(`--rule: ${problem.message.replace(/^netpol\.rules: /, '')}`);
  const flag = Object.entries(FLAGS).find(([, f]) => f.settingPath === problem.setting)?.[0];
  const shown = typeof problem.value === 'string' ? `"${problem.value}"` : JSON.stringify(problem.value);
  return new UsageError(`--${flag ?? problem.setting} must be ${problem.expected} (got ${shown})`);
}

/** The form of a flag the user typed (`-q` or `--quiet`), to name it as typed. */
function typedForm(argv: readonly string[], name: string, flag: Flag): string {
  const long = `--${name}`;
  if (flag.short && !argv.some((arg) => arg === long || arg.startsWith(`${long}=`))) return `-${flag.short}`;
  return long;
}

export function parseArgs(argv: readonly string[]): Command {
  if (argv[0] === 'generate') return parseGenerateArgs(argv.slice(1));
  if (argv.length === 0) return { command: 'help', asked: false };
  if (argv.includes('-h') || argv.includes('--help') || argv[0] === 'help') return { command: 'help', asked: true };
  if (argv[0] === '-v' || argv[0] === '--version') return { command: 'version' };
  const command = argv[0] as CommandName;
  if (!COMMANDS.includes(command)) {
    const guess = closestName(argv[0]!, [...COMMANDS, 'generate']);
    throw new UsageError(`unknown command "${argv[0]}"${guess ? ` (did you mean "${guess}"?)` : ''}`);
  }
  let parsed: ReturnType<typeof parseArgv>;
  try {
    parsed = parseArgv({ args: [...argv.slice(1)], options: PARSE_CONFIG, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageErrorOf(error);
  }
  const values = parsed.values as Record<string, string | string[] | boolean | undefined>;
  for (const [name, flag] of Object.entries(FLAGS)) {
    if (values[name] === undefined) continue;
    const owner = flag.queryOnly ? 'query' : flag.diffOnly ? 'diff' : flag.checkOnly ? 'check' : command;
    if (owner !== command) throw new UsageError(`${typedForm(argv, name, flag)} is an option of netpol ${owner}, not of netpol ${command}`);
  }
  if (values.config !== undefined && values['no-config'] !== undefined) throw new UsageError('--config and --no-config exclude each other');
  const config: ConfigChoice = typeof values.config === 'string' ? { file: values.config } : values['no-config'] ? 'none' : 'search';
  const maxText = values['max-warnings'];
  if (typeof maxText === 'string' && !/^\d+$/.test(maxText))
    throw new UsageError(`--max-warnings must be a number of 0 or more (got "${maxText}")`);
  const check = {
    ...(values.quiet ? { quiet: true } : {}),
    ...(typeof maxText === 'string' ? { maxWarnings: Number(maxText) } : {}),
  };

  const given = typeof values.format === 'string' ? values.format : 'text';
  const format = FORMAT_ALIASES[given] ?? (given as OutputFormat);
  const allowed = FORMATS[command];
  if (!allowed.includes(format)) throw new UsageError(`--format must be ${listText(allowed, 'or')}, not "${given}"`);

  const layer: Record<string, unknown> = {};
  for (const [name, flag] of Object.entries(FLAGS)) {
    const value = values[name];
    if (flag.setting && (typeof value === 'string' || Array.isArray(value))) flag.setting(layer, value);
  }
  const problems: SettingProblem[] = [];
  resolveSettings([layer], problems);
  if (problems[0]) throw flagProblem(problems[0]);
  const common = { format, flags: layer, config };

  const paths = parsed.positionals;
  if (command === 'diff') {
    if (paths.includes('-')) throw new UsageError('netpol diff reads files and folders, not standard input');
    if (typeof values.base === 'string') return { command, ...common, base: values.base, paths: paths.length ? paths : ['.'] };
    if (paths.length !== 2) throw new UsageError('netpol diff needs two files or folders (before, after), or --base <revision>');
    return { command, ...common, paths };
  }
  if (paths.length === 0) throw new UsageError('no files or folders given');
  if (command === 'check') return { command, ...common, ...check, paths };
  if (command !== 'query') return { command, ...common, paths };

  const endpoint = (flag: 'from' | 'to') => {
    const value = values[flag];
    if (typeof value !== 'string') return undefined;
    const endpoint = parseEndpointName(value);
    if (!endpoint)
      throw new UsageError(
        `--${flag} must be a workload as namespace/Kind/name or namespace/name, or an IP address or CIDR (got "${value}")`,
      );
    return endpoint;
  };
  const from = endpoint('from');
  const to = endpoint('to');
  const portText = values.port;
  const port = typeof portText === 'string' ? (/^\d+$/.test(portText) ? Number(portText) : portText) : undefined;
  if (typeof port === 'number' && (port < 1 || port > 65535))
    throw new UsageError(`--port must be between 1 and 65535 (got ${portText as string})`);
  const protocol = values.protocol ?? 'TCP';
  if (!isProtocol(protocol)) throw new UsageError(`--protocol must be ${listText(PROTOCOLS, 'or')} (got "${String(protocol)}")`);
  if (!from || !to || port === undefined) throw new UsageError('netpol query needs --from, --to and --port');
  return { command, ...common, paths, from, to, port, protocol };
}
