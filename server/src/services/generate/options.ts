import { formatNetwork, parseCidrSloppy, strictCidrProblem } from '../../model/cidr';
import { WORKLOAD_KINDS } from '../../model/objects';
import type { Protocol } from '../../model/semantics';
import type { Labels, ParameterKind, PolicyPort, WorkloadName } from '../../model/templates/options';
import type { KindValue, TemplateParameter } from '../../model/templates/template';
import {
  dns1123LabelErrors,
  dnsSubdomainNameErrors,
  labelValueErrors,
  portNameErrors,
  portNumberErrors,
  qualifiedNameErrors,
} from '../../rules/k8sNames';
import { PROTOCOLS } from '../../model/vocabulary';

/**
 * Template options typed as text (what a person types in the wizard or on the command line),
 * read and checked with the API server's own rules (rules/k8sNames, model/cidr), so that a
 * generated policy never fails validation because of an option.
 */

/** A value read from text: the typed value, or what is wrong with the text. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** Items separated by commas (spaces around them are not part of the items). */
function items(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export function parseName(text: string): Parsed<string> {
  const name = text.trim();
  const errors = dnsSubdomainNameErrors(name, false);
  return errors.length ? fail(`"${name}" is not a valid name: ${errors.join('; ')}`) : ok(name);
}

export function parseNamespace(text: string): Parsed<string> {
  const namespace = text.trim();
  const errors = dns1123LabelErrors(namespace);
  return errors.length ? fail(`"${namespace}" is not a valid namespace name: ${errors.join('; ')}`) : ok(namespace);
}

export function parseNamespaces(text: string): Parsed<string[]> {
  const out: string[] = [];
  for (const item of items(text)) {
    const parsed = parseNamespace(item);
    if (!parsed.ok) return parsed;
    if (!out.includes(parsed.value)) out.push(parsed.value);
  }
  return ok(out);
}

export function parseLabels(text: string): Parsed<Labels> {
  const out: Record<string, string> = {};
  for (const item of items(text)) {
    const eq = item.indexOf('=');
    if (eq < 0) return fail(`"${item}" is not a label: write key=value`);
    const key = item.slice(0, eq).trim();
    const value = item.slice(eq + 1).trim();
    const keyErrors = qualifiedNameErrors(key);
    if (keyErrors.length) return fail(`label key "${key}" is not valid: ${keyErrors.join('; ')}`);
    const valueErrors = labelValueErrors(value);
    if (valueErrors.length) return fail(`label value "${value}" of "${key}" is not valid: ${valueErrors.join('; ')}`);
    if (key in out && out[key] !== value) return fail(`label "${key}" is given twice with different values`);
    out[key] = value;
  }
  return ok(out);
}

export function parseLabelKey(text: string): Parsed<string> {
  const key = text.trim();
  const errors = qualifiedNameErrors(key);
  return errors.length ? fail(`label key "${key}" is not valid: ${errors.join('; ')}`) : ok(key);
}

export function parseLabelValues(text: string): Parsed<string[]> {
  const out: string[] = [];
  for (const value of items(text)) {
    const errors = labelValueErrors(value);
    if (errors.length) return fail(`label value "${value}" is not valid: ${errors.join('; ')}`);
    if (!out.includes(value)) out.push(value);
  }
  return ok(out);
}

/** A cluster-wide policy's priority: 0 to 1000 (the CRDs' bounds). */
export function parsePriority(text: string): Parsed<number> {
  const written = text.trim();
  const priority = Number(written);
  return /^\d+$/.test(written) && priority <= 1000 ? ok(priority) : fail(`The priority is an integer from 0 to 1000: "${written}" is not`);
}

function portNumber(text: string): Parsed<number> {
  if (!/^\d+$/.test(text)) return fail(`"${text}" is not a port number`);
  const port = Number(text);
  const errors = portNumberErrors(port);
  return errors.length ? fail(`port ${text} ${errors.join('; ')}`) : ok(port);
}

/** One port: `80`, `http`, `8000-8080`, with an optional `TCP/`, `UDP/` or `SCTP/` (any case). */
export function parsePort(text: string): Parsed<PolicyPort> {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  let protocol: Protocol = 'TCP';
  let rest = trimmed;
  if (slash >= 0) {
    const written = trimmed.slice(0, slash).toUpperCase();
    const known = PROTOCOLS.find((p) => p === written);
    if (!known) return fail(`"${trimmed.slice(0, slash)}" is not a protocol: use TCP, UDP or SCTP`);
    protocol = known;
    rest = trimmed.slice(slash + 1);
  }
  if (rest === '') return fail(`"${trimmed}" has no port`);
  const range = /^(\d+)\s*-\s*(\d+)$/.exec(rest);
  if (range) {
    const start = portNumber(range[1]!);
    if (!start.ok) return start;
    const end = portNumber(range[2]!);
    if (!end.ok) return end;
    if (end.value < start.value) return fail(`the range ${rest} ends below its start`);
    // A range of one port is just that port: `endPort` equal to `port` says nothing more.
    return ok(end.value === start.value ? { protocol, port: start.value } : { protocol, port: start.value, endPort: end.value });
  }
  if (/^\d+$/.test(rest)) {
    const port = portNumber(rest);
    return port.ok ? ok({ protocol, port: port.value }) : port;
  }
  const errors = portNameErrors(rest);
  return errors.length
    ? fail(`"${rest}" is neither a port number nor a valid port name: ${errors.join('; ')}`)
    : ok({ protocol, port: rest });
}

export function parsePorts(text: string): Parsed<PolicyPort[]> {
  const out: PolicyPort[] = [];
  for (const item of items(text)) {
    const parsed = parsePort(item);
    if (!parsed.ok) return parsed;
    const port = parsed.value;
    if (!out.some((p) => p.protocol === port.protocol && p.port === port.port && p.endPort === port.endPort)) out.push(port);
  }
  return ok(out);
}

/** CIDRs every Kubernetes version accepts: strict form (no host bits, no leading zeros, no IPv4-mapped IPv6). */
export function parseCidrs(text: string): Parsed<string[]> {
  const out: string[] = [];
  for (const item of items(text)) {
    const net = parseCidrSloppy(item);
    if (!net) return fail(`"${item}" is not a CIDR such as 203.0.113.0/24 or 2001:db8::/32`);
    const problem = strictCidrProblem(item);
    if (problem === 'host-bits') return fail(`"${item}" has bits set beyond its prefix: write its network, ${formatNetwork(net)}`);
    if (problem === 'leading-zeros')
      return fail(`"${item}" has leading zeros, which Kubernetes 1.36 and later reject: write ${formatNetwork(net)}`);
    if (problem === 'ipv4-mapped')
      return fail(`"${item}" is an IPv4-mapped IPv6 CIDR, which Kubernetes 1.36 and later reject: write ${formatNetwork(net)}`);
    if (!out.includes(item)) out.push(item);
  }
  return ok(out);
}

export function parseBoolean(text: string): Parsed<boolean> {
  const value = text.trim().toLowerCase();
  if (value === 'true' || value === 'yes') return ok(true);
  if (value === 'false' || value === 'no') return ok(false);
  return fail(`"${text.trim()}" is not true or false`);
}

export function parseWorkload(text: string): Parsed<WorkloadName> {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  const kind = trimmed.slice(0, slash);
  if (slash < 0 || !(WORKLOAD_KINDS as readonly string[]).includes(kind)) {
    return fail(`"${trimmed}" is not Kind/name with a workload kind (${WORKLOAD_KINDS.join(', ')})`);
  }
  const name = parseName(trimmed.slice(slash + 1));
  return name.ok ? ok({ kind, name: name.value }) : name;
}

const PARSERS: { readonly [K in ParameterKind]: (text: string) => Parsed<KindValue[K]> } = {
  name: parseName,
  namespace: parseNamespace,
  namespaces: parseNamespaces,
  labels: parseLabels,
  labelKey: parseLabelKey,
  labelValues: parseLabelValues,
  ports: parsePorts,
  port: parsePort,
  cidrs: parseCidrs,
  boolean: parseBoolean,
  workload: parseWorkload,
  priority: parsePriority,
};

/** What an optional parameter left empty stands for (undefined: "not given"). */
const EMPTY: { readonly [K in ParameterKind]: KindValue[K] | undefined } = {
  name: undefined,
  namespace: undefined,
  namespaces: [],
  labels: {},
  labelKey: undefined,
  labelValues: [],
  ports: [],
  port: undefined,
  cidrs: [],
  boolean: false,
  workload: undefined,
  priority: undefined,
};

/** Parses one option's text; the message when it is not acceptable. */
export function parseOption<K extends ParameterKind>(
  parameter: TemplateParameter & { kind: K },
  text: string,
): Parsed<KindValue[K] | undefined> {
  if (text.trim() === '') {
    return parameter.optional ? { ok: true, value: EMPTY[parameter.kind] } : { ok: false, message: `${parameter.title} is required` };
  }
  return PARSERS[parameter.kind](text);
}
