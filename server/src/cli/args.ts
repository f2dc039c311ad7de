import { parseCidrSloppy } from '../model/cidr';
import { DEFAULT_CLUSTER, type ClusterSettings } from '../model/cluster';
import { CHANNELS, type Channel } from '../model/clusterPolicy/api';
import { parseKubernetesVersion, type KubernetesVersion } from '../model/k8sVersion';
import type { Protocol } from '../model/semantics';
import type { ConnectivityEndpoint } from '../protocol';
import { dns1123LabelErrors } from '../rules/k8sNames';
import { parseGenerateArgs, type GenerateCommand } from './generate';
import { parseEndpoint } from '../services/connectivity';
import { isProtocol, listText, PROTOCOLS } from '../model/vocabulary';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'markdown' | 'dot' | 'md';

/** The formats of each command. */
const FORMATS = {
  check: ['text', 'json', 'sarif'],
  explain: ['text', 'json', 'markdown'],
  connectivity: ['text', 'json', 'dot', 'md'],
  query: ['text', 'json'],
  diff: ['text', 'md', 'json', 'sarif'],
} as const;

export interface CheckOptions {
  /** check: validate and lint; explain: say what each policy does; connectivity: who can reach whom. */
  readonly command: 'check' | 'explain' | 'connectivity';
  readonly format: OutputFormat;
  readonly version: KubernetesVersion;
  readonly maxFileSizeMB: number;
  readonly cluster: ClusterSettings;
  /** The channel of the network-policy-api CRDs (ClusterNetworkPolicy and its predecessors); standard by default. */
  readonly channel?: Channel;
  /** Files and folders; `-` is standard input. */
  readonly paths: readonly string[];
}

