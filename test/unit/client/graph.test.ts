import { describe, expect, it } from 'vitest';
import {
  buildGraph,
  buildMatrix,
  connectionQuery,
  EXTERNAL_DESTINATIONS,
  EXTERNAL_SOURCES,
  MATRIX_MAX_CELLS,
  namespaceGraph,
} from '../../../client/src/trafficMap/graph';
import { SHOP } from './fixture';

describe('the traffic map graph', () => {
  it('groups workloads by namespace (sorted), ranges connections come from first and those they go to last, one edge per connection', () => {
    const graph = buildGraph(SHOP);
    expect(graph.groups.map((group) => [group.title, group.nodes.map((node) => node.title)])).toEqual([
      [EXTERNAL_SOURCES, ['203.0.113.0/24']],
      ['data', ['db']],
      ['shop', ['frontend', 'web']],
      [EXTERNAL_DESTINATIONS, ['0.0.0.0/5']],
    ]);
    expect(graph.groups.map((group) => group.external)).toEqual([true, false, false, true]);
    expect(graph.groups[3]?.nodes.map((node) => node.subtitle)).toEqual(['outside the cluster']);
    expect(graph.edges.map((edge) => edge.index)).toEqual([0, 1, 2, 3, 4]);
    expect(graph.edges.map((edge) => edge.label)).toEqual(['TCP 8080', 'TCP 5432, UDP 9000-9100', 'all ports', 'TCP 443', 'all ports']);
    expect(graph.groups[2]?.nodes.map((node) => node.label)).toEqual(['shop/frontend[Deployment]', 'shop/web[Deployment]']);
  });

  it('draws 0.0.0.0/0 and ::/0 as one node, "any address", with one edge where both allow the same ports', () => {
    const web = { namespace: 'shop', kind: 'Deployment', name: 'web' };
    const graph = buildGraph({
      workloads: [{ ...web, labels: {} }],
      connections: [
        { from: { cidr: '0.0.0.0/0' }, to: web, ports: 'all' },
        { from: { cidr: '::/0' }, to: web, ports: 'all' },
        { from: web, to: { cidr: '0.0.0.0/0' }, ports: [{ protocol: 'TCP', port: 443 }] },
        { from: web, to: { cidr: '::/0' }, ports: [{ protocol: 'UDP', port: 53 }] },
      ],
    });
    expect(graph.groups.map((group) => [group.title, group.nodes.map((node) => [node.title, node.subtitle])])).toEqual([
      [EXTERNAL_SOURCES, [['any address', '0.0.0.0/0 and ::/0']]],
      ['shop', [['web', 'Deployment']]],
      [EXTERNAL_DESTINATIONS, [['any address', '0.0.0.0/0 and ::/0']]],
    ]);
    expect(graph.edges.map((edge) => [edge.index, edge.label])).toEqual([
      [0, 'all ports'],
      [2, 'TCP 443'],
      [3, 'UDP 53'],
    ]);
  });

  it('has no external group without external connections, and survives an empty report', () => {
    const graph = buildGraph({ workloads: SHOP.workloads, connections: SHOP.connections.slice(0, 3) });
    expect(graph.groups.map((group) => group.title)).toEqual(['data', 'shop']);
    expect(buildGraph({ workloads: [], connections: [] })).toEqual({ groups: [], edges: [] });
  });

  it('drops duplicate workloads and connections to workloads the report does not list', () => {
    const graph = buildGraph({
      workloads: [SHOP.workloads[0]!, SHOP.workloads[0]!],
      connections: [
        { from: { namespace: 'x', kind: 'Pod', name: 'ghost' }, to: { namespace: 'shop', kind: 'Deployment', name: 'web' }, ports: 'all' },
      ],
    });
    expect(graph.groups.flatMap((group) => group.nodes)).toHaveLength(1);
    expect(graph.edges).toEqual([]);
  });
});

describe('the matrix', () => {
  it('has every workload as row and column, external ranges only where they take part, and the ports in the cells', () => {
    const matrix = buildMatrix(buildGraph(SHOP));
    expect(matrix.rows.map((row) => row.title)).toEqual(['db', 'frontend', 'web', '203.0.113.0/24']);
    expect(matrix.columns.map((column) => column.title)).toEqual(['db', 'frontend', 'web', '0.0.0.0/5']);
    const cell = (from: string, to: string) =>
      matrix.cells?.[matrix.rows.findIndex((row) => row.title === from)]?.[matrix.columns.findIndex((column) => column.title === to)];
    expect(cell('frontend', 'web')).toEqual({ edge: 0, label: 'TCP 8080', self: false });
    expect(cell('db', 'web')).toEqual({ edge: 2, label: 'all ports', self: false });
    expect(cell('web', 'frontend')).toEqual({ self: false });
    expect(cell('web', 'web')).toEqual({ self: true });
    expect(cell('203.0.113.0/24', 'frontend')?.edge).toBe(4);
    expect(matrix.cells?.every((row) => row.length === matrix.columns.length)).toBe(true);
  });
});

describe('the namespace graph (for workspaces with too many connections to draw)', () => {
  it('has a node per namespace, an edge per pair of namespaces with the number of connections, and counts those inside', () => {
    const extra = {
      from: { namespace: 'shop', kind: 'Deployment', name: 'frontend' },
      to: { namespace: 'data', kind: 'StatefulSet', name: 'db' },
      ports: 'all' as const,
    };
    const graph = namespaceGraph(buildGraph({ workloads: SHOP.workloads, connections: [...SHOP.connections, extra] }));
    expect(graph.groups.map((group) => group.nodes.map((node) => [node.title, node.subtitle, node.label]))).toEqual([
      [[EXTERNAL_SOURCES, '1 range', EXTERNAL_SOURCES]],
      [['data', '1 workload', 'namespace data']],
      [['shop', '2 workloads, 1 connection inside', 'namespace shop']],
      [[EXTERNAL_DESTINATIONS, '1 range', EXTERNAL_DESTINATIONS]],
    ]);
    const name = (key: string) => key.split('\0')[1];
    expect(graph.edges.map((edge) => [name(edge.from), name(edge.to), edge.label, edge.index])).toEqual([
      ['shop', 'data', '2 connections', undefined],
      ['data', 'shop', '1 connection', undefined],
      ['shop', EXTERNAL_DESTINATIONS, '1 connection', undefined],
      [EXTERNAL_SOURCES, 'shop', '1 connection', undefined],
    ]);
  });
});

describe('a matrix too large to show', () => {
  it('has its rows and columns but no cells', () => {
    const side = Math.floor(Math.sqrt(MATRIX_MAX_CELLS)) + 1;
    const workloads = Array.from({ length: side }, (_, i) => ({ namespace: 'ns', kind: 'Pod', name: `p${i}`, labels: {} }));
    const matrix = buildMatrix(buildGraph({ workloads, connections: [] }));
    expect([matrix.rows.length, matrix.columns.length, matrix.cells]).toEqual([side, side, undefined]);
  });
});

describe('connectionQuery', () => {
  it('asks about the first port of a connection, and any port (TCP 1) of one on all ports', () => {
    const [first, second, all] = SHOP.connections;
    expect(connectionQuery(first!)).toEqual({ from: first!.from, to: first!.to, port: 8080, protocol: 'TCP' });
    expect(connectionQuery({ ...second!, ports: [{ protocol: 'UDP', port: 9000, endPort: 9100 }] })).toMatchObject({
      port: 9000,
      protocol: 'UDP',
    });
    expect(connectionQuery(all!)).toMatchObject({ port: 1, protocol: 'TCP' });
  });
});
