import type { CompletionList, Position } from 'vscode-languageserver-types';
import type { FieldPath } from '../../model/path';
import type { WorkspaceView } from '../../model/workspaceView';
import { networkPolicySchema, type Schema } from '../../rules/schema';
import { completionContextAt, type CompletionContext } from '../../yaml/completionContext';
import { emitFlowYaml } from '../../yaml/emit';
import type { YamlFile } from '../../yaml/file';
import { detectStyle, type YamlStyle } from '../../yaml/style';
import type { AnalysisSettings } from '../settings';
import { toItem, type ItemSpec } from './items';
import { keyItems } from './keys';
import { podSelectorScope, policyScope, type PolicyScope } from './policyScope';
import { schemaAt } from './schemaAt';
import { documentShapes, peerShapes, ruleShapes, snippetItems, specShapes, type Shape } from './snippets';
import { clusterApiVersionItems, clusterDialect, clusterKindItems, clusterPolicyScope } from './clusterDialect';
import { fieldDoc, type FieldDoc } from '../../model/fieldDocs';
import { apiVersionItems, commonPortItems, emptySelectorItems, kindItems, operatorItems, policyTypeItems, protocolItems } from './values';
import { concernedWorkloads, containerPortItems, labelKeyItems, labelValueItems, namespaceItems, type LabelTarget } from './workspaceItems';
import { isProtocol } from '../../model/vocabulary';
import { DIRECTIONS } from '../../model/vocabulary';

/** Completions in a NetworkPolicy: which provider answers is decided by the slot's path and the policy schema. */

export interface CompletionRequest {
  readonly text: string;
  readonly offset: number;
  /** The parse of `text`, for what the policy means so far (its namespace, pods and peers). */
  readonly file: YamlFile | undefined;
  readonly settings: AnalysisSettings;
  readonly workspace: WorkspaceView;
  readonly positionAt: (offset: number) => Position;
  /** The character whose typing asked for completions, if any. */
  readonly trigger?: string;
}

/**
 * What completes one kind of object: its schema, the documentation of its fields, its values
 * and snippets, and whose labels its selectors select on. NetworkPolicy is one dialect; the
 * cluster-wide policies are another (clusterDialect.ts).
 */
export interface Dialect {
  readonly schema: Schema;
  /** The namespace whose labels rank first (the policy's own; none for a cluster-wide policy). */
  readonly namespace: string;
  doc(path: FieldPath): FieldDoc | undefined;
  values(slot: Slot, path: FieldPath): ItemSpec[];
  shapes(slot: Slot, path: FieldPath, empty: boolean): Shape[];
  labelTarget(path: FieldPath): LabelTarget | undefined;
}

export interface Slot {
  readonly context: CompletionContext;
  /** Where the object sits in its document, and the slot's path inside it. */
  readonly scope: { readonly root: FieldPath; readonly path: FieldPath };
  readonly request: CompletionRequest;
  readonly dialect: Dialect;
  /** The file's style, detected on first use: values need none, and detecting costs ~2 ms on a 2 MB file. */
  style(): YamlStyle;
}

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

const last = (path: FieldPath, n = 1) => path[path.length - n];

/** Whose labels a selector under this path selects on. */
function labelTarget(scope: PolicyScope, context: CompletionContext, path: FieldPath): LabelTarget | undefined {
  const pods = path.lastIndexOf('podSelector');
  const namespaces = path.lastIndexOf('namespaceSelector');
  if (pods < 0 && namespaces < 0) return undefined;
  return namespaces > pods ? { kind: 'namespaces' } : { kind: 'pods', namespaces: podSelectorScope(scope, context, path) };
}

