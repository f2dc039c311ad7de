import type { ClusterPolicy, ClusterRule } from '../clusterPolicy/policy';
import { code, plural } from '../phrases';
import type { Direction, Protocol, SemanticPolicy, SemanticRule } from '../semantics';
import { rangesCover, rangesOverlap, rangeToCidrs, type AddressRange } from './addresses';
import { ruleNetworks } from './clusterMatch';
import { refine } from './external';
import { NO_PORTS, portsInclude } from './ports';
import { ruleAddresses, rulePicksPod, rulePorts } from './ruleMatch';
import { peerView } from './tierPairs';
import { decidingRule, NO_TIERS, type TieredRules } from './tiers';
import type { ConnectivityModel } from './workspaceModel';

/**
 * One question: can `from` open a connection to `to` on a port? Answered from the same rule
 * semantics as the full map, keeping the policies and rules that decided each direction, and,
 * where cluster-wide policies apply, the trail through the tiers.
 */

/** A workload (index into the model) or addresses outside the cluster. */
export type QueryEndpoint = { readonly workload: number } | { readonly addresses: AddressRange };

export interface PolicyDecision {
  readonly policy: SemanticPolicy;
  /** Its rules (of this direction) that allow the connection; none when it only isolates. */
  readonly rules: readonly SemanticRule[];
}

/** A tier that took part in deciding a direction, in evaluation order. */
export type TrailStep =
  /** The first rule of the tier that matches: Accept and Deny decide, Pass goes on to the next tier. */
  | { readonly tier: 'Admin' | 'Baseline'; readonly policy: ClusterPolicy; readonly rule: ClusterRule }
  /** NetworkPolicies select the pod: they decide (the policies that allow it, or all that isolate it). */
  | { readonly tier: 'NetworkPolicy'; readonly allowed: boolean; readonly policies: readonly SemanticPolicy[] }
  /** No tier decided: allowed. */
  | { readonly tier: 'Default' };

export interface DirectionDecision {
  readonly allowed: boolean;
  /** Whether NetworkPolicies select the pod for this direction. */
  readonly isolated: boolean;
  /** The NetworkPolicies that select the pod in this direction. */
  readonly policies: readonly PolicyDecision[];
  /** The tiers the connection went through; empty when no cluster-wide policy applies to the pod in this direction. */
  readonly trail: readonly TrailStep[];
  readonly reason: string;
}

export interface QueryDecision {
  readonly allowed: boolean;
  readonly egress: DirectionDecision;
  readonly ingress: DirectionDecision;
  /** The port number asked about (a named port resolved at the destination); undefined when it could not be. */
  readonly port?: number;
}

function endpointName(model: ConnectivityModel, endpoint: QueryEndpoint): string {
  if ('addresses' in endpoint) return code(rangeToCidrs(endpoint.addresses).join(', '));
  const workload = model.workloads[endpoint.workload]!;
  return code(`${workload.namespace}/${workload.name}`) + ` (${workload.kind})`;
}

/**
 * One direction: the egress of `subject` towards `other`, or its ingress from `other`.
 * `receiver` is the destination, on whose container ports named ports resolve (none outside the cluster).
 */
function decideDirection(
  model: ConnectivityModel,
  direction: Direction,
  subject: QueryEndpoint,
  other: QueryEndpoint,
  protocol: Protocol,
  port: number,
  receiver: QueryEndpoint,
): DirectionDecision {
  if (!('workload' in subject)) {
    return {
      allowed: true,
      isolated: false,
      policies: [],
      trail: [],
      reason: `${direction === 'ingress' ? 'Ingress' : 'Egress'} of addresses outside the cluster is not governed by NetworkPolicy.`,
    };
  }
  const tiers = model.tiers(subject.workload, direction);
  if (tiers === NO_TIERS) return networkPolicyDirection(model, direction, subject, other, protocol, port, receiver);
  return tieredDirection(model, tiers, direction, subject, other, protocol, port, receiver);
}

