import type { ClusterPolicy, ClusterRule } from '../../model/clusterPolicy/policy';
import { rangeToCidrs } from '../../model/connectivity/addresses';
import { clusterRulePicksPod, networksCoverPod, peerNetworks } from '../../model/connectivity/clusterMatch';
import {
  ALL_PORTS,
  intersectPorts,
  isAllPorts,
  isNoPorts,
  portEntries,
  portRange,
  samePorts,
  subtractPorts,
  unionPorts,
  type ProtocolPorts,
} from '../../model/connectivity/ports';
import { clusterRuleLabel } from '../../model/connectivity/query';
import type { PodIdentity } from '../../model/connectivity/ruleMatch';
import { pairView, TierPairs, type SubjectClass, type TierPeer } from '../../model/connectivity/tierPairs';
import { walkTier, type TierHits, type Walked } from '../../model/connectivity/tiers';
import type { TierRule } from '../../model/connectivity/clusterMatch';
import { ConnectivityModel, inputFromWorkspace } from '../../model/connectivity/workspaceModel';
import { plural, portList } from '../../model/phrases';
import type { Direction } from '../../model/semantics';
import type { WorkspaceView } from '../../model/workspaceView';
import type { Finding } from '../finding';
import type { RuleMeta } from '../rule';

/**
 * Lints of a cluster-wide policy about the traffic it decides, in the workspace: each asks the
 * tiered connectivity model (what each rule decides for each pair of workloads, or addresses
 * outside the cluster, in evaluation order), never the policy's text alone. Pairs are taken
 * in classes the rules cannot tell apart (see TierPairs), one answer per class.
 */

export const CLUSTER_TRAFFIC_LINT_RULES = [
  {
    id: 'cluster-same-priority-overlap',
    title: 'Same-priority policies decide the same traffic differently',
    category: 'lint',
    severity: 'warning',
    description:
      'Two cluster-wide policies of one tier with the same priority both apply to some traffic and decide it differently; the API leaves their order undefined, so which one wins depends on the implementation.',
  },
  {
    id: 'cluster-rule-shadowed',
    title: 'Rule decided by earlier rules',
    category: 'lint',
    severity: 'warning',
    description:
      'A rule of a cluster-wide policy that never decides anything in the workspace: earlier rules of its policy or tier already decide all the traffic it matches.',
  },
  {
    id: 'cluster-networks-deny-pods',
    title: 'networks Deny also blocks pods',
    category: 'lint',
    severity: 'warning',
    description:
      'A Deny rule whose networks cover the addresses of pods: networks peers match traffic inside the cluster too, so the rule also denies pod-to-pod connections.',
  },
  {
    id: 'cluster-baseline-unreachable',
    title: 'Baseline rules never apply',
    category: 'lint',
    severity: 'info',
    description:
      'The ingress or egress rules of a Baseline policy whose every subject workload is selected for that direction by a NetworkPolicy, which decides before the Baseline tier.',
  },
] as const satisfies readonly RuleMeta[];

export type ClusterTrafficLintId = (typeof CLUSTER_TRAFFIC_LINT_RULES)[number]['id'];

type Report = (finding: Finding<ClusterTrafficLintId>) => void;

interface Context {
  readonly model: ConnectivityModel;
  readonly pairs: TierPairs;
  /** The policy linted, as the model holds it. */
  readonly policy: ClusterPolicy;
  readonly workspace: WorkspaceView;
  readonly report: Report;
}

const DIRECTIONS: readonly Direction[] = ['ingress', 'egress'];

/**
 * Whether two objects are copies of one: the same kind and name (in the cluster, whichever is
 * applied last replaces the other; the workspace may hold both).
 */
const sameObject = (a: ClusterPolicy, b: ClusterPolicy) => a.kind === b.kind && a.name === b.name;

/** A pod whose addresses the workspace does not record. */
const UNADDRESSED: PodIdentity = { namespace: '', namespaceLabels: {}, labels: {} };