function portItems(slot: Slot, scope: PolicyScope): ItemSpec[] {
  const { context, request } = slot;
  const [spec, direction, rule] = scope.path;
  const written = context.siblings.get('protocol') ?? 'TCP';
  const protocol = isProtocol(written) ? written : 'TCP';
  const workloads =
    spec === 'spec' && (direction === 'ingress' || direction === 'egress') && typeof rule === 'number'
      ? concernedWorkloads(request.workspace, scope.namespace, scope.semantic, direction, rule)
      : [];
  const own = containerPortItems(workloads, protocol);
  return [...own, ...commonPortItems(new Set(own.map((item) => item.label)))];
}

/** Values for the field at `path` (a value slot, or an item of a list of scalars). */
function valueItems(slot: Slot, scope: PolicyScope, path: FieldPath): ItemSpec[] {
  const { request, context } = slot;
  const field = last(path);
  const parent = last(path, 2);
  const target = slot.dialect.labelTarget(path);
  // An object that does not say its kind yet may become a cluster-wide policy too.
  if (path.length === 1 && field === 'apiVersion')
    return context.siblings.get('kind') === undefined ? [...apiVersionItems(), ...clusterApiVersionItems()] : apiVersionItems();
  if (path.length === 1 && field === 'kind')
    return context.siblings.get('apiVersion') === undefined ? [...kindItems(), ...clusterKindItems(undefined)] : kindItems();
  if (path.length === 2 && path[0] === 'metadata' && field === 'namespace') return namespaceItems(request.workspace);
  if (parent === 'policyTypes') return policyTypeItems(new Set(context.listed));
  if (last(path, 3) === 'ports' && field === 'protocol') return protocolItems();
  if (last(path, 3) === 'ports' && field === 'port') return portItems(slot, scope);
  if (last(path, 3) === 'matchExpressions' && field === 'operator') return operatorItems();
  if (field === 'podSelector' || field === 'namespaceSelector') return emptySelectorItems(field, path.length > 2);
  if (!target) return [];
  if (last(path, 3) === 'matchExpressions' && field === 'key') {
    return labelKeyItems(target, request.workspace, scope.namespace, new Set(), (key) => ({ insert: emitFlowYaml(key) }));
  }
  if (last(path, 4) === 'matchExpressions' && parent === 'values') {
    const key = context.entriesAt([...scope.root, ...path.slice(0, -2)]).get('key');
    return key === undefined ? [] : labelValueItems(target, request.workspace, scope.namespace, key, new Set(context.listed));
  }
  if (parent === 'matchLabels' && typeof field === 'string')
    return labelValueItems(target, request.workspace, scope.namespace, field, new Set());
  return [];
}

/** Prefixes each item with `- `: the slot is a list's, and each value starts an item. */
function asNewItems(items: ItemSpec[]): ItemSpec[] {
  return items.map((item) => ({ ...item, insert: `- ${item.insert}`, filterText: item.filterText ?? item.label }));
}

/** Snippets for a key slot of the mapping at `path` (an item's mapping when `newItem`). */
function shapesFor(slot: Slot, scope: PolicyScope, path: FieldPath, empty: boolean): Shape[] {
  const { context, request } = slot;
  const dns = request.settings.dns;
  if (path.length === 0) return context.emptyDocument && scope.root.length === 0 ? documentShapes(scope.namespace, dns) : [];
  if (path.length === 1 && path[0] === 'spec') {
    return DIRECTIONS.filter((direction) => !context.siblings.has(direction)).flatMap((direction) => specShapes(direction, dns));
  }
  if (!empty || typeof last(path) !== 'number') return [];
  const list = last(path, 2);
  if (path.length === 3 && path[0] === 'spec' && (list === 'ingress' || list === 'egress')) return ruleShapes(list, dns);
  if (list === 'from' || list === 'to') return peerShapes();
  return [];
}

