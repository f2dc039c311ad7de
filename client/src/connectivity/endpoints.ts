import { isIP } from 'node:net';
import { portLabel, PROTOCOLS, type ConnectivityEndpoint, type PortSpec, type WorkloadRef } from '../../../server/src/protocol';

/**
 * Pure helpers for connectivity endpoints and ports, shared by Check Connection and the
 * traffic map (no `vscode` import: unit-tested in vitest).
 */

export function isWorkload(endpoint: ConnectivityEndpoint): endpoint is WorkloadRef {
  return !('cidr' in endpoint);
}

/** `shop/web[Deployment]` (the CLI's text style) or the CIDR. */
export function endpointLabel(endpoint: ConnectivityEndpoint): string {
  return isWorkload(endpoint) ? `${endpoint.namespace}/${endpoint.name}[${endpoint.kind}]` : endpoint.cidr;
}

/** A key equal for equal endpoints (workload kinds and names are case-sensitive in Kubernetes). */
export function endpointKey(endpoint: ConnectivityEndpoint): string {
  return isWorkload(endpoint) ? `w\0${endpoint.namespace}\0${endpoint.kind}\0${endpoint.name}` : `c\0${endpoint.cidr}`;
}

/**
 * A CIDR or a single IP as the user typed it, normalised to a CIDR (`10.0.0.1` becomes
 * `10.0.0.1/32`), or a sentence saying what is wrong. The server does the exact Kubernetes
 * parsing; this only keeps obvious typos out of the request.
 */
export function parseCidrInput(text: string): { readonly cidr: string } | { readonly error: string } {
  const value = text.trim();
  const slash = value.indexOf('/');
  const address = slash < 0 ? value : value.slice(0, slash);
  const version = isIP(address);
  if (version === 0) return { error: `"${value}" is not an IP address or CIDR (such as 203.0.113.7 or 10.0.0.0/8).` };
  const max = version === 4 ? 32 : 128;
  if (slash < 0) return { cidr: `${address}/${max}` };
  const prefix = value.slice(slash + 1);
  if (!/^(0|[1-9]\d{0,2})$/.test(prefix) || Number(prefix) > max)
    return { error: `"${value}" is not a CIDR: the prefix length after / must be a number from 0 to ${max}.` };
  return { cidr: `${address}/${Number(prefix)}` };
}

/** The form of an IANA service name Kubernetes accepts as a named port (validation.IsValidPortName). */
const PORT_NAME = /^(?=.*[a-z])(?!.*--)[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/;

/** A port number (1-65535) or a named port, as typed; or a sentence saying what is wrong. */
export function parsePortInput(text: string): { readonly port: number | string } | { readonly error: string } {
  const value = text.trim();
  if (/^\d+$/.test(value)) {
    const port = Number(value);
    return port >= 1 && port <= 65535 ? { port } : { error: 'A port number is from 1 to 65535.' };
  }
  if (PORT_NAME.test(value)) return { port: value };
  return {
    error: 'Type a port number (1-65535) or a port name: at most 15 lowercase letters, digits and single dashes, with a letter.',
  };
}

/**
 * A `from`/`to` argument of the command: an endpoint object, `namespace/kind/name`, or a CIDR/IP.
 * Undefined when it is none of these.
 */
export function parseEndpointArgument(value: unknown): ConnectivityEndpoint | undefined {
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (typeof record.cidr === 'string') {
      const parsed = parseCidrInput(record.cidr);
      return 'cidr' in parsed ? parsed : undefined;
    }
    const { namespace, kind, name } = record;
    if (typeof namespace === 'string' && typeof kind === 'string' && typeof name === 'string') return { namespace, kind, name };
    return undefined;
  }
  if (typeof value !== 'string') return undefined;
  const parts = value.split('/');
  if (parts.length === 3 && parts.every((part) => part !== '')) {
    const [namespace = '', kind = '', name = ''] = parts;
    return { namespace, kind, name };
  }
  const parsed = parseCidrInput(value);
  return 'cidr' in parsed ? parsed : undefined;
}

/**
 * The workloads a typed reference names, in the CLI's forms: `namespace/name` or
 * `namespace/Kind/name` (the kind without regard to case). A reference still being typed
 * matches the workloads it begins (`shop/fr` finds `shop/frontend`).
 */
export function workloadsNamed<T extends WorkloadRef>(text: string, workloads: readonly T[]): T[] {
  const parts = text.trim().split('/');
  if (parts.length < 2 || parts.length > 3 || parts[0] === '') return [];
  const [namespace, ...rest] = parts;
  const name = rest.at(-1) ?? '';
  const kind = rest.length === 2 ? rest[0]!.toLowerCase() : undefined;
  return workloads.filter(
    (workload) =>
      workload.namespace === namespace &&
      workload.name.startsWith(name) &&
      (kind === undefined || (name === '' ? workload.kind.toLowerCase().startsWith(kind) : workload.kind.toLowerCase() === kind)),
  );
}

/** Whether typed text is an attempt at an address (digits with dots, colons or a slash), right or wrong. */
export function looksLikeAddress(text: string): boolean {
  const value = text.trim();
  return /\d/.test(value) && /^[\d.:/a-fA-F]+$/.test(value) && /[.:]/.test(value);
}

/** The distinct port specs the connections to `to` allow (the ports worth offering for a query), sorted. */
export function portsAllowedTo(
  connections: readonly { readonly to: ConnectivityEndpoint; readonly ports: 'all' | readonly PortSpec[] }[],
  to: ConnectivityEndpoint,
): PortSpec[] {
  const key = endpointKey(to);
  const specs = new Map<string, PortSpec>();
  for (const connection of connections) {
    if (connection.ports === 'all' || endpointKey(connection.to) !== key) continue;
    for (const spec of connection.ports) specs.set(portLabel(spec), spec);
  }
  return [...specs.values()].sort(
    (a, b) =>
      PROTOCOLS.indexOf(a.protocol) - PROTOCOLS.indexOf(b.protocol) || a.port - b.port || (a.endPort ?? a.port) - (b.endPort ?? b.port),
  );
}