/**
 * The model of a workspace version, with its pair classes: one per version, since every
 * cluster-wide policy of an edited file asks. A new version with the same workloads and
 * namespaces (an edit of policies) keeps what the previous model knew of the unchanged
 * cluster-wide policies.
 */
const models = new WeakMap<
  WorkspaceView,
  { readonly version: number; readonly objects: string; readonly networkPolicies: string; readonly pairs: TierPairs }
>();

function pairsOf(workspace: WorkspaceView, podCIDRs: readonly string[]): TierPairs {
  const objects = `${workspace.objectsVersion}|${podCIDRs.join(',')}`;
  const networkPolicies = workspace
    .namespacesWithWorkloads()
    .map((namespace) => workspace.policiesVersion(namespace))
    .join(',');
  const cached = models.get(workspace);
  if (cached?.version === workspace.version && cached.objects === objects) return cached.pairs;
  const reuse =
    cached?.objects === objects ? { model: cached.pairs.model, networkPolicies: cached.networkPolicies === networkPolicies } : undefined;
  const pairs = new TierPairs(new ConnectivityModel({ ...inputFromWorkspace(workspace), podCIDRs }, reuse));
  models.set(workspace, { version: workspace.version, objects, networkPolicies, pairs });
  return pairs;
}

/**
 * The traffic lints of one cluster-wide policy the API server accepts (paths relative to the
 * policy). The workspace decides what there is: a policy it does not index yet has no findings.
 */
export function lintClusterTraffic(
  policy: ClusterPolicy,
  workspace: WorkspaceView,
  podCIDRs: readonly string[],
  disabled: ReadonlySet<string> | undefined,
): Finding[] {
  const lints = LINTS.filter(([id]) => !disabled?.has(id));
  if (lints.length === 0) return [];
  const pairs = pairsOf(workspace, podCIDRs);
  // The policy as the model holds it: this object, or its copy of the same content (another
  // analysis of the same text), or, failing both, the first of its kind and name.
  const copies = pairs.model.clusterPolicies.filter((other) => sameObject(other, policy));
  const written = JSON.stringify(policy);
  const held = copies.find((other) => other === policy) ?? copies.find((other) => JSON.stringify(other) === written) ?? copies[0];
  if (!held) return [];
  const findings: Finding[] = [];
  const context: Context = { model: pairs.model, pairs, policy: held, workspace, report: (finding) => findings.push(finding) };
  for (const [, lint] of lints) lint(context);
  return findings;
}

// ---------------------------------------------------------------- words

function workloadName(model: ConnectivityModel, workload: number): string {
  const { namespace, name } = model.workloads[workload]!;
  return `${namespace}/${name}`;
}

function peerName(model: ConnectivityModel, peer: TierPeer): string {
  return 'workload' in peer ? workloadName(model, peer.workload) : rangeToCidrs(peer.addresses)[0]!;
}

/** `shop/web → shop/db`, the sender first. */
function pairName(model: ConnectivityModel, direction: Direction, subject: number, peer: TierPeer): string {
  const [from, to] =
    direction === 'egress' ? [workloadName(model, subject), peerName(model, peer)] : [peerName(model, peer), workloadName(model, subject)];
  return `${from} → ${to}`;
}

function portsText(ports: ProtocolPorts): string {
  return isAllPorts(ports) ? 'all ports' : portList(portEntries(ports), 3);
}

/** `rule "deny-all" of "cluster-defaults" (Deny)`. */
function ruleName({ policy, rule }: TierRule): string {
  return `rule ${clusterRuleLabel(rule)} of "${policy.name}" (${rule.writtenAction})`;
}

function whereOf(context: Context, policy: ClusterPolicy): string {
  const found = context.workspace.clusterPolicies().find((other) => other.kind === policy.kind && other.name === policy.name);
  return found ? ` (${found.where})` : '';
}

