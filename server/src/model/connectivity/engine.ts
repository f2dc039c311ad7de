import type { ClusterPolicy } from '../clusterPolicy/policy';
import type { Workload } from '../workloads';
import type { SemanticRule } from '../semantics';
import { EVERY_ADDRESS } from './addresses';
import { clusterRulePicksAddresses, clusterRulePorts, ruleNetworks } from './clusterMatch';
import { merge, openPartition, partition, refine, type AddressGrant, type AddressSegment } from './external';
import { NO_TIERS, tieredPorts, type RuleView, type TieredRules } from './tiers';
import { ALL_PORTS, NO_PORTS, intersectPorts, isNoPorts, unionPorts, type ProtocolPorts } from './ports';
import { hasNamedPort, ruleAddresses, rulePorts } from './ruleMatch';
import type { ConnectivityModel } from './workspaceModel';

/**
 * Who can reach whom, as Kubernetes enforces NetworkPolicy: a pod is isolated in a direction
 * only when some policy of that type selects it; what an isolated pod is allowed is the union
 * of the rules of the policies that select it; a connection needs both the source's egress
 * and the destination's ingress to allow it. Named ports resolve at the destination, in
 * egress rules too. Cluster-wide policies put tiers around that (see tiers.ts): a direction
 * with Admin or Baseline rules goes through them, NetworkPolicy in the middle.
 */

export interface WorkloadPair {
  /** Indices into `workloads`; never equal (self-connections are not listed). */
  readonly from: number;
  readonly to: number;
  readonly ports: ProtocolPorts;
}

export interface ExternalAccess {
  /** From addresses outside the cluster to the workload (only its ingress decides). */
  readonly ingress: readonly AddressSegment[];
  /** From the workload to addresses outside the cluster (only its egress decides). */
  readonly egress: readonly AddressSegment[];
}

export interface Connectivity {
  readonly workloads: readonly Workload[];
  /** Pairs with something allowed, by source then destination. */
  readonly pairs: readonly WorkloadPair[];
  /** Per workload (same order as `workloads`). */
  readonly external: readonly ExternalAccess[];
  /** The cluster-wide policies the answers went through, Admin then Baseline, each tier in evaluation order. */
  readonly clusterPolicies: readonly ClusterPolicy[];
}

/** What one workload allows in one direction, towards (or from) the other workloads and addresses. */
interface Side {
  /** No policy isolates it: everything is allowed. */
  readonly open: boolean;
  /** Ports allowed with any peer ('any' rules whose ports do not depend on the other end). */
  any: ProtocolPorts;
  /** 'Any'-peer egress rules with named ports: what they allow depends on the destination. */
  readonly anyNamed: SemanticRule[];
  /** Ports allowed per other workload (by index), from pod peers. */
  readonly byWorkload: Map<number, ProtocolPorts>;
  /** Addresses outside the cluster the rules allow (partitioned only when asked). */
  readonly grants: AddressGrant[];
  /** The cluster-wide rules of this direction (NO_TIERS: NetworkPolicy alone decides). */
  readonly tiers: TieredRules;
}

function add(map: Map<number, ProtocolPorts>, key: number, ports: ProtocolPorts): void {
  map.set(key, unionPorts(map.get(key) ?? NO_PORTS, ports));
}

function emptySide(open: boolean, tiers: TieredRules): Side {
  return { open, any: NO_PORTS, anyNamed: [], byWorkload: new Map(), grants: [], tiers };
}

function ingressSide(model: ConnectivityModel, target: number): Side {
  const policies = model.selecting(target, 'ingress');
  const side = emptySide(policies.length === 0, model.tiers(target, 'ingress'));
  const receiverPorts = model.workloads[target]!.ports;
  for (const policy of policies) {
    for (const rule of policy.ingress) {
      const ports = rulePorts(rule, receiverPorts);
      if (isNoPorts(ports)) continue;
      const addresses = ruleAddresses(rule);
      side.grants.push({ ranges: addresses === 'any' ? EVERY_ADDRESS : addresses, ports });
      if (rule.peers === 'any') {
        side.any = unionPorts(side.any, ports);
        continue;
      }
      for (const peer of rule.peers) {
        if (peer.kind !== 'pods') continue;
        for (const source of model.peerWorkloads(peer, policy.namespace)) add(side.byWorkload, source, ports);
      }
    }
  }
  return side;
}

function egressSide(model: ConnectivityModel, source: number): Side {
  const policies = model.selecting(source, 'egress');
  const side = emptySide(policies.length === 0, model.tiers(source, 'egress'));
  for (const policy of policies) {
    for (const rule of policy.egress) {
      const named = hasNamedPort(rule);
      // Without named ports what a rule allows is the same at every destination (and outside).
      const fixed = rulePorts(rule, undefined);
      const addresses = ruleAddresses(rule);
      side.grants.push({ ranges: addresses === 'any' ? EVERY_ADDRESS : addresses, ports: fixed });
      if (rule.peers === 'any') {
        side.any = unionPorts(side.any, fixed);
        if (named) side.anyNamed.push(rule);
        continue;
      }
      for (const peer of rule.peers) {
        if (peer.kind !== 'pods') continue;
        for (const target of model.peerWorkloads(peer, policy.namespace))
          add(side.byWorkload, target, named ? rulePorts(rule, model.workloads[target]!.ports) : fixed);
      }
    }
  }
  return side;
}

