import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidrRange } from '../../../../server/src/model/connectivity/addresses';
import { computeConnectivity } from '../../../../server/src/model/connectivity/engine';
import { ConnectivityModel, inputFromWorkspace } from '../../../../server/src/model/connectivity/workspaceModel';
import type { ConnectivityEndpoint, ConnectivityReport, ReachabilityChange } from '../../../../server/src/protocol';
import { connectivityReport } from '../../../../server/src/services/connectivity';
import { diffWorkspaces } from '../../../../server/src/services/diff';
import { workspaceOf } from './workspace';
import { manifests, world, type World } from './worlds';

/**
 * A diff is two connectivity answers compared: for random pairs of workspaces that share
 * some of their namespaces, workloads and policies (kept, replaced, dropped or added), the
 * diff lists exactly the ordered pairs whose ports differ between `netpol connectivity`'s
 * answers on each side, with both answers; and for addresses outside the cluster, an address
 * is in a listed CIDR exactly when what the two answers allow to or from it differs.
 */

type Choice = 'keep' | 'replace' | 'drop';

/** A second world made of the first and another: item by item kept, replaced by the other's, or dropped; the other's extra items added. */
function mix(a: World, b: World, choices: readonly Choice[], extra: boolean, namespacesFromB: boolean): World {
  const pick = <T>(mine: readonly T[], theirs: readonly T[], offset: number): T[] => [
    ...mine.flatMap((item, i) => {
      const choice = choices[(i + offset) % Math.max(1, choices.length)] ?? 'keep';
      if (choice === 'drop') return [];
      return [choice === 'replace' && theirs[i] ? theirs[i] : item];
    }),
    ...(extra ? theirs.slice(mine.length) : []),
  ];
  return {
    namespaces: namespacesFromB ? b.namespaces : a.namespaces,
    workloads: pick(a.workloads, b.workloads, 0),
    policies: pick(a.policies, b.policies, 3),
  };
}

const pairOfWorlds = fc
  .tuple(world, world, fc.array(fc.constantFrom<Choice>('keep', 'keep', 'replace', 'drop'), { maxLength: 8 }), fc.boolean(), fc.boolean())
  .map(([a, b, choices, extra, namespaces]) => [a, mix(a, b, choices, extra, namespaces)] as const);

function reportOf(w: World): ConnectivityReport {
  return connectivityReport(computeConnectivity(new ConnectivityModel(inputFromWorkspace(workspaceOf(manifests(w))))));
}

const label = (end: ConnectivityEndpoint) => ('cidr' in end ? end.cidr : `${end.namespace}/${end.kind}/${end.name}`);
const SAMPLES = ['0.0.0.0', '10.0.0.1', '10.1.2.3', '10.255.255.255', '11.0.0.0', '192.168.1.5', '192.168.2.0', '8.8.8.8', '255.255.255.255',
  '::', '2001:db8::1', '2001:db8:1::1', '2001:db8:2::', '2001:db9::1', '::ffff:10.0.0.1', 'ffff::1']; // prettier-ignore

function contains(cidr: string, address: string): boolean {
  const range = cidrRange(cidr)!;
  const point = cidrRange(`${address}/${address.includes(':') ? 128 : 32}`)!;
  return range.family === point.family && range.lo <= point.lo && point.lo <= range.hi;
}

/** What a report allows between a workload and an address outside (by the CIDR entry containing it), as JSON. */
function outside(report: ConnectivityReport, workload: string, address: string, direction: 'in' | 'out'): string {
  const found = report.connections.find((c) =>
    direction === 'in'
      ? 'cidr' in c.from && label(c.to) === workload && contains(c.from.cidr, address)
      : 'cidr' in c.to && label(c.from) === workload && contains(c.to.cidr, address),
  );
  return JSON.stringify(found ? found.ports : 'none');
}

describe('the reachability diff is two connectivity answers compared', () => {
  it('lists exactly the pairs and addresses whose answers differ, with both answers', () => {
    fc.assert(
      fc.property(pairOfWorlds, ([a, b]) => {
        const before = reportOf(a);
        const after = reportOf(b);
        const { report } = diffWorkspaces(workspaceOf(manifests(a)), workspaceOf(manifests(b)));

        // Workload pairs.
        const pairs = (r: ConnectivityReport) =>
          new Map(
            r.connections
              .filter((c) => !('cidr' in c.from) && !('cidr' in c.to))
              .map((c) => [`${label(c.from)} > ${label(c.to)}`, JSON.stringify(c.ports)]),
          );
        const [was, is] = [pairs(before), pairs(after)];
        const differing = [...new Set([...was.keys(), ...is.keys()])]
          .filter((key) => (was.get(key) ?? '"none"') !== (is.get(key) ?? '"none"'))
          .sort();
        const listed = report.changes.filter((c) => !('cidr' in c.from) && !('cidr' in c.to));
        expect(listed.map((c) => `${label(c.from)} > ${label(c.to)}`).sort()).toEqual(differing);
        for (const change of listed) {
          const key = `${label(change.from)} > ${label(change.to)}`;
          expect([JSON.stringify(change.before), JSON.stringify(change.after)]).toEqual([
            was.get(key) ?? '"none"',
            is.get(key) ?? '"none"',
          ]);
        }

        // Addresses outside the cluster, to and from every workload of either side.
        const workloads = [...new Set([...before.workloads, ...after.workloads].map(label))];
        for (const workload of workloads) {
          for (const direction of ['in', 'out'] as const) {
            const entries = report.changes.filter((c: ReachabilityChange) =>
              direction === 'in' ? 'cidr' in c.from && label(c.to) === workload : 'cidr' in c.to && label(c.from) === workload,
            );
            const cidrOf = (c: ReachabilityChange) => ('cidr' in c.from ? c.from.cidr : (c.to as { cidr: string }).cidr);
            for (const address of [...SAMPLES, ...entries.map((c) => cidrOf(c).split('/')[0]!)]) {
              const answers = [outside(before, workload, address, direction), outside(after, workload, address, direction)];
              const hits = entries.filter((c) => contains(cidrOf(c), address));
              if (answers[0] === answers[1]) expect(hits, `${workload} ${direction} ${address}`).toEqual([]);
              else {
                expect(hits, `${workload} ${direction} ${address}`).toHaveLength(1);
                expect([JSON.stringify(hits[0]!.before), JSON.stringify(hits[0]!.after)]).toEqual(answers);
              }
            }
          }
        }

        // Workloads added and removed.
        const names = (r: ConnectivityReport) => new Set(r.workloads.map(label));
        const [had, has] = [names(before), names(after)];
        expect(report.workloads.added.map(label)).toEqual([...has].filter((w) => !had.has(w)));
        expect(report.workloads.removed.map(label)).toEqual([...had].filter((w) => !has.has(w)));
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});
