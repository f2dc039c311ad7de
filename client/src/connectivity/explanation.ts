import type {
  DecidingPolicy,
  DirectionVerdict,
  NotAppliedPolicy,
  ProtocolLocation,
  QueryParams,
  QueryResult,
} from '../../../server/src/protocol';
import { escapeXml, textWithCode } from '../markup';
import { endpointLabel } from './endpoints';

/**
 * Why a connection is allowed or denied, as HTML (pure): the verdict, then both directions
 * (the source's egress, the destination's ingress) with the policies and rules that decided
 * them as links to their lines, then the policies the verdict leaves out because the cluster
 * would refuse them. The Check Connection report and the traffic map's details
 * panel show the same markup; each page makes its links its own way (`LinkMarkup`). Only
 * elements and classes: no inline styles or scripts, which the webviews' Content-Security-Policy
 * forbids.
 */

/** The markup of a link to `location` around `html` (already markup). */
export type LinkMarkup = (html: string, location: ProtocolLocation) => string;

/** `TCP 8080`, or `TCP port "http"` for a named port. */
export function queryPortLabel(params: Pick<QueryParams, 'port' | 'protocol'>): string {
  return typeof params.port === 'number' ? `${params.protocol} ${params.port}` : `${params.protocol} port "${params.port}"`;
}

function policyItem(policy: DecidingPolicy, link: LinkMarkup): string {
  const linked = (html: string, location: ProtocolLocation | undefined) => (location ? link(html, location) : html);
  // Links in reading order: the policy, then its rules.
  const name = linked(escapeXml(`${policy.namespace}/${policy.name}`), policy.location);
  if (policy.rules.length === 0) return `<li>${name}: selects the pods (isolates them), but none of its rules allows this connection</li>`;
  const rules = policy.rules.map((rule) => linked(`<code>${escapeXml(rule.path)}</code>`, rule.location)).join(', ');
  return `<li>${name}: allowed by ${rules}</li>`;
}

/** The tiers a direction went through, in order, each with links to the policy and rule that decided. */
function trailList(verdict: DirectionVerdict, link: LinkMarkup): string {
  if (!verdict.trail?.length) return '';
  const items = verdict.trail.map((step) => {
    const links = step.links.map((l) => (l.location ? link(escapeXml(l.label), l.location) : escapeXml(l.label)));
    return `<li>${textWithCode(step.text)}${links.length ? ` (${links.join(', ')})` : ''}</li>`;
  });
  return `<p>Through the tiers:</p><ol class="trail">${items.join('')}</ol>`;
}

function directionSection(title: string, verdict: DirectionVerdict, link: LinkMarkup): string {
  const outcome = verdict.allowed ? 'allowed' : 'denied';
  const parts = [`<h3>${escapeXml(title)}: ${outcome}</h3>`, `<p>${textWithCode(verdict.reason)}</p>`, trailList(verdict, link)];
  if (!verdict.isolated) {
    parts.push('<p class="notice">No NetworkPolicy selects these pods in this direction, so they are not isolated.</p>');
  } else if (verdict.policies.length > 0) {
    const count = verdict.policies.length === 1 ? '1 policy' : `${verdict.policies.length} policies`;
    parts.push(
      `<p>Isolated by ${count}; the connection is allowed when any of their rules allows it:</p>`,
      `<ul>${verdict.policies.map((policy) => policyItem(policy, link)).join('')}</ul>`,
    );
  }
  return `<section class="direction ${outcome}">${parts.join('')}</section>`;
}

/** The policies left out of the verdict because the cluster would refuse them (none: no section). */
function notAppliedSection(notApplied: readonly NotAppliedPolicy[], link: LinkMarkup): string {
  if (notApplied.length === 0) return '';
  const one = notApplied.length === 1;
  // The reason is kubectl's text, shown as it prints it.
  const items = notApplied.map(
    (policy) => `<li>${link(escapeXml(`${policy.namespace}/${policy.name}`), policy.location)}: ${escapeXml(policy.reason)}</li>`,
  );
  return (
    `<section class="left-out"><h3>Not applied: ${one ? '1 policy' : `${notApplied.length} policies`}</h3>` +
    `<p>${one ? 'This policy would select' : 'These policies would select'} an end of the connection, but the cluster would refuse ${one ? 'it' : 'them'}, so the verdict leaves ${one ? 'it' : 'them'} out:</p>` +
    `<ul>${items.join('')}</ul></section>`
  );
}

/** The heading, the verdict with its cause, both directions and the policies left out. */
export function explanationHtml(params: QueryParams, result: QueryResult, link: LinkMarkup): string {
  const from = endpointLabel(params.from);
  const to = endpointLabel(params.to);
  const denying = [
    !result.egress.allowed && 'the egress of the source',
    !result.ingress.allowed && 'the ingress of the destination',
  ].filter((part) => part !== false);
  const cause = result.allowed
    ? 'the egress of the source and the ingress of the destination both allow it.'
    : `${denying.join(' and ')} ${denying.length > 1 ? 'deny' : 'denies'} it.`;
  const verdict = result.allowed ? 'allowed' : 'denied';
  return (
    `<h2>${escapeXml(from)} → ${escapeXml(to)}</h2>` +
    `<p class="verdict ${verdict}"><strong>${result.allowed ? 'Allowed' : 'Denied'}</strong> on ${escapeXml(queryPortLabel(params))}: ${cause}</p>` +
    directionSection(`Egress of ${from}`, result.egress, link) +
    directionSection(`Ingress of ${to}`, result.ingress, link) +
    notAppliedSection(result.notApplied, link)
  );
}
