import type { ClusterPolicy } from '../clusterPolicy/policy';
import type { ContainerPort } from '../objects';
import type { Direction } from '../semantics';
import { EVERY_ADDRESS, type AddressRange } from './addresses';
import { clusterRuleHasNamedPort, clusterRulePicksAddresses, clusterRulePorts, ruleNetworks, rulesFor } from './clusterMatch';
import { refine } from './external';
import { ALL_PORTS, NO_PORTS, unionPorts, type ProtocolPorts } from './ports';
import { walkTier, type RuleView, type TierHits, type TieredRules, type Walked } from './tiers';
import type { ConnectivityModel } from './workspaceModel';

/**
 * The pairs of one direction that cluster-wide rules see, in classes the rules cannot tell
 * apart, so that the questions asked about every pair (what a rule decides, whether the order
 * of two policies matters) are answered once per class. Subjects are alike when the same
 * cluster-wide policies select them and NetworkPolicies isolate them alike; the ends they talk
 * to are alike when every rule of the subjects picks them alike (and, where a named port is
 * resolved at them, they have the same container ports). Outside the cluster, addresses are
 * cut where the rules' `networks` start and end, each piece an end of its own.
 */

/** The other end of a direction: a workload, or addresses outside the cluster that each `networks` peer covers wholly or not at all. */
export type TierPeer = { readonly workload: number } | { readonly addresses: AddressRange };

/** How a rule meets the other end `other`; `receiver` is the destination, whose container ports a named port resolves on. */
export function peerView(model: ConnectivityModel, other: TierPeer, receiver: TierPeer): RuleView {
  const receiverPorts = 'workload' in receiver ? model.workloads[receiver.workload]!.ports : undefined;
  return 'workload' in other
    ? { picks: (rule) => model.clusterPicks(rule, other.workload), ports: (rule) => clusterRulePorts(rule, receiverPorts) }
    : { picks: (rule) => clusterRulePicksAddresses(rule, other.addresses), ports: (rule) => clusterRulePorts(rule, undefined) };
}

/** How the rules of `subject`'s direction meet `peer`. */
export function pairView(model: ConnectivityModel, direction: Direction, subject: number, peer: TierPeer): RuleView {
  return peerView(model, peer, direction === 'egress' ? peer : { workload: subject });
}

/** Subjects the same cluster-wide rules apply to, alike in everything those rules see. */
export interface SubjectClass {
  readonly direction: Direction;
  /** The workloads; the first stands for all. */
  readonly members: readonly number[];
  readonly tiers: TieredRules;
  /** NetworkPolicies select them for the direction: what the Admin tier leaves goes to them, never to the Baseline tier. */
  readonly isolated: boolean;
}

/** Ends of a direction that its rules treat alike. */
export interface PeerClass {
  /** The first stands for all. */
  readonly members: readonly TierPeer[];
}

/** What the cluster-wide rules decide for one pair: each rule's share, and what each tier left. */
export interface ClusterDecision {
  readonly hits: TierHits;
  readonly admin: Walked;
  /** Absent when the Baseline tier is not reached (NetworkPolicies isolate the subject). */
  readonly baseline?: Walked;
}

/** A workload's container ports as a key (the same list in every version of the workspace where it is unchanged). */
const portsKeys = new WeakMap<readonly ContainerPort[], string>();

export class TierPairs {
  private readonly subjectCache = new Map<Direction, readonly (SubjectClass & { readonly policies: ReadonlySet<ClusterPolicy> })[]>();
  private readonly peerCache = new Map<Direction, readonly PeerClass[]>();

  constructor(readonly model: ConnectivityModel) {}

  /** The classes of the workloads a policy applies to, for a direction. */
  subjectsOf(policy: ClusterPolicy, direction: Direction): readonly SubjectClass[] {
    return this.subjectClasses(direction).filter((subjects) => subjects.policies.has(policy));
  }

