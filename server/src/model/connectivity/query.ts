import { code } from '../phrases';
import type { Direction, Protocol, SemanticPolicy, SemanticRule } from '../semantics';
import { rangesOverlap, rangeToCidrs, type AddressRange } from './addresses';
import { portsInclude } from './ports';
import { ruleAddresses, rulePicksPod, rulePorts } from './ruleMatch';
import type { ConnectivityModel } from './workspaceModel';

/**
 * One question: can `from` open a connection to `to` on a port? Answered from the same rule
 * semantics as the full map, keeping the policies and rules that decided each direction.
 */

/** A workload (index into the model) or addresses outside the cluster. */
export type QueryEndpoint = { readonly workload: number } | { readonly addresses: AddressRange };

export interface PolicyDecision {
  readonly policy: SemanticPolicy;
  /** Its rules (of this direction) that allow the connection; none when it only isolates. */
  readonly rules: readonly SemanticRule[];
}

export interface DirectionDecision {
  readonly allowed: boolean;
  readonly isolated: boolean;
  /** The policies that select the pod in this direction. */
  readonly policies: readonly PolicyDecision[];
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

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Whether the union of `ranges` covers all of `target`. */
function covers(ranges: readonly AddressRange[], target: AddressRange): boolean {
  const sorted = ranges.filter((r) => r.family === target.family).sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  let next = target.lo;
  for (const range of sorted) {
    if (range.lo > next) break;
    if (range.hi >= next) next = range.hi + 1n;
    if (next > target.hi) return true;
  }
  return next > target.hi;
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
      reason: `${direction === 'ingress' ? 'Ingress' : 'Egress'} of addresses outside the cluster is not governed by NetworkPolicy.`,
    };
  }
  const selecting = model.selecting(subject.workload, direction);
  const who = endpointName(model, subject);
  if (selecting.length === 0) {
    return {
      allowed: true,
      isolated: false,
      policies: [],
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
  if (!('workload' in other)) allowed = covers(granted, other.addresses);
  const by = `${who} is isolated for ${direction} by ${selecting.length === 1 ? 'policy' : 'policies'} ${selecting.map((policy) => code(policy.name)).join(', ')}`;
  const traffic = `traffic ${direction === 'ingress' ? 'from' : 'to'} ${endpointName(model, other)} on ${protocol} ${port}`;
  const ruleCount = policies.reduce((sum, decision) => sum + decision.rules.length, 0);
  const reason = allowed
    ? `${by}; ${plural(ruleCount, 'rule')} of ${selecting.length === 1 ? 'it' : 'them'} ${ruleCount === 1 ? 'allows' : 'allow'} ${traffic}.`
    : ruleCount > 0
      ? `${by}; their rules allow ${traffic} for only part of the addresses.`
      : `${by}, and no rule of ${selecting.length === 1 ? 'it' : 'them'} allows ${traffic}.`;
  return { allowed, isolated: true, policies, reason };
}

/** A direction of a connection that cannot be made (no such port): denied, with the policies that select the end. */
function denied(model: ConnectivityModel, direction: Direction, subject: QueryEndpoint, reason: string): DirectionDecision {
  const selecting = 'workload' in subject ? model.selecting(subject.workload, direction) : [];
  return { allowed: false, isolated: selecting.length > 0, policies: selecting.map((policy) => ({ policy, rules: [] })), reason };
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
