import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../client/src/trafficMap/graph';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH, type Point } from '../../../client/src/trafficMap/layout';
import type { ConnectivityReport } from '../../../server/src/protocol';
import { SHOP } from './fixture';

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;
const nodeBox = (p: Point): Box => ({ x: p.x, y: p.y, width: NODE_WIDTH, height: NODE_HEIGHT });
/** On the border of the node box at `p` (within rounding). */
const onBorder = (point: Point, p: Point) => {
  const dx = Math.min(Math.abs(point.x - p.x), Math.abs(point.x - p.x - NODE_WIDTH));
  const dy = Math.min(Math.abs(point.y - p.y), Math.abs(point.y - p.y - NODE_HEIGHT));
  const within =
    point.x >= p.x - 1e-6 && point.x <= p.x + NODE_WIDTH + 1e-6 && point.y >= p.y - 1e-6 && point.y <= p.y + NODE_HEIGHT + 1e-6;
  return within && Math.min(dx, dy) < 1e-6;
};

/** Every geometric promise of the layout, for any graph. */
function checkLayout(report: ConnectivityReport): void {
  const graph = buildGraph(report);
  const layout = layoutGraph(graph);
  const canvas = { x: layout.left, y: layout.top, width: layout.width, height: layout.height };
  expect(layout.nodes).toHaveLength(graph.groups.reduce((sum, group) => sum + group.nodes.length, 0));
  for (const [i, group] of layout.groups.entries()) {
    expect(inside(group, canvas)).toBe(true);
    for (const other of layout.groups.slice(i + 1)) expect(overlaps(group, other)).toBe(false);
    for (const node of layout.nodes.filter((placed) => group.group.nodes.includes(placed.node)))
      expect(inside(nodeBox(node), group)).toBe(true);
  }
  for (const [i, node] of layout.nodes.entries())
    for (const other of layout.nodes.slice(i + 1)) expect(overlaps(nodeBox(node), nodeBox(other))).toBe(false);
  const at = new Map(layout.nodes.map((placed) => [placed.node.key, placed]));
  for (const edge of layout.edges) {
    expect(onBorder(edge.start, at.get(edge.edge.from)!)).toBe(true);
    expect(onBorder(edge.end, at.get(edge.edge.to)!)).toBe(true);
    for (const point of [edge.start, edge.control, edge.end, edge.label]) {
      expect(Number.isFinite(point.x) && Number.isFinite(point.y)).toBe(true);
      expect(inside({ ...point, width: 0, height: 0 }, canvas)).toBe(true);
    }
  }
  expect(layout.edges).toHaveLength(graph.edges.filter((edge) => edge.from !== edge.to).length);
}

describe('the traffic map layout', () => {
  it('puts namespaces in a grid of boxes, nodes inside their box, edges from border to border', () => {
    checkLayout(SHOP);
    const layout = layoutGraph(buildGraph(SHOP));
    // 3 groups: 2 per row.
    expect(layout.groups.map((group) => [group.group.title, group.x > layout.groups[0]!.x, group.y > layout.groups[0]!.y])).toEqual([
      ['data', false, false],
      ['shop', true, false],
      ['External', false, true],
    ]);
  });

  it('bends A→B and B→A to opposite sides, so both stay visible', () => {
    const layout = layoutGraph(buildGraph(SHOP));
    const webToDb = layout.edges.find((edge) => edge.edge.index === 1)!;
    const dbToWeb = layout.edges.find((edge) => edge.edge.index === 2)!;
    const distance = Math.hypot(webToDb.label.x - dbToWeb.label.x, webToDb.label.y - dbToWeb.label.y);
    expect(distance).toBeGreaterThan(40);
  });

  it('is an empty canvas for an empty workspace', () => {
    const layout = layoutGraph(buildGraph({ workloads: [], connections: [] }));
    expect(layout).toMatchObject({ groups: [], nodes: [], edges: [] });
    expect(layout.width).toBeGreaterThan(0);
  });

  it('keeps its promises for any workspace (property)', () => {
    const workload = fc.record({
      namespace: fc.constantFrom('a', 'b', 'c', 'kube-system', 'x'.repeat(70)),
      kind: fc.constantFrom('Deployment', 'StatefulSet', 'Pod'),
      name: fc.constantFrom('web', 'db', 'api', 'cache', '<script>'),
      labels: fc.constant({}),
    });
    const endpoint = fc.oneof(
      workload.map(({ namespace, kind, name }) => ({ namespace, kind, name })),
      fc.constantFrom('10.0.0.0/8', '0.0.0.0/0', '::/0').map((cidr) => ({ cidr })),
    );
    const ports = fc.oneof(
      fc.constant('all' as const),
      fc.array(fc.record({ protocol: fc.constantFrom('TCP' as const, 'UDP' as const), port: fc.integer({ min: 1, max: 65535 }) }), {
        maxLength: 5,
      }),
    );
    fc.assert(
      fc.property(
        fc.array(workload, { maxLength: 25 }),
        fc.array(fc.record({ from: endpoint, to: endpoint, ports }), { maxLength: 40 }),
        (workloads, connections) => checkLayout({ workloads, connections }),
      ),
      { numRuns: 150 },
    );
  });
});