/** What the NetworkPolicies that select `subject` decide (everything, when none does). */
function networkPolicyDirection(
  model: ConnectivityModel,
  direction: Direction,
  subject: { readonly workload: number },
  other: QueryEndpoint,
  protocol: Protocol,
  port: number,
  receiver: QueryEndpoint,
): DirectionDecision {
  const selecting = model.selecting(subject.workload, direction);
  const who = endpointName(model, subject);
  if (selecting.length === 0) {
    return {
      allowed: true,
      isolated: false,
      policies: [],
      trail: [],
      reason: `No policy selects ${who} for ${direction}, so all its ${direction} is allowed.`,
    };
  }
  const receiverPorts = 'workload' in receiver ? model.workloads[receiver.workload]!.ports : undefined;
  const granted: AddressRange[] = [];
  let allowed = false;
  const policies = selecting.map((policy): PolicyDecision => {
    const rules = (direction === 'ingress' ? policy.ingress : policy.egress).filter((rule) => {
      if (!portsInclude(rulePorts(rule, receiverPorts), protocol, port)) return false;
      if ('workload' in other) {
        const picks = rulePicksPod(rule, policy.namespace, model.pods[other.workload]!);
        allowed ||= picks;
        return picks;
      }
      const addresses = ruleAddresses(rule);
      const ranges = addresses === 'any' ? [other.addresses] : addresses.filter((range) => rangesOverlap(range, other.addresses));
      granted.push(...ranges);
      return ranges.length > 0;
    });
    return { policy, rules };
  });
  if (!('workload' in other)) allowed = rangesCover(granted, other.addresses);
  const by = `${who} is isolated for ${direction} by ${selecting.length === 1 ? 'policy' : 'policies'} ${selecting.map((policy) => code(policy.name)).join(', ')}`;
  const traffic = `traffic ${direction === 'ingress' ? 'from' : 'to'} ${endpointName(model, other)} on ${protocol} ${port}`;
  const ruleCount = policies.reduce((sum, decision) => sum + decision.rules.length, 0);
  const reason = allowed
    ? `${by}; ${plural(ruleCount, 'rule')} of ${selecting.length === 1 ? 'it' : 'them'} ${ruleCount === 1 ? 'allows' : 'allow'} ${traffic}.`
    : ruleCount > 0
      ? `${by}; their rules allow ${traffic} for only part of the addresses.`
      : `${by}, and no rule of ${selecting.length === 1 ? 'it' : 'them'} allows ${traffic}.`;
  return { allowed, isolated: true, policies, trail: [], reason };
}

/** A cluster-wide rule by its name, or by its place when it has none (`ingress[2]`). */
export function clusterRuleLabel(rule: ClusterRule): string {
  return rule.name !== undefined ? `"${rule.name}"` : `${rule.direction}[${rule.index}]`;
}

/** One step: `[Admin] `cluster-defaults` rule "allow-monitoring" Pass`, `[NetworkPolicy] `shop/web-ingress` allows`. */
export function trailStepText(step: TrailStep): string {
  if (step.tier === 'Default') return 'no tier decides, so it is allowed';
  if (step.tier === 'NetworkPolicy') {
    const names = step.policies.map((policy) => code(`${policy.namespace}/${policy.name}`)).join(', ');
    const verb = step.allowed ? 'allow' : 'deny';
    return `[NetworkPolicy] ${names} ${step.policies.length === 1 ? `${verb}s` : verb}`;
  }
  return `[${step.tier}] ${code(step.policy.name)} rule ${clusterRuleLabel(step.rule)} ${step.rule.action}`;
}

/** The steps joined: `[Admin] … Pass → [NetworkPolicy] … allows`. */
export function trailText(trail: readonly TrailStep[]): string {
  return trail.map(trailStepText).join(' → ');
}

