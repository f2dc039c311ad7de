import type { ConnectivityEndpoint, ConnectivityReport, QueryParams } from '../../../server/src/protocol';
import { portsLabel } from '../../../server/src/protocol';
import { endpointKey, endpointLabel, isWorkload } from '../connectivity/endpoints';
import type { MapEdge, MapGraph, MapGroup, MapNode } from './mapGraph';

/**
 * The traffic map's graph (pure): workloads grouped by namespace, the external address
 * ranges that take part in some connection as one more group, and one edge per allowed
 * connection. Layout and rendering work on this.
 */

/** The groups of the addresses outside the cluster that connections come from, and go to. */
export const EXTERNAL_SOURCES = 'From outside the cluster';
export const EXTERNAL_DESTINATIONS = 'To outside the cluster';

/**
 * Above this many connections one edge per connection is unreadable (and the layout would
 * take seconds): the map shows namespaces instead, with one edge per pair of namespaces.
 */
export const MAX_DRAWN_CONNECTIONS = 400;

/** Above this many cells the matrix would freeze the webview. */
export const MATRIX_MAX_CELLS = 40_000;

/** Ports shown on an edge: a label must stay short enough not to hide the map. */
const EDGE_LABEL_PORTS = 3;

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

/** Every IPv4 and every IPv6 address: one node on the map ("any address"). */
const ANY_ADDRESS_CIDRS = ['0.0.0.0/0', '::/0'];

/**
 * Addresses outside the cluster are drawn twice: where connections come from (before the
 * namespaces) and where they go (after them), so that every edge runs the same way.
 */
type Side = 'from' | 'to';

/** A node's key: the workload's, or the range's on its side (both halves of "any address" as one). */
function nodeKey(endpoint: ConnectivityEndpoint, side: Side): string {
  if (isWorkload(endpoint)) return endpointKey(endpoint);
  return `${side}\0${ANY_ADDRESS_CIDRS.includes(endpoint.cidr) ? 'any' : endpoint.cidr}`;
}

function externalNode(key: string, cidr: string): MapNode {
  return ANY_ADDRESS_CIDRS.includes(cidr)
    ? {
        key,
        label: `any address (${ANY_ADDRESS_CIDRS.join(', ')})`,
        title: 'any address',
        subtitle: ANY_ADDRESS_CIDRS.join(' and '),
        external: true,
      }
    : { key, label: cidr, title: cidr, subtitle: 'outside the cluster', external: true };
}

export function buildGraph(report: ConnectivityReport): MapGraph {
  const namespaces = new Map<string, MapNode[]>();
  const known = new Set<string>();
  for (const workload of report.workloads) {
    const endpoint = { namespace: workload.namespace, kind: workload.kind, name: workload.name };
    const key = endpointKey(endpoint);
    if (known.has(key)) continue;
    known.add(key);
    const nodes = namespaces.get(workload.namespace) ?? [];
    nodes.push({ key, label: endpointLabel(endpoint), title: workload.name, subtitle: workload.kind, external: false });
    namespaces.set(workload.namespace, nodes);
  }
  const external: Record<Side, Map<string, MapNode>> = { from: new Map(), to: new Map() };
  const edges: MapEdge[] = [];
  const drawn = new Set<string>();
  report.connections.forEach((connection, index) => {
    const from = nodeKey(connection.from, 'from');
    const to = nodeKey(connection.to, 'to');
    // A connection to a workload the report does not list has nowhere to be drawn.
    if ((isWorkload(connection.from) && !known.has(from)) || (isWorkload(connection.to) && !known.has(to))) return;
    if (!isWorkload(connection.from) && !external.from.has(from)) external.from.set(from, externalNode(from, connection.from.cidr));
    if (!isWorkload(connection.to) && !external.to.has(to)) external.to.set(to, externalNode(to, connection.to.cidr));
    // The IPv4 and IPv6 halves of "any address" are one edge when they allow the same ports.
    const description = portsLabel(connection.ports);
    const drawnKey = `${from}\n${to}\n${description}`;
    if (drawn.has(drawnKey)) return;
    drawn.add(drawnKey);
    edges.push({
      index,
      from,
      to,
      label: portsLabel(connection.ports, EDGE_LABEL_PORTS),
      description,
      allPorts: connection.ports === 'all',
    });
  });
  const outside = (title: string, nodes: Map<string, MapNode>): MapGroup[] =>
    nodes.size > 0 ? [{ title, external: true, nodes: [...nodes.values()].sort((a, b) => byText(a.title, b.title)) }] : [];
  const groups: MapGroup[] = [
    ...outside(EXTERNAL_SOURCES, external.from),
    ...[...namespaces.entries()]
      .sort(([a], [b]) => byText(a, b))
      .map(([title, nodes]) => ({
        title,
        external: false,
        nodes: nodes.sort((a, b) => byText(a.title, b.title) || byText(a.subtitle, b.subtitle)),
      })),
    ...outside(EXTERNAL_DESTINATIONS, external.to),
  ];
  return { groups, edges };
}

