import type { Range } from 'vscode-languageserver-types';
import { cidrRange } from '../model/connectivity/addresses';
import { allowingRules, type PolicyFilter, type PolicyRule } from '../model/connectivity/causes';
import { diffConnectivity, diffPolicies, type ConnectionChange, type DiffEndpoint } from '../model/connectivity/diff';
import { isAllPorts, isNoPorts, portEntries, subtractPorts, type ProtocolPorts } from '../model/connectivity/ports';
import type { QueryEndpoint } from '../model/connectivity/query';
import { ConnectivityEngine } from '../model/connectivity/engine';
import { ConnectivityModel, inputFromWorkspace } from '../model/connectivity/workspaceModel';
import { workloadKey, type Workload } from '../model/workloads';
import { formatPath, type FieldPath } from '../model/path';
import type { Direction, SemanticPolicy, SemanticRule } from '../model/semantics';
import type {
  AllowedPorts,
  ConnectivityEndpoint,
  PolicyRef,
  ProtocolLocation,
  ReachabilityCause,
  ReachabilityChange,
  ReachabilityDiff,
} from '../protocol';
import { connectivityOf, workloadEntries } from './connectivity';
import { anchorRange, type IndexedObject, type WorkspaceIndex } from './workspace';

/**
 * The reachability diff of two versions of a workspace (two folders, a commit and the working
 * tree, HEAD and the editor's unsaved text), in the contract of protocol.ts, with what is
 * behind each change: the added, changed or removed policies that select one of its ends,
 * and their rules that allow it, located in the newer version.
 */

export type ChangeKind = 'opened' | 'closed' | 'changed';

export type ChangeCause = ReachabilityCause;

export interface LocatedChange {
  readonly change: ReachabilityChange;
  readonly kind: ChangeKind;
  /** Whether it allows something that was not allowed before (an opened connection, or ports added). */
  readonly widens: boolean;
  /**
   * Rules first, then policies; empty when no policy changed (a workload or namespace did).
   * Found when first read: a default-deny closes hundreds of thousands of connections, and
   * the outputs show the causes of few of them.
   */
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

function policyRef(policy: SemanticPolicy): PolicyRef {
  return { namespace: policy.namespace, name: policy.name };
}

const policyKey = (policy: PolicyRef) => `${policy.namespace}/${policy.name}`;

function policiesOf(index: WorkspaceIndex): SemanticPolicy[] {
  return index.policyEntries().flatMap((entry) => (entry.policy ? [entry.policy.semantic] : []));
}

function location(entry: IndexedObject | undefined, range: Range | undefined): ProtocolLocation | undefined {
  return entry && range ? { uri: entry.uri, range } : undefined;
}

/**
 * One side of a workspace diff, for the cause search: the model, each change end as a query
 * endpoint of it, and per workload the changed policies that select it. Everything is looked
 * up once per workload, not once per change: a default-deny closes hundreds of thousands.
 */
class DiffSide {
  private readonly queryEnds = new Map<DiffEndpoint, QueryEndpoint | undefined>();
  private readonly touchedSelecting: Record<Direction, (readonly SemanticPolicy[] | undefined)[]> = { ingress: [], egress: [] };

  constructor(
    readonly model: ConnectivityModel,
    private readonly touched: PolicyFilter,
  ) {}

  /** The end of a change as a query endpoint of this side; undefined for a workload it does not have. */
  end(end: DiffEndpoint): QueryEndpoint | undefined {
    if (this.queryEnds.has(end)) return this.queryEnds.get(end);
    let found: QueryEndpoint | undefined;
    if ('cidr' in end) found = { addresses: cidrRange(end.cidr)! };
    else {
      const workload = this.model.indexOf(workloadKey(end.workload));
      found = workload === undefined ? undefined : { workload };
    }
    this.queryEnds.set(end, found);
    return found;
  }

  /** The changed policies that isolate an end in a direction (the source for egress, the destination for ingress). */
  selecting(end: QueryEndpoint, direction: Direction): readonly SemanticPolicy[] {
    if (!('workload' in end)) return [];
    const cache = this.touchedSelecting[direction];
    return (cache[end.workload] ??= this.model.selecting(end.workload, direction).filter(this.touched));
  }

  /** The changed policies that isolate the source for egress or the destination for ingress. */
  isolating(from: QueryEndpoint, to: QueryEndpoint): readonly SemanticPolicy[] {
    const egress = this.selecting(from, 'egress');
    const ingress = this.selecting(to, 'ingress');
    return egress.length === 0 ? ingress : ingress.length === 0 ? egress : [...egress, ...ingress];
  }

  /** The changed policies' rules that allow some of `ports` from one end to the other. */
  allowing(from: QueryEndpoint, to: QueryEndpoint, ports: ProtocolPorts): PolicyRule[] {
    if (this.isolating(from, to).length === 0) return [];
    return allowingRules(this.model, from, to, ports, this.touched);
  }
}

/** A change whose causes are found when first read. */
class Located implements LocatedChange {
  private found: readonly ChangeCause[] | undefined;

  constructor(
    readonly change: ReachabilityChange,
    readonly kind: ChangeKind,
    readonly widens: boolean,
    private readonly source: ConnectionChange,
    private readonly explain: (change: ConnectionChange) => ChangeCause[],
    readonly fromLocation: ProtocolLocation | undefined,
    readonly toLocation: ProtocolLocation | undefined,
  ) {}