/** What the NetworkPolicies of `side` allow with workload `other` (undefined: none selects the pod). */
function networkPolicyWith(side: Side, other: number, receiver: Workload): ProtocolPorts | undefined {
  if (side.open) return undefined;
  let ports = unionPorts(side.any, side.byWorkload.get(other) ?? NO_PORTS);
  for (const rule of side.anyNamed) ports = unionPorts(ports, rulePorts(rule, receiver.ports));
  return ports;
}

/** What `side` allows with workload `other`; `receiver` is the destination, whose container ports named ports resolve on. */
function allowedWith(model: ConnectivityModel, side: Side, other: number, receiver: Workload): ProtocolPorts {
  const networkPolicy = networkPolicyWith(side, other, receiver);
  if (side.tiers === NO_TIERS) return networkPolicy ?? ALL_PORTS;
  const view: RuleView = {
    picks: (rule) => model.clusterPicks(rule, other),
    ports: (rule) => clusterRulePorts(rule, receiver.ports),
  };
  return tieredPorts(side.tiers, view, networkPolicy);
}

/** What an egress side allows outside the cluster, through its tiers: its partition cut again by the `networks` of its rules. */
function tieredExternal(side: Side, networkPolicy: readonly AddressSegment[] | undefined): AddressSegment[] {
  const rules = [...side.tiers.admin, ...side.tiers.baseline];
  const pieces = refine(
    networkPolicy ?? openPartition(NO_PORTS),
    rules.flatMap(({ rule }) => ruleNetworks(rule)),
  );
  return merge(
    pieces.map((piece) => {
      const view: RuleView = {
        picks: (rule) => clusterRulePicksAddresses(rule, piece.range),
        ports: (rule) => clusterRulePorts(rule, undefined),
      };
      return { range: piece.range, ports: tieredPorts(side.tiers, view, networkPolicy ? piece.ports : undefined) };
    }),
  );
}

/**
 * The connectivity of a model, computed as far as it is asked: each workload's sides once,
 * then any pair, any workload's reach, or the whole map. Answering what one workload can
 * reach and what reaches it costs one pass over the workloads, not all the pairs.
 */
export class ConnectivityEngine {
  private readonly ingress: (Side | undefined)[] = [];
  private readonly egress: (Side | undefined)[] = [];

  constructor(readonly model: ConnectivityModel) {}

  private ingressOf(workload: number): Side {
    return (this.ingress[workload] ??= ingressSide(this.model, workload));
  }

  private egressOf(workload: number): Side {
    return (this.egress[workload] ??= egressSide(this.model, workload));
  }

  /** The ports `from` may open connections to `to` on: its egress and the destination's ingress. */
  allowed(from: number, to: number): ProtocolPorts {
    const receiver = this.model.workloads[to]!;
    const out = allowedWith(this.model, this.egressOf(from), to, receiver);
    return isNoPorts(out) ? out : intersectPorts(out, allowedWith(this.model, this.ingressOf(to), from, receiver));
  }

  /** The other workloads that can reach `workload` on some port, and those it can reach. */
  reach(workload: number): { readonly from: number[]; readonly to: number[] } {
    const from: number[] = [];
    const to: number[] = [];
    for (let other = 0; other < this.model.workloads.length; other++) {
      if (other === workload) continue;
      if (!isNoPorts(this.allowed(other, workload))) from.push(other);
      if (!isNoPorts(this.allowed(workload, other))) to.push(other);
    }
    return { from, to };
  }

  /** What the workload allows from and to addresses outside the cluster. */
  external(workload: number): ExternalAccess {
    // Ingress peers of cluster-wide policies are pods only: outside addresses go past their rules.
    const partitionOf = (side: Side) => (side.open ? openPartition(ALL_PORTS) : partition(side.grants));
    const egress = this.egressOf(workload);
    return {
      ingress: partitionOf(this.ingressOf(workload)),
      egress: egress.tiers === NO_TIERS ? partitionOf(egress) : tieredExternal(egress, egress.open ? undefined : partition(egress.grants)),
    };
  }
}

/** The whole map: every pair with something allowed, and every workload's access outside the cluster. */
export function computeConnectivity(model: ConnectivityModel, engine = new ConnectivityEngine(model)): Connectivity {
  const count = model.workloads.length;
  const pairs: WorkloadPair[] = [];
  for (let from = 0; from < count; from++) {
    for (let to = 0; to < count; to++) {
      if (from === to) continue;
      const ports = engine.allowed(from, to);
      if (!isNoPorts(ports)) pairs.push({ from, to, ports });
    }
  }
  return {
    workloads: model.workloads,
    pairs,
    external: model.workloads.map((_, i) => engine.external(i)),
    clusterPolicies: model.clusterPolicies,
  };
}
