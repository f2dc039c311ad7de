import type { KubernetesVersion } from '../model/k8sVersion';
import {
  isValid,
  type NetworkPolicy,
  type NetworkPolicyEgressRule,
  type NetworkPolicyIngressRule,
  type NetworkPolicySpec,
} from '../model/networkPolicy';
import type { FieldPath } from '../model/path';
import type { Selector } from '../model/selector';
import { buildSemanticPolicy, type Peer, type SemanticPolicy } from '../model/semantics';
import { understandPolicy } from '../rules/understood';
import { policiesOf, type PolicyLocation } from '../rules/validateDocument';
import type { YamlFile } from '../yaml/file';
import { cursorAt, type CursorContext } from '../yaml/cursor';

/** The part of a policy a cursor is on, for navigation and hovers. */
export type PolicyPart =
  | { readonly kind: 'subject' }
  | {
      readonly kind: 'peer';
      readonly direction: 'ingress' | 'egress';
      readonly rule: number;
      readonly peer: number;
      readonly field?: 'podSelector' | 'namespaceSelector' | 'ipBlock';
    }
  | { readonly kind: 'other' };

export interface PolicyAtCursor {
  readonly cursor: CursorContext;
  readonly location: PolicyLocation;
  readonly policy: NetworkPolicy;
  readonly semantic: SemanticPolicy;
  /** The cursor's path inside the policy. */
  readonly path: FieldPath;
  readonly part: PolicyPart;
}

function partOf(path: FieldPath): PolicyPart {
  if (path[0] !== 'spec') return { kind: 'other' };
  if (path[1] === 'podSelector') return { kind: 'subject' };
  const direction = path[1];
  if (
    (direction === 'ingress' || direction === 'egress') &&
    typeof path[2] === 'number' &&
    (path[3] === 'from' || path[3] === 'to') &&
    typeof path[4] === 'number'
  ) {
    const field = path[5];
    return {
      kind: 'peer',
      direction,
      rule: path[2],
      peer: path[4],
      ...(field === 'podSelector' || field === 'namespaceSelector' || field === 'ipBlock' ? { field } : {}),
    };
  }
  return { kind: 'other' };
}

/** The NetworkPolicy under a file offset, with what it means and which part of it the cursor is on. */
export function policyAt(file: YamlFile, offset: number, version: KubernetesVersion, defaultNamespace: string): PolicyAtCursor | undefined {
  const cursor = cursorAt(file, offset);
  if (!cursor) return undefined;
  const location = policiesOf(cursor.doc.json).find((candidate) => candidate.path.every((segment, i) => cursor.path[i] === segment));
  if (!location) return undefined;
  const { policy, semantic } = understandPolicy(location, version, defaultNamespace);
  const path = cursor.path.slice(location.path.length);
  return { cursor, location, policy, semantic, path, part: partOf(path) };
}

/**
 * The meaning of one selector or peer of a policy, on its own: a policy with an unrelated
 * mistake (say `protocol: tcp`) still has a readable podSelector to navigate from. Built by
 * giving the semantic model a policy that holds only that part.
 */
function partMeaning(found: PolicyAtCursor, spec: NetworkPolicySpec): SemanticPolicy | undefined {
  const meaning = buildSemanticPolicy({ spec }, found.semantic.namespace);
  return meaning.partial ? undefined : { ...meaning, namespace: found.semantic.namespace };
}

/** The pods the policy applies to, when its podSelector is readable. */
export function subjectOf(found: PolicyAtCursor): Selector | undefined {
  const spec = isValid(found.policy.spec) ? found.policy.spec : undefined;
  return partMeaning(found, spec?.podSelector === undefined ? {} : { podSelector: spec.podSelector })?.subject;
}

/** The peer the cursor is on, when it is readable. */
export function peerOf(found: PolicyAtCursor): Peer | undefined {
  const { part } = found;
  const spec = isValid(found.policy.spec) ? found.policy.spec : undefined;
  if (part.kind !== 'peer' || !spec) return undefined;
  const rules = part.direction === 'ingress' ? spec.ingress : spec.egress;
  const rule = isValid(rules) ? rules[part.rule] : undefined;
  if (!isValid(rule)) return undefined;
  const peers = part.direction === 'ingress' ? (rule as NetworkPolicyIngressRule).from : (rule as NetworkPolicyEgressRule).to;
  const peer = isValid(peers) ? peers[part.peer] : undefined;
  if (!isValid(peer)) return undefined;
  const only: NetworkPolicySpec = part.direction === 'ingress' ? { ingress: [{ from: [peer] }] } : { egress: [{ to: [peer] }] };
  const meaning = partMeaning(found, only);
  const rulesMeant = part.direction === 'ingress' ? meaning?.ingress : meaning?.egress;
  const first = rulesMeant?.[0]?.peers;
  return first && first !== 'any' ? first[0] : undefined;
}
