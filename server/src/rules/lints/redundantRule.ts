import type { Peer, PortRange, SemanticRule } from '../../model/semantics';
import { formatPath } from '../../model/path';
import type { PolicyLint } from '../lint';
import { withHint } from '../messages';
import { enforcedRules, peerKey } from './policyWording';
import { DIRECTIONS } from '../../model/vocabulary';

/** Every peer of `inner` is also a peer of `outer` ('any' covers every peer). Conservative: equal peers only. */
function peersCovered(inner: SemanticRule['peers'], outer: SemanticRule['peers']): boolean {
  if (outer === 'any') return true;
  if (inner === 'any') return false;
  const written = peerKeys(outer);
  return inner.every((peer) => written.has(peerKey(peer)));
}

/** The keys of a rule's peers, once per list of peers (each rule is compared with every other). */
function peerKeys(peers: readonly Peer[]): ReadonlySet<string> {
  let keys = keysOfPeers.get(peers);
  if (!keys) {
    keys = new Set(peers.map(peerKey));
    keysOfPeers.set(peers, keys);
  }
  return keys;
}

const keysOfPeers = new WeakMap<readonly Peer[], ReadonlySet<string>>();

/** Every connection `inner` allows on some port, `outer` allows on that port. */
function portCovered(inner: PortRange, outer: PortRange): boolean {
  if (inner.protocol !== outer.protocol) return false;
  if (outer.port === undefined) return true;
  if (inner.port === undefined) return false;
  if (typeof inner.port === 'string' || typeof outer.port === 'string') return inner.port === outer.port;
  const innerEnd = inner.endPort ?? inner.port;
  const outerEnd = outer.endPort ?? outer.port;
  return inner.port >= outer.port && innerEnd <= outerEnd;
}

function portsCovered(inner: SemanticRule['ports'], outer: SemanticRule['ports']): boolean {
  if (outer === 'all') return true;
  if (inner === 'all') return false;
  return inner.every((port) => outer.some((other) => portCovered(port, other)));
}

function covers(outer: SemanticRule, inner: SemanticRule): boolean {
  return peersCovered(inner.peers, outer.peers) && portsCovered(inner.ports, outer.ports);
}

/** A rule that another rule of the same direction already covers, or a peer written twice in one rule. */
export const redundantRule: PolicyLint<'redundant-rule', { readonly coveredBy: number } | { readonly duplicateOf: number }> = {
  meta: {
    id: 'redundant-rule',
    title: 'Redundant rule or peer',
    category: 'lint',
    severity: 'info',
    description:
      'A rule whose peers and ports are all covered by another rule of the same direction, or a peer that repeats another peer of its rule: removing it changes nothing.',
  },
  scope: 'policy',
  check({ policy, semantic, report }) {
    for (const direction of DIRECTIONS) {
      const rules = enforcedRules(policy, semantic, direction);
      for (const source of rules) {
        const rule = source.rule;
        // Of two equal rules, the later one is the redundant one.
        const covering = rules.find(
          (other) => other !== source && covers(other.rule, rule) && !(covers(rule, other.rule) && other.rule.index > rule.index),
        );
        if (covering) {
          const other = formatPath(covering.path);
          const same = covers(rule, covering.rule);
          report({
            path: source.path,
            message: withHint(
              same
                ? `This rule allows exactly what ${other} allows (the same ${source.peerKey === 'from' ? 'sources' : 'destinations'} and ports), so it has no effect`
                : `Everything this rule allows, ${other} allows too (its ${source.peerKey} and ports include all of this rule's), so it has no effect`,
              'Delete it, or change it if it was meant to allow something else',
            ),
            data: { coveredBy: covering.rule.index },
          });
        }
        const peers = rule.peers;
        if (peers === 'any') continue;
        const firsts = new Map<string, number>();
        peers.forEach((peer, j) => {
          const key = peerKey(peer);
          const first = firsts.get(key) ?? j;
          if (first === j) {
            firsts.set(key, j);
            return;
          }
          report({
            path: [...source.path, source.peerKey, j],
            message: withHint(
              `This peer repeats ${formatPath([...source.path, source.peerKey, first])}, so it has no effect`,
              'Delete it, or change it if it was meant to select something else',
            ),
            data: { duplicateOf: first },
          });
        });
      }
    }
  },
};
