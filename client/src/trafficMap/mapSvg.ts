import { escapeXml } from '../markup';
import type { MapLayout, PlacedEdge, Point } from './layout';

/**
 * The traffic map's SVG (pure): namespace boxes, workload boxes and the edges ELK routed,
 * each port label beside its edge. Only classes and presentation attributes, no inline
 * styles or scripts (the webview's Content-Security-Policy forbids both); the webview finds
 * what was clicked through `data-edge`. The SVG fills its container: the webview sets the
 * `viewBox` (fit, zoom, pan).
 */

/** At most `max` characters, the rest replaced by an ellipsis (the full text is in a tooltip). */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Characters of a name that fit a node box. */
const NODE_TITLE_CHARS = 17;
/** The radius of the rounded corners of an edge's bends. */
const CORNER = 5;

const n = (value: number): string => String(Math.round(value * 10) / 10);

/** The route as a path with rounded bends. */
export function routePath(points: readonly Point[]): string {
  if (points.length === 0) return '';
  const parts = [`M${n(points[0]!.x)},${n(points[0]!.y)}`];
  for (let i = 1; i < points.length; i++) {
    const point = points[i]!;
    const next = points[i + 1];
    if (!next) {
      parts.push(`L${n(point.x)},${n(point.y)}`);
      break;
    }
    const previous = points[i - 1]!;
    const before = Math.min(CORNER, Math.hypot(point.x - previous.x, point.y - previous.y) / 2);
    const after = Math.min(CORNER, Math.hypot(next.x - point.x, next.y - point.y) / 2);
    const towards = (from: Point, to: Point, distance: number): Point => {
      const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
      return { x: from.x + ((to.x - from.x) / length) * distance, y: from.y + ((to.y - from.y) / length) * distance };
    };
    const start = towards(point, previous, before);
    const end = towards(point, next, after);
    parts.push(`L${n(start.x)},${n(start.y)}`, `Q${n(point.x)},${n(point.y)} ${n(end.x)},${n(end.y)}`);
  }
  return parts.join(' ');
}

function edgeMarkup(placed: PlacedEdge, names: ReadonlyMap<string, string>): string {
  const { edge, label } = placed;
  const title = `${names.get(edge.from) ?? ''} → ${names.get(edge.to) ?? ''}: ${edge.description}`;
  const path = routePath(placed.points);
  // Only an edge that stands for one connection can be explained.
  const clickable = edge.index === undefined ? '' : ` data-edge="${edge.index}" tabindex="0" role="button"`;
  const classes = ['edge', ...(clickable ? [] : ['summary']), ...(edge.allPorts ? ['all-ports'] : [])].join(' ');
  // An edge on all ports has no label (its tooltip says it): the labels left are the restrictions.
  const text = label
    ? `<text class="edge-label" x="${n(label.x + label.width / 2)}" y="${n(label.y + label.height / 2)}" text-anchor="middle" dominant-baseline="central">${escapeXml(edge.label)}</text>`
    : '';
  return (
    `<g class="${classes}"${clickable} aria-label="${escapeXml(title)}">` +
    `<title>${escapeXml(title)}</title>` +
    `<path class="edge-hit" d="${path}"/>` +
    `<path class="edge-line" d="${path}" marker-end="url(#arrow)"/>` +
    text +
    `</g>`
  );
}

export function renderMapSvg(layout: MapLayout): string {
  const names = new Map(layout.nodes.map((placed) => [placed.node.key, placed.node.label]));
  const groups = layout.groups.map(
    (placed) =>
      `<g class="group${placed.group.external ? ' external' : ''}">` +
      `<rect class="group-box" x="${n(placed.x)}" y="${n(placed.y)}" width="${n(placed.width)}" height="${n(placed.height)}" rx="8"/>` +
      `<text class="group-title" x="${n(placed.x + 10)}" y="${n(placed.y + 18)}">${escapeXml(truncate(placed.group.title, Math.floor(placed.width / 7.5)))}</text>` +
      `</g>`,
  );
  const nodes = layout.nodes.map(
    (placed) =>
      `<g class="node${placed.node.external ? ' external' : ''}">` +
      `<title>${escapeXml(placed.node.label)}</title>` +
      `<rect class="node-box" x="${n(placed.x)}" y="${n(placed.y)}" width="${n(placed.width)}" height="${n(placed.height)}" rx="5"/>` +
      `<text class="node-title" x="${n(placed.x + 8)}" y="${n(placed.y + 16)}">${escapeXml(truncate(placed.node.title, NODE_TITLE_CHARS))}</text>` +
      `<text class="node-kind" x="${n(placed.x + 8)}" y="${n(placed.y + placed.height - 6)}">${escapeXml(truncate(placed.node.subtitle, NODE_TITLE_CHARS + 5))}</text>` +
      `</g>`,
  );
  // Edges last: their labels stay on top of the boxes.
  const edges = layout.edges.map((edge) => edgeMarkup(edge, names));
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="0 0 ${n(layout.width)} ${n(layout.height)}" ` +
    `data-width="${n(layout.width)}" data-height="${n(layout.height)}" role="img" aria-label="Traffic map">` +
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">` +
    `<path class="arrow" d="M0,0 L10,5 L0,10 z"/></marker></defs>` +
    `<g class="groups">${groups.join('')}</g><g class="nodes">${nodes.join('')}</g><g class="edges">${edges.join('')}</g></svg>`
  );
}
