import { ipNetContains, parseCidrSloppy, to4, type GoIpNet } from '../../model/cidr';
import {
  isValid,
  type Decoded,
  type NetworkPolicy,
  type NetworkPolicyEgressRule,
  type NetworkPolicyIngressRule,
  type NetworkPolicyPeer,
} from '../../model/networkPolicy';
import type { FieldPath } from '../../model/path';
import { portLabel } from '../../model/phrases';
import type { Direction, Peer, SemanticPolicy, SemanticRule } from '../../model/semantics';
import { isPolicyType, listText, type PolicyType } from '../../model/vocabulary';
import type { Requirement, Selector } from '../../model/selector';

/**
 * Shared by the policy-scope lints: the rules of a policy with their decoded source (their
 * messages word selectors, peers and ports through model/phrases.ts).
 */

/** A rule as understood, with the rule as written (to tell a missing list from an empty one). */
export interface RuleSource {
  readonly rule: SemanticRule;
  readonly path: FieldPath;
  /** `from` or `to`. */
  readonly peerKey: 'from' | 'to';
  /** The peers as written, by index (the same order as `rule.peers` when it is a list). */
  readonly rawPeers: readonly NetworkPolicyPeer[];
  /** Whether `from`/`to` and `ports` are written at all (possibly as `[]`). */
  readonly hasPeerKey: boolean;
  readonly hasPortsKey: boolean;
}

function items<T>(value: Decoded<readonly Decoded<T>[]> | undefined): T[] {
  return isValid(value) ? value.filter((item): item is T => isValid(item)) : [];
}

/**
 * The rules of one direction that take effect: none when the policy's (effective)
 * policyTypes leave the direction out (`rules-ignored-by-policy-types` reports those).
 * Lints run only on policies whose meaning is complete, so every rule, peer and port
 * written is in the semantic model, at its own index.
 */
export function enforcedRules(policy: NetworkPolicy, semantic: SemanticPolicy, direction: Direction): RuleSource[] {
  if (!semantic.types[direction]) return [];
  const spec = isValid(policy.spec) ? policy.spec : undefined;
  const written = isValid(spec?.[direction]) ? spec[direction] : [];
  return semantic[direction].map((rule) => {
    const item = written[rule.index];
    const raw: NetworkPolicyIngressRule & NetworkPolicyEgressRule = isValid(item) ? item : {};
    const peers = direction === 'ingress' ? raw.from : raw.to;
    return {
      rule,
      path: ['spec', direction, rule.index],
      peerKey: direction === 'ingress' ? 'from' : 'to',
      rawPeers: items(peers),
      hasPeerKey: peers !== undefined,
      hasPortsKey: raw.ports !== undefined,
    };
  });
}

/** The entries of `spec.policyTypes` when the API server accepts them (at most two, each Ingress or Egress). */
export function writtenPolicyTypes(policy: NetworkPolicy): PolicyType[] | undefined {
  const spec = isValid(policy.spec) ? policy.spec : undefined;
  if (!spec || !isValid(spec.policyTypes)) return undefined;
  const entries = spec.policyTypes;
  if (entries.length > 2) return undefined;
  const out: PolicyType[] = [];
  for (const entry of entries) {
    if (!isPolicyType(entry)) return undefined;
    out.push(entry);
  }
  return out;
}

// ---------------------------------------------------------------- ports

/** "on TCP 80 and the UDP port named dns", "on all ports and protocols". */
export function portsText(ports: SemanticRule['ports']): string {
  if (ports === 'all') return 'on all ports and protocols';
  return `on ${listText(ports.map((port) => (typeof port.port === 'string' ? `the ${portLabel(port)}` : portLabel(port))))}`;
}

// ---------------------------------------------------------------- structural equality

function requirementKey(requirement: Requirement): string {
  return JSON.stringify([requirement.key, requirement.operator, [...new Set(requirement.values)].sort()]);
}

/** A selector's requirements, in order and without repeats: equal for selectors written the same way up to order. */
function selectorKey(selector: Selector): string[] {
  return [...new Set(selector.requirements.map(requirementKey))].sort();
}

/**
 * A peer as written up to the order inside selectors and `except`: equal keys are equal peers.
 * Remembered per peer: a rule of 50,000 peers compares each with the others through a map
 * of keys, not pair by pair.
 */
export function peerKey(peer: Peer): string {
  let key = peerKeys.get(peer);
  if (key === undefined) {
    key =
      peer.kind === 'ipBlock'
        ? JSON.stringify(['ipBlock', peer.cidr, [...new Set(peer.except)].sort()])
        : JSON.stringify(['pods', peer.namespaces === 'own' ? 'own' : selectorKey(peer.namespaces), selectorKey(peer.pods)]);
    peerKeys.set(peer, key);
  }
  return key;
}

const peerKeys = new WeakMap<Peer, string>();

// ---------------------------------------------------------------- CIDRs

/** A parsed CIDR as an address family and a prefix within it (IPv4-mapped IPv6 counts as IPv4). */
export interface Network {
  readonly net: GoIpNet;
  readonly family: 4 | 6;
  readonly prefixLength: number;
}

export function parseNetwork(cidr: string): Network | undefined {
  const net = parseCidrSloppy(cidr);
  if (!net) return undefined;
  if (net.bits === 32) return { net, family: 4, prefixLength: net.prefixLength };
  if (net.prefixLength >= 96 && to4(net.network)) return { net, family: 4, prefixLength: net.prefixLength - 96 };
  return { net, family: 6, prefixLength: net.prefixLength };
}

/** Whether every address of `inner` is in `outer` (Go's `Contains` on the network address, same family, no shorter prefix). */
export function networkWithin(inner: Network, outer: Network): boolean {
  return inner.family === outer.family && inner.prefixLength >= outer.prefixLength && ipNetContains(outer.net, inner.net.network);
}