function structItems(slot: Slot, schema: Extract<Schema, { kind: 'struct' }>, path: FieldPath, newItem: boolean): ItemSpec[] {
  const { context, dialect } = slot;
  const style = slot.style();
  const present = newItem ? new Set<string>() : new Set(context.siblings.keys());
  const keySlot = { column: context.column, flow: context.flow, hasColon: context.hasColon, newItem };
  const keys = keyItems(schema, path, present, keySlot, style, (p) => dialect.doc(p));
  if (context.hasColon) return keys;
  const empty = newItem || (context.item && context.siblings.size === 0);
  const shapes = dialect.shapes(slot, path, empty);
  return [...keys, ...snippetItems(shapes, { column: context.column, flow: context.flow, newItem, style })];
}

function keySlotItems(slot: Slot, schema: Schema): ItemSpec[] {
  const { context, scope, request, dialect } = slot;
  const path = scope.path;
  switch (schema.kind) {
    case 'struct':
      return structItems(slot, schema, path, false);
    case 'list':
      if (context.flow) return [];
      return schema.items.kind === 'struct'
        ? structItems(slot, schema.items, [...path, 0], true)
        : asNewItems(dialect.values(slot, [...path, 0]));
    case 'stringMap': {
      const target = dialect.labelTarget(path);
      if (!target || last(path) !== 'matchLabels') return [];
      return labelKeyItems(target, request.workspace, dialect.namespace, new Set(context.siblings.keys()), (key) =>
        context.hasColon ? { insert: emitFlowYaml(key) } : { insert: `${emitFlowYaml(key)}: `, suggestAfter: true },
      );
    }
    default:
      // A scalar where a key was expected: an item of a list of scalars (`- Ingr|`).
      return context.item ? dialect.values(slot, path) : [];
  }
}

/** The NetworkPolicy dialect, for a policy scope. */
function networkPolicyDialect(scope: PolicyScope, context: CompletionContext, version: AnalysisSettings['version']): Dialect {
  return {
    schema: networkPolicySchema(version),
    namespace: scope.namespace,
    doc: fieldDoc,
    values: (slot, path) => valueItems(slot, scope, path),
    shapes: (slot, path, empty) => shapesFor(slot, scope, path, empty),
    labelTarget: (path) => labelTarget(scope, context, path),
  };
}

export function completions(request: CompletionRequest): CompletionList {
  const context = completionContextAt(request.text, request.offset);
  if (!context) return EMPTY;
  // A typed space asks for values (`key: `, `- `); a space of indentation asks for nothing.
  if (request.trigger === ' ' && context.slot === 'key' && !context.item) return EMPTY;
  const policy = policyScope(context, request.file, request.offset, request.settings);
  const cluster = policy ? undefined : clusterPolicyScope(context, request.file, request.offset, request.settings);
  const scope = policy ?? cluster;
  const dialect = policy ? networkPolicyDialect(policy, context, request.settings.version) : cluster && clusterDialect(cluster, request);
  if (!scope || !dialect) return EMPTY;
  const schema = schemaAt(dialect.schema, scope.path);
  if (!schema) return EMPTY;
  let style: YamlStyle | undefined;
  const slot: Slot = { context, scope, request, dialect, style: () => (style ??= detectStyle(request.text)) };
  let specs = context.slot === 'key' ? keySlotItems(slot, schema) : dialect.values(slot, scope.path);
  // `key:|` asked explicitly: the value needs its separating space.
  if (context.slot === 'value' && request.text[context.replaceStart - 1] === ':')
    specs = specs.map((spec) => ({ ...spec, insert: ` ${spec.insert}` }));
  // A value typed in quotes (`app: "we|`) is filtered by what follows the quote: the client compares the whole typed text.
  const quote = /^["']/.exec(context.word)?.[0];
  if (quote) specs = specs.map((spec) => ({ ...spec, filterText: quote + (spec.filterText ?? spec.label) }));
  const range = { start: request.positionAt(context.replaceStart), end: request.positionAt(context.replaceEnd) };
  return { isIncomplete: false, items: specs.map((spec, i) => toItem(spec, range, i)) };
}
