import { clusterPolicyTypeOf, type ClusterPolicyKind } from './clusterPolicy/api';
import { getField, isJsonObject, type Json, type JsonObject } from './json';
import { kustomizeObject } from './kustomize/transform';
import type { KustomizeStep } from './kustomize/tree';
import type { FieldPath } from './path';
import type { Labels } from './selector';
import type { Protocol } from './semantics';
import { isProtocol } from './vocabulary';

/**
 * The Kubernetes objects of a workspace that NetworkPolicies are about, read leniently from
 * a document's JSON (a broken workload still has labels worth knowing).
 */

export const WORKLOAD_KINDS = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

/** Namespaces carry this label with their name (Kubernetes 1.22+). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export interface ContainerPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: Protocol;
}

interface Located {
  /** Where the object sits in its document: `[]`, or `['items', i]` in a List. */
  readonly path: FieldPath;
}

export interface NamespaceObject extends Located {
  readonly kind: 'Namespace';
  readonly name: string;
  /** Its labels, with the automatic `kubernetes.io/metadata.name`. */
  readonly labels: Labels;
}

/** The object that manages another (`metadata.ownerReferences` entry with `controller: true`). */
export interface ControllerRef {
  readonly kind: string;
  readonly name: string;
}

export interface WorkloadObject extends Located {
  readonly kind: WorkloadKind;
  readonly name: string;
  readonly namespace: string;
  /** Its managing controller, when it has one (a Pod of a ReplicaSet, a ReplicaSet of a Deployment). */
  readonly controller?: ControllerRef;
  /** The pod's addresses (`status.podIPs`, or `status.podIP`), when a Pod manifest records them. */
  readonly podIPs?: readonly string[];
  /** The labels its pods get (the pod template's, or the Pod's own). */
  readonly podLabels: Labels;
  /** Where the pod labels are written, for navigation. */
  readonly podLabelsPath: FieldPath;
  readonly ports: readonly ContainerPort[];
  /**
   * Its pods use the node's network namespace (`hostNetwork: true`): cluster-wide policies
   * neither select them as a subject nor as a pods or namespaces peer (network-policy-api).
   */
  readonly hostNetwork?: true;
}

export interface ServicePort {
  readonly name?: string;
  readonly port: number;
  readonly targetPort?: number | string;
  readonly protocol: Protocol;
}

export interface ServiceObject extends Located {
  readonly kind: 'Service';
  readonly name: string;
  readonly namespace: string;
  /** Undefined: a Service without a selector (its endpoints are managed elsewhere). */
  readonly selector?: Labels;
  readonly ports: readonly ServicePort[];
}

export interface PolicyObject extends Located {
  readonly kind: 'NetworkPolicy';
  readonly name: string;
  readonly namespace: string;
  readonly namespaceGiven: boolean;
  readonly json: JsonObject;
}

/** A ClusterNetworkPolicy, AdminNetworkPolicy or BaselineAdminNetworkPolicy (cluster-scoped). */
export interface ClusterPolicyObject extends Located {
  readonly kind: 'ClusterPolicy';
  readonly policyKind: ClusterPolicyKind;
  readonly name: string;
  readonly json: JsonObject;
}

export type KubeObject = NamespaceObject | WorkloadObject | ServiceObject | PolicyObject | ClusterPolicyObject;

export function isWorkloadObject(object: KubeObject): object is WorkloadObject {
  return (WORKLOAD_KINDS as readonly string[]).includes(object.kind);
}

function str(object: Json | undefined, key: string): string | undefined {
  if (!isJsonObject(object)) return undefined;
  const value = getField(object, key);
  return typeof value === 'string' ? value : undefined;
}

function obj(object: Json | undefined, ...keys: string[]): Json | undefined {
  let current = object;
  for (const key of keys) {
    if (!isJsonObject(current)) return undefined;
    current = getField(current, key);
  }
  return current;
}

/** A map of string values (others are left out, as the API server would reject them). */
function labelsOf(value: Json | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  if (!isJsonObject(value)) return out;
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (typeof v === 'string') out[key] = v;
    // `app:` with no value is JSON null, which encoding/json stores as "" in a map[string]string
    // (as the policy decoder does): the pod has the label, with an empty value.
    else if (v === null) out[key] = '';
  }
  return out;
}

function protocolOf(value: Json | undefined): Protocol | undefined {
  // Container and Service port protocols are plain strings, so SetDefaults_ContainerPort and
  // SetDefaults_Service default an empty one to TCP too (unlike NetworkPolicyPort's *Protocol).
  if (value === undefined || value === null || value === '') return 'TCP';
  return isProtocol(value) ? value : undefined;
}

/** A Pod's recorded addresses: `status.podIPs[].ip`, else `status.podIP` (a controller's pods have none of their own). */
function podIPsOf(kind: WorkloadKind, json: Json): { podIPs?: readonly string[] } {
  if (kind !== 'Pod') return {};
  const listed = obj(json, 'status', 'podIPs');
  const ips = Array.isArray(listed) ? listed.flatMap((entry) => str(entry, 'ip') ?? []) : [];
  const single = str(obj(json, 'status'), 'podIP');
  if (ips.length === 0 && single) ips.push(single);
  return ips.length ? { podIPs: ips } : {};
}

