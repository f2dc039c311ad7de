import type { Location } from 'vscode-languageserver-types';
import { parseAddressOrCidr } from '../model/connectivity/addresses';
import { computeConnectivity, ConnectivityEngine, type Connectivity } from '../model/connectivity/engine';
import { allowedCidrs } from '../model/connectivity/external';
import { isAllPorts, portEntries, type ProtocolPorts } from '../model/connectivity/ports';
import {
  clusterRuleLabel,
  queryConnection,
  trailStepText,
  type DirectionDecision,
  type QueryEndpoint,
  type TrailStep as ModelTrailStep,
} from '../model/connectivity/query';
import type { ClusterPolicy } from '../model/clusterPolicy/policy';
import { ConnectivityModel, inputFromWorkspace } from '../model/connectivity/workspaceModel';
import type { WorkloadObject } from '../model/objects';
import { formatPath } from '../model/path';
import { selectorMatches, type Labels } from '../model/selector';
import type { SemanticPolicy } from '../model/semantics';
import { workloadKey, type Workload } from '../model/workloads';
import type {
  ConnectivityEndpoint,
  ConnectivityReport,
  ConnectivityResult,
  DecidingPolicy,
  DirectionVerdict,
  NotAppliedPolicy,
  PortSpec,
  QueryParams,
  QueryResult,
  TrailStep,
  WorkloadRef,
} from '../protocol';
import { anchorRange, type IndexedObject, type WorkspaceIndex } from './workspace';
import { isProtocol, listText, PROTOCOLS } from '../model/vocabulary';

/**
 * The workspace's connectivity for the editor and the CLI: the engine's results in the
 * connectivity contract of protocol.ts, with where workloads, policies and rules are written.
 * Computed once per version of the workspace index, and only as far as asked: a CodeLens asks
 * for one workload's reach (one pass over the workloads), the traffic map for every pair.
 */

/** The engine of one version of the workspace index, with what was asked of it so far. */
export interface Computed {
  readonly version: number;
  readonly model: ConnectivityModel;
  readonly engine: ConnectivityEngine;
  /** Where each workload is declared (its first member), by position in the model. */
  readonly entries: readonly IndexedObject[];
  /** The whole map, once asked for. */
  map?: Connectivity;
}

const cache = new WeakMap<WorkspaceIndex, Computed>();

/**
 * The connectivity of the workspace's current version (cheap until something is asked),
 * shared by every request until the index changes (the reachability diff keeps a revision's
 * this way).
 */
export function connectivityOf(index: WorkspaceIndex): Computed {
  const cached = cache.get(index);
  if (cached?.version === index.version) return cached;
  const model = new ConnectivityModel(inputFromWorkspace(index));
  const result: Computed = { version: index.version, model, engine: new ConnectivityEngine(model), entries: workloadEntries(index, model) };
  cache.set(index, result);
  return result;
}

function workloadRef(workload: Workload): WorkloadRef {
  return { namespace: workload.namespace, kind: workload.kind, name: workload.name };
}

function portsOf(ports: ProtocolPorts): 'all' | PortSpec[] {
  return isAllPorts(ports) ? 'all' : portEntries(ports);
}

/**
 * The contract of `netpol connectivity --format json`: workloads, then the allowed
 * connections between workloads (by source, then destination), from addresses outside
 * the cluster to each workload, and from each workload to them.
 */
export function connectivityReport(connectivity: Connectivity): ConnectivityReport {
  const refs = connectivity.workloads.map(workloadRef);
  const connections: ConnectivityReport['connections'][number][] = connectivity.pairs.map((pair) => ({
    from: refs[pair.from]!,
    to: refs[pair.to]!,
    ports: portsOf(pair.ports),
  }));
  connectivity.external.forEach((access, i) => {
    for (const { cidr, ports } of allowedCidrs(access.ingress)) connections.push({ from: { cidr }, to: refs[i]!, ports: portsOf(ports) });
  });
  connectivity.external.forEach((access, i) => {
    for (const { cidr, ports } of allowedCidrs(access.egress)) connections.push({ from: refs[i]!, to: { cidr }, ports: portsOf(ports) });
  });
  return {
    workloads: connectivity.workloads.map((workload, i) => ({ ...refs[i]!, labels: { ...workload.podLabels } })),
    ...(connectivity.clusterPolicies.length
      ? {
          clusterPolicies: connectivity.clusterPolicies.map(({ kind, name, tier, priority }) => ({
            kind,
            name,
            tier,
            ...(priority !== undefined ? { priority } : {}),
          })),
        }
      : {}),
    connections,
  };
}

/** The entry of each workload's first member (the controller's declaration, when the workspace has it). */
export function workloadEntries(index: WorkspaceIndex, model: ConnectivityModel): IndexedObject[] {
  const byObject = new Map<WorkloadObject, IndexedObject>();
  for (const namespace of new Set(model.workloads.map((workload) => workload.namespace))) {
    for (const entry of index.workloadEntriesIn(namespace)) byObject.set(entry.object as WorkloadObject, entry);
  }
  return model.workloads.map((workload) => byObject.get(workload.members[0]!)!);
}

