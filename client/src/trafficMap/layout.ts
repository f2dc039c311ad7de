import ElkConstructor, { type ELK, type ElkExtendedEdge, type ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { MapEdge, MapGraph, MapGroup, MapNode } from './mapGraph';

/**
 * The traffic map's layout, by the Eclipse Layout Kernel (elkjs): a layered drawing, sources
 * above their destinations, each namespace a box around its workloads, edges routed
 * orthogonally around the boxes, and each port label placed beside its own edge. Downwards
 * rather than rightwards: a map of a few namespaces then fits a landscape window at a
 * readable scale. Pure apart
 * from ELK itself; runs in the webview (and in the unit tests under Node).
 */

export const NODE_WIDTH = 140;
export const NODE_HEIGHT = 36;
const GROUP_PADDING = { top: 24, side: 10, bottom: 10 };
/** The edge labels' font size (trafficMap.css `.edge-label`) and what one character takes at it. */
const LABEL_FONT_PX = 12;
const LABEL_CHAR_PX = 7.2;

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Box extends Point {
  readonly width: number;
  readonly height: number;
}

export interface PlacedNode extends Box {
  readonly node: MapNode;
}

export interface PlacedGroup extends Box {
  readonly group: MapGroup;
}

export interface PlacedEdge {
  readonly edge: MapEdge;
  /** From the border of the source's box to the border of the destination's, through the bends. */
  readonly points: readonly Point[];
  /** Where the port label sits (edges on all ports have none). */
  readonly label?: Box;
}

export interface MapLayout {
  readonly width: number;
  readonly height: number;
  readonly groups: readonly PlacedGroup[];
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
}

/** The space a label of `text` takes (the font is proportional: an estimate with room to spare). */
export function labelSize(text: string): { width: number; height: number } {
  return { width: Math.ceil(text.length * LABEL_CHAR_PX) + 6, height: LABEL_FONT_PX + 5 };
}

const LAYOUT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  // One layering over every namespace: an edge between two namespaces is laid out like any other.
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.spacing.nodeNodeBetweenLayers': '30',
  'elk.layered.spacing.edgeNodeBetweenLayers': '10',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '6',
  'elk.spacing.nodeNode': '14',
  'elk.spacing.edgeNode': '10',
  'elk.spacing.edgeEdge': '6',
  'elk.spacing.edgeLabel': '2',
  'elk.spacing.componentComponent': '36',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.layered.edgeLabels.sideSelection': 'SMART_DOWN',
  // Every coordinate relative to the drawing (not to the enclosing namespace box).
  'elk.json.shapeCoords': 'ROOT',
  'elk.json.edgeCoords': 'ROOT',
  'elk.padding': '[top=12,left=12,bottom=12,right=12]',
};

const GROUP_OPTIONS: Record<string, string> = {
  'elk.padding': `[top=${GROUP_PADDING.top},left=${GROUP_PADDING.side},bottom=${GROUP_PADDING.bottom},right=${GROUP_PADDING.side}]`,
  // Room for the namespace's title above its workloads, however few they are.
  'elk.nodeSize.constraints': 'MINIMUM_SIZE',
  'elk.nodeSize.minimum': `(${NODE_WIDTH + 2 * GROUP_PADDING.side}, ${NODE_HEIGHT + GROUP_PADDING.top + GROUP_PADDING.bottom})`,
};

const groupId = (index: number): string => `group:${index}`;

let elk: ELK | undefined;

export async function layoutGraph(graph: MapGraph): Promise<MapLayout> {
  elk ??= new ElkConstructor();
  const nodesByKey = new Map<string, MapNode>();
  const nodeOf = (node: MapNode): ElkNode => {
    nodesByKey.set(node.key, node);
    return { id: node.key, width: NODE_WIDTH, height: NODE_HEIGHT };
  };
  // A namespace is a box around its workloads; addresses outside the cluster stand alone.
  const children: ElkNode[] = graph.groups.flatMap((group, g) =>
    group.external ? group.nodes.map(nodeOf) : [{ id: groupId(g), layoutOptions: GROUP_OPTIONS, children: group.nodes.map(nodeOf) }],
  );
  const drawn = graph.edges.filter((edge) => edge.from !== edge.to && nodesByKey.has(edge.from) && nodesByKey.has(edge.to));
  const edges: ElkExtendedEdge[] = drawn.map((edge, i) => ({
    id: `edge:${i}`,
    sources: [edge.from],
    targets: [edge.to],
    labels: edge.allPorts || !edge.label ? [] : [{ id: `label:${i}`, text: edge.label, ...labelSize(edge.label) }],
  }));
  const root: ElkNode = { id: 'root', layoutOptions: LAYOUT_OPTIONS, children, edges };
  const result: ElkNode = await elk.layout(root);

  const groups: PlacedGroup[] = [];
  const nodes: PlacedNode[] = [];
  for (const placed of result.children ?? []) {
    const node = nodesByKey.get(placed.id);
    if (node) {
      nodes.push({ node, ...box(placed) });
      continue;
    }
    groups.push({ group: graph.groups[Number(placed.id.slice('group:'.length))]!, ...box(placed) });
    for (const child of placed.children ?? []) nodes.push({ node: nodesByKey.get(child.id)!, ...box(child) });
  }
  const placedEdges = collectEdges(result).map((placed): PlacedEdge => {
    const edge = drawn[Number(placed.id.slice('edge:'.length))]!;
    const section = placed.sections?.[0];
    const points = section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint] : [];
    const label = placed.labels?.[0];
    return { edge, points: points.map(({ x, y }) => ({ x, y })), ...(label ? { label: box(label) } : {}) };
  });
  // Edges in the order of the graph (the webview names them by their connection).
  placedEdges.sort((a, b) => drawn.indexOf(a.edge) - drawn.indexOf(b.edge));
  return { width: result.width ?? 0, height: result.height ?? 0, groups, nodes, edges: placedEdges };
}

function box(shape: { x?: number; y?: number; width?: number; height?: number }): Box {
  return { x: shape.x ?? 0, y: shape.y ?? 0, width: shape.width ?? 0, height: shape.height ?? 0 };
}

/** Every edge of the laid-out graph: ELK moves an edge into the box holding both its ends. */
function collectEdges(node: ElkNode): ElkExtendedEdge[] {
  return [...(node.edges ?? []), ...(node.children ?? []).flatMap(collectEdges)];
}
