import type { MapEdge, MapGraph, MapGroup, MapNode } from './graph';

/**
 * A small deterministic layout for the traffic map (pure): each group (namespace, then the
 * external ranges) is a box of nodes stacked in a column; the boxes fill a grid row by row,
 * about as many columns as rows. Edges are quadratic curves between node borders, bent to
 * their left so that A→B and B→A stay apart, with the label at the curve's middle.
 */

export const NODE_WIDTH = 190;
export const NODE_HEIGHT = 40;
const NODE_GAP = 14;
const GROUP_PADDING = 16;
const GROUP_TITLE = 26;
const GROUP_GAP_X = 150;
const GROUP_GAP_Y = 70;
const MARGIN = 24;
/** How far an edge bows out, as a fraction of its length. */
const BEND = 0.18;
/** How far beyond a node's side an edge between nodes of one column bows out. */
const SIDE_BEND = 50;
/** Room kept beside an edge label's centre (half the width of a three-port label). */
const LABEL_ROOM = 70;

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface PlacedNode {
  readonly node: MapNode;
  readonly x: number;
  readonly y: number;
}

export interface PlacedGroup {
  readonly group: MapGroup;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PlacedEdge {
  readonly edge: MapEdge;
  readonly start: Point;
  readonly control: Point;
  readonly end: Point;
  /** The curve's midpoint, where its label goes. */
  readonly label: Point;
}

export interface MapLayout {
  /** The top left corner of the drawing (edges may bow out left of or above the first boxes). */
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly groups: readonly PlacedGroup[];
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
}

const groupWidth = NODE_WIDTH + 2 * GROUP_PADDING;
const groupHeight = (group: MapGroup): number =>
  GROUP_TITLE + GROUP_PADDING + group.nodes.length * NODE_HEIGHT + Math.max(0, group.nodes.length - 1) * NODE_GAP;

/** Where the segment from the centre of a node box towards `toward` leaves the box. */
export function borderPoint(box: Point, toward: Point): Point {
  const cx = box.x + NODE_WIDTH / 2;
  const cy = box.y + NODE_HEIGHT / 2;
  const dx = toward.x - cx;
  const dy = toward.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const scale = Math.min(dx === 0 ? Infinity : NODE_WIDTH / 2 / Math.abs(dx), dy === 0 ? Infinity : NODE_HEIGHT / 2 / Math.abs(dy));
  return { x: cx + dx * scale, y: cy + dy * scale };
}

function placeEdge(edge: MapEdge, from: Point, to: Point): PlacedEdge {
  const a = { x: from.x + NODE_WIDTH / 2, y: from.y + NODE_HEIGHT / 2 };
  const b = { x: to.x + NODE_WIDTH / 2, y: to.y + NODE_HEIGHT / 2 };
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  // Bend along the left normal of a→b, so that the reverse edge bends the other way. Nodes
  // of one column would be joined through their own boxes: their edges bow out sideways.
  const length = Math.hypot(dx, dy) || 1;
  const bend = Math.abs(dx) < NODE_WIDTH ? Math.max(length * BEND, NODE_WIDTH / 2 + SIDE_BEND) : length * BEND;
  const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  const control = { x: mid.x + (dy / length) * bend, y: mid.y - (dx / length) * bend };
  const start = borderPoint(from, control);
  const end = borderPoint(to, control);
  const label = {
    x: 0.25 * start.x + 0.5 * control.x + 0.25 * end.x,
    y: 0.25 * start.y + 0.5 * control.y + 0.25 * end.y,
  };
  return { edge, start, control, end, label };
}

export function layoutGraph(graph: MapGraph): MapLayout {
  const perRow = Math.max(1, Math.ceil(Math.sqrt(graph.groups.length)));
  const groups: PlacedGroup[] = [];
  const nodes: PlacedNode[] = [];
  const positions = new Map<string, Point>();
  let y = MARGIN;
  for (let first = 0; first < graph.groups.length; first += perRow) {
    const row = graph.groups.slice(first, first + perRow);
    const rowHeight = Math.max(...row.map(groupHeight));
    row.forEach((group, column) => {
      const x = MARGIN + column * (groupWidth + GROUP_GAP_X);
      groups.push({ group, x, y, width: groupWidth, height: groupHeight(group) });
      group.nodes.forEach((node, i) => {
        const position = { x: x + GROUP_PADDING, y: y + GROUP_TITLE + i * (NODE_HEIGHT + NODE_GAP) };
        positions.set(node.key, position);
        nodes.push({ node, ...position });
      });
    });
    y += rowHeight + GROUP_GAP_Y;
  }
  const edges: PlacedEdge[] = [];
  for (const edge of graph.edges) {
    const from = positions.get(edge.from);
    const to = positions.get(edge.to);
    if (from && to && edge.from !== edge.to) edges.push(placeEdge(edge, from, to));
  }
  const columns = Math.min(perRow, graph.groups.length);
  const right = MARGIN + columns * groupWidth + Math.max(0, columns - 1) * GROUP_GAP_X;
  const bottom = graph.groups.length === 0 ? MARGIN : y - GROUP_GAP_Y;
  // Every curve lies within the triangle of its ends and control point; labels are centred on it.
  // (Loops, not Math.min(...): a big workspace has more edges than a call has arguments.)
  let [left, top, maxX, maxY] = [0, 0, right + MARGIN, bottom + MARGIN];
  for (const edge of edges) {
    left = Math.min(left, edge.control.x, edge.label.x - LABEL_ROOM);
    maxX = Math.max(maxX, edge.control.x, edge.label.x + LABEL_ROOM);
    top = Math.min(top, edge.control.y, edge.label.y - LABEL_ROOM / 4);
    maxY = Math.max(maxY, edge.control.y, edge.label.y + LABEL_ROOM / 4);
  }
  return { left, top, width: maxX - left, height: maxY - top, groups, nodes, edges };
}
