import { parseCidrSloppy } from '../model/cidr';
import { DEFAULT_CLUSTER, type ClusterSettings } from '../model/cluster';
import { parseKubernetesVersion, type KubernetesVersion } from '../model/k8sVersion';
import { dns1123LabelErrors } from '../rules/k8sNames';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'markdown';

/** The formats of each command. */
const FORMATS = { check: ['text', 'json', 'sarif'], explain: ['text', 'json', 'markdown'] } as const;

export interface CheckOptions {
  /** check: validate and lint; explain: say what each policy does. */
  readonly command: 'check' | 'explain';
  readonly format: OutputFormat;
  readonly version: KubernetesVersion;
  readonly maxFileSizeMB: number;
  readonly cluster: ClusterSettings;
  /** Files and folders; `-` is standard input. */
  readonly paths: readonly string[];
}

export type Command = CheckOptions | { readonly command: 'help' } | { readonly command: 'version' };

export class UsageError extends Error {}

export const USAGE = `Usage: netpol check [options] <files or folders>...
       netpol explain [options] <files or folders>...

check    Checks Kubernetes NetworkPolicy manifests the way the API server validates them,
         and lints them against the workloads and namespaces of all the files given (one
         workspace).
explain  Says what each NetworkPolicy does, in plain language (the report of the editor's
         "Describe Policy"), resolving named ports against the workloads of the files given.
Folders are searched recursively for *.yaml, *.yml and *.json files; - reads standard input.

Options:
  --format <text|json|sarif>   check: output format (default: text)
  --format <text|json|markdown> explain: output format (default: text)
  --k8s-version <1.N|latest>   Kubernetes version of the cluster (default: latest)
  --max-file-size-mb <n>       skip files larger than this (default: 5; 0: no limit)
  --default-namespace <name>   namespace of objects without one (default: default)
  --pod-cidr <cidr>            a pod CIDR of the cluster (repeatable), for ipblock-pod-ip
  --service-cidr <cidr>        a Service CIDR of the cluster (repeatable)
  -h, --help                   show this help
  -v, --version                show the version

Exit status: 0 no errors (explain: done), 1 errors found, 2 usage or I/O failure.`;

function valueOf(argv: readonly string[], i: number, flag: string): string {
  const value = argv[i + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
  return value;
}

export function parseArgs(argv: readonly string[]): Command {
  if (argv.length === 0 || argv.includes('-h') || argv.includes('--help') || argv[0] === 'help') return { command: 'help' };
  if (argv[0] === '-v' || argv[0] === '--version') return { command: 'version' };
  const command = argv[0];
  if (command !== 'check' && command !== 'explain') throw new UsageError(`unknown command "${argv[0]}"`);
  let format: OutputFormat = 'text';
  let version = parseKubernetesVersion('latest')!;
  let maxFileSizeMB = 5;
  let defaultNamespace = DEFAULT_CLUSTER.defaultNamespace;
  const podCIDRs: string[] = [];
  const serviceCIDRs: string[] = [];
  const cidr = (flag: string, value: string) => {
    if (!parseCidrSloppy(value)) throw new UsageError(`${flag} must be a CIDR such as 10.244.0.0/16 (got "${value}")`);
    return value;
  };
  const paths: string[] = [];
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
    } else if (flag === '--') {
      paths.push(...argv.slice(i + 1));
      break;
    } else if (flag.startsWith('-') && flag !== '-') {
      throw new UsageError(`unknown option ${flag}`);
    } else {
      paths.push(arg);
    }
  }
  if (paths.length === 0) throw new UsageError('no files or folders given');
  return { command, format, version, maxFileSizeMB, cluster: { defaultNamespace, podCIDRs, serviceCIDRs }, paths };
}
