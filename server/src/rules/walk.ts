import {
  isValid,
  type Decoded,
  type IPBlock,
  type LabelSelector,
  type NetworkPolicy,
  type NetworkPolicyPeer,
  type NetworkPolicyPort,
  type StringMap,
} from '../model/networkPolicy';
import type { FieldPath } from '../model/path';
import { type Direction } from '../model/vocabulary';

/** Walks of a decoded policy, in the order ValidateNetworkPolicySpec visits it. */

export type { Direction } from '../model/vocabulary';

/** The usable items of a decoded list, with their indices (wrong-typed items are skipped). */
export function validItems<T>(list: Decoded<readonly Decoded<T>[]> | undefined): [T, number][] {
  if (!isValid(list)) return [];
  const out: [T, number][] = [];
  list.forEach((item, i) => {
    if (isValid(item)) out.push([item, i]);
  });
  return out;
}

interface RuleView {
  readonly direction: Direction;
  readonly path: FieldPath;
  readonly peerKey: 'from' | 'to';
  readonly ports: Decoded<readonly Decoded<NetworkPolicyPort>[]> | undefined;
  readonly peers: Decoded<readonly Decoded<NetworkPolicyPeer>[]> | undefined;
}

function rulesOf(policy: NetworkPolicy): RuleView[] {
  const spec = policy.spec;
  if (!isValid(spec)) return [];
  return [
    ...validItems(spec.ingress).map(([rule, i]): RuleView => ({
      direction: 'ingress',
      path: ['spec', 'ingress', i],
      peerKey: 'from',
      ports: rule.ports,
      peers: rule.from,
    })),
    ...validItems(spec.egress).map(([rule, i]): RuleView => ({
      direction: 'egress',
      path: ['spec', 'egress', i],
      peerKey: 'to',
      ports: rule.ports,
      peers: rule.to,
    })),
  ];
}

export function forEachPort(policy: NetworkPolicy, visit: (port: NetworkPolicyPort, path: FieldPath) => void): void {
  for (const rule of rulesOf(policy)) {
    for (const [port, j] of validItems(rule.ports)) visit(port, [...rule.path, 'ports', j]);
  }
}

export function forEachPeer(policy: NetworkPolicy, visit: (peer: NetworkPolicyPeer, path: FieldPath, direction: Direction) => void): void {
  for (const rule of rulesOf(policy)) {
    for (const [peer, j] of validItems(rule.peers)) visit(peer, [...rule.path, rule.peerKey, j], rule.direction);
  }
}

/** Every label selector of the spec: `spec.podSelector`, then each peer's selectors. */
export function forEachSelector(policy: NetworkPolicy, visit: (selector: LabelSelector, path: FieldPath) => void): void {
  const spec = policy.spec;
  if (isValid(spec) && isValid(spec.podSelector)) visit(spec.podSelector, ['spec', 'podSelector']);
  forEachPeer(policy, (peer, path) => {
    if (isValid(peer.podSelector)) visit(peer.podSelector, [...path, 'podSelector']);
    if (isValid(peer.namespaceSelector)) visit(peer.namespaceSelector, [...path, 'namespaceSelector']);
  });
}

export function forEachIpBlock(policy: NetworkPolicy, visit: (ipBlock: IPBlock, path: FieldPath) => void): void {
  forEachPeer(policy, (peer, path) => {
    if (isValid(peer.ipBlock)) visit(peer.ipBlock, [...path, 'ipBlock']);
  });
}

/** The readable entries of a decoded string map (a non-string value was already reported). */
export function mapEntries(map: Decoded<StringMap> | undefined): [string, string][] {
  if (!isValid(map)) return [];
  const entries: [string, string][] = [];
  for (const key of Object.keys(map)) {
    const value = map[key]!;
    if (isValid(value)) entries.push([key, value]);
  }
  return entries;
}
