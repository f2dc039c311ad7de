import { isValid, type LabelSelector, type NetworkPolicy } from '../../model/networkPolicy';
import type { FieldPath } from '../../model/path';
import { toSelector, type Selector } from '../../model/selector';
import type { SemanticPolicy } from '../../model/semantics';
import { understandPolicy } from '../../rules/understood';
import { policiesOf } from '../../rules/validateDocument';
import type { CompletionContext, Entries } from '../../yaml/completionContext';
import { documentAt } from '../../yaml/cursor';
import type { YamlFile } from '../../yaml/file';
import type { AnalysisSettings } from '../settings';

/** The NetworkPolicy a completion is asked in: where it sits in its document, and what it means so far. */
export interface PolicyScope {
  /** The policy's path in the document: `[]`, or `['items', i]` in a List. */
  readonly root: FieldPath;
  /** The slot's path inside the policy. */
  readonly path: FieldPath;
  readonly namespace: string;
  /** The policy as last parsed, when its document parses (half-typed text often does not). */
  readonly semantic: SemanticPolicy | undefined;
  /** The decoded policy behind `semantic`. */
  readonly policy: NetworkPolicy | undefined;
}

/** The entries of the mapping at `path`: the slot's own mapping is known without a lookup. */
export function entriesOf(context: CompletionContext, path: FieldPath): Entries {
  const own = context.slot === 'key' ? context.path : context.path.slice(0, -1);
  return own.length === path.length && own.every((segment, i) => path[i] === segment) ? context.siblings : context.entriesAt(path);
}

/** A NetworkPolicy, or an object still without the kind and apiVersion that would say otherwise. */
function mayBePolicy(entries: Entries): boolean {
  const kind = entries.get('kind');
  const apiVersion = entries.get('apiVersion');
  if (kind !== undefined) return kind === 'NetworkPolicy';
  return apiVersion === undefined || apiVersion.startsWith('networking.k8s.io/');
}

function policyRoot(context: CompletionContext): FieldPath | undefined {
  const top = entriesOf(context, []);
  const kind = top.get('kind');
  const [first, index] = context.path;
  if ((kind === 'List' || kind === 'NetworkPolicyList') && first === 'items' && typeof index === 'number') {
    const item: FieldPath = ['items', index];
    if (context.path.length === 2 && context.slot === 'value') return undefined;
    return kind === 'NetworkPolicyList' || mayBePolicy(entriesOf(context, item)) ? item : undefined;
  }
  return mayBePolicy(top) ? [] : undefined;
}

/** Undefined when the cursor's document (or List item) is some other kind of object. */
export function policyScope(
  context: CompletionContext,
  file: YamlFile | undefined,
  offset: number,
  settings: AnalysisSettings,
): PolicyScope | undefined {
  const root = policyRoot(context);
  if (!root) return undefined;
  const defaultNamespace = settings.cluster.defaultNamespace;
  const json = file ? documentAt(file, offset)?.doc.json : undefined;
  const location = policiesOf(json).find(
    (candidate) => candidate.path.length === root.length && candidate.path.every((s, i) => root[i] === s),
  );
  const understood = location ? understandPolicy(location, settings.version, defaultNamespace) : undefined;
  const policy = understood?.policy;
  const semantic = understood?.semantic;
  const written = entriesOf(context, [...root, 'metadata']).get('namespace');
  return { root, path: context.path.slice(root.length), namespace: semantic?.namespace ?? written ?? defaultNamespace, semantic, policy };
}

/** The decoded value at `path`, if every step of the way is readable. */
function decodedAt(value: unknown, path: FieldPath): unknown {
  let at = value;
  for (const segment of path) {
    if (!isValid(at) || typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string | number, unknown>)[segment];
  }
  return isValid(at) ? at : undefined;
}

/**
 * Where the pods of the pod selector at `path` (in the policy) are looked for: 'own' (the
 * policy's `spec.podSelector`, or a peer without namespaceSelector), the namespaces a peer's
 * namespaceSelector picks, or 'any' namespace when that selector cannot be read yet.
 */
export function podSelectorScope(scope: PolicyScope, context: CompletionContext, path: FieldPath): 'own' | 'any' | Selector {
  const at = path.lastIndexOf('podSelector');
  const peerPath = path.slice(0, at);
  const [spec, direction, , field] = peerPath;
  if (
    peerPath.length !== 5 ||
    spec !== 'spec' ||
    !((direction === 'ingress' && field === 'from') || (direction === 'egress' && field === 'to'))
  )
    return 'own';
  const peer = decodedAt(scope.policy, peerPath) as { namespaceSelector?: unknown } | undefined;
  if (peer) {
    if (peer.namespaceSelector === undefined) return 'own';
    const selector = decodedAt(peer, ['namespaceSelector']) as LabelSelector | undefined;
    return (selector && toSelector(selector)) ?? 'any';
  }
  // The text as typed, where the document does not parse.
  return entriesOf(context, [...scope.root, ...peerPath]).has('namespaceSelector') ? 'any' : 'own';
}
