import { isProtocol, type ConnectivityEndpoint, type ConnectivityProtocol } from '../../../server/src/protocol';
import { parseEndpointArgument, parsePortInput } from './endpoints';

/** A query as far as the command's argument gives it: the rest is asked for. */
export interface PartialQuery {
  readonly from?: ConnectivityEndpoint;
  readonly to?: ConnectivityEndpoint;
  readonly port?: number | string;
  readonly protocol?: ConnectivityProtocol;
}

export function parseProtocol(value: unknown): ConnectivityProtocol | undefined {
  return isProtocol(value) ? value : undefined;
}

/**
 * The argument of `netpol.checkConnection` (`{ from, to, port, protocol }`, each optional:
 * endpoints as objects, `namespace/kind/name` or a CIDR/IP; a port number or name; TCP, UDP
 * or SCTP), or a sentence saying which part is wrong. Absent and `undefined` mean "ask".
 */
export function parseQueryArguments(args: unknown): PartialQuery | { readonly error: string } {
  if (args === undefined) return {};
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    return { error: 'the argument must be an object { from, to, port, protocol }.' };
  }
  const record = args as Record<string, unknown>;
  const query: { -readonly [K in keyof PartialQuery]: PartialQuery[K] } = {};
  for (const key of ['from', 'to'] as const) {
    if (record[key] === undefined) continue;
    const endpoint = parseEndpointArgument(record[key]);
    if (!endpoint) return { error: `"${key}" must be a workload (namespace/kind/name or { namespace, kind, name }) or a CIDR or IP.` };
    query[key] = endpoint;
  }
  if (record.port !== undefined) {
    const parsed = typeof record.port === 'number' || typeof record.port === 'string' ? parsePortInput(String(record.port)) : undefined;
    if (!parsed || !('port' in parsed)) return { error: '"port" must be a port number (1-65535) or a port name.' };
    query.port = parsed.port;
  }
  if (record.protocol !== undefined) {
    const protocol = parseProtocol(record.protocol);
    if (!protocol) return { error: '"protocol" must be TCP, UDP or SCTP.' };
    query.protocol = protocol;
  }
  return query;
}
