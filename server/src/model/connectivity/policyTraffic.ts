import { isEverything, selectorMatches } from '../selector';
import { satisfiable } from '../selectorLogic';
import type { SemanticPolicy, SemanticRule } from '../semantics';
import type { Protocol } from '../vocabulary';
import { rangesOverlap } from './addresses';
import { appliedPolicies, type AdviceModel } from './adviceModel';
import { portsInclude } from './ports';
import { queryConnection, type QueryEndpoint } from './query';
import { ruleAddresses, rulePicksPod, rulePorts } from './ruleMatch';
import type { ConnectivityModel } from './workspaceModel';

/**
 * What the lints of one policy ask the connectivity model: the cluster of the workspace with this
 * policy applied as written (its other copy of the same name replaced), which workloads it selects
 * and what they can reach. A policy with API errors is asked about at two bounds: `lower` (its
 * parts with errors allowing nothing: what it surely allows once fixed) and `upper` (those parts
 * allowing anything: what it could allow at most). A lint that says something is allowed asks the
 * lower bound; one that says something is blocked asks the upper one, so an error never makes a
 * lint say what it cannot tell.
 */

export type Bound = 'lower' | 'upper';

const DNS_PORT = 53;

export class PolicyTraffic {
  private readonly models = new Map<Bound, ConnectivityModel>();

  constructor(
    private readonly advice: AdviceModel,
    /** What the policy surely allows. */
    readonly lower: SemanticPolicy,
    /** What it could allow at most; undefined when its namespace, pods or directions cannot be told. */
    readonly upper: SemanticPolicy | undefined,
  ) {}

  /** The cluster with the policy at a bound (the upper bound needs `upper`). */
  model(bound: Bound): ConnectivityModel {
    let model = this.models.get(bound);
    if (!model) {
      const policy = bound === 'lower' ? this.lower : this.upper;
      if (!policy) throw new Error('the upper bound of a policy whose pods cannot be told');
      model = this.advice.model.withPolicy(policy);
      this.models.set(bound, model);
    }
    return model;
  }

  /** Whether the workspace declares workloads in the policy's namespace (else the lints reason on selectors). */
  get populated(): boolean {
    return this.declaredIn(this.lower.namespace).length > 0;
  }

  /** The workloads of a namespace the workspace declares (not the model DNS workload). */
  private declaredIn(namespace: string): readonly number[] {
    return this.advice.model.workloadsIn(namespace).filter((i) => i !== this.advice.modelDns);
  }

  /** The declared workloads the policy selects (none when which pods it selects cannot be told). */
  selected(): readonly number[] {
    const upper = this.upper;
    if (!upper) return [];
    const model = this.advice.model;
    return this.declaredIn(upper.namespace).filter((i) => selectorMatches(upper.subject, model.workloads[i]!.podLabels));
  }

  workloadName(workload: number): string {
    return this.advice.model.workloads[workload]!.name;
  }

  /** The DNS endpoints as connection ends. */
  private dnsEnds(): QueryEndpoint[] {
    const dns = this.advice.dns;
    return [...dns.workloads.map((workload) => ({ workload })), ...dns.addresses.map((addresses) => ({ addresses }))];
  }

  /** Whether a workload can open a connection to some DNS endpoint on `protocol` port 53 (its egress and the endpoint's ingress). */
  reachesDns(workload: number, protocol: Protocol, bound: Bound): boolean {
    const model = this.model(bound);
    return this.dnsEnds().some((end) => queryConnection(model, { workload }, end, DNS_PORT, protocol).allowed);
  }

  /** The egress rules of the policy itself (lower bound) that let `protocol` 53 out to a DNS endpoint. */
  ownDnsRules(protocol: Protocol): SemanticRule[] {
    const model = this.model('lower');
    return this.lower.egress.filter((rule) =>
      this.dnsEnds().some((end) => ruleAllowsTo(model, rule, this.lower.namespace, end, protocol, DNS_PORT)),
    );
  }

  /**
   * For pods of the policy's namespace the workspace does not declare: whether some pod the
   * policy selects cannot reach DNS over `blocked` while it can over `allowed` (or, without
   * `allowed`, simply cannot reach DNS over `blocked`). The other policies that might select it are
   * judged by their selectors alone; undefined when that cannot be told (a DNS pod whose ingress
   * depends on the labels of the source, too many combinations of selectors, cluster-wide policies).
   */
  someSelectedPod(blocked: Protocol, allowed?: Protocol): boolean | undefined {
    const upper = this.upper;
    // Cluster-wide policies decide before and after NetworkPolicies: selectors alone cannot tell.
    if (!upper || this.advice.model.hasClusterPolicies) return undefined;
    const blockers = this.policiesAllowingDns(blocked, 'upper');
    if (blockers === undefined || blockers === 'many') return undefined;
    // A policy of the whole namespace lets every pod through.
    if (blockers.some((policy) => isEverything(policy.subject))) return false;
    const escapes = (also: readonly SemanticPolicy[]) =>
      satisfiable(
        [upper.subject, ...also.map((policy) => policy.subject)],
        blockers.map((policy) => policy.subject),
      );
    if (!allowed) return escapes([]);
    const through = this.policiesAllowingDns(allowed, 'lower');
    if (through === undefined || through === 'many') return undefined;
    let unknown = false;
    for (const policy of through) {
      const found = escapes([policy]);
      if (found) return true;
      if (found === undefined) unknown = true;
    }
    return unknown ? undefined : false;
  }

