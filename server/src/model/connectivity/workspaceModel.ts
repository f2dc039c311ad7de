import type { ClusterPolicy, ClusterRule } from '../clusterPolicy/policy';
import { NAMESPACE_NAME_LABEL, type WorkloadObject } from '../objects';
import { selectorMatches, type Labels } from '../selector';
import type { Direction, PodPeer, SemanticPolicy } from '../semantics';
import { knownNamespaces } from '../workspaceQueries';
import { groupWorkloads, workloadKey, type Workload } from '../workloads';
import type { WorkspaceView } from '../workspaceView';
import { parseAddressOrCidr } from './addresses';
import {
  clusterRulePicksPod,
  podAddressSpace,
  rulesFor,
  subjectSelects,
  tierOrder,
  type PodAddressSpace,
  type TierRule,
} from './clusterMatch';
import { podPeerMatches, type PodIdentity } from './ruleMatch';
import { hasTiers, NO_TIERS, type TieredRules } from './tiers';

/**
 * The cluster connectivity is computed on: one pod per workload (its pod template), the
 * namespaces with their labels, and the policies, indexed so that each question reads only
 * what can matter to it.
 */

export interface ConnectivityInput {
  readonly workloads: readonly WorkloadObject[];
  /** Namespace name -> its labels (with `kubernetes.io/metadata.name`). */
  readonly namespaceLabels: ReadonlyMap<string, Labels>;
  readonly policies: readonly SemanticPolicy[];
  /** The cluster-wide policies the API server accepts (ClusterNetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy). */
  readonly clusterPolicies?: readonly ClusterPolicy[];
  /** `netpol.cluster.podCIDRs`: where pods whose address is not recorded may be (none: anywhere). */
  readonly podCIDRs?: readonly string[];
}

/**
 * The workloads, namespaces and policies of a workspace. Policies that kubectl or the API server
 * rejects (NetworkPolicies and cluster-wide ones) are left out: they are not in the cluster (see
 * `notApplied`).
 */
export function inputFromWorkspace(view: WorkspaceView): ConnectivityInput {
  const namespacesWithWorkloads = view.namespacesWithWorkloads();
  return {
    workloads: namespacesWithWorkloads.flatMap((namespace) => view.workloadsIn(namespace)),
    namespaceLabels: new Map(knownNamespaces(view).map((namespace) => [namespace.name, namespace.labels])),
    // Only the policies of namespaces with workloads can select a workload.
    policies: namespacesWithWorkloads.flatMap((namespace) =>
      view.policiesIn(namespace).flatMap((policy) => (policy.rejected === undefined ? [policy.semantic] : [])),
    ),
    clusterPolicies: view
      .clusterPolicies()
      .filter((policy) => !policy.rejected)
      .map((policy) => policy.policy),
  };
}

const policyKey = (policy: SemanticPolicy): string => `${policy.namespace}/${policy.name}`;

export class ConnectivityModel {
  /** One workload per controller (see groupWorkloads), by namespace, name and kind. */
  readonly workloads: readonly Workload[];
  readonly pods: readonly PodIdentity[];
  private readonly byKey: Map<string, number> = new Map();
  private readonly byNamespace: Map<string, number[]> = new Map();
  private readonly policiesByNamespace = new Map<string, SemanticPolicy[]>();
  /** By direction, then workload index (asked once per pair by the diff's cause search: no key is built). */
  private readonly selectingCache = {
    ingress: [] as (readonly SemanticPolicy[] | undefined)[],
    egress: [] as (readonly SemanticPolicy[] | undefined)[],
  };
  private readonly peerCache = new WeakMap<PodPeer, readonly number[]>();
  private readonly admin: readonly ClusterPolicy[];
  private readonly baseline: readonly ClusterPolicy[];
  private readonly tiersCache = new Map<string, TieredRules>();
  private readonly clusterPeerCache = new WeakMap<ClusterRule, Uint8Array>();
  /** Where pods whose address is not recorded may be. */
  readonly podSpace: PodAddressSpace;
  private applied: Set<SemanticPolicy> | undefined;
  private duplicates: Set<string> | undefined;

  /**
   * `base`: a model of the same workloads and namespaces whose indices this one shares (see
   * `withPolicy`); only the policies are read from `input` then.
   */
  constructor(
    readonly input: ConnectivityInput,
    base?: ConnectivityModel,
  ) {
    for (const policy of input.policies) {
      if (policy.partial) continue;
      const list = this.policiesByNamespace.get(policy.namespace);
      if (list) list.push(policy);
      else this.policiesByNamespace.set(policy.namespace, [policy]);
    }
    if (base) {
      this.workloads = base.workloads;
      this.pods = base.pods;
      this.byKey = base.byKey;
      this.byNamespace = base.byNamespace;
      // The cluster-wide policies are the base's: so are their tiers and picks.
      this.admin = base.admin;
      this.baseline = base.baseline;
      this.podSpace = base.podSpace;
      this.tiersCache = base.tiersCache;
      this.clusterPeerCache = base.clusterPeerCache;
      return;
    }
    const workloads = groupWorkloads(input.workloads);
    workloads.forEach((workload, i) => {
      this.byKey.set(workloadKey(workload), i);
      const list = this.byNamespace.get(workload.namespace);
      if (list) list.push(i);
      else this.byNamespace.set(workload.namespace, [i]);
    });
    // A member is found by its own name too (`shop/Pod/web-7d4b9-x2x4z` is its Deployment's workload).
    workloads.forEach((workload, i) => {
      for (const member of workload.members) if (!this.byKey.has(workloadKey(member))) this.byKey.set(workloadKey(member), i);
    });
    this.workloads = workloads;
    this.pods = workloads.map((workload) => {
      const addresses = workload.members.flatMap((member) => member.podIPs ?? []).flatMap((ip) => parseAddressOrCidr(ip) ?? []);
      return {
        namespace: workload.namespace,
        namespaceLabels: this.namespaceLabels(workload.namespace),
        labels: workload.podLabels,
        ...(workload.members[0]!.hostNetwork ? { hostNetwork: true } : {}),
        ...(addresses.length ? { addresses } : {}),
      };
    });
    const cluster = [...(input.clusterPolicies ?? [])].sort(tierOrder);
    this.admin = cluster.filter((policy) => policy.tier === 'Admin');
    this.baseline = cluster.filter((policy) => policy.tier === 'Baseline');
    this.podSpace = podAddressSpace(input.podCIDRs ?? []);
  }

