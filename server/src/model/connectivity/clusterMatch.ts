import type { ClusterPeer, ClusterPolicy, ClusterRule } from '../clusterPolicy/policy';
import type { ContainerPort } from '../objects';
import { selectorMatches } from '../selector';
import type { Direction, PodPeer } from '../semantics';
import { cidrRange, EVERY_ADDRESS, rangesCover, type AddressRange, type Family } from './addresses';
import { ALL_PORTS, MAX_PORT, MIN_PORT, NO_PORTS, portRange, unionPorts, type ProtocolPorts } from './ports';
import type { PodIdentity } from './ruleMatch';

/**
 * What the rules of a cluster-wide policy (ClusterNetworkPolicy, AdminNetworkPolicy,
 * BaselineAdminNetworkPolicy) match, as the network-policy-api Go types document it:
 * host-networked pods are neither subjects nor `namespaces`/`pods` peers; a `networks` peer
 * is checked against cluster-internal traffic too, so it matches a pod whose address it
 * covers; `nodes` and `domainNames` peers name addresses the workspace does not know, so they
 * match no workload and no address here.
 */

/** A rule with its policy, in a tier's evaluation order. */
export interface TierRule {
  readonly policy: ClusterPolicy;
  readonly rule: ClusterRule;
}

/** Where pod addresses may be when a pod's own are not recorded: `netpol.cluster.podCIDRs`, else anywhere. */
export interface PodAddressSpace {
  readonly ranges: readonly AddressRange[];
}

export function podAddressSpace(podCIDRs: readonly string[]): PodAddressSpace {
  const ranges = podCIDRs.flatMap((cidr) => cidrRange(cidr) ?? []);
  return { ranges: ranges.length ? ranges : EVERY_ADDRESS };
}

/** Whether the policy applies to the pod (its subject selects it; host-networked pods never). */
export function subjectSelects(policy: ClusterPolicy, pod: PodIdentity): boolean {
  if (pod.hostNetwork) return false;
  return selectorMatches(policy.subject.namespaces, pod.namespaceLabels) && selectorMatches(policy.subject.pods, pod.labels);
}

/** The rules of the policy for a direction of its subjects (none: it does not affect that direction). */
export function rulesFor(policy: ClusterPolicy, direction: Direction): readonly ClusterRule[] {
  return direction === 'ingress' ? policy.ingress : policy.egress;
}

const networkCache = new WeakMap<ClusterPeer, readonly AddressRange[]>();

/** A `networks` peer's addresses (an unreadable CIDR is left out: the API server rejects it). */
export function peerNetworks(peer: ClusterPeer): readonly AddressRange[] {
  if (peer.kind !== 'networks') return [];
  let ranges = networkCache.get(peer);
  if (!ranges) {
    ranges = peer.cidrs.flatMap((cidr) => cidrRange(cidr) ?? []);
    networkCache.set(peer, ranges);
  }
  return ranges;
}

const ruleNetworkCache = new WeakMap<ClusterRule, readonly AddressRange[]>();

/** Every address the rule's `networks` peers name. */
export function ruleNetworks(rule: ClusterRule): readonly AddressRange[] {
  let ranges = ruleNetworkCache.get(rule);
  if (!ranges) {
    ranges = rule.peers.flatMap(peerNetworks);
    ruleNetworkCache.set(rule, ranges);
  }
  return ranges;
}

/**
 * Whether `networks` cover the pod: every address the pod has, when its manifest records
 * them; otherwise (its address is assigned when it starts) every address it may get, in one
 * family: all of the pod CIDRs of that family.
 */
export function networksCoverPod(networks: readonly AddressRange[], pod: PodIdentity, space: PodAddressSpace): boolean {
  if (networks.length === 0) return false;
  if (pod.addresses && pod.addresses.length) return pod.addresses.every((address) => rangesCover(networks, address));
  return ([4, 6] as Family[]).some((family) => {
    const possible = space.ranges.filter((range) => range.family === family);
    return possible.length > 0 && possible.every((range) => rangesCover(networks, range));
  });
}

function podPeerPicks(peer: PodPeer, pod: PodIdentity): boolean {
  if (pod.hostNetwork) return false;
  return peer.namespaces !== 'own' && selectorMatches(peer.namespaces, pod.namespaceLabels) && selectorMatches(peer.pods, pod.labels);
}

/** Whether the rule's peers pick the pod at the other end. */
export function clusterRulePicksPod(rule: ClusterRule, pod: PodIdentity, space: PodAddressSpace): boolean {
  for (const peer of rule.peers) {
    if (peer.kind === 'pods' ? podPeerPicks(peer, pod) : peer.kind === 'networks' && networksCoverPod(peerNetworks(peer), pod, space))
      return true;
  }
  return false;
}

/** Whether the rule's `networks` pick the address range (which lies wholly inside or outside each of them). */
export function clusterRulePicksAddresses(rule: ClusterRule, range: AddressRange): boolean {
  return ruleNetworks(rule).some((network) => network.family === range.family && network.lo <= range.lo && range.hi <= network.hi);
}

/**
 * The ports a rule matches towards a destination: `destination` is the receiving pod's
 * container ports (a `destinationNamedPort` / `namedPort` resolves there, by name, in its own
 * protocol), or undefined for an address outside the cluster, where a named port is nothing.
 */
export function clusterRulePorts(rule: ClusterRule, destination: readonly ContainerPort[] | undefined): ProtocolPorts {
  if (rule.ports === 'all') return ALL_PORTS;
  let out = NO_PORTS;
  for (const port of rule.ports) {
    if ('namedPort' in port) {
      for (const container of destination ?? [])
        if (container.name === port.namedPort) out = unionPorts(out, portRange(container.protocol, container.port));
    } else if ('protocol' in port && !('empty' in port)) {
      out = unionPorts(out, portRange(port.protocol, port.port ?? MIN_PORT, port.endPort ?? port.port ?? MAX_PORT));
    }
  }
  return out;
}

/** Whether what the rule matches depends on the destination's container ports. */
export function clusterRuleHasNamedPort(rule: ClusterRule): boolean {
  return rule.ports !== 'all' && rule.ports.some((port) => 'namedPort' in port);
}

/**
 * The evaluation order of a tier: lower priority first (a BaselineAdminNetworkPolicy has none,
 * and is alone in its kind), then, for equal priorities, by kind and name. The API leaves the
 * order of equal priorities undefined; a fixed order keeps answers stable, and the lint on
 * same-priority overlaps says when it matters.
 */
export function tierOrder(a: ClusterPolicy, b: ClusterPolicy): number {
  const pa = a.priority ?? -1;
  const pb = b.priority ?? -1;
  if (pa !== pb) return pa - pb;
  return a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