  /**
   * The policies of the namespace (with the policy at `bound`) that let every pod they select
   * reach DNS over `protocol`, whatever its labels; undefined when a DNS pod's ingress depends on
   * them, 'many' when there are too many to reason on (a namespace-wide one aside).
   */
  private policiesAllowingDns(protocol: Protocol, bound: Bound): SemanticPolicy[] | 'many' | undefined {
    const policy = bound === 'lower' ? this.lower : this.upper!;
    const ends = this.dnsEndsAdmitting(policy.namespace, protocol, bound);
    if (!ends) return undefined;
    const model = this.model(bound);
    const allows = (candidate: SemanticPolicy) =>
      candidate.types.egress &&
      candidate.egress.some((rule) => ends.some((end) => ruleAllowsTo(model, rule, candidate.namespace, end, protocol, DNS_PORT)));
    const others = this.othersAllowingDns(policy.namespace, protocol, ends);
    const own = allows(policy) ? [policy] : [];
    const wide = others.find((other) => other.name !== policy.name && isEverything(other.subject));
    if (wide) return [wide, ...own];
    if (others.length > MAX_SELECTORS) return 'many';
    return [...others.filter((other) => other.name !== policy.name), ...own];
  }

  /** The DNS endpoints whose ingress admits every pod of a namespace; undefined when it depends on their labels. */
  private dnsEndsAdmitting(namespace: string, protocol: Protocol, bound: Bound): QueryEndpoint[] | undefined {
    const model = this.model(bound);
    const ends: QueryEndpoint[] = [];
    for (const end of this.dnsEnds()) {
      const admits = 'workload' in end ? admitsNamespace(model, end.workload, namespace, protocol) : true;
      if (admits === undefined) return undefined;
      if (admits) ends.push(end);
    }
    return ends;
  }

  /**
   * The policies of a namespace the workspace applies that let the pods they select out to one of
   * `ends` over `protocol`: asked by every policy of the namespace, so computed once per workspace
   * version (a namespace of 40,000 policies is read once, not 40,000 times).
   */
  private othersAllowingDns(namespace: string, protocol: Protocol, ends: readonly QueryEndpoint[]): readonly SemanticPolicy[] {
    let memo = allowersMemo.get(this.advice);
    if (!memo) allowersMemo.set(this.advice, (memo = new Map<string, readonly SemanticPolicy[]>()));
    const key = JSON.stringify([
      namespace,
      protocol,
      ends.map((end) => ('workload' in end ? end.workload : `${end.addresses.lo}-${end.addresses.hi}`)),
    ]);
    let found = memo.get(key);
    if (!found) {
      const model = this.advice.model;
      found = appliedPolicies(this.advice.view, namespace).filter(
        (candidate) =>
          candidate.types.egress &&
          candidate.egress.some((rule) => ends.some((end) => ruleAllowsTo(model, rule, candidate.namespace, end, protocol, DNS_PORT))),
      );
      memo.set(key, found);
    }
    return found;
  }
}

/** How many selectors the reasoning on selectors alone takes on (beyond that it says nothing). */
const MAX_SELECTORS = 64;

const allowersMemo = new WeakMap<AdviceModel, Map<string, readonly SemanticPolicy[]>>();

/** Whether an egress rule of a policy in `policyNamespace` lets traffic out to `end` on a port (named ports resolve at the end). */
function ruleAllowsTo(
  model: ConnectivityModel,
  rule: SemanticRule,
  policyNamespace: string,
  end: QueryEndpoint,
  protocol: Protocol,
  port: number,
): boolean {
  if ('workload' in end) {
    const receiver = model.workloads[end.workload]!;
    return portsInclude(rulePorts(rule, receiver.ports), protocol, port) && rulePicksPod(rule, policyNamespace, model.pods[end.workload]!);
  }
  if (!portsInclude(rulePorts(rule, undefined), protocol, port)) return false;
  const addresses = ruleAddresses(rule);
  return addresses === 'any' || addresses.some((range) => rangesOverlap(range, end.addresses));
}

/**
 * Whether a workload's ingress admits every pod of a namespace on a port (true), none of them
 * (false), or depends on their labels (undefined).
 */
function admitsNamespace(model: ConnectivityModel, workload: number, namespace: string, protocol: Protocol): boolean | undefined {
  const policies = model.selecting(workload, 'ingress');
  if (policies.length === 0) return true;
  const receiver = model.workloads[workload]!;
  const namespaceLabels = model.namespaceLabels(namespace);
  let some = false;
  for (const policy of policies) {
    for (const rule of policy.ingress) {
      if (!portsInclude(rulePorts(rule, receiver.ports), protocol, DNS_PORT)) continue;
      if (rule.peers === 'any') return true;
      for (const peer of rule.peers) {
        if (peer.kind !== 'pods') continue;
        const inNamespace = peer.namespaces === 'own' ? policy.namespace === namespace : selectorMatches(peer.namespaces, namespaceLabels);
        if (!inNamespace) continue;
        if (isEverything(peer.pods)) return true;
        some = true;
      }
    }
  }
  return some ? undefined : false;
}