/** `netpol/connectivity`: the report, with where each workload is declared. */
export function workspaceConnectivity(index: WorkspaceIndex): ConnectivityResult {
  const state = connectivityOf(index);
  const { model, entries } = state;
  const connectivity = (state.map ??= computeConnectivity(model, state.engine));
  return {
    ...connectivityReport(connectivity),
    locations: entries.map((entry) => ({ uri: entry.uri, range: entry.nameRange })),
    notApplied: notAppliedPolicies(index),
  };
}

/**
 * The policies of the workspace that kubectl or the API server would refuse (see
 * WorkspacePolicy.rejected), by namespace and name; with `selecting`, only those that would
 * select one of these workloads (a selector that cannot be read might select any).
 */
export function notAppliedPolicies(
  index: WorkspaceIndex,
  selecting?: readonly { readonly namespace: string; readonly podLabels: Labels }[],
): NotAppliedPolicy[] {
  const out: NotAppliedPolicy[] = [];
  for (const entry of index.policyEntries()) {
    const policy = entry.policy;
    if (policy?.rejected === undefined) continue;
    const { semantic } = policy;
    const concerned =
      !selecting ||
      selecting.some(
        (workload) =>
          workload.namespace === semantic.namespace && (semantic.partial || selectorMatches(semantic.subject, workload.podLabels)),
      );
    if (!concerned) continue;
    out.push({
      namespace: semantic.namespace,
      name: semantic.name,
      location: { uri: entry.uri, range: entry.nameRange },
      reason: policy.rejected,
    });
  }
  return out.sort(
    (a, b) => compareText(a.namespace, b.namespace) || compareText(a.name, b.name) || compareText(a.location.uri, b.location.uri),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * For a workload's CodeLens: how many workloads can reach it and how many it can reach, and
 * where the first `limit` of them (either way, each once) are declared.
 */
export function workloadReach(
  index: WorkspaceIndex,
  workload: WorkloadObject,
  limit: number,
): { from: number; to: number; locations: Location[] } | undefined {
  const { model, engine, entries } = connectivityOf(index);
  const position = model.indexOf(workloadKey(workload));
  if (position === undefined) return undefined;
  const found = engine.reach(position);
  const locations = [...new Set([...found.from, ...found.to])].slice(0, limit).flatMap((i) => {
    const entry = entries[i]!;
    return [{ uri: entry.uri, range: entry.nameRange }];
  });
  return { from: found.from.length, to: found.to.length, locations };
}

/** `default/Deployment/web`, or an address or CIDR; undefined when it is neither. */
export function parseEndpoint(text: string): ConnectivityEndpoint | undefined {
  const parts = text.split('/');
  if (parts.length === 3 && !parts.some((part) => part === '') && !text.includes(':') && !/^[\d.]+$/.test(parts[0]!))
    return { namespace: parts[0]!, kind: parts[1]!, name: parts[2]! };
  return parseAddressOrCidr(text) ? { cidr: text.trim() } : undefined;
}

function endpointText(endpoint: ConnectivityEndpoint): string {
  return 'cidr' in endpoint ? endpoint.cidr : `${endpoint.namespace}/${endpoint.kind}/${endpoint.name}`;
}

/** Whether a value from the client is an endpoint (requests are not type-checked on the wire). */
function isEndpoint(value: unknown): value is ConnectivityEndpoint {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Record<string, unknown>;
  return typeof fields.cidr === 'string' || ['namespace', 'kind', 'name'].every((key) => typeof fields[key] === 'string');
}

/** A workload as people write it: namespace/Kind/name, or namespace/name for whichever kind has that name. */
export interface WorkloadName {
  readonly namespace: string;
  readonly kind?: string;
  readonly name: string;
}

/** The workloads (or members of one) a name refers to, the kind compared without case, each as the manifests spell it. */
export function workloadsNamed(index: WorkspaceIndex, reference: WorkloadName): WorkloadRef[] {
  const kind = reference.kind?.toLowerCase();
  const found = new Map<string, WorkloadRef>();
  for (const workload of connectivityOf(index).model.workloads) {
    for (const ref of [workload, ...workload.members]) {
      if (ref.namespace !== reference.namespace || ref.name !== reference.name) continue;
      if (kind === undefined || ref.kind.toLowerCase() === kind)
        found.set(workloadKey(ref), { namespace: ref.namespace, kind: ref.kind, name: ref.name });
    }
  }
  return [...found.values()];
}

/** A workload of the model by reference (kind matched without case), or addresses. */
function resolveEndpoint(model: ConnectivityModel, endpoint: ConnectivityEndpoint): QueryEndpoint | string {
  if ('cidr' in endpoint) {
    const addresses = parseAddressOrCidr(endpoint.cidr);
    return addresses ? { addresses } : `"${endpoint.cidr}" is not an IP address or CIDR`;
  }
  const kinds = new Set(model.workloads.flatMap((workload) => [workload.kind, ...workload.members.map((member) => member.kind)]));
  const kind = [...kinds].find((known) => known.toLowerCase() === endpoint.kind.toLowerCase()) ?? endpoint.kind;
  const workload = model.indexOf(workloadKey({ ...endpoint, kind }));
  return workload === undefined ? `no workload ${endpointText(endpoint)} in the workspace` : { workload };
}

function policyEntries(index: WorkspaceIndex): Entries {
  const policies = new Map<SemanticPolicy, IndexedObject>();
  for (const entry of index.policyEntries()) if (entry.policy) policies.set(entry.policy.semantic, entry);
  const clusterPolicies = new Map<ClusterPolicy, IndexedObject>();
  for (const entry of index.clusterPolicyEntries()) if (entry.clusterPolicy) clusterPolicies.set(entry.clusterPolicy.policy, entry);
  return { policies, clusterPolicies };
}

/** Where policies are written: NetworkPolicies and cluster-wide policies by their meaning. */
interface Entries {
  readonly policies: ReadonlyMap<SemanticPolicy, IndexedObject>;
  readonly clusterPolicies: ReadonlyMap<ClusterPolicy, IndexedObject>;
}

/** The range of a field of an entry, as a location (none when the entry or the range is unknown). */
function located(entry: IndexedObject | undefined, range: Location['range'] | undefined): { location?: Location } {
  return entry && range ? { location: { uri: entry.uri, range } } : {};
}

function trailStep(step: ModelTrailStep, entries: Entries): TrailStep {
  const text = trailStepText(step);
  if (step.tier === 'Default') return { tier: step.tier, text, links: [], decision: 'Accept' };
  if (step.tier === 'NetworkPolicy') {
    return {
      tier: step.tier,
      text,
      decision: step.allowed ? 'Accept' : 'Deny',
      links: step.policies.map((policy) => {
        const entry = entries.policies.get(policy);
        return { label: `${policy.namespace}/${policy.name}`, ...located(entry, entry?.nameRange) };
      }),
    };
  }
  const entry = entries.clusterPolicies.get(step.policy);
  const rulePath = ['spec', step.rule.direction, step.rule.index];
  const { kind, name, priority } = step.policy;
  return {
    tier: step.tier,
    text,
    links: [
      { label: step.policy.name, ...located(entry, entry?.nameRange) },
      { label: `rule ${clusterRuleLabel(step.rule)}`, ...located(entry, entry && anchorRange(entry, rulePath)) },
    ],
    decision: step.rule.action,
    clusterPolicy: { kind, name, ...(priority !== undefined ? { priority } : {}) },
    rule: { path: formatPath(rulePath), ...(step.rule.name !== undefined ? { name: step.rule.name } : {}) },
  };
}

function verdict(decision: DirectionDecision, entries: Entries): DirectionVerdict {
  return {
    allowed: decision.allowed,
    isolated: decision.isolated,
    ...(decision.trail.length ? { trail: decision.trail.map((step) => trailStep(step, entries)) } : {}),
    reason: decision.reason,
    policies: decision.policies.map(({ policy, rules }): DecidingPolicy => {
      const entry = entries.policies.get(policy);
      return {
        namespace: policy.namespace,
        name: policy.name,
        ...located(entry, entry?.nameRange),
        rules: rules.map((rule) => {
          const path = ['spec', rule.direction, rule.index];
          return { path: formatPath(path), ...located(entry, entry && anchorRange(entry, path)) };
        }),
      };
    }),
  };
}

/** `netpol/query`: the verdict, or a sentence saying why the question cannot be asked. */
export function queryWorkspace(index: WorkspaceIndex, params: QueryParams): QueryResult | { readonly error: string } {
  const { from: rawFrom, to: rawTo, port, protocol } = (params ?? {}) as Partial<QueryParams>;
  if (!isEndpoint(rawFrom) || !isEndpoint(rawTo) || !(typeof port === 'number' || typeof port === 'string'))
    return { error: 'a query needs from and to (a workload { namespace, kind, name } or { cidr }) and a port (a number or a name)' };
  if (!isProtocol(protocol)) return { error: `protocol must be ${listText(PROTOCOLS, 'or')}, not ${String(protocol)}` };
  const { model } = connectivityOf(index);
  const from = resolveEndpoint(model, rawFrom);
  if (typeof from === 'string') return { error: from };
  const to = resolveEndpoint(model, rawTo);
  if (typeof to === 'string') return { error: to };
  const decision = queryConnection(model, from, to, port, protocol);
  const entries = policyEntries(index);
  const ends = [from, to].flatMap((end) => ('workload' in end ? [model.workloads[end.workload]!] : []));
  return {
    allowed: decision.allowed,
    egress: verdict(decision.egress, entries),
    ingress: verdict(decision.ingress, entries),
    notApplied: notAppliedPolicies(index, ends),
  };
}
