import type { MapGraph, MapNode } from './mapGraph';

/**
 * The traffic map's filter (pure): the workloads whose namespace or name contains the text
 * (case-insensitive), their connections, and the workloads and ranges at the other end of
 * those (so that "what does checkout talk to" shows its peers too).
 */
export function filterGraph(graph: MapGraph, text: string): MapGraph {
  const wanted = text.trim().toLowerCase();
  if (!wanted) return graph;
  const matches = new Set<string>();
  for (const group of graph.groups) {
    const groupMatches = group.title.toLowerCase().includes(wanted);
    for (const node of group.nodes) if (groupMatches || node.label.toLowerCase().includes(wanted)) matches.add(node.key);
  }
  const edges = graph.edges.filter((edge) => matches.has(edge.from) || matches.has(edge.to));
  const kept = new Set([...matches, ...edges.flatMap((edge) => [edge.from, edge.to])]);
  const groups = graph.groups
    .map((group) => ({ ...group, nodes: group.nodes.filter((node: MapNode) => kept.has(node.key)) }))
    .filter((group) => group.nodes.length > 0);
  return { groups, edges };
}

/** What the filter box suggests: the namespaces, then every workload (`namespace/name`). */
export function filterSuggestions(graph: MapGraph): string[] {
  const internal = graph.groups.filter((group) => !group.external);
  return [
    ...internal.map((group) => group.title),
    ...internal.flatMap((group) => group.nodes.map((node) => `${group.title}/${node.title}`)),
  ];
}
