/**
 * The words of the NetworkPolicy API that the engine, the CLI and the client all spell: the
 * port protocols, the rule directions and their `policyTypes` names, the selector operators.
 * One list each, in the API's order, so that checks, completions, pickers and messages agree.
 */

/** Port protocols (`ValidateNetworkPolicyPort`: case-sensitive; TCP when omitted). */
export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export function isProtocol(value: unknown): value is Protocol {
  return PROTOCOLS.includes(value as Protocol);
}

/** The two directions of traffic a policy speaks about, as the spec's keys name them. */
export const DIRECTIONS = ['ingress', 'egress'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** `spec.policyTypes` entries (case-sensitive), by direction. */
export const POLICY_TYPES = ['Ingress', 'Egress'] as const;
export type PolicyType = (typeof POLICY_TYPES)[number];
export const POLICY_TYPE: Readonly<Record<Direction, PolicyType>> = { ingress: 'Ingress', egress: 'Egress' };

export function isPolicyType(value: unknown): value is PolicyType {
  return POLICY_TYPES.includes(value as PolicyType);
}

/** The key of a rule's peers: `from` for ingress, `to` for egress. */
export const PEER_KEY: Readonly<Record<Direction, 'from' | 'to'>> = { ingress: 'from', egress: 'to' };

/** `matchExpressions` operators of a label selector (case-sensitive). */
export const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;
export type Operator = (typeof OPERATORS)[number];

export function isOperator(value: unknown): value is Operator {
  return OPERATORS.includes(value as Operator);
}

/** "a, b and c", "TCP, UDP or SCTP". */
export function listText(parts: readonly string[], joiner: 'and' | 'or' = 'and'): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} ${joiner} ${parts[parts.length - 1]!}`;
}