const rulePath = (rule: ClusterRule) => ['spec', rule.direction, rule.index];

// ---------------------------------------------------------------- the tier around a rule

function tierOf(subjects: SubjectClass, policy: ClusterPolicy): readonly TierRule[] {
  return policy.tier === 'Admin' ? subjects.tiers.admin : subjects.tiers.baseline;
}

/**
 * The ports that reach the policy's tier for a pair and are left when the policies before it
 * (lower priority numbers; equal ones have no defined order) have decided; undefined when the
 * tier is not reached at all.
 */
function reaching(context: Context, subjects: SubjectClass, peer: TierPeer): ProtocolPorts | undefined {
  const { policy } = context;
  const view = pairView(context.model, subjects.direction, subjects.members[0]!, peer);
  const before = (rules: readonly TierRule[]) => rules.filter((tierRule) => (tierRule.policy.priority ?? -1) < (policy.priority ?? -1));
  if (policy.tier === 'Admin') return walkTier(before(subjects.tiers.admin), view, ALL_PORTS).undecided;
  if (subjects.isolated) return undefined;
  const admin = walkTier(subjects.tiers.admin, view, ALL_PORTS);
  return walkTier(before(subjects.tiers.baseline), view, unionPorts(admin.undecided, admin.passed)).undecided;
}

// ---------------------------------------------------------------- cluster-same-priority-overlap

function outcome(walked: Walked): readonly ProtocolPorts[] {
  return [walked.accepted, walked.passed, walked.undecided];
}

function sameOutcome(a: Walked, b: Walked): boolean {
  const [x, y] = [outcome(a), outcome(b)];
  return x.every((ports, i) => samePorts(ports, y[i]!));
}

/** The first port two outcomes decide differently, and the rule each order decides it with. */
function firstDifference(
  a: Walked,
  aHits: TierHits,
  b: Walked,
  bHits: TierHits,
): { port: string; first: TierRule; second: TierRule } | undefined {
  const [x, y] = [outcome(a), outcome(b)];
  for (let i = 0; i < x.length; i++) {
    // Both orders decide the same ports (the rules are the same): they differ in how.
    const only = unionPorts(subtractPorts(x[i]!, y[i]!), subtractPorts(y[i]!, x[i]!));
    if (isNoPorts(only)) continue;
    const entry = portEntries(only)[0]!;
    const single = portRange(entry.protocol, entry.port);
    const decider = (hits: TierHits) => [...hits].find(([, ports]) => !isNoPorts(intersectPorts(ports, single)))?.[0];
    const [first, second] = [decider(aHits), decider(bHits)];
    if (first && second) return { port: portsText(only), first, second };
  }
  return undefined;
}

function samePriorityOverlap(context: Context): void {
  const { model, pairs, policy } = context;
  if (policy.priority === undefined) return;
  const rivals = model.clusterPolicies.filter(
    (other, i, all) =>
      !sameObject(other, policy) &&
      other.tier === policy.tier &&
      other.priority === policy.priority &&
      all.findIndex((first) => sameObject(first, other)) === i,
  );
  for (const rival of rivals) {
    const found = DIRECTIONS.flatMap((direction) => {
      const own = policy[direction].length && rival[direction].length ? pairs.subjectsOf(policy, direction) : [];
      for (const subjects of own) {
        const mine = tierOf(subjects, policy).filter((tierRule) => tierRule.policy === policy);
        const theirs = tierOf(subjects, rival).filter((tierRule) => tierRule.policy === rival);
        if (mine.length === 0 || theirs.length === 0) continue;
        for (const peers of pairs.peersOf(subjects)) {
          const peer = peers.members[0]!;
          const start = reaching(context, subjects, peer);
          if (!start || isNoPorts(start)) continue;
          const view = pairView(model, direction, subjects.members[0]!, peer);
          const aHits: TierHits = new Map();
          const bHits: TierHits = new Map();
          const a = walkTier([...mine, ...theirs], view, start, aHits);
          const b = walkTier([...theirs, ...mine], view, start, bHits);
          if (sameOutcome(a, b)) continue;
          const difference = firstDifference(a, aHits, b, bHits);
          if (difference) return [{ direction, subject: subjects.members[0]!, peer, ...difference }];
        }
      }
      return [];
    })[0];
    if (!found) continue;
    const decide = (tierRule: TierRule) =>
      `${clusterRuleLabel(tierRule.rule)} of "${tierRule.policy.name}" says ${tierRule.rule.writtenAction}`;
    context.report({
      ruleId: 'cluster-same-priority-overlap',
      path: ['spec', 'priority'],
      message: `"${policy.name}" and "${rival.name}"${whereOf(context, rival)} are ${policy.tier} policies of the same priority ${policy.priority}, whose order the API leaves undefined, and they decide some traffic differently: for ${pairName(model, found.direction, found.subject, found.peer)} on ${found.port} (${found.direction}), rule ${decide(found.first)}, rule ${decide(found.second)}. Give one of them another priority`,
    });
  }
}

