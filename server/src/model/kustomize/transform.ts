import { getField, isJsonObject, type Json, type JsonObject } from '../json';
import type { LabelRule } from './kustomization';
import type { KustomizeStep } from './tree';

/**
 * An object as kustomize builds it, for the parts the workspace model reads: the namespace
 * (kustomize's namespace transformer: namespaced objects are moved, a Namespace is renamed) and
 * labels (its label transformer, with the field lists of api/internal/konfig/builtinpluginconsts:
 * commonlabels.go, metadatalabels.go, templatelabels.go). Patches are not applied.
 */

/** Where labels go: a path (`[]` steps into each item of a list), whether missing maps are created. */
interface FieldSpec {
  readonly kind: string;
  /** The API group the kind must be in (`''`: the core group), when kustomize names one. */
  readonly group?: string;
  readonly path: readonly string[];
  readonly create: boolean;
}

const TEMPLATE = ['spec', 'template', 'metadata', 'labels'];

/** Pod templates: labels with `includeTemplates` or `includeSelectors`, and commonLabels. */
const TEMPLATE_FIELDS: readonly FieldSpec[] = [
  { kind: 'ReplicationController', group: '', path: TEMPLATE, create: true },
  { kind: 'Deployment', path: TEMPLATE, create: true },
  { kind: 'ReplicaSet', path: TEMPLATE, create: true },
  { kind: 'DaemonSet', path: TEMPLATE, create: true },
  { kind: 'StatefulSet', group: 'apps', path: TEMPLATE, create: true },
  { kind: 'Job', group: 'batch', path: TEMPLATE, create: true },
  { kind: 'CronJob', group: 'batch', path: ['spec', 'jobTemplate', 'metadata', 'labels'], create: true },
  { kind: 'CronJob', group: 'batch', path: ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels'], create: true },
];

/** Selectors: labels with `includeSelectors`, and commonLabels (kustomize also changes affinity terms, not modelled). */
const SELECTOR_FIELDS: readonly FieldSpec[] = [
  { kind: 'Service', group: '', path: ['spec', 'selector'], create: true },
  { kind: 'ReplicationController', group: '', path: ['spec', 'selector'], create: true },
  { kind: 'Deployment', path: ['spec', 'selector', 'matchLabels'], create: true },
  { kind: 'ReplicaSet', path: ['spec', 'selector', 'matchLabels'], create: true },
  { kind: 'DaemonSet', path: ['spec', 'selector', 'matchLabels'], create: true },
  { kind: 'StatefulSet', group: 'apps', path: ['spec', 'selector', 'matchLabels'], create: true },
  { kind: 'Job', group: 'batch', path: ['spec', 'selector', 'matchLabels'], create: false },
  { kind: 'CronJob', group: 'batch', path: ['spec', 'jobTemplate', 'spec', 'selector', 'matchLabels'], create: false },
  { kind: 'NetworkPolicy', group: 'networking.k8s.io', path: ['spec', 'podSelector', 'matchLabels'], create: false },
  {
    kind: 'NetworkPolicy',
    group: 'networking.k8s.io',
    path: ['spec', 'ingress', '[]', 'from', '[]', 'podSelector', 'matchLabels'],
    create: false,
  },
  {
    kind: 'NetworkPolicy',
    group: 'networking.k8s.io',
    path: ['spec', 'egress', '[]', 'to', '[]', 'podSelector', 'matchLabels'],
    create: false,
  },
];

const METADATA_LABELS: FieldSpec = { kind: '*', path: ['metadata', 'labels'], create: true };

/** The kinds of the model kustomize puts in its namespace (the others it models are cluster-wide: Namespace). */
const NAMESPACED = new Set([
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'Service',
  'NetworkPolicy',
]);

function groupOf(apiVersion: Json | undefined): string | undefined {
  if (typeof apiVersion !== 'string') return undefined;
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function set(object: JsonObject, key: string, value: Json): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

function emptyObject(): JsonObject {
  return Object.create(null) as JsonObject;
}

/** A copy of the JSON (objects keep their null prototype), so that the parse of the file stays as written. */
function copy(value: Json): Json {
  if (Array.isArray(value)) return value.map(copy);
  if (!isJsonObject(value)) return value;
  const out = emptyObject();
  for (const key of Object.keys(value)) set(out, key, copy(value[key]!));
  return out;
}

/** Writes the labels at the end of `path` under `node`, as kustomize's field setter does. */
function addLabels(node: Json, path: readonly string[], create: boolean, pairs: Readonly<Record<string, string>>): void {
  if (path.length === 0) {
    if (!isJsonObject(node)) return;
    for (const key of Object.keys(pairs)) set(node, key, pairs[key]!);
    return;
  }
  const [head, ...rest] = path as [string, ...string[]];
  if (head === '[]') {
    if (Array.isArray(node)) for (const item of node) addLabels(item, rest, create, pairs);
    return;
  }
  if (!isJsonObject(node)) return;
  let next = getField(node, head);
  if (next === undefined || next === null) {
    // A list is never created (`[]` next): there would be nothing to label in it.
    if (!create || rest[0] === '[]') return;
    next = emptyObject();
    set(node, head, next);
  }
  addLabels(next, rest, create, pairs);
}

function applies(spec: FieldSpec, kind: string, group: string | undefined): boolean {
  return (spec.kind === '*' || spec.kind === kind) && (spec.group === undefined || spec.group === group);
}

function applyLabels(object: JsonObject, kind: string, group: string | undefined, rule: LabelRule): void {
  const specs = [METADATA_LABELS, ...(rule.templates ? TEMPLATE_FIELDS : []), ...(rule.selectors ? SELECTOR_FIELDS : [])];
  for (const spec of specs) if (applies(spec, kind, group)) addLabels(object, spec.path, spec.create, rule.pairs);
}

function applyNamespace(object: JsonObject, kind: string, namespace: string): void {
  if (kind !== 'Namespace' && !NAMESPACED.has(kind)) return;
  let metadata = getField(object, 'metadata');
  if (!isJsonObject(metadata)) {
    metadata = emptyObject();
    set(object, 'metadata', metadata);
  }
  set(metadata, kind === 'Namespace' ? 'name' : 'namespace', namespace);
}

/**
 * The object after the kustomizations that build it (innermost first). `impliedKind` is the kind
 * of the items of a typed List (`NetworkPolicyList`), which may leave out their own.
 */
export function kustomizeObject(object: JsonObject, steps: readonly KustomizeStep[], impliedKind?: string): JsonObject {
  const written = getField(object, 'kind');
  const kind = typeof written === 'string' ? written : impliedKind;
  if (steps.length === 0 || kind === undefined) return object;
  const out = copy(object) as JsonObject;
  const group = groupOf(getField(object, 'apiVersion'));
  for (const step of steps) {
    if (step.namespace !== undefined) applyNamespace(out, kind, step.namespace);
    for (const rule of step.labels) applyLabels(out, kind, group, rule);
  }
  return out;
}
