import { DEFAULT_DNS_TARGET, type DnsTarget } from '../model/recipes';
import { DEFAULT_SETTINGS } from '../services/settings';
import { generateYaml, templateCatalog } from '../services/generate';
import { parseLabels, parseNamespace } from '../services/generate/options';
import type { TemplateInfo } from '../protocol';
import { UsageError } from './args';

/** `netpol generate`: the editor's Generate Policy templates on the command line. */
export interface GenerateCommand {
  readonly command: 'generate';
  /** Undefined with --list. */
  readonly template?: string;
  readonly help: boolean;
  /** Option text by parameter id (camelCase, from the kebab-case flag). */
  readonly options: Readonly<Record<string, string>>;
  /** Where cluster DNS runs (`--dns-namespace`, `--dns-pod-labels`), as the editor's `netpol.dns`. */
  readonly dns: DnsTarget;
}

const kebab = (id: string) => id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export const GENERATE_USAGE = `Usage: netpol generate --list
       netpol generate <template> --help
       netpol generate <template> [--<option> <value>]...

Prints the policies of a template as YAML (the editor's "Generate Policy…"); every
option not given takes its default. Each policy passes netpol check, lints included.

  --dns-namespace <name>     namespace of the cluster DNS pods (default: kube-system)
  --dns-pod-labels <labels>  labels of the cluster DNS pods (default: k8s-app=kube-dns)`;

/** `argv` after `generate`. */
export function parseGenerateArgs(argv: readonly string[]): GenerateCommand {
  const options: Record<string, string> = {};
  let dns = DEFAULT_DNS_TARGET;
  let template: string | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--list') return { command: 'generate', help: false, options: {}, dns };
    if (arg === '-h' || arg === '--help') {
      help = true;
    } else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const flag = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
      // An empty value is allowed (`--app-labels ''` leaves an optional option empty).
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${flag} needs a value`);
      if (flag === 'dns-namespace') {
        const namespace = parseNamespace(value);
        if (!namespace.ok) throw new UsageError(`--dns-namespace: ${namespace.message}`);
        dns = { ...dns, namespace: namespace.value };
      } else if (flag === 'dns-pod-labels') {
        const labels = parseLabels(value);
        if (!labels.ok || Object.keys(labels.value).length === 0) {
          throw new UsageError(`--dns-pod-labels: ${labels.ok ? 'give at least one label' : labels.message}`);
        }
        dns = { ...dns, podLabels: labels.value };
      } else {
        options[camel(flag)] = value;
      }
    } else if (template === undefined) {
      template = arg;
    } else {
      throw new UsageError(`generate takes one template, not "${template}" and "${arg}"`);
    }
  }
  if (template === undefined) {
    if (help) return { command: 'generate', help, options, dns };
    throw new UsageError('generate needs a template (netpol generate --list shows them)');
  }
  return { command: 'generate', template, help, options, dns };
}

function templateHelp(template: TemplateInfo): string {
  const lines = [`${template.id}: ${template.title}`, '', template.description, '', 'Options:'];
  for (const parameter of template.parameters) {
    const given = parameter.default !== undefined ? ` (default: ${parameter.default || 'empty'})` : parameter.optional ? '' : ' (required)';
    lines.push(`  --${kebab(parameter.id)} <${parameter.kind}>${given}`, `      ${parameter.description} Written as ${parameter.syntax}.`);
  }
  return `${lines.join('\n')}\n`;
}

/** Runs `netpol generate`; the exit status (2 for options that are not acceptable). */
export function runGenerate(command: GenerateCommand, io: { stdout(text: string): void; stderr(text: string): void }): number {
  const catalog = templateCatalog();
  if (command.template === undefined) {
    if (command.help) {
      io.stdout(`${GENERATE_USAGE}\n`);
      return 0;
    }
    const width = Math.max(...catalog.map((t) => t.id.length));
    io.stdout(catalog.map((t) => `${t.id.padEnd(width)}  ${t.title}\n`).join(''));
    return 0;
  }
  const template = catalog.find((t) => t.id === command.template);
  if (template && command.help) {
    io.stdout(templateHelp(template));
    return 0;
  }
  const result = generateYaml(command.template, command.options, { ...DEFAULT_SETTINGS, dns: command.dns });
  if (result.text === undefined) {
    for (const problem of result.problems) {
      io.stderr(`netpol: ${problem.parameter ? `--${kebab(problem.parameter)}: ` : ''}${problem.message}\n`);
    }
    return 2;
  }
  io.stdout(result.text);
  return 0;
}