// ---------------------------------------------------------------- cluster-rule-shadowed

function ruleShadowed(context: Context): void {
  const { model, pairs, policy } = context;
  for (const direction of DIRECTIONS) {
    for (const rule of policy[direction]) {
      // Nodes and domain names are addresses the workspace does not know.
      if (rule.peers.some((peer) => peer.kind === 'nodes' || peer.kind === 'domainNames')) continue;
      let matched = 0;
      let open = false;
      const deciders = new Set<TierRule>();
      for (const subjects of pairs.subjectsOf(policy, direction)) {
        const tier = tierOf(subjects, policy);
        const at = tier.findIndex((tierRule) => tierRule.policy === policy && tierRule.rule === rule);
        if (at < 0) continue;
        const earlier = tier
          .slice(0, at)
          .filter(
            (tierRule) =>
              tierRule.policy === policy || (!sameObject(tierRule.policy, policy) && tierRule.policy.priority !== policy.priority),
          );
        for (const peers of pairs.peersOf(subjects)) {
          const peer = peers.members[0]!;
          const view = pairView(model, direction, subjects.members[0]!, peer);
          if (!view.picks(rule)) continue;
          const ports = view.ports(rule);
          if (isNoPorts(ports)) continue;
          matched++;
          const hits: TierHits = new Map();
          if (!isNoPorts(walkTier(earlier, view, ports, hits).undecided)) {
            open = true;
            break;
          }
          for (const decider of hits.keys()) deciders.add(decider);
        }
        if (open) break;
      }
      if (open || matched === 0) continue;
      const names = [...deciders].slice(0, 2).map(ruleName);
      const more = deciders.size > 2 ? ` and ${plural(deciders.size - 2, 'other rule')}` : '';
      context.report({
        ruleId: 'cluster-rule-shadowed',
        path: rulePath(rule),
        location: [...rulePath(rule), 'action'],
        message: `Rule ${clusterRuleLabel(rule)} never decides any traffic of the workspace: everything it matches is already decided by ${names.join(', ')}${more}, which come first in the ${policy.tier} tier. Remove it, or move it before them`,
      });
    }
  }
}

// ---------------------------------------------------------------- cluster-networks-deny-pods

