import type { ClusterRule } from '../clusterPolicy/policy';
import type { Protocol } from '../semantics';
import type { TierRule } from './clusterMatch';
import { ALL_PORTS, NO_PORTS, intersectPorts, isNoPorts, portsInclude, subtractPorts, unionPorts, type ProtocolPorts } from './ports';

/**
 * The tiers one direction of a connection goes through (network-policy-api, "Tiers" and
 * "Actions"): the Admin tier's rules, policy by policy in priority order and rule by rule in
 * written order, where the first rule that matches decides (Accept and Deny are final; Pass
 * skips the rest of the Admin tier); then NetworkPolicy, which decides whatever reaches it
 * when a NetworkPolicy selects the pod for that direction (its implicit deny included); then
 * the Baseline tier's rules in the same way (a Pass there goes on to the default); then the
 * default: allowed. Egress is evaluated at the source and ingress at the destination, each
 * through its own tiers: an Admin Accept of egress still needs the destination's ingress.
 */

export type TierName = 'Admin' | 'NetworkPolicy' | 'Baseline';

/** The cluster-wide rules that apply to one pod in one direction, in evaluation order. */
export interface TieredRules {
  readonly admin: readonly TierRule[];
  readonly baseline: readonly TierRule[];
}

export const NO_TIERS: TieredRules = { admin: [], baseline: [] };

export function hasTiers(rules: TieredRules): boolean {
  return rules.admin.length > 0 || rules.baseline.length > 0;
}

/** How one end's rules meet the other end: whether a rule picks it, and the ports it matches there. */
export interface RuleView {
  picks(rule: ClusterRule): boolean;
  ports(rule: ClusterRule): ProtocolPorts;
}

export interface Walked {
  readonly accepted: ProtocolPorts;
  readonly passed: ProtocolPorts;
  /** What no rule of the tier matched. */
  readonly undecided: ProtocolPorts;
}

/** What each rule decided of the ports a tier was walked with (a rule that decided nothing is absent). */
export type TierHits = Map<TierRule, ProtocolPorts>;

/**
 * One tier over the ports still undecided: each rule decides what it matches of them (the
 * rest of the ports the tier was walked with is denied). `hits` collects each rule's share.
 */
export function walkTier(rules: readonly TierRule[], view: RuleView, start: ProtocolPorts, hits?: TierHits): Walked {
  let undecided = start;
  let accepted = NO_PORTS;
  let passed = NO_PORTS;
  for (const tierRule of rules) {
    const { rule } = tierRule;
    if (isNoPorts(undecided)) break;
    if (!view.picks(rule)) continue;
    const hit = intersectPorts(view.ports(rule), undecided);
    if (isNoPorts(hit)) continue;
    hits?.set(tierRule, hit);
    undecided = subtractPorts(undecided, hit);
    if (rule.action === 'Accept') accepted = unionPorts(accepted, hit);
    else if (rule.action === 'Pass') passed = unionPorts(passed, hit);
  }
  return { accepted, passed, undecided };
}

/**
 * The ports one direction allows through the tiers. `networkPolicy` is what the
 * NetworkPolicies selecting the pod allow, or undefined when none selects it for the direction.
 * `hits` collects what each cluster-wide rule decided.
 */
export function tieredPorts(rules: TieredRules, view: RuleView, networkPolicy: ProtocolPorts | undefined, hits?: TierHits): ProtocolPorts {
  const admin = walkTier(rules.admin, view, ALL_PORTS, hits);
  const next = unionPorts(admin.undecided, admin.passed);
  if (networkPolicy !== undefined) return unionPorts(admin.accepted, intersectPorts(next, networkPolicy));
  const baseline = walkTier(rules.baseline, view, next, hits);
  return unionPorts(unionPorts(admin.accepted, baseline.accepted), unionPorts(baseline.passed, baseline.undecided));
}

/** The rule of a tier that decides one port: the first that picks the other end and matches the port. */
export function decidingRule(rules: readonly TierRule[], view: RuleView, protocol: Protocol, port: number): TierRule | undefined {
  return rules.find(({ rule }) => view.picks(rule) && portsInclude(view.ports(rule), protocol, port));
}
