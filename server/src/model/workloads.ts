import type { ContainerPort, WorkloadObject } from './objects';
import type { Labels } from './selector';

/**
 * Workloads as the cluster runs them: the pods of one controller are one workload, whether the
 * workspace declares the controller (a Deployment manifest), its pods (a `kubectl get pods -o
 * yaml` dump), or both. Objects are tied to their controller through `metadata.ownerReferences`
 * (the entry with `controller: true`), up the chain: Pod -> ReplicaSet -> Deployment.
 */

export interface Workload {
  readonly namespace: string;
  /** The controller's kind (Deployment, StatefulSet, ...), or the object's own when nothing controls it. */
  readonly kind: string;
  readonly name: string;
  /** The labels its pods carry: the controller's pod template when the workspace declares it, else its first pod's. */
  readonly podLabels: Labels;
  readonly ports: readonly ContainerPort[];
  /** The workspace objects it stands for, the one whose labels and ports it has first. */
  readonly members: readonly WorkloadObject[];
}

/** `namespace/Kind/name`: a workload's identity (the same object in two files is one workload). */
export function workloadKey(workload: { readonly namespace: string; readonly kind: string; readonly name: string }): string {
  return `${workload.namespace}/${workload.kind}/${workload.name}`;
}

/**
 * The label the Deployment controller puts on the ReplicaSets it creates and their pods
 * (apps/v1 `DefaultDeploymentUniqueLabelKey`); it names each ReplicaSet
 * `<deployment>-<pod-template-hash>` (pkg/controller/deployment/sync.go).
 */
const POD_TEMPLATE_HASH = 'pod-template-hash';

/** The Deployment behind a ReplicaSet the workspace does not declare, read from its name and the pod's hash label. */
function deploymentOfReplicaSet(replicaSet: string, labels: Labels): string | undefined {
  const hash = labels[POD_TEMPLATE_HASH];
  if (!hash || !replicaSet.endsWith(`-${hash}`) || replicaSet.length <= hash.length + 1) return undefined;
  return replicaSet.slice(0, -(hash.length + 1));
}

/** The top controller of an object: followed through the declared objects, then one step past them. */
function identityOf(workload: WorkloadObject, declared: ReadonlyMap<string, WorkloadObject>): { kind: string; name: string } {
  let current: WorkloadObject = workload;
  const seen = new Set<WorkloadObject>([workload]);
  for (;;) {
    const ref = current.controller;
    if (!ref) return { kind: current.kind, name: current.name };
    const owner = declared.get(workloadKey({ namespace: current.namespace, ...ref }));
    if (owner && !seen.has(owner)) {
      seen.add(owner);
      current = owner;
      continue;
    }
    if (owner) return { kind: current.kind, name: current.name };
    const deployment = ref.kind === 'ReplicaSet' ? deploymentOfReplicaSet(ref.name, current.podLabels) : undefined;
    return deployment ? { kind: 'Deployment', name: deployment } : ref;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One workload per controller, sorted by namespace, name and kind (output does not depend on
 * file order). Objects without a name are left out: they cannot exist in the cluster.
 */
export function groupWorkloads(objects: readonly WorkloadObject[]): Workload[] {
  const named = objects.filter((object) => object.name !== '');
  const declared = new Map<string, WorkloadObject>();
  for (const object of named) if (!declared.has(workloadKey(object))) declared.set(workloadKey(object), object);
  const groups = new Map<string, { namespace: string; kind: string; name: string; members: WorkloadObject[] }>();
  for (const object of named) {
    const identity = { namespace: object.namespace, ...identityOf(object, declared) };
    const key = workloadKey(identity);
    const group = groups.get(key);
    if (group) group.members.push(object);
    else groups.set(key, { ...identity, members: [object] });
  }
  const workloads: Workload[] = [];
  for (const group of groups.values()) {
    const isController = (object: WorkloadObject) => object.kind === group.kind && object.name === group.name;
    const members = group.members.sort(
      (a, b) => Number(isController(b)) - Number(isController(a)) || compare(a.name, b.name) || compare(a.kind, b.kind),
    );
    workloads.push({ ...group, podLabels: members[0]!.podLabels, ports: members[0]!.ports, members });
  }
  return workloads.sort((a, b) => compare(a.namespace, b.namespace) || compare(a.name, b.name) || compare(a.kind, b.kind));
}
