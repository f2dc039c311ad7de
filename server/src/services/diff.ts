import type { Range } from 'vscode-languageserver-types';
import { cidrRange } from '../model/connectivity/addresses';
import { allowingRules, isolatingPolicies } from '../model/connectivity/causes';
import { diffConnectivity, diffPolicies, type DiffEndpoint } from '../model/connectivity/diff';
import { isAllPorts, isNoPorts, portEntries, subtractPorts, type ProtocolPorts } from '../model/connectivity/ports';
import type { QueryEndpoint } from '../model/connectivity/query';
import { ConnectivityModel, inputFromWorkspace } from '../model/connectivity/workspaceModel';
import { workloadKey, type Workload } from '../model/workloads';
import { formatPath, type FieldPath } from '../model/path';
import type { SemanticPolicy } from '../model/semantics';
import type { AllowedPorts, ConnectivityEndpoint, PolicyRef, ProtocolLocation, ReachabilityChange, ReachabilityDiff } from '../protocol';
import { workloadEntries } from './connectivity';
import { anchorRange, type IndexedObject, type WorkspaceIndex } from './workspace';

/**
 * The reachability diff of two versions of a workspace (two folders, a commit and the working
 * tree, HEAD and the editor's unsaved text), in the contract of protocol.ts, with what is
 * behind each change: the added, changed or removed policies that select one of its ends,
 * and their rules that allow it, located in the newer version.
 */

export type ChangeKind = 'opened' | 'closed' | 'changed';

export interface ChangeCause {
  readonly policy: PolicyRef;
  /** Where the policy, or its rule, is written in the newer version; absent for a removed policy. */
  readonly location?: ProtocolLocation;
  /** The rule that allows the connection, e.g. `spec.ingress[0]` (absent: the policy as a whole, e.g. it isolates). */
  readonly rule?: string;
}

export interface LocatedChange {
  readonly change: ReachabilityChange;
  readonly kind: ChangeKind;
  /** Whether it allows something that was not allowed before (an opened connection, or ports added). */
  readonly widens: boolean;
  /** Rules first, then policies; empty when no policy changed (a workload or namespace did). */
  readonly causes: readonly ChangeCause[];
  /** Where the workloads at its ends are declared in the newer version. */
  readonly fromLocation?: ProtocolLocation;
  readonly toLocation?: ProtocolLocation;
}

export interface WorkspaceDiff {
  readonly report: ReachabilityDiff;
  readonly located: readonly LocatedChange[];
}

export function allowedPorts(ports: ProtocolPorts): AllowedPorts {
  if (isNoPorts(ports)) return 'none';
  return isAllPorts(ports) ? 'all' : portEntries(ports);
}

export function changeKind(change: { readonly before: AllowedPorts; readonly after: AllowedPorts }): ChangeKind {
  return change.before === 'none' ? 'opened' : change.after === 'none' ? 'closed' : 'changed';
}

function endpointOf(end: DiffEndpoint): ConnectivityEndpoint {
  if ('cidr' in end) return { cidr: end.cidr };
  const { namespace, kind, name } = end.workload;
  return { namespace, kind, name };
}

function policyRef(policy: SemanticPolicy): PolicyRef {
  return { namespace: policy.namespace, name: policy.name };
}

const policyKey = (policy: PolicyRef) => `${policy.namespace}/${policy.name}`;

function policiesOf(index: WorkspaceIndex): SemanticPolicy[] {
  return index.policyEntries().flatMap((entry) => (entry.policy ? [entry.policy.semantic] : []));
}

/** The end of a change as a query endpoint of a model; undefined for a workload the model does not have. */
function queryEnd(model: ConnectivityModel, end: DiffEndpoint): QueryEndpoint | undefined {
  if ('cidr' in end) return { addresses: cidrRange(end.cidr)! };
  const workload = model.indexOf(workloadKey(end.workload));
  return workload === undefined ? undefined : { workload };
}

function location(entry: IndexedObject | undefined, range: Range | undefined): ProtocolLocation | undefined {
  return entry && range ? { uri: entry.uri, range } : undefined;
}

