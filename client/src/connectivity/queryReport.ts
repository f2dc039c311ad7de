import type { DecidingPolicy, DirectionVerdict, ProtocolLocation, QueryParams, QueryResult } from '../../../server/src/protocol';
import { endpointLabel } from './endpoints';

/**
 * The Check Connection report as Markdown (pure): the verdict, then both directions
 * (the source's egress, the destination's ingress) with the policies and rules that
 * decided them as links to their lines.
 */

/** Escapes text for Markdown prose, link text and table cells. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/**
 * A link target that opens the location's line: the document URI with a `#L<line>,<column>`
 * fragment (1-based), which VS Code's Markdown preview opens at that position.
 */
export function locationLink(location: ProtocolLocation): string {
  // A Markdown link destination ends at a space or an unbalanced parenthesis.
  const uri = location.uri.replace(/#.*$/, '').replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `${uri}#L${location.range.start.line + 1},${location.range.start.character + 1}`;
}

const link = (text: string, location: ProtocolLocation | undefined): string =>
  location ? `[${escapeMarkdown(text)}](${locationLink(location)})` : escapeMarkdown(text);

/** `TCP 8080`, or `TCP port "http"` for a named port. */
export function queryPortLabel(params: Pick<QueryParams, 'port' | 'protocol'>): string {
  return typeof params.port === 'number' ? `${params.protocol} ${params.port}` : `${params.protocol} port "${params.port}"`;
}

function policyLine(policy: DecidingPolicy): string {
  const name = link(`${policy.namespace}/${policy.name}`, policy.location);
  if (policy.rules.length === 0) return `- ${name}: selects the pods (isolates them) but no rule of it allows this connection`;
  const rules = policy.rules.map((rule) => link(rule.path, rule.location)).join(', ');
  return `- ${name}: allowed by ${rules}`;
}

function directionSection(title: string, verdict: DirectionVerdict): string[] {
  const lines = [`## ${escapeMarkdown(title)}: ${verdict.allowed ? 'allowed' : 'denied'}`, '', escapeMarkdown(verdict.reason), ''];
  if (!verdict.isolated) {
    lines.push('No NetworkPolicy selects these pods in this direction, so they are not isolated.', '');
  } else if (verdict.policies.length > 0) {
    lines.push(
      `Isolated by ${verdict.policies.length === 1 ? '1 policy' : `${verdict.policies.length} policies`}; the connection is allowed when any of their rules allows it:`,
      '',
      ...verdict.policies.map(policyLine),
      '',
    );
  }
  return lines;
}

export function queryReportMarkdown(params: QueryParams, result: QueryResult): string {
  const from = endpointLabel(params.from);
  const to = endpointLabel(params.to);
  const port = queryPortLabel(params);
  const verdict = result.allowed ? '**Allowed**' : '**Denied**';
  const denying = [
    !result.egress.allowed && 'the egress of the source',
    !result.ingress.allowed && 'the ingress of the destination',
  ].filter((part) => part !== false);
  const cause = result.allowed
    ? 'the egress of the source and the ingress of the destination both allow it.'
    : `${denying.join(' and ')} ${denying.length > 1 ? 'deny' : 'denies'} it.`;
  return [
    `# Connection ${escapeMarkdown(from)} → ${escapeMarkdown(to)}`,
    '',
    `${verdict} on ${escapeMarkdown(port)}: ${cause}`,
    '',
    ...directionSection(`Egress of ${from}`, result.egress),
    ...directionSection(`Ingress of ${to}`, result.ingress),
  ].join('\n');
}
