/**
 * The traffic map's graph (types only): what the extension builds from a connectivity report
 * (graph.ts) and sends to the webview, which lays it out and draws it.
 */

export interface MapNode {
  readonly key: string;
  /** The full name (tooltips, matrix headers): `shop/web[Deployment]`, a CIDR, a namespace. */
  readonly label: string;
  /** The name shown in the node (the workload's name or the CIDR). */
  readonly title: string;
  /** The workload's kind, or `external`. */
  readonly subtitle: string;
  readonly external: boolean;
}

export interface MapGroup {
  /** The namespace, or the addresses outside the cluster (EXTERNAL_SOURCES first, EXTERNAL_DESTINATIONS last). */
  readonly title: string;
  readonly external: boolean;
  readonly nodes: readonly MapNode[];
}

export interface MapEdge {
  /** The index of the connection in the report (the webview names clicked edges by it); none for a summary edge. */
  readonly index?: number;
  readonly from: string;
  readonly to: string;
  /** On the map: the ports, `TCP 80, UDP 53 +2`, or how many connections a summary edge stands for. */
  readonly label: string;
  /** In full (tooltips, matrix cells): every port. */
  readonly description: string;
  /** Allowed on all ports: drawn without a label (most edges of unrestricted pods are). */
  readonly allPorts: boolean;
}

export interface MapGraph {
  readonly groups: readonly MapGroup[];
  readonly edges: readonly MapEdge[];
}