/** The tiers for one piece of the other end: the trail, and the NetworkPolicy tier's decision when it was reached. */
function tieredPiece(
  model: ConnectivityModel,
  tiers: TieredRules,
  direction: Direction,
  subject: { readonly workload: number },
  other: QueryEndpoint,
  protocol: Protocol,
  port: number,
  receiver: QueryEndpoint,
): { allowed: boolean; trail: TrailStep[]; networkPolicy?: DirectionDecision } {
  const view = peerView(model, other, receiver);
  const trail: TrailStep[] = [];
  const admin = decidingRule(tiers.admin, view, protocol, port);
  if (admin) {
    trail.push({ tier: 'Admin', ...admin });
    if (admin.rule.action !== 'Pass') return { allowed: admin.rule.action === 'Accept', trail };
  }
  const networkPolicy = networkPolicyDirection(model, direction, subject, other, protocol, port, receiver);
  if (networkPolicy.isolated) {
    const allowing = networkPolicy.policies.filter((decision) => decision.rules.length > 0).map((decision) => decision.policy);
    trail.push({
      tier: 'NetworkPolicy',
      allowed: networkPolicy.allowed,
      policies: networkPolicy.allowed ? allowing : networkPolicy.policies.map((decision) => decision.policy),
    });
    return { allowed: networkPolicy.allowed, trail, networkPolicy };
  }
  const baseline = decidingRule(tiers.baseline, view, protocol, port);
  if (baseline) {
    trail.push({ tier: 'Baseline', ...baseline });
    if (baseline.rule.action !== 'Pass') return { allowed: baseline.rule.action === 'Accept', trail, networkPolicy };
  }
  trail.push({ tier: 'Default' });
  return { allowed: true, trail, networkPolicy };
}

/**
 * A direction through the tiers. Addresses outside the cluster are cut where the rules'
 * `networks` start and end; the answer is allowed when every piece is, and the trail shown
 * is the first denied piece's.
 */
function tieredDirection(
  model: ConnectivityModel,
  tiers: TieredRules,
  direction: Direction,
  subject: { readonly workload: number },
  other: QueryEndpoint,
  protocol: Protocol,
  port: number,
  receiver: QueryEndpoint,
): DirectionDecision {
  const pieces: QueryEndpoint[] =
    'workload' in other
      ? [other]
      : refine(
          [{ range: other.addresses, ports: NO_PORTS }],
          [...tiers.admin, ...tiers.baseline].flatMap(({ rule }) => ruleNetworks(rule)),
        ).map((piece) => ({ addresses: piece.range }));
  const answers = pieces.map((piece) => tieredPiece(model, tiers, direction, subject, piece, protocol, port, receiver));
  const shown = answers.find((answer) => !answer.allowed) ?? answers[0]!;
  const allowed = answers.every((answer) => answer.allowed);
  const traffic = `traffic ${direction === 'ingress' ? 'from' : 'to'} ${endpointName(model, other)} on ${protocol} ${port}`;
  const part = pieces.length > 1 ? (allowed ? '' : ' (for part of the addresses)') : '';
  const reason = `${direction === 'ingress' ? 'Ingress' : 'Egress'} of ${endpointName(model, subject)}, ${traffic}${part}: ${trailText(shown.trail)}.`;
  const networkPolicy = shown.networkPolicy ?? networkPolicyDirection(model, direction, subject, other, protocol, port, receiver);
  return { allowed, isolated: networkPolicy.isolated, policies: networkPolicy.policies, trail: shown.trail, reason };
}

/** A direction of a connection that cannot be made (no such port): denied, with the policies that select the end. */
function denied(model: ConnectivityModel, direction: Direction, subject: QueryEndpoint, reason: string): DirectionDecision {
  const selecting = 'workload' in subject ? model.selecting(subject.workload, direction) : [];
  return {
    allowed: false,
    isolated: selecting.length > 0,
    policies: selecting.map((policy) => ({ policy, rules: [] })),
    trail: [],
    reason,
  };
}

/** Whether `from` can open a connection to `to` on `port` (a number, or a name resolved at the destination). */
export function queryConnection(
  model: ConnectivityModel,
  from: QueryEndpoint,
  to: QueryEndpoint,
  port: number | string,
  protocol: Protocol,
): QueryDecision {
  let number: number | undefined;
  if (typeof port === 'number') number = port;
  else if ('workload' in to) number = model.workloads[to.workload]!.ports.find((p) => p.name === port && p.protocol === protocol)?.port;
  if (number === undefined || !Number.isInteger(number) || number < 1 || number > 65535) {
    const why =
      typeof port === 'number'
        ? `${port} is not a port number (1-65535).`
        : `${endpointName(model, to)} declares no ${protocol} container port named ${code(port)}, so there is nothing to connect to.`;
    return { allowed: false, egress: denied(model, 'egress', from, why), ingress: denied(model, 'ingress', to, why) };
  }
  const egress = decideDirection(model, 'egress', from, to, protocol, number, to);
  const ingress = decideDirection(model, 'ingress', to, from, protocol, number, to);
  return { allowed: egress.allowed && ingress.allowed, egress, ingress, port: number };
}
