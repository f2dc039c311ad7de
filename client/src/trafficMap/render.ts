import type { ConnectivityReport, NotAppliedPolicy, ProtocolLocation, QueryParams, QueryResult } from '../../../server/src/protocol';
import { explanationHtml } from '../connectivity/explanation';
import { escapeXml } from '../markup';
import { buildGraph, buildMatrix, MAX_DRAWN_CONNECTIONS, namespaceGraph, type Matrix } from './graph';
import type { MapGraph } from './mapGraph';
import { truncate } from './mapSvg';

/**
 * What the traffic map panel sends its webview (pure): the graph to lay out and draw (see
 * layout.ts and mapSvg.ts, which run in the webview), the matrix table and the "why" panel
 * of a connection as markup. Only classes and presentation attributes, no inline styles or
 * scripts (the webview's Content-Security-Policy forbids both); the webview finds what was
 * clicked through `data-edge` and `data-location`.
 */

export function renderMatrixHtml(matrix: Matrix): string {
  if (!matrix.cells) {
    return `<p class="notice">The matrix would have ${matrix.rows.length} × ${matrix.columns.length} cells, too many to show here; use the map, or <code>netpol connectivity --format md</code>.</p>`;
  }
  const header = matrix.columns
    .map((column) => `<th scope="col" title="${escapeXml(column.label)}"><span>${escapeXml(truncate(column.label, 40))}</span></th>`)
    .join('');
  const rows = matrix.rows.map((row, r) => {
    const cells = matrix.columns.map((_, c) => {
      const cell = matrix.cells?.[r]?.[c];
      if (cell?.label === undefined) return cell?.self ? '<td class="self">·</td>' : '<td class="denied"></td>';
      const clickable = cell.edge === undefined ? '' : ` data-edge="${cell.edge}" tabindex="0" role="button"`;
      return `<td class="allowed"${clickable}>${escapeXml(cell.label)}</td>`;
    });
    return `<tr><th scope="row" title="${escapeXml(row.label)}">${escapeXml(truncate(row.label, 48))}</th>${cells.join('')}</tr>`;
  });
  return (
    `<table class="matrix"><thead><tr><th class="corner">from ↓ to →</th>${header}</tr></thead>` + `<tbody>${rows.join('')}</tbody></table>`
  );
}

/** One line of facts about the whole map. */
export function summaryText(graph: MapGraph): string {
  const namespaces = graph.groups.filter((group) => !group.external);
  const workloads = namespaces.reduce((sum, group) => sum + group.nodes.length, 0);
  const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return [
    plural(workloads, 'workload', 'workloads'),
    plural(namespaces.length, 'namespace', 'namespaces'),
    plural(graph.edges.length, 'allowed connection', 'allowed connections'),
  ].join(' · ');
}

/**
 * The notice of the policies the map leaves out because the cluster would refuse them; each
 * name links to the policy through `data-not-applied` (its index in the report). Empty when none.
 */
export function renderNotApplied(notApplied: readonly NotAppliedPolicy[]): string {
  if (notApplied.length === 0) return '';
  const items = notApplied.map(
    (policy, i) =>
      `<li><a href="#" data-not-applied="${i}">${escapeXml(`${policy.namespace}/${policy.name}`)}</a>: ${escapeXml(policy.reason)}</li>`,
  );
  const count = notApplied.length === 1 ? '1 policy is' : `${notApplied.length} policies are`;
  return `<p>${count} not applied: the cluster would refuse ${notApplied.length === 1 ? 'it' : 'them'}, so the map leaves ${notApplied.length === 1 ? 'it' : 'them'} out.</p><ul>${items.join('')}</ul>`;
}

/** What the webview shows for a connectivity report: the summary, the graph to draw, the matrix and the not-applied notice. */
export function renderView(report: ConnectivityReport & { readonly notApplied: readonly NotAppliedPolicy[] }): {
  readonly summary: string;
  readonly graph: MapGraph;
  readonly matrix: string;
  readonly notice: string;
} {
  const graph = buildGraph(report);
  let namespaces: MapGraph | undefined;
  const byNamespace = (): MapGraph => (namespaces ??= namespaceGraph(graph));
  const crowded = graph.edges.length > MAX_DRAWN_CONNECTIONS;
  const detailed = buildMatrix(graph);
  return {
    summary: crowded ? `${summaryText(graph)} (too many to draw one by one: namespaces shown)` : summaryText(graph),
    graph: crowded ? byNamespace() : graph,
    // A matrix too large to show gives way to the matrix of namespaces.
    matrix: renderMatrixHtml(detailed.cells ? detailed : buildMatrix(byNamespace())),
    notice: renderNotApplied(report.notApplied),
  };
}

/** The "why" of one connection: the markup, and the locations its `data-location` links point to. */
export interface Explanation {
  readonly html: string;
  readonly locations: readonly ProtocolLocation[];
}

export function renderExplanation(params: QueryParams, result: QueryResult): Explanation {
  const locations: ProtocolLocation[] = [];
  const html = explanationHtml(params, result, (text, location) => {
    locations.push(location);
    return `<a href="#" data-location="${locations.length - 1}">${text}</a>`;
  });
  return { html, locations };
}

/**
 * The rule to open for a verdict: the first rule that allows it on the destination's
 * ingress, then on the source's egress; else the first policy that isolates (a denial).
 */
export function decidingLocation(result: QueryResult): ProtocolLocation | undefined {
  const policies = [...result.ingress.policies, ...result.egress.policies];
  return (
    policies.flatMap((policy) => policy.rules.map((rule) => rule.location)).find((location) => location !== undefined) ??
    policies.map((policy) => policy.location).find((location) => location !== undefined)
  );
}
