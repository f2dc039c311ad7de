import type { Range } from 'vscode-languageserver-types';
import type { Channel } from '../model/clusterPolicy/api';
import type { ClusterPolicy } from '../model/clusterPolicy/policy';
import { getField } from '../model/json';
import type { KubernetesVersion } from '../model/k8sVersion';
import type { NetworkPolicy } from '../model/networkPolicy';
import { formatPath, type FieldPath } from '../model/path';
import {
  objectsOf,
  type KubeObject,
  type NamespaceObject,
  type PolicyObject,
  type ServiceObject,
  type WorkloadObject,
} from '../model/objects';
import { readKustomization, type Kustomization } from '../model/kustomize/kustomization';
import { contextOf, isKustomizationFile, kustomizeContexts, type KustomizeContext, type KustomizeContexts } from '../model/kustomize/tree';
import type { Peer, SemanticPolicy, SemanticRule } from '../model/semantics';
import type { WorkspaceClusterPolicy, WorkspacePolicy, WorkspaceView } from '../model/workspaceView';
import { analyseClusterPolicy, clusterPoliciesOf } from '../rules/clusterPolicy/validateClusterPolicy';
import { understandPolicy } from '../rules/understood';
import { isNetworkPolicyObject, rejectionOf, type PolicyLocation } from '../rules/validateDocument';
import type { YamlFile } from '../yaml/file';
import { locate } from '../yaml/locate';
import type { ParsedChunk, YamlDocument } from '../yaml/parse';
import type { Span } from '../yaml/sourceMap';
import type { AnalysisSettings } from './settings';

/** An object of the workspace, with where it is written (the parse itself is not kept). */
export interface IndexedObject {
  readonly object: KubeObject;
  readonly uri: string;
  /** Index of its YAML document in the file. */
  readonly document: number;
  /** Its metadata.name value (or its kind when it has no name). */
  readonly nameRange: Range;
  /** A workload's pod labels (the `labels` key of its pod template). */
  readonly labelsRange?: Range;
  /** A policy's decoded form and meaning, and why the cluster would not have it (see WorkspacePolicy.rejected). */
  readonly policy?: { readonly decoded: NetworkPolicy; readonly semantic: SemanticPolicy; readonly rejected?: string };
  /** A cluster-wide policy's meaning, and whether the API server rejects it. */
  readonly clusterPolicy?: { readonly policy: ClusterPolicy; readonly rejected: boolean };
  /**
   * A policy's selectors (`spec.podSelector`, each rule and peer), by field path, relative to
   * `anchorLine`: see anchorRange. Found when first asked for (by connectivity links): a rule
   * of 50,000 peers is re-indexed on every edit.
   */
  readonly anchors?: () => ReadonlyMap<string, Range>;
  readonly anchorLine?: number;
}

/** An object of a chunk, with its ranges relative to the chunk (computed once per parse). */
interface ChunkObject {
  readonly object: KubeObject;
  /** Index of the document in the chunk. */
  readonly document: number;
  readonly nameRange: Range;
  readonly labelsRange?: Range;
  readonly policy?: IndexedObject['policy'];
  readonly clusterPolicy?: IndexedObject['clusterPolicy'];
  readonly anchors?: IndexedObject['anchors'];
}

const chunkObjects = new WeakMap<ParsedChunk, { readonly key: string; readonly objects: readonly ChunkObject[] }>();

function chunkRange(chunk: ParsedChunk, span: Span): Range {
  return { start: chunk.lines.positionAt(span[0]), end: chunk.lines.positionAt(span[1]) };
}