  /**
   * The same cluster with `policy` applied as written: it replaces the policy of the same
   * namespace and name (the same object), or joins them.
   */
  withPolicy(policy: SemanticPolicy): ConnectivityModel {
    // The policy as the workspace applies it already (the lints of a valid policy): this model,
    // unless other policies have its name too (only one of them is in the cluster, each replacing
    // the others as it is applied).
    if ((this.applied ??= new Set(this.input.policies)).has(policy) && !this.duplicated().has(policyKey(policy))) return this;
    const others = this.input.policies.filter((other) => other.namespace !== policy.namespace || other.name !== policy.name);
    return new ConnectivityModel({ ...this.input, policies: [...others, policy] }, this);
  }

  /** The namespace/name of the policies the input has more than once. */
  private duplicated(): ReadonlySet<string> {
    if (!this.duplicates) {
      const seen = new Set<string>();
      this.duplicates = new Set();
      for (const other of this.input.policies) {
        const key = policyKey(other);
        if (seen.has(key)) this.duplicates.add(key);
        seen.add(key);
      }
    }
    return this.duplicates;
  }

  /** The workloads of a namespace (indices). */
  workloadsIn(namespace: string): readonly number[] {
    return this.byNamespace.get(namespace) ?? [];
  }

  /** The policies of a namespace that the model applies. */
  policiesIn(namespace: string): readonly SemanticPolicy[] {
    return this.policiesByNamespace.get(namespace) ?? [];
  }

  /** A namespace's labels; a namespace the workspace does not declare has only its name label. */
  namespaceLabels(namespace: string): Labels {
    return this.input.namespaceLabels.get(namespace) ?? { [NAMESPACE_NAME_LABEL]: namespace };
  }

  /** A workload by its key or by the key of one of its members. */
  indexOf(key: string): number | undefined {
    return this.byKey.get(key);
  }

  /** The policies that select a workload's pods and isolate them in a direction (none: not isolated). */
  selecting(workload: number, direction: Direction): readonly SemanticPolicy[] {
    const cache = this.selectingCache[direction];
    let found = cache[workload];
    if (!found) {
      const target = this.workloads[workload]!;
      found = (this.policiesByNamespace.get(target.namespace) ?? []).filter(
        (policy) =>
          (direction === 'ingress' ? policy.types.ingress : policy.types.egress) && selectorMatches(policy.subject, target.podLabels),
      );
      cache[workload] = found;
    }
    return found;
  }

  /** Whether the workspace has cluster-wide policies (without them connectivity is NetworkPolicy's alone). */
  get hasClusterPolicies(): boolean {
    return this.admin.length > 0 || this.baseline.length > 0;
  }

  /** The cluster-wide rules that apply to a workload's pods in a direction, tier by tier in evaluation order. */
  tiers(workload: number, direction: Direction): TieredRules {
    const cacheKey = `${direction}:${workload}`;
    let found = this.tiersCache.get(cacheKey);
    if (!found) {
      const pod = this.pods[workload]!;
      const of = (policies: readonly ClusterPolicy[]): TierRule[] =>
        policies.flatMap((policy) => (subjectSelects(policy, pod) ? rulesFor(policy, direction).map((rule) => ({ policy, rule })) : []));
      const tiers = { admin: of(this.admin), baseline: of(this.baseline) };
      found = hasTiers(tiers) ? tiers : NO_TIERS;
      this.tiersCache.set(cacheKey, found);
    }
    return found;
  }

  /** Whether a cluster-wide rule's peers pick a workload's pods (computed once per rule for every workload). */
  clusterPicks(rule: ClusterRule, workload: number): boolean {
    let picked = this.clusterPeerCache.get(rule);
    if (!picked) {
      picked = new Uint8Array(this.pods.length);
      this.pods.forEach((pod, i) => (picked![i] = clusterRulePicksPod(rule, pod, this.podSpace) ? 1 : 0));
      this.clusterPeerCache.set(rule, picked);
    }
    return picked[workload] === 1;
  }

  /** The workloads a pod peer of a policy picks (computed once per peer). */
  peerWorkloads(peer: PodPeer, policyNamespace: string): readonly number[] {
    let found = this.peerCache.get(peer);
    if (!found) {
      const selector = peer.namespaces;
      const namespaces =
        selector === 'own'
          ? [policyNamespace]
          : [...this.byNamespace.keys()].filter((namespace) => selectorMatches(selector, this.namespaceLabels(namespace)));
      found = namespaces.flatMap((namespace) =>
        (this.byNamespace.get(namespace) ?? []).filter((i) => podPeerMatches(peer, policyNamespace, this.pods[i]!)),
      );
      this.peerCache.set(peer, found);
    }
    return found;
  }
}
