import type { ConnectivityEndpoint, DirectionVerdict, ProtocolLocation, QueryParams, QueryResult } from '../protocol';
import { queryWorkspace, workloadsNamed } from '../services/connectivity';
import { shortLocation, type WorkspaceIndex } from '../services/workspace';
import type { EndpointName, QueryOptions } from './args';
import { listText } from '../model/vocabulary';
import { portLabel } from '../model/phrases';
import { endpointLabel } from './connectivity';
import { notAppliedEntries, notAppliedNotes } from './notApplied';

/** `netpol query`: the verdict for one connection, and why, in text or JSON. */

/** Markdown code spans of the engine's sentences, as plain text. */
function plain(text: string): string {
  return text.replace(/`([^`]*)`/g, '$1');
}

function where(location: ProtocolLocation | undefined): string {
  return location ? ` (${shortLocation(location.uri, location.range)})` : '';
}

function direction(title: string, verdict: DirectionVerdict): string[] {
  const lines = [`${title}: ${verdict.allowed ? 'allowed' : 'denied'}. ${plain(verdict.reason)}`];
  // The tiers in order; a cluster-wide step points at its deciding rule (NetworkPolicies are listed below).
  for (const step of verdict.trail ?? []) {
    const at = step.tier === 'NetworkPolicy' ? undefined : [...step.links].reverse().find((link) => link.location)?.location;
    lines.push(`  ${plain(step.text)}${where(at)}`);
  }
  for (const policy of verdict.policies) {
    lines.push(`  policy ${policy.namespace}/${policy.name}${where(policy.location)}${policy.rules.length ? '' : ': no rule allows it'}`);
    for (const rule of policy.rules) lines.push(`    ${rule.path}${where(rule.location)}`);
  }
  return lines;
}

function formatText(params: QueryParams, result: QueryResult): string {
  const port = portLabel({ protocol: params.protocol, port: params.port });
  return [
    `${result.allowed ? 'ALLOWED' : 'DENIED'}: ${endpointLabel(params.from)} => ${endpointLabel(params.to)} : ${port}`,
    ...direction(`egress of ${endpointLabel(params.from)}`, result.egress),
    ...direction(`ingress of ${endpointLabel(params.to)}`, result.ingress),
    '',
  ].join('\n');
}

/** The workload a name refers to, its kind as the manifests spell it; or why there is not exactly one. */
function resolve(index: WorkspaceIndex, flag: 'from' | 'to', endpoint: EndpointName): ConnectivityEndpoint | { error: string } {
  if ('cidr' in endpoint) return endpoint;
  const found = workloadsNamed(index, endpoint);
  const written = [endpoint.namespace, endpoint.kind, endpoint.name].filter((part) => part !== undefined).join('/');
  if (found.length === 1) return found[0]!;
  if (found.length === 0) return { error: `--${flag}: no workload ${written} in the files given` };
  const names = found.map((ref) => `${ref.namespace}/${ref.kind}/${ref.name}`);
  return {
    error: `--${flag}: ${written} names ${found.length} workloads (${listText(names, 'and')}); give the kind, as namespace/Kind/name`,
  };
}

/**
 * The output and whether the connection is allowed, with notes on stderr about the policies the
 * verdict leaves out (JSON lists them as `notApplied`); or why the question cannot be answered.
 */
export function runQuery(
  index: WorkspaceIndex,
  options: QueryOptions,
  shown: (uri: string) => string,
): { output: string; notes: string; allowed: boolean } | { error: string } {
  const from = resolve(index, 'from', options.from);
  if ('error' in from) return from;
  const to = resolve(index, 'to', options.to);
  if ('error' in to) return to;
  const params: QueryParams = { from, to, port: options.port, protocol: options.protocol };
  const result = queryWorkspace(index, params);
  if ('error' in result) return result;
  const notApplied = notAppliedEntries(result.notApplied, shown);
  if (options.format === 'json')
    return { output: `${JSON.stringify({ ...result, notApplied }, null, 2)}\n`, notes: '', allowed: result.allowed };
  return { output: formatText(params, result), notes: notAppliedNotes(notApplied), allowed: result.allowed };
}