function objectsOfChunk(
  chunk: ParsedChunk,
  defaultNamespace: string,
  version: KubernetesVersion,
  channel: Channel,
  kustomize: KustomizeContext | undefined,
): readonly ChunkObject[] {
  const key = `${defaultNamespace}/${version.minor}/${channel}${kustomize ? `/${JSON.stringify(kustomize)}` : ''}`;
  const cached = chunkObjects.get(chunk);
  if (cached?.key === key) return cached.objects;
  const objects: ChunkObject[] = [];
  chunk.documents.forEach((doc, document) => {
    for (const object of objectsOf(doc.json, defaultNamespace, isNetworkPolicyObject, kustomize?.steps)) {
      const nameRange = chunkRange(chunk, locate(doc, [...object.path, 'metadata', 'name'], 'value'));
      if (object.kind === 'NetworkPolicy') {
        const location = { path: object.path, json: object.json, implied: getField(object.json, 'kind') === undefined };
        const understood = understandPolicy(location, version, defaultNamespace);
        const { policy: decoded, semantic } = understood;
        const rejected = rejectionText(doc, location, version, understood);
        objects.push({
          object,
          document,
          nameRange,
          policy: { decoded, semantic, ...(rejected ? { rejected } : {}) },
          anchors: once(() => policyAnchors(chunk, doc, object.path, semantic)),
        });
      } else if (object.kind === 'ClusterPolicy') {
        const location = clusterPoliciesOf(doc.json).find((l) => formatPath(l.path) === formatPath(object.path));
        if (!location) continue;
        const analysis = analyseClusterPolicy(location, { version, channel });
        objects.push({
          object,
          document,
          nameRange,
          clusterPolicy: { policy: analysis.policy, rejected: analysis.rejected },
          anchors: once(() => clusterPolicyAnchors(chunk, doc, object.path, analysis.policy)),
        });
      } else if (object.kind === 'Namespace' || object.kind === 'Service') {
        objects.push({ object, document, nameRange });
      } else {
        const labelsRange = chunkRange(chunk, locate(doc, [...object.path, ...object.podLabelsPath], 'key'));
        objects.push({ object, document, nameRange, labelsRange });
      }
    }
  });
  chunkObjects.set(chunk, { key, objects });
  return objects;
}

function once<T>(compute: () => T): () => T {
  let value: { readonly computed: T } | undefined;
  return () => (value ??= { computed: compute() }).computed;
}

/**
 * Why kubectl or the API server would refuse a policy, as the first error it reports
 * (`spec.ingress[0].ports[0].endPort: Invalid value: …`): a YAML problem of its document, then
 * its kind, decoding and validation. Undefined when the cluster would have it.
 */
function rejectionText(
  doc: YamlDocument,
  location: PolicyLocation,
  version: KubernetesVersion,
  understood: ReturnType<typeof understandPolicy>,
): string | undefined {
  const problem = doc.problems[0];
  if (problem) return problem.message;
  const finding = rejectionOf(location, version, understood);
  if (!finding) return undefined;
  const path = formatPath([...location.path, ...finding.path]);
  return path ? `${path}: ${finding.message}` : finding.message;
}

function shift(range: Range, lines: number): Range {
  if (lines === 0) return range;
  return {
    start: { line: range.start.line + lines, character: range.start.character },
    end: { line: range.end.line + lines, character: range.end.character },
  };
}

/** The workspace objects of a parsed file. */
export function indexObjects(uri: string, file: YamlFile, settings: AnalysisSettings): IndexedObject[] {
  const out: IndexedObject[] = [];
  for (const chunk of file.chunks) {
    for (const entry of objectsOfChunk(
      chunk.parsed,
      settings.cluster.defaultNamespace,
      settings.version,
      settings.channel,
      settings.kustomize,
    )) {
      out.push({
        object: entry.object,
        uri,
        document: chunk.firstDocument + entry.document,
        nameRange: shift(entry.nameRange, chunk.line),
        ...(entry.labelsRange ? { labelsRange: shift(entry.labelsRange, chunk.line) } : {}),
        ...(entry.policy ? { policy: entry.policy, anchors: entry.anchors, anchorLine: chunk.line } : {}),
        ...(entry.clusterPolicy ? { clusterPolicy: entry.clusterPolicy, anchors: entry.anchors, anchorLine: chunk.line } : {}),
      });
    }
  }
  return out;
}

/** The kustomization a file holds (its first document), when its name is a kustomization file's. */
export function kustomizationOf(uri: string, file: YamlFile): Kustomization | undefined {
  if (!isKustomizationFile(uri)) return undefined;
  const first = file.chunks[0]?.parsed.documents[0];
  return readKustomization(first?.json);
}

/** The range of a policy's selector, rule or peer (`spec.podSelector`, `spec.ingress[0]`, `spec.ingress[0].from[1]`). */
export function anchorRange(entry: IndexedObject, path: FieldPath): Range | undefined {
  const range = entry.anchors?.().get(formatPath(path));
  return range && shift(range, entry.anchorLine ?? 0);
}