function networksDenyPods(context: Context): void {
  const { model, pairs, policy } = context;
  for (const rule of policy.egress) {
    if (rule.action !== 'Deny' || !rule.peers.some((peer) => peer.kind === 'networks')) continue;
    const podsOnly: ClusterRule = { ...rule, peers: rule.peers.filter((peer) => peer.kind === 'pods') };
    const networks = rule.peers.flatMap((peer) => (peer.kind === 'networks' ? [peerNetworks(peer)] : []));
    // A pod whose address is not recorded may have any of the pod space: one answer for all of them.
    const coversUnknown = networks.some((ranges) => networksCoverPod(ranges, UNADDRESSED, model.podSpace));
    // The workloads the networks cover that the rule does not name as pods.
    const covered = new Set(
      model.pods.flatMap((pod, workload) =>
        (pod.addresses ? networks.some((ranges) => networksCoverPod(ranges, pod, model.podSpace)) : coversUnknown) &&
        !clusterRulePicksPod(podsOnly, pod, model.podSpace)
          ? [workload]
          : [],
      ),
    );
    if (covered.size === 0) continue;
    let example: { subject: number; peer: TierPeer; ports: ProtocolPorts } | undefined;
    const denied = new Set<number>();
    for (const subjects of pairs.subjectsOf(policy, 'egress')) {
      const own = tierOf(subjects, policy).find((tierRule) => tierRule.policy === policy && tierRule.rule === rule);
      if (!own) continue;
      for (const peers of pairs.peersOf(subjects)) {
        // An example between two workloads reads better than a pod talking to itself.
        const candidates = peers.members.filter((peer) => 'workload' in peer && covered.has(peer.workload));
        const first = candidates.find((peer) => 'workload' in peer && peer.workload !== subjects.members[0]) ?? candidates[0];
        if (!first) continue;
        const share = pairs.decide(subjects, first).hits.get(own);
        if (!share) continue;
        example ??= { subject: subjects.members[0]!, peer: first, ports: share };
        for (const peer of peers.members) if ('workload' in peer && covered.has(peer.workload)) denied.add(peer.workload);
      }
    }
    if (!example) continue;
    const others = denied.size > 1 ? `; it denies traffic to ${plural(denied.size, 'workload')} of the workspace this way` : '';
    context.report({
      ruleId: 'cluster-networks-deny-pods',
      path: rulePath(rule),
      location: [...rulePath(rule), 'action'],
      message: `The networks of Deny rule ${clusterRuleLabel(rule)} cover the addresses of pods, and networks peers match traffic inside the cluster too: it denies ${pairName(model, 'egress', example.subject, example.peer)} on ${portsText(example.ports)}${others}. Accept the pods in an earlier rule, or narrow the networks to addresses outside the cluster`,
    });
  }
}

// ---------------------------------------------------------------- cluster-baseline-unreachable

function baselineUnreachable(context: Context): void {
  const { model, policy } = context;
  if (policy.tier !== 'Baseline') return;
  for (const direction of DIRECTIONS) {
    if (policy[direction].length === 0) continue;
    const subjects = context.pairs.subjectsOf(policy, direction).flatMap((subjectClass) => subjectClass.members);
    if (subjects.length === 0) continue;
    const isolating = subjects.map((workload) => model.selecting(workload, direction)[0]);
    if (isolating.some((found) => found === undefined)) continue;
    const first = isolating[0]!;
    const names = subjects.slice(0, 3).map((workload) => workloadName(model, workload));
    const list = `${names.join(', ')}${subjects.length > 3 ? ', …' : ''}`;
    context.report({
      ruleId: 'cluster-baseline-unreachable',
      path: ['spec', direction],
      target: 'key',
      message: `These ${direction} rules never apply in the workspace: every workload the policy selects (${plural(subjects.length, 'workload')}: ${list}) is selected for ${direction} by a NetworkPolicy (${workloadName(model, subjects[0]!)} by ${first.namespace}/${first.name}), and the Baseline tier decides only for pods no NetworkPolicy selects. They apply to workloads added later without one`,
    });
  }
}

const LINTS: readonly (readonly [ClusterTrafficLintId, (context: Context) => void])[] = [
  ['cluster-same-priority-overlap', samePriorityOverlap],
  ['cluster-rule-shadowed', ruleShadowed],
  ['cluster-networks-deny-pods', networksDenyPods],
  ['cluster-baseline-unreachable', baselineUnreachable],
];