/**
 * The same graph one level up: a node per namespace (and one for the external ranges), an
 * edge per pair of them that has connections, labelled with how many; connections inside a
 * namespace are counted on its node.
 */
export function namespaceGraph(graph: MapGraph): MapGraph {
  const groupOf = new Map<string, string>();
  for (const group of graph.groups) for (const node of group.nodes) groupOf.set(node.key, `group\0${group.title}`);
  const between = new Map<string, { from: string; to: string; count: number }>();
  const inside = new Map<string, number>();
  for (const edge of graph.edges) {
    const from = groupOf.get(edge.from);
    const to = groupOf.get(edge.to);
    if (from === undefined || to === undefined) continue;
    if (from === to) {
      inside.set(from, (inside.get(from) ?? 0) + 1);
      continue;
    }
    const pair = between.get(`${from}\n${to}`) ?? { from, to, count: 0 };
    pair.count += 1;
    between.set(`${from}\n${to}`, pair);
  }
  const groups = graph.groups.map((group): MapGroup => {
    const key = `group\0${group.title}`;
    const members = group.external ? plural(group.nodes.length, 'range', 'ranges') : plural(group.nodes.length, 'workload', 'workloads');
    const internal = inside.get(key);
    return {
      title: group.title,
      external: group.external,
      nodes: [
        {
          key,
          label: group.external ? group.title : `namespace ${group.title}`,
          title: group.title,
          subtitle: internal ? `${members}, ${plural(internal, 'connection', 'connections')} inside` : members,
          external: group.external,
        },
      ],
    };
  });
  const edges = [...between.values()].map(({ from, to, count }) => {
    const label = plural(count, 'connection', 'connections');
    return { from, to, label, description: label, allPorts: false };
  });
  return { groups, edges };
}

export interface MatrixCell {
  /** The edge's connection index, when it names one. */
  readonly edge?: number;
  /** What is allowed; undefined when nothing is. */
  readonly label?: string;
  /** The row and the column are the same node (self-connections are not computed). */
  readonly self: boolean;
}

export interface Matrix {
  /** Sources: every workload, then the external ranges that open connections. */
  readonly rows: readonly MapNode[];
  /** Destinations: every workload, then the external ranges connections go to. */
  readonly columns: readonly MapNode[];
  /** Undefined when there would be more than MATRIX_MAX_CELLS. */
  readonly cells?: readonly (readonly MatrixCell[])[];
}

/** Rows are sources, columns destinations, cells the allowed ports. */
export function buildMatrix(graph: MapGraph): Matrix {
  const internal = graph.groups.filter((group) => !group.external).flatMap((group) => group.nodes);
  const externals = graph.groups.filter((group) => group.external).flatMap((group) => group.nodes);
  const sources = new Set(graph.edges.map((edge) => edge.from));
  const destinations = new Set(graph.edges.map((edge) => edge.to));
  const rows = [...internal, ...externals.filter((node) => sources.has(node.key))];
  const columns = [...internal, ...externals.filter((node) => destinations.has(node.key))];
  if (rows.length * columns.length > MATRIX_MAX_CELLS) return { rows, columns };
  const edges = new Map(graph.edges.map((edge) => [`${edge.from}\n${edge.to}`, edge]));
  const cells = rows.map((row) =>
    columns.map((column): MatrixCell => {
      const edge = edges.get(`${row.key}\n${column.key}`);
      return edge ? { edge: edge.index, label: edge.description, self: false } : { self: row.key === column.key };
    }),
  );
  return { rows, columns, cells };
}

/**
 * The query that explains a connection of the map: on its first port (a range: its first
 * port). A connection on all ports is allowed on any port: TCP 1 stands for them.
 */
export function connectionQuery(connection: ConnectivityReport['connections'][number]): QueryParams {
  const first = connection.ports === 'all' ? undefined : connection.ports[0];
  return { from: connection.from, to: connection.to, port: first?.port ?? 1, protocol: first?.protocol ?? 'TCP' };
}