function policyAnchors(chunk: ParsedChunk, doc: YamlDocument, base: FieldPath, semantic: SemanticPolicy): Map<string, Range> {
  const anchors = new Map<string, Range>();
  const at = (path: FieldPath, target: 'key' | 'value') =>
    anchors.set(formatPath(path), chunkRange(chunk, locate(doc, [...base, ...path], target)));
  at(['spec', 'podSelector'], 'key');
  for (const rule of [...semantic.ingress, ...semantic.egress]) {
    // The whole rule (`spec.ingress[0]`), for links to the rule that allowed a connection.
    at(['spec', rule.direction, rule.index], 'value');
    if (rule.peers === 'any') continue;
    const key = rule.direction === 'ingress' ? 'from' : 'to';
    rule.peers.forEach((_, j) => at(['spec', rule.direction, rule.index, key, j], 'value'));
  }
  return anchors;
}

/** The ranges of a cluster policy's subject, rules and peers (`spec.subject`, `spec.ingress[0]`, `spec.ingress[0].from[1]`). */
function clusterPolicyAnchors(chunk: ParsedChunk, doc: YamlDocument, base: FieldPath, policy: ClusterPolicy): Map<string, Range> {
  const anchors = new Map<string, Range>();
  const at = (path: FieldPath, target: 'key' | 'value') =>
    anchors.set(formatPath(path), chunkRange(chunk, locate(doc, [...base, ...path], target)));
  at(['spec', 'subject'], 'key');
  for (const rule of [...policy.ingress, ...policy.egress]) {
    at(['spec', rule.direction, rule.index], 'value');
    rule.peers.forEach((_, j) => at(['spec', rule.direction, rule.index, rule.direction === 'ingress' ? 'from' : 'to', j], 'value'));
  }
  return anchors;
}

const objectPrints = new WeakMap<KubeObject, string>();

/** What of an object matters to other files (cached: objects of unchanged chunks are reused). */
function printOf({ object, policy, clusterPolicy }: IndexedObject): string {
  let print = objectPrints.get(object);
  if (print === undefined) {
    print =
      object.kind === 'NetworkPolicy'
        ? `${JSON.stringify([object.name, object.namespace, policy?.rejected ?? null])}${policy ? semanticPrint(policy.semantic) : ''}`
        : object.kind === 'ClusterPolicy'
          ? JSON.stringify([object.policyKind, object.name, clusterPolicy])
          : JSON.stringify({ ...object, path: undefined });
    objectPrints.set(object, print);
  }
  return print;
}

/**
 * A policy's meaning as text, for comparisons, from the remembered text of each peer: the
 * peers an edit did not touch keep their meaning objects, and a rule of 50,000 peers is
 * printed again on every edit of the rule.
 */
function semanticPrint(semantic: SemanticPolicy): string {
  const rules = (list: readonly SemanticRule[]) =>
    list
      .map(
        (rule) => `${JSON.stringify({ ...rule, peers: undefined })}${rule.peers === 'any' ? 'any' : rule.peers.map(peerPrint).join(',')}`,
      )
      .join(';');
  return `${JSON.stringify({ ...semantic, ingress: undefined, egress: undefined })}[${rules(semantic.ingress)}][${rules(semantic.egress)}]`;
}

const peerPrints = new WeakMap<Peer, string>();

function peerPrint(peer: Peer): string {
  let print = peerPrints.get(peer);
  if (print === undefined) {
    print = JSON.stringify(peer);
    peerPrints.set(peer, print);
  }
  return print;
}

/**
 * What of a file matters to the other files, split the way the lints depend on it: the
 * namespaces, workloads and Services together, and the policies per namespace (a policy's
 * lints consult only the policies of its own namespace). Lists of cached strings, compared
 * item by item: no large string is built on a keystroke.
 */
interface Prints {
  readonly objects: readonly string[];
  readonly policies: ReadonlyMap<string, readonly string[]>;
  readonly clusterPolicies: readonly string[];
}

const NO_PRINTS: Prints = { objects: [], policies: new Map(), clusterPolicies: [] };

function printsOf(objects: readonly IndexedObject[]): Prints {
  const others: string[] = [];
  const policies = new Map<string, string[]>();
  const clusterPolicies: string[] = [];
  for (const entry of objects) {
    if (entry.object.kind === 'NetworkPolicy') push(policies, entry.object.namespace, printOf(entry));
    else if (entry.object.kind === 'ClusterPolicy') clusterPolicies.push(printOf(entry));
    else others.push(printOf(entry));
  }
  return { objects: others, policies, clusterPolicies };
}

function samePrints(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((print, i) => print === b[i]);
}

