import type { Direction, SemanticPolicy } from '../semantics';
import { familyMax, rangeToCidrs, type AddressRange, type Family } from './addresses';
import type { ConnectivityEngine } from './engine';
import type { AddressSegment } from './external';
import { NO_PORTS, samePorts, type ProtocolPorts } from './ports';
import { workloadKey, type Workload } from '../workloads';
import type { ConnectivityModel } from './workspaceModel';

/**
 * What changes between two connectivity answers: the ordered pairs of workloads, and of
 * workloads and addresses outside the cluster, whose allowed ports differ. A pair's answer
 * depends only on the source's egress policies and pod identity and on the destination's
 * ingress policies, pod identity and container ports; so only the rows of workloads whose
 * egress changed and the columns of those whose ingress changed are computed, and every
 * other pair is known to be equal without being asked. The result is exactly what comparing
 * the two full maps would give (see the property test), at the cost of what changed.
 */

/** A workload, or a CIDR outside the cluster. */
export type DiffEndpoint = { readonly workload: Workload } | { readonly cidr: string };

export interface ConnectionChange {
  readonly from: DiffEndpoint;
  readonly to: DiffEndpoint;
  /** What was allowed before (NO_PORTS: nothing) and what is allowed after. */
  readonly before: ProtocolPorts;
  readonly after: ProtocolPorts;
}

export interface ConnectivityDiff {
  /** Workload pairs by source then destination, then addresses to each workload, then from each. */
  readonly changes: readonly ConnectionChange[];
  readonly workloads: { readonly added: readonly Workload[]; readonly removed: readonly Workload[] };
}

const policyPrints = new WeakMap<SemanticPolicy, string>();

/** What of a policy decides traffic (its name too: a rename is cheap to recompute and rare). */
export function policyPrint(policy: SemanticPolicy): string {
  let print = policyPrints.get(policy);
  if (print === undefined) {
    print = JSON.stringify(policy);
    policyPrints.set(policy, print);
  }
  return print;
}

/** A workload's labels, ports and addresses: what a pair's answer depends on at that end, besides the policies. */
function identity(model: ConnectivityModel, workload: number): string {
  const target = model.workloads[workload]!;
  const pod = model.pods[workload]!;
  return JSON.stringify(
    [model.namespaceLabels(target.namespace), target.podLabels, target.ports, pod.hostNetwork, pod.addresses],
    (_, value: unknown) => (typeof value === 'bigint' ? value.toString() : value),
  );
}

/** Everything a pair's answer can depend on at one end, for one direction of that end (`identity`: see above). */
function signature(model: ConnectivityModel, workload: number, identity: string, direction: Direction): string {
  const tiers = model.tiers(workload, direction);
  // A cluster-wide policy's rules and their order (its priority) decide with the NetworkPolicies.
  const cluster = [...tiers.admin, ...tiers.baseline].map(({ policy, rule }) =>
    JSON.stringify([policy.kind, policy.name, policy.priority, rule]),
  );
  return `${identity}\n${model.selecting(workload, direction).map(policyPrint).sort().join('\n')}\n${cluster.join('\n')}`;
}

/** One side of the comparison: the model, its engine, and each workload's signatures by key. */
interface Side {
  readonly model: ConnectivityModel;
  readonly engine: ConnectivityEngine;
  readonly egress: Map<string, string>;
  readonly ingress: Map<string, string>;
}

/** Sides by engine: an engine whose model does not change (a revision) is compared again and again. */
const sides = new WeakMap<ConnectivityEngine, Side>();