  get causes(): readonly ChangeCause[] {
    return (this.found ??= this.explain(this.source));
  }
}

export function diffWorkspaces(before: WorkspaceIndex, after: WorkspaceIndex): WorkspaceDiff {
  // The older side is the same at each comparison with a revision: its engine is kept with
  // the index. The newer one is built afresh, its declarations being read where they are now.
  const { model: beforeModel, engine: beforeEngine } = connectivityOf(before);
  const afterModel = new ConnectivityModel(inputFromWorkspace(after));
  const connectivity = diffConnectivity(beforeEngine, new ConnectivityEngine(afterModel));
  const policies = diffPolicies(policiesOf(before), policiesOf(after));
  const touchedKeys = new Set([...policies.added, ...policies.removed, ...policies.changed.map((c) => c.after)].map(policyKey));
  const touchedPolicies = new WeakMap<SemanticPolicy, boolean>();
  const touched = (policy: SemanticPolicy): boolean => {
    let is = touchedPolicies.get(policy);
    if (is === undefined) touchedPolicies.set(policy, (is = touchedKeys.has(policyKey(policy))));
    return is;
  };
  const was = new DiffSide(beforeModel, touched);
  const is = new DiffSide(afterModel, touched);

  const entries = new Map<string, IndexedObject>();
  for (const entry of after.policyEntries())
    if (entry.policy && !entries.has(policyKey(entry.policy.semantic))) entries.set(policyKey(entry.policy.semantic), entry);
  const declared = workloadEntries(after, afterModel);
  // One endpoint object and one location per workload, however many changes name it.
  const endpoints = new Map<DiffEndpoint, { readonly endpoint: ConnectivityEndpoint; readonly location?: ProtocolLocation }>();
  const endpointOf = (end: DiffEndpoint) => {
    let found = endpoints.get(end);
    if (!found) {
      if ('cidr' in end) found = { endpoint: { cidr: end.cidr } };
      else {
        const { namespace, kind, name } = end.workload;
        const i = afterModel.indexOf(workloadKey(end.workload));
        const entry = i === undefined ? undefined : declared[i];
        const located = location(entry, entry?.nameRange);
        found = { endpoint: { namespace, kind, name }, ...(located ? { location: located } : {}) };
      }
      endpoints.set(end, found);
    }
    return found;
  };
  /** A policy, or one of its rules, as a cause: one object each, however many changes it explains. */
  const causes = new Map<SemanticPolicy | SemanticRule, ChangeCause>();
  const causeOf = (policy: SemanticPolicy, rule?: SemanticRule): ChangeCause => {
    const known = causes.get(rule ?? policy);
    if (known) return known;
    const path: FieldPath | undefined = rule && ['spec', rule.direction, rule.index];
    const entry = entries.get(policyKey(policy));
    const located = location(entry, entry && (path ? anchorRange(entry, path) : entry.nameRange));
    const cause = { policy: policyRef(policy), ...(path ? { rule: formatPath(path) } : {}), ...(located ? { location: located } : {}) };
    causes.set(rule ?? policy, cause);
    return cause;
  };

  /**
   * What is behind a change: for the ports gained, the changed rules that allow them now,
   * else the changed policies that isolated an end and no longer do; for the ports lost, the
   * changed policies whose rules allowed them, else those that isolate an end now and did not.
   * A connection lost with a removed workload is explained by that alone.
   */
  const causesOf = ({ from, to, before: portsBefore, after: portsAfter }: ConnectionChange): ChangeCause[] => {
    const [fromBefore, toBefore, fromAfter, toAfter] = [was.end(from), was.end(to), is.end(from), is.end(to)];
    const endsBefore = fromBefore && toBefore ? ([fromBefore, toBefore] as const) : undefined;
    const endsAfter = fromAfter && toAfter ? ([fromAfter, toAfter] as const) : undefined;
    const found: ChangeCause[] = [];
    const add = (policy: SemanticPolicy, rule?: SemanticRule) => {
      const cause = causeOf(policy, rule);
      const key = policyKey(policy);
      if (found.some((other) => policyKey(other.policy) === key && (other.rule === cause.rule || !cause.rule))) return;
      found.push(cause);
    };
    const only = (mine: readonly SemanticPolicy[], theirs: readonly SemanticPolicy[]) =>
      theirs.length === 0 ? mine : mine.filter((policy) => !theirs.some((other) => policyKey(other) === policyKey(policy)));
    const gained = subtractPorts(portsAfter, portsBefore);
    if (endsAfter && !isNoPorts(gained)) {
      const rules = is.allowing(...endsAfter, gained);
      for (const { policy, rule } of rules) add(policy, rule);
      if (!rules.length && endsBefore) for (const policy of only(was.isolating(...endsBefore), is.isolating(...endsAfter))) add(policy);
    }
    const lost = subtractPorts(portsBefore, portsAfter);
    if (endsBefore && endsAfter && !isNoPorts(lost)) {
      const rules = was.allowing(...endsBefore, lost);
      for (const { policy } of rules) add(policy);
      if (!rules.length) for (const policy of only(is.isolating(...endsAfter), was.isolating(...endsBefore))) add(policy);
    }
    return found;
  };

  const located = connectivity.changes.map((change): LocatedChange => {
    const from = endpointOf(change.from);
    const to = endpointOf(change.to);
    const reported: ReachabilityChange = {
      from: from.endpoint,
      to: to.endpoint,
      before: allowedPorts(change.before),
      after: allowedPorts(change.after),
    };
    const widens = !isNoPorts(subtractPorts(change.after, change.before));
    return new Located(reported, changeKind(reported), widens, change, causesOf, from.location, to.location);
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
