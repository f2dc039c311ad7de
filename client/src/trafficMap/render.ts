import type { ConnectivityReport, DirectionVerdict, ProtocolLocation, QueryParams, QueryResult } from '../../../server/src/protocol';
import { endpointLabel } from '../connectivity/endpoints';
import { queryPortLabel } from '../connectivity/queryReport';
import { buildGraph, buildMatrix, MAX_DRAWN_CONNECTIONS, namespaceGraph, type MapGraph, type Matrix } from './graph';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH, type MapLayout, type PlacedEdge } from './layout';

/**
 * The traffic map's markup (pure): the SVG map, the matrix table and the "why" panel of a
 * connection, as strings the webview inserts. Only classes and presentation attributes, no
 * inline styles or scripts (the webview's Content-Security-Policy forbids both); the
 * webview finds what was clicked through `data-edge` and `data-location`.
 */

/** Escapes text for HTML/SVG content and double-quoted attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** At most `max` characters, the rest replaced by an ellipsis (the full text is in a tooltip). */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Characters of a name that fit a node box. */
const NODE_TITLE_CHARS = 26;

const n = (value: number): string => String(Math.round(value * 10) / 10);
const curve = (edge: PlacedEdge): string =>
  `M${n(edge.start.x)},${n(edge.start.y)} Q${n(edge.control.x)},${n(edge.control.y)} ${n(edge.end.x)},${n(edge.end.y)}`;

function edgeMarkup(placed: PlacedEdge, names: ReadonlyMap<string, string>): string {
  const { edge, label: at } = placed;
  const title = `${names.get(edge.from) ?? ''} → ${names.get(edge.to) ?? ''}: ${edge.description}`;
  const path = curve(placed);
  // Only an edge that stands for one connection can be explained.
  const clickable = edge.index === undefined ? '' : ` data-edge="${edge.index}" tabindex="0" role="button"`;
  const classes = ['edge', ...(clickable ? [] : ['summary']), ...(edge.allPorts ? ['all-ports'] : [])].join(' ');
  // An edge on all ports has no label (its tooltip says it): the labels left are the restrictions.
  const label = edge.allPorts
    ? ''
    : `<text class="edge-label" x="${n(at.x)}" y="${n(at.y)}" text-anchor="middle" dominant-baseline="middle">${escapeXml(edge.label)}</text>`;
  return (
    `<g class="${classes}"${clickable} aria-label="${escapeXml(title)}">` +
    `<title>${escapeXml(title)}</title>` +
    `<path class="edge-hit" d="${path}"/>` +
    `<path class="edge-line" d="${path}" marker-end="url(#arrow)"/>` +
    label +
    `</g>`
  );
}

export function renderMapSvg(layout: MapLayout): string {
  const names = new Map(layout.nodes.map((placed) => [placed.node.key, placed.node.label]));
  const groups = layout.groups.map(
    (placed) =>
      `<g class="group${placed.group.external ? ' external' : ''}">` +
      `<rect class="group-box" x="${placed.x}" y="${placed.y}" width="${placed.width}" height="${placed.height}" rx="8"/>` +
      `<text class="group-title" x="${placed.x + 12}" y="${placed.y + 18}">${escapeXml(truncate(placed.group.title, NODE_TITLE_CHARS + 2))}</text>` +
      `</g>`,
  );
  const nodes = layout.nodes.map(
    (placed) =>
      `<g class="node${placed.node.external ? ' external' : ''}">` +
      `<title>${escapeXml(placed.node.label)}</title>` +
      `<rect class="node-box" x="${placed.x}" y="${placed.y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="5"/>` +
      `<text class="node-title" x="${placed.x + 10}" y="${placed.y + 17}">${escapeXml(truncate(placed.node.title, NODE_TITLE_CHARS))}</text>` +
      `<text class="node-kind" x="${placed.x + 10}" y="${placed.y + NODE_HEIGHT - 8}">${escapeXml(truncate(placed.node.subtitle, NODE_TITLE_CHARS + 4))}</text>` +
      `</g>`,
  );
  // Edges last: their labels stay on top of the boxes.
  const edges = layout.edges.map((edge) => edgeMarkup(edge, names));
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="${n(layout.left)} ${n(layout.top)} ${n(layout.width)} ${n(layout.height)}" ` +
    `width="${n(layout.width)}" height="${n(layout.height)}" role="img" aria-label="Traffic map">` +
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">` +
    `<path class="arrow" d="M0,0 L10,5 L0,10 z"/></marker></defs>` +
    `<g class="groups">${groups.join('')}</g><g class="nodes">${nodes.join('')}</g><g class="edges">${edges.join('')}</g></svg>`
  );
}

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

/** What the webview shows for a connectivity report: the summary, the map and the matrix. */
export function renderView(report: ConnectivityReport): { readonly summary: string; readonly map: string; readonly matrix: string } {
  const graph = buildGraph(report);
  let namespaces: MapGraph | undefined;
  const byNamespace = (): MapGraph => (namespaces ??= namespaceGraph(graph));
  const crowded = graph.edges.length > MAX_DRAWN_CONNECTIONS;
  const detailed = buildMatrix(graph);
  return {
    summary: crowded ? `${summaryText(graph)} (too many to draw one by one: namespaces shown)` : summaryText(graph),
    map: renderMapSvg(layoutGraph(crowded ? byNamespace() : graph)),
    // A matrix too large to show gives way to the matrix of namespaces.
    matrix: renderMatrixHtml(detailed.cells ? detailed : buildMatrix(byNamespace())),
  };
}

/** The "why" of one connection: the markup, and the locations its `data-location` links point to. */
export interface Explanation {
  readonly html: string;
  readonly locations: readonly ProtocolLocation[];
}

export function renderExplanation(params: QueryParams, result: QueryResult): Explanation {
  const locations: ProtocolLocation[] = [];
  const link = (text: string, location: ProtocolLocation | undefined): string => {
    if (!location) return escapeXml(text);
    locations.push(location);
    return `<a href="#" data-location="${locations.length - 1}">${escapeXml(text)}</a>`;
  };
  const direction = (title: string, verdict: DirectionVerdict): string => {
    const policies = verdict.policies.map((policy) => {
      // Links are numbered in reading order: the policy, then its rules.
      const name = link(`${policy.namespace}/${policy.name}`, policy.location);
      const rules = policy.rules.map((rule) => link(rule.path, rule.location)).join(', ');
      return `<li>${name}${rules ? `: allowed by ${rules}` : ': isolates, allows none of it'}</li>`;
    });
    return (
      `<section class="direction ${verdict.allowed ? 'allowed' : 'denied'}"><h3>${escapeXml(title)}: ${verdict.allowed ? 'allowed' : 'denied'}</h3>` +
      `<p>${escapeXml(verdict.reason)}</p>${policies.length > 0 ? `<ul>${policies.join('')}</ul>` : ''}</section>`
    );
  };
  const from = endpointLabel(params.from);
  const to = endpointLabel(params.to);
  const html =
    `<h2>${escapeXml(from)} → ${escapeXml(to)}</h2>` +
    `<p class="verdict ${result.allowed ? 'allowed' : 'denied'}">${result.allowed ? 'Allowed' : 'Denied'} on ${escapeXml(queryPortLabel(params))}</p>` +
    direction(`Egress of ${from}`, result.egress) +
    direction(`Ingress of ${to}`, result.ingress);
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
