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
  private readonly byKey: Map<string, number>;
  private readonly byNamespace: Map<string, number[]>;
  private readonly policiesByNamespace = new Map<string, SemanticPolicy[]>();
  /** By direction, then workload index (asked once per pair by the diff's cause search: no key is built). */
  private readonly selectingCache: Record<Direction, (readonly SemanticPolicy[] | undefined)[]>;
  private readonly peerCache: WeakMap<PodPeer, readonly number[]>;
  private readonly admin: readonly ClusterPolicy[];
  private readonly baseline: readonly ClusterPolicy[];
  private readonly tiersCache = new Map<string, TieredRules>();
  /** Per rule and per policy: answers for every workload, kept by a model of the same workloads (see the constructor). */
  private readonly clusterPeerCache: WeakMap<ClusterRule, Uint8Array>;
  private readonly subjectCache: WeakMap<ClusterPolicy, Uint8Array>;
  private readonly tierRuleCache: WeakMap<ClusterRule, TierRule>;
  /** Where pods whose address is not recorded may be. */
  readonly podSpace: PodAddressSpace;
  private applied: Set<SemanticPolicy> | undefined;
  private duplicates: Set<string> | undefined;

  /**
   * `reuse`: a model of the same workloads, namespaces and pod CIDRs (and, with
   * `networkPolicies`, the same NetworkPolicies), whose answers this one shares: an edit of one
   * cluster-wide policy does not match the others, nor the NetworkPolicies, against every pod again.
   */
  constructor(
    readonly input: ConnectivityInput,
    reuse?: { readonly model: ConnectivityModel; readonly networkPolicies: boolean },
  ) {
    for (const policy of input.policies) {
      if (policy.partial) continue;
      const list = this.policiesByNamespace.get(policy.namespace);
      if (list) list.push(policy);
      else this.policiesByNamespace.set(policy.namespace, [policy]);
    }
    const sameWorkloads = reuse?.model;
    this.selectingCache = reuse?.networkPolicies ? reuse.model.selectingCache : { ingress: [], egress: [] };
    this.clusterPeerCache = sameWorkloads?.clusterPeerCache ?? new WeakMap();
    this.subjectCache = sameWorkloads?.subjectCache ?? new WeakMap();
    this.tierRuleCache = sameWorkloads?.tierRuleCache ?? new WeakMap();
    this.peerCache = sameWorkloads?.peerCache ?? new WeakMap();
    if (sameWorkloads) {
      ({ workloads: this.workloads, pods: this.pods, byKey: this.byKey, byNamespace: this.byNamespace } = sameWorkloads);
    } else {
      this.byKey = new Map();
      this.byNamespace = new Map();
      this.workloads = this.groupWorkloads(input.workloads);
      this.pods = this.workloads.map((workload) => {
        const addresses = workload.members.flatMap((member) => member.podIPs ?? []).flatMap((ip) => parseAddressOrCidr(ip) ?? []);
        return {
          namespace: workload.namespace,
          namespaceLabels: this.namespaceLabels(workload.namespace),
          labels: workload.podLabels,
          ...(workload.members[0]!.hostNetwork ? { hostNetwork: true } : {}),
          ...(addresses.length ? { addresses } : {}),
        };
      });
    }
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
    return new ConnectivityModel({ ...this.input, policies: [...others, policy] }, { model: this, networkPolicies: false });
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

  /** The workloads (one per controller), indexed by key and namespace. */
  private groupWorkloads(objects: readonly WorkloadObject[]): readonly Workload[] {
    const workloads = groupWorkloads(objects);
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
    return workloads;
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

  /** The cluster-wide policies, Admin then Baseline, each tier in evaluation order. */
  get clusterPolicies(): readonly ClusterPolicy[] {
    return [...this.admin, ...this.baseline];
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
      const of = (policies: readonly ClusterPolicy[]): TierRule[] => {
        const rules: TierRule[] = [];
        for (const policy of policies) {
          if (!this.subjectSelects(policy, workload)) continue;
          for (const rule of rulesFor(policy, direction)) rules.push(this.tierRule(policy, rule));
        }
        return rules;
      };
      const tiers = { admin: of(this.admin), baseline: of(this.baseline) };
      found = hasTiers(tiers) ? tiers : NO_TIERS;
      this.tiersCache.set(cacheKey, found);
    }
    return found;
  }

  /** Whether a cluster-wide policy applies to a workload's pods. */
  subjectSelects(policy: ClusterPolicy, workload: number): boolean {
    return this.subjectsOf(policy)[workload] === 1;
  }

  /** For each workload, 1 when a cluster-wide policy applies to its pods (computed once per policy). */
  subjectsOf(policy: ClusterPolicy): Uint8Array {
    let selected = this.subjectCache.get(policy);
    if (!selected) {
      selected = new Uint8Array(this.pods.length);
      this.pods.forEach((pod, i) => (selected![i] = subjectSelects(policy, pod) ? 1 : 0));
      this.subjectCache.set(policy, selected);
    }
    return selected;
  }

  private tierRule(policy: ClusterPolicy, rule: ClusterRule): TierRule {
    let found = this.tierRuleCache.get(rule);
    if (!found) {
      found = { policy, rule };
      this.tierRuleCache.set(rule, found);
    }
    return found;
  }

  /** Whether a cluster-wide rule's peers pick a workload's pods. */
  clusterPicks(rule: ClusterRule, workload: number): boolean {
    return this.picksOf(rule)[workload] === 1;
  }

  /** For each workload, 1 when a cluster-wide rule's peers pick its pods (computed once per rule). */
  picksOf(rule: ClusterRule): Uint8Array {
    let picked = this.clusterPeerCache.get(rule);
    if (!picked) {
      picked = new Uint8Array(this.pods.length);
      this.pods.forEach((pod, i) => (picked![i] = clusterRulePicksPod(rule, pod, this.podSpace) ? 1 : 0));
      this.clusterPeerCache.set(rule, picked);
    }
    return picked;
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