/** `netpol query`: can `from` reach `to` on a port? */
export interface QueryOptions extends Omit<CheckOptions, 'command'> {
  readonly command: 'query';
  readonly from: ConnectivityEndpoint;
  readonly to: ConnectivityEndpoint;
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

export type Command =
  CheckOptions | QueryOptions | DiffOptions | GenerateCommand | { readonly command: 'help' } | { readonly command: 'version' };

export class UsageError extends Error {}

export const USAGE = `Usage: netpol check [options] <files or folders>...
       netpol explain [options] <files or folders>...
       netpol connectivity [options] <files or folders>...
       netpol generate <template> [--<option> <value>]... | --list
       netpol diff [options] <before> <after>
       netpol diff --base <revision> [options] [<files or folders>...]
       netpol query --from <ns/kind/name|cidr> --to <ns/kind/name|cidr> --port <n|name> [--protocol TCP] [options] <files or folders>...

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
         in each direction (the source's egress, the destination's ingress).
Folders are searched recursively for *.yaml, *.yml and *.json files; - reads standard input.

Options:
  --format <text|json|sarif>   check: output format (default: text)
  --format <text|json|markdown> explain: output format (default: text)
  --format <text|json|dot|md>  connectivity: output format (default: text)
  --format <text|json>         query: output format (default: text)
  --format <text|md|json|sarif> diff: output format (default: text)
  --base <revision>            diff: compare the working tree with this commit, branch or tag
  --from, --to <endpoint>      query: a workload as namespace/Kind/name, or an address or CIDR
  --port <n|name>              query: a port number, or a container port name of the destination
  --protocol <TCP|UDP|SCTP>    query: the protocol (default: TCP)
  --k8s-version <1.N|latest>   Kubernetes version of the cluster (default: latest)
  --channel <standard|experimental>  channel of the network-policy-api CRDs for ClusterNetworkPolicy,
                               AdminNetworkPolicy and BaselineAdminNetworkPolicy (default: standard)
  --max-file-size-mb <n>       skip files larger than this (default: 5; 0: no limit)
  --default-namespace <name>   namespace of objects without one (default: default)
  --pod-cidr <cidr>            a pod CIDR of the cluster (repeatable), for ipblock-pod-ip
  --service-cidr <cidr>        a Service CIDR of the cluster (repeatable)
  -h, --help                   show this help
  -v, --version                show the version

Exit status: 0 no errors (explain, connectivity: done; query: allowed; diff: no change),
1 errors found (diff: changes), 2 usage or I/O failure, 3 (query) denied.`;

function valueOf(argv: readonly string[], i: number, flag: string): string {
  const value = argv[i + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
  return value;
}

export function parseArgs(argv: readonly string[]): Command {
  if (argv[0] === 'generate') return parseGenerateArgs(argv.slice(1));
  if (argv.length === 0 || argv.includes('-h') || argv.includes('--help') || argv[0] === 'help') return { command: 'help' };
  if (argv[0] === '-v' || argv[0] === '--version') return { command: 'version' };
  const command = argv[0];
  if (command !== 'check' && command !== 'explain' && command !== 'connectivity' && command !== 'query' && command !== 'diff')
    throw new UsageError(`unknown command "${argv[0]}"`);
  let format: OutputFormat = 'text';
  let version = parseKubernetesVersion('latest')!;
  let maxFileSizeMB = 5;
  let channel: Channel = 'standard';
  let defaultNamespace = DEFAULT_CLUSTER.defaultNamespace;
  const podCIDRs: string[] = [];
  const serviceCIDRs: string[] = [];
  const cidr = (flag: string, value: string) => {
    if (!parseCidrSloppy(value)) throw new UsageError(`${flag} must be a CIDR such as 10.244.0.0/16 (got "${value}")`);
    return value;
  };
  const paths: string[] = [];
  const query: { from?: ConnectivityEndpoint; to?: ConnectivityEndpoint; port?: number | string; protocol: Protocol } = { protocol: 'TCP' };
  let base: string | undefined;
  const queryOnly = (flag: string) => {
    if (command !== 'query') throw new UsageError(`${flag} is an option of netpol query`);
  };
  const endpoint = (flag: string, value: string) => {
    const parsed = parseEndpoint(value);
    if (!parsed) throw new UsageError(`${flag} must be a workload as namespace/Kind/name or an IP address or CIDR (got "${value}")`);
    return parsed;
  };
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const take = () => {
      if (inline !== undefined) return inline;
      const value = valueOf(argv, i, flag);
      i++;
      return value;
    };
    if (flag === '--format') {
      const value = take();
      const allowed: readonly string[] = FORMATS[command];
      if (!allowed.includes(value))
        throw new UsageError(`--format must be ${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]!}, not "${value}"`);
      format = value as OutputFormat;
    } else if (flag === '--k8s-version') {
      const value = take();
      const parsed = parseKubernetesVersion(value);
      if (!parsed) throw new UsageError(`--k8s-version must be "latest" or a version 1.24 or later, such as 1.35 (got "${value}")`);
      version = parsed;
    } else if (flag === '--channel') {
      const value = take();
      if (!(CHANNELS as readonly string[]).includes(value))
        throw new UsageError(`--channel must be standard or experimental (got "${value}")`);
      channel = value as Channel;
    } else if (flag === '--max-file-size-mb') {
      const value = Number(take());
      if (!Number.isFinite(value) || value < 0) throw new UsageError('--max-file-size-mb must be a non-negative number');
      maxFileSizeMB = value;
    } else if (flag === '--default-namespace') {
      defaultNamespace = take();
      if (dns1123LabelErrors(defaultNamespace).length)
        throw new UsageError(`--default-namespace must be a namespace name (got "${defaultNamespace}")`);
    } else if (flag === '--pod-cidr') {
      podCIDRs.push(cidr(flag, take()));
    } else if (flag === '--service-cidr') {
      serviceCIDRs.push(cidr(flag, take()));
    } else if (flag === '--base') {
      if (command !== 'diff') throw new UsageError('--base is an option of netpol diff');
      base = take();
    } else if (flag === '--from' || flag === '--to') {
      queryOnly(flag);
      query[flag === '--from' ? 'from' : 'to'] = endpoint(flag, take());
    } else if (flag === '--port') {
      queryOnly(flag);
      const value = take();
      query.port = /^\d+$/.test(value) ? Number(value) : value;
      if (typeof query.port === 'number' && (query.port < 1 || query.port > 65535))
        throw new UsageError(`--port must be between 1 and 65535 (got ${value})`);
    } else if (flag === '--protocol') {
      queryOnly(flag);
      const value = take();
      if (!isProtocol(value)) throw new UsageError(`--protocol must be ${listText(PROTOCOLS, 'or')} (got "${value}")`);
      query.protocol = value;
    } else if (flag === '--') {
      paths.push(...argv.slice(i + 1));
      break;
    } else if (flag.startsWith('-') && flag !== '-') {
      throw new UsageError(`unknown option ${flag}`);
    } else {
      paths.push(arg);
    }
  }
  if (command === 'diff') {
    if (paths.includes('-')) throw new UsageError('netpol diff reads files and folders, not standard input');
    const options = { format, version, maxFileSizeMB, cluster: { defaultNamespace, podCIDRs, serviceCIDRs } };
    if (base !== undefined) return { command, ...options, base, paths: paths.length ? paths : ['.'] };
    if (paths.length !== 2) throw new UsageError('netpol diff needs two files or folders (before, after), or --base <revision>');
    return { command, ...options, paths };
  }
  if (paths.length === 0) throw new UsageError('no files or folders given');
  const options = { format, version, maxFileSizeMB, cluster: { defaultNamespace, podCIDRs, serviceCIDRs }, channel, paths };
  if (command !== 'query') return { command, ...options };
  const { from, to, port, protocol } = query;
  if (!from || !to || port === undefined) throw new UsageError('netpol query needs --from, --to and --port');
  return { command, ...options, from, to, port, protocol };
}