function containerPorts(podSpec: Json | undefined): ContainerPort[] {
  const containers = obj(podSpec, 'containers');
  if (!Array.isArray(containers)) return [];
  const out: ContainerPort[] = [];
  for (const container of containers) {
    const ports = obj(container, 'ports');
    if (!Array.isArray(ports)) continue;
    for (const entry of ports) {
      const port = obj(entry, 'containerPort');
      const protocol = protocolOf(obj(entry, 'protocol'));
      if (typeof port !== 'number' || !protocol) continue;
      const name = str(entry, 'name');
      out.push(name ? { name, port, protocol } : { port, protocol });
    }
  }
  return out;
}

/**
 * The owner reference marked `controller: true` (ValidateOwnerReferences allows at most one).
 * Owners are always in the object's own namespace: cross-namespace owner references are not
 * allowed for namespaced objects.
 */
function controllerOf(json: JsonObject): ControllerRef | undefined {
  const refs = obj(json, 'metadata', 'ownerReferences');
  if (!Array.isArray(refs)) return undefined;
  for (const ref of refs) {
    if (!isJsonObject(ref) || getField(ref, 'controller') !== true) continue;
    const kind = str(ref, 'kind');
    const name = str(ref, 'name');
    if (kind && name) return { kind, name };
  }
  return undefined;
}

function podTemplatePath(kind: WorkloadKind): FieldPath {
  switch (kind) {
    case 'Pod':
      return [];
    case 'CronJob':
      return ['spec', 'jobTemplate', 'spec', 'template'];
    default:
      return ['spec', 'template'];
  }
}

function objectOf(
  json: JsonObject,
  path: FieldPath,
  defaultNamespace: string,
  isPolicy: (o: JsonObject) => boolean,
  impliedKind?: string,
): KubeObject | undefined {
  const kind = str(json, 'kind') ?? impliedKind;
  const name = str(obj(json, 'metadata'), 'name') ?? '';
  const written = str(obj(json, 'metadata'), 'namespace');
  const namespace = written || defaultNamespace;
  if (isPolicy(json) || (kind === 'NetworkPolicy' && str(json, 'kind') === undefined)) {
    return { kind: 'NetworkPolicy', name, namespace, namespaceGiven: !!written, json, path };
  }
  const clusterType = clusterPolicyTypeOf(kind !== undefined && str(json, 'kind') === undefined ? { ...json, kind } : json);
  if (clusterType) return { kind: 'ClusterPolicy', policyKind: clusterType.kind, name, json, path };
  if (kind === 'Namespace') {
    const labels = labelsOf(obj(json, 'metadata', 'labels'));
    labels[NAMESPACE_NAME_LABEL] = name;
    return { kind, name, labels, path };
  }
  if (kind === 'Service') {
    const rawSelector = obj(json, 'spec', 'selector');
    const rawPorts = obj(json, 'spec', 'ports');
    const ports: ServicePort[] = [];
    for (const entry of Array.isArray(rawPorts) ? rawPorts : []) {
      const port = obj(entry, 'port');
      const protocol = protocolOf(obj(entry, 'protocol'));
      if (typeof port !== 'number' || !protocol) continue;
      const target = obj(entry, 'targetPort');
      const portName = str(entry, 'name');
      ports.push({
        port,
        protocol,
        ...(portName ? { name: portName } : {}),
        ...(typeof target === 'number' || typeof target === 'string' ? { targetPort: target } : {}),
      });
    }
    return { kind, name, namespace, ports, path, ...(isJsonObject(rawSelector) ? { selector: labelsOf(rawSelector) } : {}) };
  }
  if ((WORKLOAD_KINDS as readonly string[]).includes(kind ?? '')) {
    const workloadKind = kind as WorkloadKind;
    const template = podTemplatePath(workloadKind);
    const pod = template.length ? obj(json, ...(template as string[])) : json;
    const controller = controllerOf(json);
    return {
      kind: workloadKind,
      name,
      namespace,
      ...(controller ? { controller } : {}),
      ...podIPsOf(workloadKind, json),
      podLabels: labelsOf(obj(pod, 'metadata', 'labels')),
      podLabelsPath: [...template, 'metadata', 'labels'],
      ports: containerPorts(obj(pod, 'spec')),
      ...(obj(pod, 'spec', 'hostNetwork') === true ? { hostNetwork: true as const } : {}),
      path,
    };
  }
  return undefined;
}

/**
 * The objects of one YAML document: the document itself, or the items of a `kind: List`
 * (or `<Kind>List`). `isPolicy` says which objects are Kubernetes NetworkPolicies. `kustomize`:
 * the kustomizations that build the file, innermost first (see model/kustomize).
 */
export function objectsOf(
  json: Json | undefined,
  defaultNamespace: string,
  isPolicy: (o: JsonObject) => boolean,
  kustomize: readonly KustomizeStep[] = [],
): KubeObject[] {
  if (!isJsonObject(json)) return [];
  const kind = str(json, 'kind');
  const items = getField(json, 'items');
  if (kind?.endsWith('List') && Array.isArray(items)) {
    const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
    return items.flatMap((item, i) => {
      if (!isJsonObject(item)) return [];
      // Items of a typed list (`NetworkPolicyList`) may leave out their kind.
      const found = objectOf(kustomizeObject(item, kustomize, itemKind), ['items', i], defaultNamespace, isPolicy, itemKind);
      return found ? [found] : [];
    });
  }
  const found = objectOf(kustomizeObject(json, kustomize), [], defaultNamespace, isPolicy);
  return found ? [found] : [];
}