/** `file.yaml:12` for messages. */
export function shortLocation(uri: string, range: Range): string {
  return `${fileName(uri)}:${range.start.line + 1}`;
}

/** The last file name used, and its URI: the policies of a file are placed one after the other. */
let lastName: { readonly uri: string; readonly name: string } | undefined;

function fileName(uri: string): string {
  if (lastName?.uri === uri) return lastName.name;
  const last =
    uri
      .replace(/[?#].*$/, '')
      .replace(/\/+$/, '')
      .split('/')
      .pop() || uri;
  let name = last;
  try {
    name = decodeURIComponent(last);
  } catch {
    // a stray % in the URI: keep the segment as written
  }
  lastName = { uri, name };
  return name;
}

let versions = 0;

/**
 * Every Namespace, workload, Service and NetworkPolicy declared in the workspace, by file.
 * The versions change only when a change matters to other files (not on every keystroke):
 * `objectsVersion` for namespaces, workloads and Services, `policiesVersion(ns)` for the
 * policies of a namespace, `version` for either.
 */
export class WorkspaceIndex implements WorkspaceView {
  version = ++versions;
  objectsVersion = this.version;
  clusterPoliciesVersion = this.version;
  private readonly policyVersions = new Map<string, number>();
  private readonly files = new Map<string, { objects: readonly IndexedObject[]; prints: Prints }>();
  private views: Views | undefined;
  private readonly kustomizations = new Map<string, { readonly kustomization: Kustomization; readonly print: string }>();
  private contexts: KustomizeContexts | undefined;

  /** The kustomizations that list a file (undefined: none does). */
  kustomizeContextOf(uri: string): KustomizeContext | undefined {
    if (this.kustomizations.size === 0) return undefined;
    this.contexts ??= kustomizeContexts(new Map([...this.kustomizations].map(([key, value]) => [key, value.kustomization])));
    return contextOf(this.contexts, uri);
  }

  /**
   * Records the kustomization a file holds (undefined: none). Returns the other indexed files
   * whose kustomize context this changed: their objects are to be indexed again.
   */
  setKustomization(uri: string, kustomization: Kustomization | undefined): string[] {
    const print = kustomization && JSON.stringify(kustomization);
    if (this.kustomizations.get(uri)?.print === print) return [];
    const before = [...this.files.keys()].map((file) => JSON.stringify(this.kustomizeContextOf(file) ?? null));
    if (kustomization) this.kustomizations.set(uri, { kustomization, print: print! });
    else this.kustomizations.delete(uri);
    this.contexts = undefined;
    return [...this.files.keys()].filter((file, i) => file !== uri && JSON.stringify(this.kustomizeContextOf(file) ?? null) !== before[i]);
  }

  /** Replaces what a file declares; true when that changed anything the other files see. */
  setFile(uri: string, objects: readonly IndexedObject[]): boolean {
    const prints = printsOf(objects);
    const previous = this.files.get(uri);
    this.files.set(uri, { objects, prints });
    // Even with the same facts the entries (ranges, `where`) may have moved: rebuild the views.
    this.views = undefined;
    return this.compare(previous?.prints, prints);
  }

  removeFile(uri: string): boolean {
    if (this.kustomizations.delete(uri)) this.contexts = undefined;
    const previous = this.files.get(uri);
    if (!previous) return false;
    this.files.delete(uri);
    this.views = undefined;
    return this.compare(previous.prints, NO_PRINTS);
  }

  /** Bumps the versions of what changed between two prints of a file. */
  private compare(before: Prints | undefined, after: Prints): boolean {
    let changed = false;
    if (!samePrints(before?.objects ?? [], after.objects)) {
      this.objectsVersion = ++versions;
      changed = true;
    }
    for (const namespace of new Set([...(before?.policies.keys() ?? []), ...after.policies.keys()])) {
      if (samePrints(before?.policies.get(namespace), after.policies.get(namespace))) continue;
      this.policyVersions.set(namespace, ++versions);
      changed = true;
    }
    if (!samePrints(before?.clusterPolicies ?? [], after.clusterPolicies)) {
      this.clusterPoliciesVersion = ++versions;
      changed = true;
    }
    if (changed) this.version = ++versions;
    return changed;
  }

  policiesVersion(namespace: string): number {
    return this.policyVersions.get(namespace) ?? 0;
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  get fileCount(): number {
    return this.files.size;
  }

  /** Every indexed object (all files). */
  *all(): Iterable<IndexedObject> {
    for (const file of this.files.values()) yield* file.objects;
  }

  objectsOf(uri: string): readonly IndexedObject[] {
    return this.files.get(uri)?.objects ?? [];
  }

  private get view(): Views {
    this.views ??= buildViews(this.all());
    return this.views;
  }

  namespaces(): readonly NamespaceObject[] {
    return this.view.namespaces;
  }

  workloadsIn(namespace: string): readonly WorkloadObject[] {
    return this.view.workloads.get(namespace) ?? [];
  }

  /** The indexed entries of the workloads of a namespace (with their ranges). */
  workloadEntriesIn(namespace: string): readonly IndexedObject[] {
    return this.view.workloadEntries.get(namespace) ?? [];
  }

  /** The indexed entries of the declared Namespaces. */
  namespaceEntries(): readonly IndexedObject[] {
    return this.view.namespaceEntries;
  }

  namespacesWithWorkloads(): readonly string[] {
    return [...this.view.workloads.keys()];
  }

  servicesIn(namespace: string): readonly ServiceObject[] {
    return this.view.services.get(namespace) ?? [];
  }

  policiesIn(namespace: string): readonly WorkspacePolicy[] {
    return this.view.policies.get(namespace) ?? [];
  }

  policiesNamed(namespace: string, name: string): readonly WorkspacePolicy[] {
    return this.view.policiesByName.get(nameKey(namespace, name)) ?? [];
  }

  /** The indexed entries of every policy (with their ranges). */
  policyEntries(): readonly IndexedObject[] {
    return this.view.policyEntries;
  }

  clusterPolicies(): readonly WorkspaceClusterPolicy[] {
    return this.view.clusterPolicies;
  }

  /** The indexed entries of every cluster-wide policy (with their ranges). */
  clusterPolicyEntries(): readonly IndexedObject[] {
    return this.view.clusterPolicyEntries;
  }
}

interface Views {
  readonly namespaces: NamespaceObject[];
  readonly namespaceEntries: IndexedObject[];
  readonly workloads: Map<string, WorkloadObject[]>;
  readonly workloadEntries: Map<string, IndexedObject[]>;
  readonly services: Map<string, ServiceObject[]>;
  readonly policies: Map<string, WorkspacePolicy[]>;
  /** By namespace and name (`nameKey`). */
  readonly policiesByName: Map<string, WorkspacePolicy[]>;
  readonly policyEntries: IndexedObject[];
  readonly clusterPolicies: WorkspaceClusterPolicy[];
  readonly clusterPolicyEntries: IndexedObject[];
}

const nameKey = (namespace: string, name: string): string => `${namespace}\u0000${name}`;

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function buildViews(entries: Iterable<IndexedObject>): Views {
  const views: Views = {
    namespaces: [],
    namespaceEntries: [],
    workloads: new Map(),
    workloadEntries: new Map(),
    services: new Map(),
    policies: new Map(),
    policiesByName: new Map(),
    policyEntries: [],
    clusterPolicies: [],
    clusterPolicyEntries: [],
  };
  for (const entry of entries) {
    const object = entry.object;
    switch (object.kind) {
      case 'Namespace':
        views.namespaces.push(object);
        views.namespaceEntries.push(entry);
        break;
      case 'Service':
        push(views.services, object.namespace, object);
        break;
      case 'NetworkPolicy':
        views.policyEntries.push(entry);
        if (entry.policy) {
          const policy = policyOf(object, entry);
          push(views.policies, object.namespace, policy);
          push(views.policiesByName, nameKey(object.namespace, object.name), policy);
        }
        break;
      case 'ClusterPolicy':
        views.clusterPolicyEntries.push(entry);
        if (entry.clusterPolicy) {
          views.clusterPolicies.push({
            kind: object.policyKind,
            name: object.name,
            policy: entry.clusterPolicy.policy,
            rejected: entry.clusterPolicy.rejected,
            where: shortLocation(entry.uri, entry.nameRange),
          });
        }
        break;
      default:
        push(views.workloads, object.namespace, object);
        push(views.workloadEntries, object.namespace, entry);
    }
  }
  return views;
}

function policyOf(object: PolicyObject, entry: IndexedObject): WorkspacePolicy {
  return {
    name: object.name,
    namespace: object.namespace,
    semantic: entry.policy!.semantic,
    where: shortLocation(entry.uri, entry.nameRange),
    ...(entry.policy!.rejected ? { rejected: entry.policy!.rejected } : {}),
  };
}
