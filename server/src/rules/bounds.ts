import type { FieldPath } from '../model/path';
import type { Direction, SemanticPolicy, SemanticRule } from '../model/semantics';
import { PEER_KEY } from '../model/vocabulary';
import type { Finding } from './finding';

/**
 * What the lints can tell of a policy the API server rejects: its readable rest. Each error makes
 * the part around it unknown (the peers or the ports of a rule, a rule, the rules of a direction,
 * the pods it selects, its namespace, its policy types); the lints then run on two bounds of the
 * policy: with the unknown parts allowing nothing (what it surely allows), and with each allowing
 * anything (what it could allow at most, once fixed).
 */

export interface PolicyBounds {
  /** The unknown peers or ports of a rule allowing nothing (its other peers kept), an unknown rule left out. */
  readonly lower: SemanticPolicy;
  /**
   * The unknown parts allowing anything: peers -> every peer, ports -> every port, a rule or a
   * direction's rules -> a rule allowing everything. Undefined when the pods, the namespace or the
   * directions of the policy are unknown.
   */
  readonly upper: SemanticPolicy | undefined;
}

interface RuleUnknowns {
  /** The whole rule (a field of the wrong type, an unknown field in it). */
  whole: boolean;
  /** The `from`/`to` list itself. */
  peerList: boolean;
  /** Peers by index. */
  readonly peers: Set<number>;
  ports: boolean;
}

interface Unknowns {
  /** What was meant cannot be read (the spec itself, a misplaced field). */
  all: boolean;
  subject: boolean;
  namespace: boolean;
  types: boolean;
  readonly directions: Set<Direction>;
  readonly rules: Map<string, RuleUnknowns>;
}

function ruleOf(unknowns: Unknowns, direction: Direction, index: number): RuleUnknowns {
  const key = `${direction}:${index}`;
  let rule = unknowns.rules.get(key);
  if (!rule) {
    rule = { whole: false, peerList: false, peers: new Set(), ports: false };
    unknowns.rules.set(key, rule);
  }
  return rule;
}

/** Marks the part of the policy a finding at `path` (relative to the policy) leaves unknown. */
function mark(unknowns: Unknowns, path: FieldPath): void {
  const [top, field, index, key, item] = path;
  if (top === 'metadata') {
    if (field === undefined || field === 'namespace') unknowns.namespace = true;
    return;
  }
  if (top !== 'spec') {
    // apiVersion and kind do not change what the spec means; another top-level field is a
    // misplaced one (`specs:`), whose meaning is lost.
    if (top !== 'apiVersion' && top !== 'kind' && top !== 'status' && top !== undefined) unknowns.all = true;
    return;
  }
  if (field === 'podSelector') unknowns.subject = true;
  else if (field === 'policyTypes') unknowns.types = true;
  else if (field === 'ingress' || field === 'egress') {
    if (typeof index !== 'number') {
      unknowns.directions.add(field);
      return;
    }
    const rule = ruleOf(unknowns, field, index);
    if (key === PEER_KEY[field]) {
      if (typeof item === 'number') rule.peers.add(item);
      else rule.peerList = true;
    } else if (key === 'ports') rule.ports = true;
    else rule.whole = true;
  } else {
    unknowns.all = true;
  }
}

/** A rule allowing every peer on every port, standing for an unknown rule. */
function anything(direction: Direction, index: number): SemanticRule {
  return { direction, index, peers: 'any', ports: 'all' };
}

/**
 * The bounds of a policy given its API errors (decoding and validation findings, paths relative
 * to the policy). Without errors, both bounds are the policy itself.
 */
export function policyBounds(semantic: SemanticPolicy, errors: readonly Finding[]): PolicyBounds {
  if (errors.length === 0) return { lower: semantic, upper: semantic };
  const unknowns: Unknowns = { all: false, subject: false, namespace: false, types: false, directions: new Set(), rules: new Map() };
  for (const error of errors) mark(unknowns, error.path);
  const lowerRules = (direction: Direction): SemanticRule[] =>
    unknowns.directions.has(direction)
      ? []
      : semantic[direction].flatMap((rule) => {
          const known = unknowns.rules.get(`${direction}:${rule.index}`);
          if (!known) return [rule];
          if (known.whole) return [];
          const peers =
            rule.peers === 'any'
              ? rule.peers
              : known.peerList
                ? []
                : rule.peers.filter((peer) => peer.index === undefined || !known.peers.has(peer.index));
          return [{ ...rule, peers, ports: known.ports ? [] : rule.ports }];
        });
  const lower: SemanticPolicy = { ...semantic, ingress: lowerRules('ingress'), egress: lowerRules('egress'), partial: false };
  if (unknowns.all || unknowns.subject || unknowns.namespace || unknowns.types) return { lower, upper: undefined };
  const upperRules = (direction: Direction): SemanticRule[] => {
    if (unknowns.directions.has(direction)) return [anything(direction, 0)];
    const rules = semantic[direction].map((rule): SemanticRule => {
      const known = unknowns.rules.get(`${direction}:${rule.index}`);
      if (!known) return rule;
      if (known.whole) return anything(direction, rule.index);
      return { ...rule, peers: known.peerList || known.peers.size > 0 ? 'any' : rule.peers, ports: known.ports ? 'all' : rule.ports };
    });
    // A rule the decoder could not read at all is not in the semantic policy.
    for (const [key, known] of unknowns.rules) {
      const [ruleDirection, index] = key.split(':') as [Direction, string];
      if (ruleDirection === direction && known.whole && !rules.some((rule) => rule.index === Number(index)))
        rules.push(anything(direction, Number(index)));
    }
    return rules;
  };
  return { lower, upper: { ...lower, ingress: upperRules('ingress'), egress: upperRules('egress') } };
}
