import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../client/src/trafficMap/graph';
import { labelSize, layoutGraph, type Box, type MapLayout, type Point } from '../../../client/src/trafficMap/layout';
import type { ConnectivityReport } from '../../../server/src/protocol';
import { SHOP } from './fixture';

const EPSILON = 0.5;
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width - EPSILON && b.x < a.x + a.width - EPSILON && a.y < b.y + b.height - EPSILON && b.y < a.y + a.height - EPSILON;
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - EPSILON &&
  inner.y >= outer.y - EPSILON &&
  inner.x + inner.width <= outer.x + outer.width + EPSILON &&
  inner.y + inner.height <= outer.y + outer.height + EPSILON;
/** On the border of a box (within rounding). */
const onBorder = (point: Point, box: Box) =>
  inside({ ...point, width: 0, height: 0 }, box) &&
  Math.min(
    Math.abs(point.x - box.x),
    Math.abs(point.x - box.x - box.width),
    Math.abs(point.y - box.y),
    Math.abs(point.y - box.y - box.height),
  ) < EPSILON;
/** Whether an axis-parallel segment runs through the inside of a box (touching its border is not crossing). */
function crosses(a: Point, b: Point, box: Box): boolean {
  const [x1, x2] = [Math.min(a.x, b.x), Math.max(a.x, b.x)];
  const [y1, y2] = [Math.min(a.y, b.y), Math.max(a.y, b.y)];
  return x2 > box.x + 1 && x1 < box.x + box.width - 1 && y2 > box.y + 1 && y1 < box.y + box.height - 1;
}
/** Distance from a point to a segment. */
function distance(p: Point, a: Point, b: Point): number {
  const length = Math.hypot(b.x - a.x, b.y - a.y);
  if (length === 0) return Math.hypot(p.x - a.x, p.y - a.y);
  const t = Math.max(0, Math.min(1, ((p.x - a.x) * (b.x - a.x) + (p.y - a.y) * (b.y - a.y)) / length ** 2));
  return Math.hypot(p.x - (a.x + t * (b.x - a.x)), p.y - (a.y + t * (b.y - a.y)));
}
/** Distance from a box to a polyline (0 when they touch). */
function boxToRoute(box: Box, points: readonly Point[]): number {
  const corners = [
    { x: box.x, y: box.y },
    { x: box.x + box.width, y: box.y },
    { x: box.x, y: box.y + box.height },
    { x: box.x + box.width, y: box.y + box.height },
  ];
  let best = Infinity;
  for (let i = 1; i < points.length; i++) {
    if (crosses(points[i - 1]!, points[i]!, box)) return 0;
    for (const corner of corners) best = Math.min(best, distance(corner, points[i - 1]!, points[i]!));
    for (const point of [points[i - 1]!, points[i]!])
      best = Math.min(
        best,
        Math.hypot(Math.max(box.x - point.x, 0, point.x - box.x - box.width), Math.max(box.y - point.y, 0, point.y - box.y - box.height)),
      );
  }
  return best;
}

/** Every geometric promise of the layout, for any graph. */
async function checkLayout(report: ConnectivityReport): Promise<MapLayout> {
  const graph = buildGraph(report);
  const layout = await layoutGraph(graph);
  const canvas = { x: 0, y: 0, width: layout.width, height: layout.height };
  expect(layout.nodes).toHaveLength(graph.groups.reduce((sum, group) => sum + group.nodes.length, 0));
  for (const [i, group] of layout.groups.entries()) {
    expect(inside(group, canvas)).toBe(true);
    for (const other of layout.groups.slice(i + 1)) expect(overlaps(group, other)).toBe(false);
    for (const node of layout.nodes.filter((placed) => group.group.nodes.includes(placed.node))) expect(inside(node, group)).toBe(true);
  }
  for (const [i, node] of layout.nodes.entries()) for (const other of layout.nodes.slice(i + 1)) expect(overlaps(node, other)).toBe(false);
  const at = new Map(layout.nodes.map((placed) => [placed.node.key, placed]));
  for (const placed of layout.edges) {
    const { points, label, edge } = placed;
    const from = at.get(edge.from)!;
    const to = at.get(edge.to)!;
    expect(points.length).toBeGreaterThanOrEqual(2);
    expect(onBorder(points[0]!, from)).toBe(true);
    expect(onBorder(points.at(-1)!, to)).toBe(true);
    for (const [i, point] of points.entries()) {
      expect(inside({ ...point, width: 0, height: 0 }, canvas)).toBe(true);
      if (i === 0) continue;
      const previous = points[i - 1]!;
      // Orthogonal routing, around every box but its own two ends.
      expect(Math.abs(point.x - previous.x) < EPSILON || Math.abs(point.y - previous.y) < EPSILON).toBe(true);
      for (const node of layout.nodes)
        if (node !== from && node !== to) expect(crosses(previous, point, node), node.node.label).toBe(false);
    }
    if (edge.allPorts || !edge.label) expect(label).toBeUndefined();
    else {
      expect(label).toBeDefined();
      expect(inside(label!, canvas)).toBe(true);
      // The label sits by its own edge and covers no workload.
      expect(boxToRoute(label!, points)).toBeLessThan(6);
      for (const node of layout.nodes) expect(overlaps(label!, node)).toBe(false);
    }
  }
  expect(layout.edges).toHaveLength(graph.edges.filter((edge) => edge.from !== edge.to).length);
  return layout;
}

