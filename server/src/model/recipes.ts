import type { JsonObject } from './json';
import { type PolicyType } from './vocabulary';

/**
 * The well-known pieces of NetworkPolicies, as the JSON kubectl would send: one source for
 * completion snippets, quick fixes, refactorings and generated policies, so that "Add DNS
 * egress" and the DNS egress template cannot drift apart.
 */

export type { PolicyType } from './vocabulary';

/** Where cluster DNS runs: the pods a DNS egress rule must reach. */
export interface DnsTarget {
  /** Selected by the immutable `kubernetes.io/metadata.name` label, which every namespace has. */
  readonly namespace: string;
  readonly podLabels: Readonly<Record<string, string>>;
  /**
   * Addresses pods also send DNS queries to, outside any pod selector: a node-local DNS cache
   * (169.254.20.10) or a DNS server outside the cluster. Each is an address or a CIDR.
   */
  readonly addresses: readonly string[];
}

/** kube-dns and CoreDNS both run as `k8s-app: kube-dns` in kube-system on kubeadm, EKS, GKE and AKS. */
export const DEFAULT_DNS_TARGET: DnsTarget = { namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' }, addresses: [] };

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** The namespaceSelector of one namespace, by its name label. */
export function namespaceByName(namespace: string): JsonObject {
  return { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } };
}

/** One peer, both selectors (AND): the DNS pods in the DNS namespace, not every pod there. */
export function dnsPeer(target: DnsTarget = DEFAULT_DNS_TARGET): JsonObject {
  return { namespaceSelector: namespaceByName(target.namespace), podSelector: { matchLabels: { ...target.podLabels } } };
}

/** DNS is UDP 53, and TCP 53 for answers too large for UDP (and DNS over TCP clients). */
export function dnsPorts(): JsonObject[] {
  return [
    { protocol: 'UDP', port: 53 },
    { protocol: 'TCP', port: 53 },
  ];
}

/** The DNS pods, and the other DNS addresses of the settings (a node-local cache) as ipBlocks. */
export function dnsEgressRule(target: DnsTarget = DEFAULT_DNS_TARGET): JsonObject {
  const addresses = target.addresses.map((address) => ({
    ipBlock: { cidr: address.includes('/') ? address : `${address}/${address.includes(':') ? 128 : 32}` },
  }));
  return { to: [dnsPeer(target), ...addresses], ports: dnsPorts() };
}

/** A complete NetworkPolicy document. */
export function networkPolicy(name: string, namespace: string, spec: JsonObject): JsonObject {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

/** Every pod of the namespace, isolated in the given directions with no rule: deny all of it. */
export function defaultDenySpec(types: readonly PolicyType[]): JsonObject {
  return { podSelector: {}, policyTypes: [...types] };
}

/** The conventional name of a default-deny policy for the given directions. */
export function defaultDenyName(types: readonly PolicyType[]): string {
  if (types.length === 2) return 'default-deny-all';
  return types[0] === 'Egress' ? 'default-deny-egress' : 'default-deny-ingress';
}
