import type { DirectionVerdict, ProtocolLocation, QueryResult } from '../protocol';
import { queryWorkspace } from '../services/connectivity';
import { shortLocation, type WorkspaceIndex } from '../services/workspace';
import type { QueryOptions } from './args';
import { portLabel } from '../model/phrases';
import { endpointLabel } from './connectivity';

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

function formatText(options: QueryOptions, result: QueryResult): string {
  const port = portLabel({ protocol: options.protocol, port: options.port });
  return [
    `${result.allowed ? 'ALLOWED' : 'DENIED'}: ${endpointLabel(options.from)} => ${endpointLabel(options.to)} : ${port}`,
    ...direction(`egress of ${endpointLabel(options.from)}`, result.egress),
    ...direction(`ingress of ${endpointLabel(options.to)}`, result.ingress),
    '',
  ].join('\n');
}

/** The output and whether the connection is allowed; or why the question cannot be answered. */
export function runQuery(index: WorkspaceIndex, options: QueryOptions): { output: string; allowed: boolean } | { error: string } {
  const result = queryWorkspace(index, { from: options.from, to: options.to, port: options.port, protocol: options.protocol });
  if ('error' in result) return result;
  const output = options.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : formatText(options, result);
  return { output, allowed: result.allowed };
}
