import type { KubernetesVersion } from '../model/k8sVersion';
import type { NetworkPolicy } from '../model/networkPolicy';
import type { FieldPath } from '../model/path';
import { buildSemanticPolicy, type Peer, type SemanticPolicy } from '../model/semantics';
import { decodePolicy, policiesOf, type PolicyLocation } from '../rules/validateDocument';
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
  const { policy } = decodePolicy(location, version);
  const semantic = buildSemanticPolicy(policy, defaultNamespace);
  const path = cursor.path.slice(location.path.length);
  return { cursor, location, policy, semantic, path, part: partOf(path) };
}

/** The semantic peer a part names (undefined when the policy could not be fully understood). */
export function peerOf(semantic: SemanticPolicy, part: PolicyPart): Peer | undefined {
  if (part.kind !== 'peer' || semantic.partial) return undefined;
  const rule = (part.direction === 'ingress' ? semantic.ingress : semantic.egress).find((r) => r.index === part.rule);
  return rule && rule.peers !== 'any' ? rule.peers[part.peer] : undefined;
}
