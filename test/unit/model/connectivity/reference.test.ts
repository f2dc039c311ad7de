import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ipNetContains, parseCidrSloppy } from '../../../../server/src/model/cidr';
import { cidrRange } from '../../../../server/src/model/connectivity/addresses';
import { computeConnectivity, type Connectivity } from '../../../../server/src/model/connectivity/engine';
import { portsInclude } from '../../../../server/src/model/connectivity/ports';
import { PROTOCOLS } from '../../../../server/src/model/vocabulary';
import { queryConnection } from '../../../../server/src/model/connectivity/query';
import { ConnectivityModel, inputFromWorkspace } from '../../../../server/src/model/connectivity/workspaceModel';
import type { Protocol } from '../../../../server/src/model/semantics';
import { settingsFor } from '../../helpers';
import { workspaceOf } from './workspace';
import {
  manifests,
  MAX_NAMED,
  world,
  type Labels,
  type Peer,
  type Policy,
  type Port,
  type Selector,
  type Workload,
  type World,
} from './worlds';

/**
 * The engine against a brute-force reference written straight from the Kubernetes
 * NetworkPolicy definition (the API reference and concepts page), reading the policies'
 * JSON as written, not the semantic model: for random namespaces, workloads and policies,
 * every ordered pair of workloads, every protocol and every port of a small universe (plus
 * one port no policy names), and sample addresses outside the cluster in both directions.
 */

// ------------------------------------------------------------------ the reference

function selects(sel: Selector | undefined, target: Labels): boolean {
  if (!sel) return true;
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) if (target[key] !== value) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = key(target, e.key);
    if (e.operator === 'In' && !(has && e.values!.includes(target[e.key]!))) return false;
    if (e.operator === 'NotIn' && has && e.values!.includes(target[e.key]!)) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

function key(object: Labels, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, name);
}

function namespaceLabels(w: World, namespace: string): Labels {
  return { ...w.namespaces[namespace], 'kubernetes.io/metadata.name': namespace };
}

