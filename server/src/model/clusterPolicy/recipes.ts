import type { JsonObject } from '../json';
import { namespaceByName, type DnsTarget } from '../recipes';
import type { Protocol } from '../vocabulary';
import { apiVersionOf, type ClusterAction, type Tier } from './api';

/**
 * The JSON shapes of ClusterNetworkPolicy (v1alpha2) that snippets, templates and refactorings
 * assemble: one place for the policy, its peers and its protocols.
 */

export function clusterNetworkPolicy(name: string, tier: Tier, priority: number | string, spec: JsonObject): JsonObject {
  return {
    apiVersion: apiVersionOf('ClusterNetworkPolicy'),
    kind: 'ClusterNetworkPolicy',
    metadata: { name },
    spec: { tier, priority, ...spec },
  };
}

/** Every pod of the namespaces a selector picks. */
export function namespacesPeer(namespaces: JsonObject = {}): JsonObject {
  return { namespaces };
}

/** The pods with `podSelector` in the namespaces of `namespaceSelector` (both `{}`: every pod). */
export function podsPeer(namespaceSelector: JsonObject, podSelector: JsonObject): JsonObject {
  return { pods: { namespaceSelector, podSelector } };
}

export interface ClusterPortSpec {
  readonly protocol: Protocol;
  readonly port: number | string;
  readonly endPort?: number | string;
}

/** v1alpha2 `protocols` items: one protocol with a number or a range each. */
export function protocols(ports: readonly ClusterPortSpec[]): JsonObject[] {
  return ports.map((p) => {
    const destinationPort: JsonObject = p.endPort === undefined ? { number: p.port } : { range: { start: p.port, end: p.endPort } };
    return { [p.protocol.toLowerCase()]: { destinationPort } };
  });
}

export function clusterRule(
  action: ClusterAction,
  peerKey: 'from' | 'to',
  peers: readonly JsonObject[],
  ports: readonly ClusterPortSpec[] = [],
  name?: string,
): JsonObject {
  return {
    ...(name !== undefined ? { name } : {}),
    action,
    [peerKey]: [...peers],
    ...(ports.length ? { protocols: protocols(ports) } : {}),
  };
}

/** DNS to the cluster's DNS pods: UDP and TCP port 53. */
export function dnsAcceptRule(dns: DnsTarget, action: ClusterAction = 'Accept'): JsonObject {
  return clusterRule(
    action,
    'to',
    [podsPeer(namespaceByName(dns.namespace), { matchLabels: { ...dns.podLabels } })],
    [
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 53 },
    ],
    'allow-dns',
  );
}
