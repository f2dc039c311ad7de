import type { FieldPath } from '../../model/path';
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
  const semantic = location ? understandPolicy(location, settings.version, defaultNamespace).semantic : undefined;
  const written = entriesOf(context, [...root, 'metadata']).get('namespace');
  return { root, path: context.path.slice(root.length), namespace: semantic?.namespace ?? written ?? defaultNamespace, semantic };
}
