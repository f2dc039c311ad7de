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

interface PeerAt {
  readonly peer: NetworkPolicyPeer;
  readonly path: FieldPath;
  readonly direction: Direction;
}

/**
 * The peers of a policy with their paths, listed once per decoded policy: every API rule
 * walks them, and a rule of 50,000 peers is checked again on every edit.
 */
const peersOfPolicy = new WeakMap<NetworkPolicy, readonly PeerAt[]>();

function peersOf(policy: NetworkPolicy): readonly PeerAt[] {
  let peers = peersOfPolicy.get(policy);
  if (!peers) {
    const list: PeerAt[] = [];
    for (const rule of rulesOf(policy)) {
      for (const [peer, j] of validItems(rule.peers)) list.push({ peer, path: [...rule.path, rule.peerKey, j], direction: rule.direction });
    }
    peersOfPolicy.set(policy, (peers = list));
  }
  return peers;
}

export function forEachPeer(policy: NetworkPolicy, visit: (peer: NetworkPolicyPeer, path: FieldPath, direction: Direction) => void): void {
  for (const { peer, path, direction } of peersOf(policy)) visit(peer, path, direction);
}

/** Every label selector of the spec: `spec.podSelector`, then each peer's selectors (listed once per policy, as the peers). */
export function forEachSelector(policy: NetworkPolicy, visit: (selector: LabelSelector, path: FieldPath) => void): void {
  let selectors = selectorsOfPolicy.get(policy);
  if (!selectors) {
    const list: { selector: LabelSelector; path: FieldPath }[] = [];
    const spec = policy.spec;
    if (isValid(spec) && isValid(spec.podSelector)) list.push({ selector: spec.podSelector, path: ['spec', 'podSelector'] });
    for (const { peer, path } of peersOf(policy)) {
      if (isValid(peer.podSelector)) list.push({ selector: peer.podSelector, path: [...path, 'podSelector'] });
      if (isValid(peer.namespaceSelector)) list.push({ selector: peer.namespaceSelector, path: [...path, 'namespaceSelector'] });
    }
    selectorsOfPolicy.set(policy, (selectors = list));
  }
  for (const { selector, path } of selectors) visit(selector, path);
}

const selectorsOfPolicy = new WeakMap<NetworkPolicy, readonly { readonly selector: LabelSelector; readonly path: FieldPath }[]>();

export function forEachIpBlock(policy: NetworkPolicy, visit: (ipBlock: IPBlock, path: FieldPath) => void): void {
  forEachPeer(policy, (peer, path) => {
    if (isValid(peer.ipBlock)) visit(peer.ipBlock, [...path, 'ipBlock']);
  });
}

/** The readable entries of a decoded string map (a non-string value was already reported); remembered per map, read, never changed. */
export function mapEntries(map: Decoded<StringMap> | undefined): readonly (readonly [string, string])[] {
  if (!isValid(map)) return [];
  let entries = entriesOfMap.get(map);
  if (!entries) {
    const list: [string, string][] = [];
    for (const key of Object.keys(map)) {
      const value = map[key]!;
      if (isValid(value)) list.push([key, value]);
    }
    entriesOfMap.set(map, (entries = list));
  }
  return entries;
}

const entriesOfMap = new WeakMap<StringMap, readonly (readonly [string, string])[]>();
