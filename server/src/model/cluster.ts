/** What the cluster looks like, for the lints that need it (from `netpol.*` settings). */
export interface ClusterSettings {
  /** The namespace of objects without metadata.namespace (kubectl's context namespace). */
  readonly defaultNamespace: string;
  /** Pod and Service CIDRs of the cluster, for `ipblock-pod-ip`. */
  readonly podCIDRs: readonly string[];
  readonly serviceCIDRs: readonly string[];
}

export const DEFAULT_CLUSTER: ClusterSettings = { defaultNamespace: 'default', podCIDRs: [], serviceCIDRs: [] };
