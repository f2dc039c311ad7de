import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Range } from 'vscode-languageserver-types';
import type { KubernetesVersion } from '../model/k8sVersion';
import type { NetworkPolicy } from '../model/networkPolicy';
import {
  objectsOf,
  type KubeObject,
  type NamespaceObject,
  type PolicyObject,
  type ServiceObject,
  type WorkloadObject,
} from '../model/objects';
import { buildSemanticPolicy, type SemanticPolicy } from '../model/semantics';
import type { WorkspacePolicy, WorkspaceView } from '../model/workspaceView';
import { decodePolicy, isNetworkPolicyObject } from '../rules/validateDocument';
import type { FileChunk, YamlFile } from '../yaml/file';
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
  /** A policy's decoded form and meaning. */
  readonly policy?: { readonly decoded: NetworkPolicy; readonly semantic: SemanticPolicy };
}

function shiftRange(chunk: FileChunk, span: Span): Range {
  const start = chunk.parsed.lines.positionAt(span[0]);
  const end = chunk.parsed.lines.positionAt(span[1]);
  return {
    start: { line: start.line + chunk.line, character: start.character },
    end: { line: end.line + chunk.line, character: end.character },
  };
}

interface ChunkObjects {
  readonly key: string;
  /** Ranges relative to the chunk; `document` relative to the chunk. */
  readonly objects: readonly { object: KubeObject; doc: YamlDocument; document: number; policy?: IndexedObject['policy'] }[];
}

const chunkObjects = new WeakMap<ParsedChunk, ChunkObjects>();

function objectsOfChunk(chunk: ParsedChunk, defaultNamespace: string, version: KubernetesVersion): ChunkObjects['objects'] {
  const key = `${defaultNamespace}/${version.minor}`;
  const cached = chunkObjects.get(chunk);
  if (cached?.key === key) return cached.objects;
  const objects: ChunkObjects['objects'][number][] = [];
  chunk.documents.forEach((doc, document) => {
    for (const object of objectsOf(doc.json, defaultNamespace, isNetworkPolicyObject)) {
      if (object.kind !== 'NetworkPolicy') {
        objects.push({ object, doc, document });
        continue;
      }
      const decoded = decodePolicy({ path: object.path, json: object.json, implied: false }, version).policy;
      objects.push({ object, doc, document, policy: { decoded, semantic: buildSemanticPolicy(decoded, defaultNamespace) } });
    }
  });
  chunkObjects.set(chunk, { key, objects });
  return objects;
}

/** The workspace objects of a parsed file. */
export function indexObjects(uri: string, file: YamlFile, settings: AnalysisSettings): IndexedObject[] {
  const out: IndexedObject[] = [];
  for (const chunk of file.chunks) {
    for (const { object, doc, document, policy } of objectsOfChunk(chunk.parsed, settings.cluster.defaultNamespace, settings.version)) {
      const named = locate(doc, [...object.path, 'metadata', 'name'], 'value');
      const entry: IndexedObject = {
        object,
        uri,
        document: chunk.firstDocument + document,
        nameRange: shiftRange(chunk, named),
        ...(object.kind !== 'NetworkPolicy' && object.kind !== 'Namespace' && object.kind !== 'Service'
          ? { labelsRange: shiftRange(chunk, locate(doc, [...object.path, ...object.podLabelsPath], 'key')) }
          : {}),
        ...(policy ? { policy } : {}),
      };
      out.push(entry);
    }
  }
  return out;
}

/** What of a file matters to the other files: changes here change other files' lints. */
function fingerprint(objects: readonly IndexedObject[]): string {
  return JSON.stringify(
    objects.map(({ object, policy }) =>
      object.kind === 'NetworkPolicy' ? [object.kind, object.name, object.namespace, policy?.semantic] : { ...object, path: undefined },
    ),
  );
}

/** `file.yaml:12` for messages. */
export function shortLocation(uri: string, range: Range): string {
  let name = uri;
  try {
    name = path.basename(uri.startsWith('file:') ? fileURLToPath(uri) : uri);
  } catch {
    // not a file URI: keep it as it is
  }
  return `${name}:${range.start.line + 1}`;
}

let versions = 0;

/**
 * Every Namespace, workload, Service and NetworkPolicy declared in the workspace, by file.
 * `version` changes only when a change matters to other files (not on every keystroke).
 */
export class WorkspaceIndex implements WorkspaceView {
  version = ++versions;
  private readonly files = new Map<string, { objects: readonly IndexedObject[]; fingerprint: string }>();
  private views: Views | undefined;

  /** Replaces what a file declares; true when that changed anything the other files see. */
  setFile(uri: string, objects: readonly IndexedObject[]): boolean {
    const print = fingerprint(objects);
    const previous = this.files.get(uri);
    this.files.set(uri, { objects, fingerprint: print });
    if (previous?.fingerprint === print) return false;
    this.changed();
    return true;
  }

  removeFile(uri: string): boolean {
    if (!this.files.delete(uri)) return false;
    this.changed();
    return true;
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

  private changed(): void {
    this.version = ++versions;
    this.views = undefined;
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

  namespacesWithWorkloads(): readonly string[] {
    return [...this.view.workloads.keys()];
  }

  servicesIn(namespace: string): readonly ServiceObject[] {
    return this.view.services.get(namespace) ?? [];
  }

  policiesIn(namespace: string): readonly WorkspacePolicy[] {
    return this.view.policies.get(namespace) ?? [];
  }

  /** The indexed entries of every policy (with their ranges). */
  policyEntries(): readonly IndexedObject[] {
    return this.view.policyEntries;
  }
}

interface Views {
  readonly namespaces: NamespaceObject[];
  readonly workloads: Map<string, WorkloadObject[]>;
  readonly workloadEntries: Map<string, IndexedObject[]>;
  readonly services: Map<string, ServiceObject[]>;
  readonly policies: Map<string, WorkspacePolicy[]>;
  readonly policyEntries: IndexedObject[];
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function buildViews(entries: Iterable<IndexedObject>): Views {
  const views: Views = {
    namespaces: [],
    workloads: new Map(),
    workloadEntries: new Map(),
    services: new Map(),
    policies: new Map(),
    policyEntries: [],
  };
  for (const entry of entries) {
    const object = entry.object;
    switch (object.kind) {
      case 'Namespace':
        views.namespaces.push(object);
        break;
      case 'Service':
        push(views.services, object.namespace, object);
        break;
      case 'NetworkPolicy':
        views.policyEntries.push(entry);
        if (entry.policy) push(views.policies, object.namespace, policyOf(object, entry));
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
  };
}
