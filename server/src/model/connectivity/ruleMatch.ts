import type { ContainerPort } from '../objects';
import { selectorMatches, type Labels } from '../selector';
import type { IpBlockPeer, PodPeer, SemanticRule } from '../semantics';
import { ipBlockRanges, type AddressRange } from './addresses';
import { ALL_PORTS, MAX_PORT, MIN_PORT, NO_PORTS, portRange, unionPorts, type ProtocolPorts } from './ports';

/** What one rule of the semantic model matches: pods by labels, addresses, ports. */

/** A pod as a peer sees it: its namespace (with the namespace's labels) and its labels. */
export interface PodIdentity {
  readonly namespace: string;
  readonly namespaceLabels: Labels;
  readonly labels: Labels;
  /** It uses its node's network (`hostNetwork: true`): cluster-wide policies do not see it as a pod. */
  readonly hostNetwork?: boolean;
  /** Its recorded addresses (a Pod manifest's `status.podIPs`); none: assigned when it starts. */
  readonly addresses?: readonly AddressRange[];
}

/** Whether a pod peer of a policy in `policyNamespace` picks the pod. */
export function podPeerMatches(peer: PodPeer, policyNamespace: string, pod: PodIdentity): boolean {
  const inNamespace = peer.namespaces === 'own' ? pod.namespace === policyNamespace : selectorMatches(peer.namespaces, pod.namespaceLabels);
  return inNamespace && selectorMatches(peer.pods, pod.labels);
}

/** Whether a rule's peers pick the pod ('any' does; ipBlocks never do: pod IPs are not modelled). */
export function rulePicksPod(rule: SemanticRule, policyNamespace: string, pod: PodIdentity): boolean {
  if (rule.peers === 'any') return true;
  return rule.peers.some((peer) => peer.kind === 'pods' && podPeerMatches(peer, policyNamespace, pod));
}

const addressCache = new WeakMap<SemanticRule, readonly AddressRange[]>();

/** The addresses outside the cluster a rule's peers pick: every one for 'any', the ipBlocks otherwise (parsed once per rule). */
export function ruleAddresses(rule: SemanticRule): 'any' | readonly AddressRange[] {
  if (rule.peers === 'any') return 'any';
  let ranges = addressCache.get(rule);
  if (!ranges) {
    ranges = rule.peers
      .filter((peer): peer is IpBlockPeer => peer.kind === 'ipBlock')
      .flatMap((peer) => ipBlockRanges(peer.cidr, peer.except));
    addressCache.set(rule, ranges);
  }
  return ranges;
}

/**
 * The ports a rule allows towards a destination: `destination` is the receiving pod's
 * container ports (named ports resolve there, by name and protocol), or undefined for an
 * address outside the cluster, where a named port resolves to nothing.
 */
export function rulePorts(rule: SemanticRule, destination: readonly ContainerPort[] | undefined): ProtocolPorts {
  if (rule.ports === 'all') return ALL_PORTS;
  let out = NO_PORTS;
  for (const port of rule.ports) {
    if (port.port === undefined) out = unionPorts(out, portRange(port.protocol, MIN_PORT, MAX_PORT));
    else if (typeof port.port === 'number') out = unionPorts(out, portRange(port.protocol, port.port, port.endPort ?? port.port));
    else {
      for (const container of destination ?? []) {
        if (container.name === port.port && container.protocol === port.protocol)
          out = unionPorts(out, portRange(port.protocol, container.port));
      }
    }
  }
  return out;
}

/** Whether the rule's ports name a container port (then what it allows depends on the destination). */
export function hasNamedPort(rule: SemanticRule): boolean {
  return rule.ports !== 'all' && rule.ports.some((port) => typeof port.port === 'string');
}