  /** Every workload some cluster-wide rule of the direction applies to, in classes (computed once per direction). */
  private subjectClasses(direction: Direction): readonly (SubjectClass & { readonly policies: ReadonlySet<ClusterPolicy> })[] {
    const cached = this.subjectCache.get(direction);
    if (cached) return cached;
    const policies = this.model.clusterPolicies.filter((policy) => rulesFor(policy, direction).length > 0);
    const named = direction === 'ingress' && policies.some((policy) => rulesFor(policy, direction).some(clusterRuleHasNamedPort));
    const classes = new Map<string, { members: number[]; tiers: TieredRules; isolated: boolean; policies: ReadonlySet<ClusterPolicy> }>();
    const selected = policies.map((policy) => this.model.subjectsOf(policy));
    this.model.pods.forEach((_, workload) => {
      let key = '';
      for (const bits of selected) key += bits[workload] === 1 ? '1' : '0';
      if (!key.includes('1')) return;
      const isolated = this.model.selecting(workload, direction).length > 0;
      // Ingress resolves named ports on the subject itself.
      key += `|${isolated}|${named ? this.portsKey(workload) : ''}`;
      const found = classes.get(key);
      if (found) found.members.push(workload);
      else {
        const selecting = new Set(policies.filter((policy) => this.model.subjectSelects(policy, workload)));
        classes.set(key, { members: [workload], tiers: this.model.tiers(workload, direction), isolated, policies: selecting });
      }
    });
    const result = [...classes.values()].map((found) => ({ direction, ...found }));
    this.subjectCache.set(direction, result);
    return result;
  }

  /**
   * The ends of a direction, in classes every cluster-wide rule of the direction treats alike:
   * workloads, then (egress) addresses outside the cluster (computed once per direction).
   */
  peersOf(subjects: SubjectClass): readonly PeerClass[] {
    const { direction } = subjects;
    const cached = this.peerCache.get(direction);
    if (cached) return cached;
    const rules = [
      ...new Set(
        this.subjectClasses(direction)
          .flatMap((found) => [...found.tiers.admin, ...found.tiers.baseline])
          .map(({ rule }) => rule),
      ),
    ];
    const named = direction === 'egress' && rules.some(clusterRuleHasNamedPort);
    const classes = new Map<string, TierPeer[]>();
    const put = (key: string, peer: TierPeer) => {
      const found = classes.get(key);
      if (found) found.push(peer);
      else classes.set(key, [peer]);
    };
    const picked = rules.map((rule) => this.model.picksOf(rule));
    this.model.pods.forEach((_, workload) => {
      let picks = 'w';
      for (const bits of picked) picks += bits[workload] === 1 ? '1' : '0';
      put(named ? `${picks}|${this.portsKey(workload)}` : picks, { workload });
    });
    // Ingress peers of cluster-wide rules are pods only: sources outside the cluster go past them.
    if (direction === 'egress') {
      const pieces = refine(
        EVERY_ADDRESS.map((range) => ({ range, ports: NO_PORTS })),
        rules.flatMap(ruleNetworks),
      );
      for (const { range } of pieces) {
        let picks = 'a';
        for (const rule of rules) picks += clusterRulePicksAddresses(rule, range) ? '1' : '0';
        put(picks, { addresses: range });
      }
    }
    const result = [...classes.values()].map((members) => ({ members }));
    this.peerCache.set(direction, result);
    return result;
  }

  /** What the cluster-wide rules decide between a subject and a peer (each of the ports of `start`, all by default). */
  decide(subjects: SubjectClass, peer: TierPeer, start: ProtocolPorts = ALL_PORTS): ClusterDecision {
    const view = pairView(this.model, subjects.direction, subjects.members[0]!, peer);
    const hits: TierHits = new Map();
    const admin = walkTier(subjects.tiers.admin, view, start, hits);
    if (subjects.isolated) return { hits, admin };
    const baseline = walkTier(subjects.tiers.baseline, view, unionPorts(admin.undecided, admin.passed), hits);
    return { hits, admin, baseline };
  }

  private portsKey(workload: number): string {
    const ports = this.model.workloads[workload]!.ports;
    let key = portsKeys.get(ports);
    if (key === undefined) {
      key = JSON.stringify(ports);
      portsKeys.set(ports, key);
    }
    return key;
  }
}