describe('the traffic map layout (ELK, layered)', () => {
  it('puts each namespace in a box around its workloads (addresses outside the cluster stand alone), sources above their destinations', async () => {
    const layout = await checkLayout(SHOP);
    expect(layout.groups.map((group) => group.group.title)).toEqual(['data', 'shop']);
    const y = (name: string) => layout.nodes.find((placed) => placed.node.title === name)!.y;
    // 203.0.113.0/24 -> frontend -> web -> 0.0.0.0/5: top to bottom.
    expect(y('203.0.113.0/24')).toBeLessThan(y('frontend'));
    expect(y('frontend')).toBeLessThan(y('web'));
    expect(y('web')).toBeLessThan(y('0.0.0.0/5'));
  });

  it('keeps A→B and B→A apart, each with its own label', async () => {
    const layout = await layoutGraph(buildGraph(SHOP));
    const webToDb = layout.edges.find((edge) => edge.edge.index === 1)!;
    const dbToWeb = layout.edges.find((edge) => edge.edge.index === 2)!;
    const middle = (points: readonly Point[]) => points[Math.floor(points.length / 2)]!;
    expect(
      Math.hypot(middle(webToDb.points).x - middle(dbToWeb.points).x, middle(webToDb.points).y - middle(dbToWeb.points).y),
    ).toBeGreaterThan(4);
    expect(webToDb.label!.width).toBe(labelSize('TCP 5432, UDP 9000-9100').width);
  });

  it('is an empty canvas for an empty workspace', async () => {
    const layout = await layoutGraph(buildGraph({ workloads: [], connections: [] }));
    expect(layout).toMatchObject({ groups: [], nodes: [], edges: [] });
  });

  it('keeps its promises for any workspace (property)', async () => {
    const workload = fc.record({
      namespace: fc.constantFrom('a', 'b', 'c', 'kube-system', 'x'.repeat(70)),
      kind: fc.constantFrom('Deployment', 'StatefulSet', 'Pod'),
      name: fc.constantFrom('web', 'db', 'api', 'cache', '<script>'),
      labels: fc.constant({}),
    });
    const ref = workload.map(({ namespace, kind, name }) => ({ namespace, kind, name }));
    const cidr = fc.constantFrom('10.0.0.0/8', '0.0.0.0/0', '::/0').map((value) => ({ cidr: value }));
    const ports = fc.oneof(
      fc.constant('all' as const),
      fc.array(fc.record({ protocol: fc.constantFrom('TCP' as const, 'UDP' as const), port: fc.integer({ min: 1, max: 65535 }) }), {
        minLength: 1,
        maxLength: 5,
      }),
    );
    // As the engine reports them: at least one end is a workload, one connection per pair, some ports.
    const connection = fc.oneof(
      fc.record({ from: ref, to: ref, ports }),
      fc.record({ from: cidr, to: ref, ports }),
      fc.record({ from: ref, to: cidr, ports }),
    );
    const key = (c: { from: object; to: object }) => JSON.stringify([c.from, c.to]);
    await fc.assert(
      fc.asyncProperty(
        fc.array(workload, { maxLength: 20 }),
        fc.uniqueArray(connection, { maxLength: 30, selector: key }),
        async (workloads, connections) => {
          await checkLayout({ workloads, connections });
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});