function sideOf(engine: ConnectivityEngine): Side {
  const known = sides.get(engine);
  if (known) return known;
  const { model } = engine;
  const egress = new Map<string, string>();
  const ingress = new Map<string, string>();
  model.workloads.forEach((workload, i) => {
    const key = workloadKey(workload);
    const ends = identity(model, i);
    egress.set(key, signature(model, i, ends, 'egress'));
    ingress.set(key, signature(model, i, ends, 'ingress'));
  });
  const side = { model, engine, egress, ingress };
  sides.set(engine, side);
  return side;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Where a range of a family ends: a segment list covers its family with no gap. */
function segmentAt(segments: readonly AddressSegment[], family: Family, address: bigint): AddressSegment | undefined {
  return segments.find((s) => s.range.family === family && s.range.lo <= address && address <= s.range.hi);
}

const NOTHING_OUTSIDE: readonly AddressSegment[] = [4, 6].map((family) => ({
  range: { family: family as Family, lo: 0n, hi: familyMax(family as Family) },
  ports: NO_PORTS,
}));

/**
 * The ranges over which two partitions of the address space allow different ports, with
 * both answers; neighbouring ranges with the same pair of answers are one.
 */
export function compareSegments(
  before: readonly AddressSegment[],
  after: readonly AddressSegment[],
): { range: AddressRange; before: ProtocolPorts; after: ProtocolPorts }[] {
  const out: { range: AddressRange; before: ProtocolPorts; after: ProtocolPorts }[] = [];
  for (const family of [4, 6] as const) {
    const max = familyMax(family);
    const cuts = new Set<bigint>([0n]);
    for (const segment of [...before, ...after])
      if (segment.range.family === family && segment.range.hi < max) cuts.add(segment.range.hi + 1n);
    const starts = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let last: (typeof out)[number] | undefined;
    for (let i = 0; i < starts.length; i++) {
      const lo = starts[i]!;
      const hi = i + 1 < starts.length ? starts[i + 1]! - 1n : max;
      const was = segmentAt(before, family, lo)?.ports ?? NO_PORTS;
      const is = segmentAt(after, family, lo)?.ports ?? NO_PORTS;
      if (samePorts(was, is)) {
        last = undefined;
        continue;
      }
      if (last && last.range.hi + 1n === lo && samePorts(last.before, was) && samePorts(last.after, is)) {
        last.range = { family, lo: last.range.lo, hi };
      } else {
        last = { range: { family, lo, hi }, before: was, after: is };
        out.push(last);
      }
    }
  }
  return out;
}

/**
 * What changes from `before` to `after` (the engines of two models of the same kind of input,
 * e.g. two commits). What an engine has computed is kept with it, for the next comparison.
 */
export function diffConnectivity(beforeEngine: ConnectivityEngine, afterEngine: ConnectivityEngine): ConnectivityDiff {
  const before = sideOf(beforeEngine);
  const after = sideOf(afterEngine);
  const [beforeModel, afterModel] = [before.model, after.model];
  // Every workload of either side, in the order connectivity lists them.
  const byKey = new Map<string, Workload>();
  for (const workload of [...afterModel.workloads, ...beforeModel.workloads]) {
    const key = workloadKey(workload);
    if (!byKey.has(key)) byKey.set(key, workload);
  }
  const keys = [...byKey.keys()].sort((a, b) => {
    const x = byKey.get(a)!;
    const y = byKey.get(b)!;
    return compare(x.namespace, y.namespace) || compare(x.name, y.name) || compare(x.kind, y.kind);
  });
  const changedOut = new Set(keys.filter((key) => before.egress.get(key) !== after.egress.get(key)));
  const changedIn = new Set(keys.filter((key) => before.ingress.get(key) !== after.ingress.get(key)));

  // Pairs are visited by position in `keys`, source then destination: the order of the output.
  const at = (model: ConnectivityModel) => keys.map((key) => model.indexOf(key));
  const [beforeAt, afterAt] = [at(beforeModel), at(afterModel)];
  const allowed = (side: Side, positions: readonly (number | undefined)[], from: number, to: number): ProtocolPorts => {
    const i = positions[from];
    const j = positions[to];
    return i === undefined || j === undefined ? NO_PORTS : side.engine.allowed(i, j);
  };
  // One endpoint object per workload, however many changes name it.
  const ends: DiffEndpoint[] = keys.map((key) => ({ workload: byKey.get(key)! }));
  const changes: ConnectionChange[] = [];
  const visit = (from: number, to: number) => {
    if (from === to) return;
    const was = allowed(before, beforeAt, from, to);
    const is = allowed(after, afterAt, from, to);
    if (!samePorts(was, is)) changes.push({ from: ends[from]!, to: ends[to]!, before: was, after: is });
  };
  const incoming = keys.flatMap((key, i) => (changedIn.has(key) ? [i] : []));
  keys.forEach((key, from) => {
    if (changedOut.has(key)) for (let to = 0; to < keys.length; to++) visit(from, to);
    else for (const to of incoming) visit(from, to);
  });

  const outside = (side: Side, key: string, direction: Direction): readonly AddressSegment[] => {
    const i = side.model.indexOf(key);
    return i === undefined ? NOTHING_OUTSIDE : side.engine.external(i)[direction];
  };
  const external = (direction: Direction, changed: ReadonlySet<string>) => {
    keys.forEach((key, i) => {
      if (!changed.has(key)) return;
      const workload = ends[i]!;
      for (const { range, before: was, after: is } of compareSegments(outside(before, key, direction), outside(after, key, direction))) {
        for (const cidr of rangeToCidrs(range)) {
          changes.push(
            direction === 'ingress'
              ? { from: { cidr }, to: workload, before: was, after: is }
              : { from: workload, to: { cidr }, before: was, after: is },
          );
        }
      }
    });
  };
  external('ingress', changedIn);
  external('egress', changedOut);

  const added = keys.filter((key) => beforeModel.indexOf(key) === undefined).map((key) => byKey.get(key)!);
  const removed = keys.filter((key) => afterModel.indexOf(key) === undefined).map((key) => byKey.get(key)!);
  return { changes, workloads: { added, removed } };
}

export interface PolicyChanges {
  readonly added: readonly SemanticPolicy[];
  readonly removed: readonly SemanticPolicy[];
  /** Same namespace and name, another meaning. */
  readonly changed: readonly { readonly before: SemanticPolicy; readonly after: SemanticPolicy }[];
}

/** Policies by namespace and name: those only after, only before, and those whose meaning changed. */
export function diffPolicies(before: readonly SemanticPolicy[], after: readonly SemanticPolicy[]): PolicyChanges {
  const keyOf = (policy: SemanticPolicy) => `${policy.namespace}/${policy.name}`;
  const byKey = (policies: readonly SemanticPolicy[]) => {
    const map = new Map<string, SemanticPolicy>();
    for (const policy of policies) if (!map.has(keyOf(policy))) map.set(keyOf(policy), policy);
    return map;
  };
  const was = byKey(before);
  const is = byKey(after);
  const sorted = (policies: Iterable<SemanticPolicy>) =>
    [...policies].sort((a, b) => compare(a.namespace, b.namespace) || compare(a.name, b.name));
  return {
    added: sorted([...is.values()].filter((policy) => !was.has(keyOf(policy)))),
    removed: sorted([...was.values()].filter((policy) => !is.has(keyOf(policy)))),
    changed: sorted(
      [...is.values()].filter((policy) => was.has(keyOf(policy)) && policyPrint(was.get(keyOf(policy))!) !== policyPrint(policy)),
    ).map((policy) => ({ before: was.get(keyOf(policy))!, after: policy })),
  };
}