export function diffWorkspaces(before: WorkspaceIndex, after: WorkspaceIndex): WorkspaceDiff {
  const beforeModel = new ConnectivityModel(inputFromWorkspace(before));
  const afterModel = new ConnectivityModel(inputFromWorkspace(after));
  const connectivity = diffConnectivity(beforeModel, afterModel);
  const policies = diffPolicies(policiesOf(before), policiesOf(after));
  const touched = new Set([...policies.added, ...policies.removed, ...policies.changed.map((c) => c.after)].map(policyKey));

  const entries = new Map<string, IndexedObject>();
  for (const entry of after.policyEntries())
    if (entry.policy && !entries.has(policyKey(entry.policy.semantic))) entries.set(policyKey(entry.policy.semantic), entry);
  const declared = workloadEntries(after, afterModel);
  const workloadLocation = (end: DiffEndpoint) => {
    const i = 'cidr' in end ? undefined : afterModel.indexOf(workloadKey(end.workload));
    const entry = i === undefined ? undefined : declared[i];
    return location(entry, entry?.nameRange);
  };

  /**
   * What is behind a change: for the ports gained, the changed rules that allow them now,
   * else the changed policies that isolated an end and no longer do; for the ports lost, the
   * changed policies whose rules allowed them, else those that isolate an end now and did not.
   * A connection lost with a removed workload is explained by that alone.
   */
  const causesOf = (from: DiffEndpoint, to: DiffEndpoint, before: ProtocolPorts, after: ProtocolPorts): ChangeCause[] => {
    const ends = (model: ConnectivityModel) => {
      const [f, t] = [queryEnd(model, from), queryEnd(model, to)];
      return f && t ? ([f, t] as const) : undefined;
    };
    const [was, is] = [ends(beforeModel), ends(afterModel)];
    const causes: ChangeCause[] = [];
    const add = (policy: SemanticPolicy, rule?: FieldPath) => {
      const key = policyKey(policy);
      const ruleText = rule && formatPath(rule);
      if (causes.some((cause) => policyKey(cause.policy) === key && (cause.rule === ruleText || !ruleText))) return;
      const entry = entries.get(key);
      const located = location(entry, entry && (rule ? anchorRange(entry, rule) : entry.nameRange));
      causes.push({ policy: policyRef(policy), ...(ruleText ? { rule: ruleText } : {}), ...(located ? { location: located } : {}) });
    };
    const touchedRules = (model: ConnectivityModel, [f, t]: readonly [QueryEndpoint, QueryEndpoint], ports: ProtocolPorts) =>
      allowingRules(model, f, t, ports).filter(({ policy }) => touched.has(policyKey(policy)));
    const isolating = (model: ConnectivityModel, side: readonly [QueryEndpoint, QueryEndpoint] | undefined) =>
      side ? isolatingPolicies(model, side[0], side[1]).filter((policy) => touched.has(policyKey(policy))) : [];
    const only = (mine: readonly SemanticPolicy[], theirs: readonly SemanticPolicy[]) =>
      mine.filter((policy) => !theirs.some((other) => policyKey(other) === policyKey(policy)));
    const gained = subtractPorts(after, before);
    if (is && !isNoPorts(gained)) {
      const rules = touchedRules(afterModel, is, gained);
      for (const { policy, rule } of rules) add(policy, ['spec', rule.direction, rule.index]);
      if (!rules.length && was) for (const policy of only(isolating(beforeModel, was), isolating(afterModel, is))) add(policy);
    }
    const lost = subtractPorts(before, after);
    if (was && is && !isNoPorts(lost)) {
      const rules = touchedRules(beforeModel, was, lost);
      for (const { policy } of rules) add(policy);
      if (!rules.length) for (const policy of only(isolating(afterModel, is), isolating(beforeModel, was))) add(policy);
    }
    return causes;
  };

  const located = connectivity.changes.map((change): LocatedChange => {
    const reported: ReachabilityChange = {
      from: endpointOf(change.from),
      to: endpointOf(change.to),
      before: allowedPorts(change.before),
      after: allowedPorts(change.after),
    };
    const fromLocation = workloadLocation(change.from);
    const toLocation = workloadLocation(change.to);
    return {
      change: reported,
      kind: changeKind(reported),
      widens: !isNoPorts(subtractPorts(change.after, change.before)),
      causes: causesOf(change.from, change.to, change.before, change.after),
      ...(fromLocation ? { fromLocation } : {}),
      ...(toLocation ? { toLocation } : {}),
    };
  });
  const workloadRef = (workload: Workload) => ({ namespace: workload.namespace, kind: workload.kind, name: workload.name });
  return {
    report: {
      changes: located.map((entry) => entry.change),
      policies: {
        added: policies.added.map(policyRef),
        removed: policies.removed.map(policyRef),
        changed: policies.changed.map((change) => policyRef(change.after)),
      },
      workloads: { added: connectivity.workloads.added.map(workloadRef), removed: connectivity.workloads.removed.map(workloadRef) },
    },
    located,
  };
}

/** Whether the report lists anything (the exit status of `netpol diff`). */
export function hasChanges(report: ReachabilityDiff): boolean {
  return (
    report.changes.length > 0 ||
    report.policies.added.length + report.policies.removed.length + report.policies.changed.length > 0 ||
    report.workloads.added.length + report.workloads.removed.length > 0
  );
}
