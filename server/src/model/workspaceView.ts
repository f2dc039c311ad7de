import type { ClusterPolicyKind } from './clusterPolicy/api';
import type { ClusterPolicy } from './clusterPolicy/policy';
import type { NamespaceObject, ServiceObject, WorkloadObject } from './objects';
import type { SemanticPolicy } from './semantics';

/** A NetworkPolicy of the workspace, as the lints see it. */
export interface WorkspacePolicy {
  readonly name: string;
  readonly namespace: string;
  readonly semantic: SemanticPolicy;
  /** Where it is written (`file.yaml:12`), for messages. */
  readonly where: string;
  /**
   * Why the cluster would not have it: the first error kubectl or the API server reports for it
   * (`spec.ingress[0].from[0].ipBlock.cidr: Required value`). Such a policy takes no part in
   * connectivity, nor in the lints of other policies.
   */
  readonly rejected?: string;
}

/** A cluster-wide policy of the workspace (ClusterNetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy). */
export interface WorkspaceClusterPolicy {
  readonly kind: ClusterPolicyKind;
  readonly name: string;
  readonly policy: ClusterPolicy;
  /** The API server rejects it: it is not in the cluster. */
  readonly rejected: boolean;
  /** Where it is written (`file.yaml:12`), for messages. */
  readonly where: string;
}

/**
 * What the workspace declares, as the cross-file lints and explanations query it. An
 * implementation indexes the files of the workspace; an empty one knows nothing.
 */
export interface WorkspaceView {
  /** Changes whenever anything the lints may ask about changes. */
  readonly version: number;
  /** Changes when namespaces, workloads or Services change. */
  readonly objectsVersion: number;
  /** Changes when the policies of a namespace change. */
  policiesVersion(namespace: string): number;
  /** Changes when the cluster-wide policies change. */
  readonly clusterPoliciesVersion: number;
  /** Declared Namespace objects. */
  namespaces(): readonly NamespaceObject[];
  /** Workloads placed in a namespace (explicitly or by the default namespace). */
  workloadsIn(namespace: string): readonly WorkloadObject[];
  /** Namespaces in which at least one workload is declared. */
  namespacesWithWorkloads(): readonly string[];
  servicesIn(namespace: string): readonly ServiceObject[];
  policiesIn(namespace: string): readonly WorkspacePolicy[];
  /** The policies of a namespace with a given name (looked up, not searched: every policy asks). */
  policiesNamed(namespace: string, name: string): readonly WorkspacePolicy[];
  /** The cluster-wide policies, in file order. */
  clusterPolicies(): readonly WorkspaceClusterPolicy[];
}

export const EMPTY_WORKSPACE: WorkspaceView = {
  version: 0,
  objectsVersion: 0,
  policiesVersion: () => 0,
  namespaces: () => [],
  workloadsIn: () => [],
  namespacesWithWorkloads: () => [],
  servicesIn: () => [],
  policiesIn: () => [],
  policiesNamed: () => [],
  clusterPoliciesVersion: 0,
  clusterPolicies: () => [],
};