function types(p: Policy): string[] {
  if (p.spec.policyTypes?.length) return p.spec.policyTypes;
  return (p.spec.egress?.length ?? 0) > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** The other end of a connection: a pod, or an address outside the cluster. */
type End = { pod: Workload } | { address: string };

function addressIn(address: string, block: { cidr: string; except?: string[] }): boolean {
  const ip = parseCidrSloppy(`${address}/${address.includes(':') ? 128 : 32}`)!.address;
  return ipNetContains(parseCidrSloppy(block.cidr)!, ip) && !(block.except ?? []).some((e) => ipNetContains(parseCidrSloppy(e)!, ip));
}

function peerMatches(w: World, p: Policy, candidate: Peer, end: End): boolean {
  if (candidate.ipBlock) return 'address' in end && addressIn(end.address, candidate.ipBlock);
  if (!('pod' in end)) return false;
  const inNamespace = candidate.namespaceSelector
    ? selects(candidate.namespaceSelector, namespaceLabels(w, end.pod.namespace))
    : end.pod.namespace === p.namespace;
  return inNamespace && selects(candidate.podSelector, end.pod.labels);
}

function portMatches(entry: Port, proto: Protocol, number: number, destination: Workload | undefined): boolean {
  if ((entry.protocol ?? 'TCP') !== proto) return false;
  if (entry.port === undefined) return true;
  if (typeof entry.port === 'number') return entry.port <= number && number <= (entry.endPort ?? entry.port);
  return (destination?.ports ?? []).some((c) => c.name === entry.port && (c.protocol ?? 'TCP') === proto && c.containerPort === number);
}

/** Whether `subject`'s policies let traffic go out to (`Egress`) or come in from (`Ingress`) `other`. */
function directionAllows(w: World, direction: 'Ingress' | 'Egress', subject: Workload, other: End, proto: Protocol, number: number, destination: Workload | undefined): boolean {
  const selecting = w.policies.filter((p) => p.namespace === subject.namespace && types(p).includes(direction) && selects(p.spec.podSelector, subject.labels));
  if (selecting.length === 0) return true;
  return selecting.some((p) =>
    (direction === 'Ingress' ? p.spec.ingress : p.spec.egress)?.some((r) => {
      const peers = direction === 'Ingress' ? r.from : r.to;
      const peerOk = !peers?.length || peers.some((candidate) => peerMatches(w, p, candidate, other));
      const portOk = !r.ports?.length || r.ports.some((entry) => portMatches(entry, proto, number, destination));
      return peerOk && portOk;
    }),
  );
} // prettier-ignore

// ------------------------------------------------------------------ the engine on the same world

/**
 * Kubernetes 1.35: the worlds hold CIDRs that only the strict parsing of 1.36 rejects (IPv4-mapped
 * IPv6, host bits); the reference is about what an accepted policy means (a rejected one is not in
 * the cluster: see the connectivity service tests).
 */
const ACCEPTING_LEGACY_CIDRS = settingsFor({ k8s: '1.35' });

function engineOf(w: World): { model: ConnectivityModel; connectivity: Connectivity; index: (name: string) => number } {
  const model = new ConnectivityModel(inputFromWorkspace(workspaceOf(manifests(w), ACCEPTING_LEGACY_CIDRS)));
  const connectivity = computeConnectivity(model);
  return { model, connectivity, index: (name) => model.workloads.findIndex((x) => x.name === name) };
}

const PORTS = [...Array.from({ length: MAX_NAMED + 1 }, (_, i) => i + 1), 65535];
const ADDRESSES = [
  '10.0.0.1',
  '10.1.2.3',
  '10.255.255.255',
  '192.168.1.5',
  '8.8.8.8',
  '2001:db8::1',
  '2001:db8:1::1',
  '2001:db9::1',
  '::ffff:10.0.0.1',
];

function segmentPorts(segments: Connectivity['external'][number]['ingress'], address: string) {
  const range = cidrRange(`${address}/${address.includes(':') ? 128 : 32}`)!;
  return segments.find((s) => s.range.family === range.family && s.range.lo <= range.lo && range.lo <= s.range.hi)!.ports;
}

describe('connectivity against the brute-force reference', () => {
  it('agrees on every pair, protocol, port and sample address', () => {
    fc.assert(
      fc.property(world, (w) => {
        const { model, connectivity, index } = engineOf(w);
        expect(model.workloads).toHaveLength(w.workloads.length);
        const pairs = new Map(connectivity.pairs.map((pair) => [`${pair.from}>${pair.to}`, pair.ports]));
        for (const source of w.workloads) {
          for (const destination of w.workloads) {
            if (source === destination) continue;
            const ports = pairs.get(`${index(source.name)}>${index(destination.name)}`);
            for (const proto of PROTOCOLS) {
              for (const number of PORTS) {
                const expected =
                  directionAllows(w, 'Egress', source, { pod: destination }, proto, number, destination) &&
                  directionAllows(w, 'Ingress', destination, { pod: source }, proto, number, destination);
                const actual = ports !== undefined && portsInclude(ports, proto, number);
                if (actual !== expected)
                  throw new Error(`${source.name} -> ${destination.name} ${proto} ${number}: engine ${actual}, reference ${expected}`);
                const query = queryConnection(
                  model,
                  { workload: index(source.name) },
                  { workload: index(destination.name) },
                  number,
                  proto,
                );
                if (query.allowed !== expected)
                  throw new Error(`query ${source.name} -> ${destination.name} ${proto} ${number}: ${query.allowed}`);
              }
            }
          }
          const external = connectivity.external[index(source.name)]!;
          for (const address of ADDRESSES) {
            for (const proto of PROTOCOLS) {
              for (const number of PORTS) {
                const inbound = directionAllows(w, 'Ingress', source, { address }, proto, number, source);
                const outbound = directionAllows(w, 'Egress', source, { address }, proto, number, undefined);
                if (portsInclude(segmentPorts(external.ingress, address), proto, number) !== inbound)
                  throw new Error(`${address} -> ${source.name} ${proto} ${number}: reference ${inbound}`);
                if (portsInclude(segmentPorts(external.egress, address), proto, number) !== outbound)
                  throw new Error(`${source.name} -> ${address} ${proto} ${number}: reference ${outbound}`);
                const outside = { addresses: cidrRange(`${address}/${address.includes(':') ? 128 : 32}`)! };
                if (queryConnection(model, outside, { workload: index(source.name) }, number, proto).allowed !== inbound)
                  throw new Error(`query ${address} -> ${source.name} ${proto} ${number}`);
                if (queryConnection(model, { workload: index(source.name) }, outside, number, proto).allowed !== outbound)
                  throw new Error(`query ${source.name} -> ${address} ${proto} ${number}`);
              }
            }
          }
        }
      }),
      { numRuns: 300 },
    );
    // About 6 s alone; more when the suite runs in parallel.
  }, 120_000);
});
