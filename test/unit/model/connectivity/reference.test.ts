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
import { workspaceOf } from './workspace';

/**
 * The engine against a brute-force reference written straight from the Kubernetes
 * NetworkPolicy definition (the API reference and concepts page), reading the policies'
 * JSON as written, not the semantic model: for random namespaces, workloads and policies,
 * every ordered pair of workloads, every protocol and every port of a small universe (plus
 * one port no policy names), and sample addresses outside the cluster in both directions.
 */

type Labels = Record<string, string>;
interface Expression {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}
interface Selector {
  matchLabels?: Labels;
  matchExpressions?: Expression[];
}
interface Peer {
  podSelector?: Selector;
  namespaceSelector?: Selector;
  ipBlock?: { cidr: string; except?: string[] };
}
interface Port {
  protocol?: Protocol;
  port?: number | string;
  endPort?: number;
}
interface Rule {
  from?: Peer[];
  to?: Peer[];
  ports?: Port[];
}
interface Policy {
  namespace: string;
  name: string;
  spec: { podSelector: Selector; policyTypes?: ('Ingress' | 'Egress')[]; ingress?: Rule[]; egress?: Rule[] };
}
interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: Protocol;
}
interface Workload {
  namespace: string;
  name: string;
  labels: Labels;
  ports: ContainerPort[];
}
interface World {
  namespaces: Record<string, Labels>;
  workloads: Workload[];
  policies: Policy[];
}

// ------------------------------------------------------------------ generators

/** Ports 1–12 in policies and containers; 13 is named by no policy (only "all ports" rules allow it). */
const MAX_NAMED = 12;
const NAMESPACES = ['ns1', 'ns2'];
const labelValue = fc.constantFrom('a', 'b');
const labels = fc.dictionary(fc.constantFrom('app', 'tier'), labelValue, { maxKeys: 2 });
const expression: fc.Arbitrary<Expression> = fc.oneof(
  fc.record({ key: fc.constantFrom('app', 'tier', 'env'), operator: fc.constantFrom('In' as const, 'NotIn' as const), values: fc.uniqueArray(labelValue, { minLength: 1 }) }),
  fc.record({ key: fc.constantFrom('app', 'tier', 'env'), operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const) }),
); // prettier-ignore
const selector: fc.Arbitrary<Selector> = fc.record(
  { matchLabels: fc.dictionary(fc.constantFrom('app', 'tier', 'env'), labelValue, { maxKeys: 2 }), matchExpressions: fc.array(expression, { maxLength: 2 }) },
  { requiredKeys: [] },
); // prettier-ignore
const CIDRS = [
  { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] },
  { cidr: '0.0.0.0/0' },
  { cidr: '192.168.1.0/24' },
  { cidr: '10.1.0.0/16' },
  { cidr: '2001:db8::/32', except: ['2001:db8:1::/48'] },
  { cidr: '::ffff:10.0.0.0/104' },
];
const peer: fc.Arbitrary<Peer> = fc.oneof(
  fc.record({ podSelector: selector, namespaceSelector: selector }, { requiredKeys: [] }).filter((p) => p.podSelector !== undefined || p.namespaceSelector !== undefined),
  fc.constantFrom(...CIDRS).map((ipBlock) => ({ ipBlock })),
); // prettier-ignore
// TCP most often, so that named ports and their containers meet often enough.
const protocol = fc.constantFrom<Protocol>('TCP', 'TCP', 'TCP', 'UDP', 'SCTP');
const port: fc.Arbitrary<Port> = fc.oneof(
  fc.record({ protocol }, { requiredKeys: [] }),
  fc.record({ protocol, port: fc.integer({ min: 1, max: MAX_NAMED }) }, { requiredKeys: ['port'] }),
  fc
    .record({ protocol, port: fc.integer({ min: 1, max: MAX_NAMED }), length: fc.integer({ min: 0, max: 4 }) }, { requiredKeys: ['port', 'length'] })
    .map(({ length, ...p }) => ({ ...p, endPort: Math.min(MAX_NAMED, p.port + length) })),
  fc.record({ protocol, port: fc.constantFrom('http', 'dns', 'nope') }, { requiredKeys: ['port'] }),
  fc.record({ protocol, port: fc.constantFrom('http', 'dns') }, { requiredKeys: ['port'] }),
); // prettier-ignore
const rule = (peers: 'from' | 'to'): fc.Arbitrary<Rule> =>
  fc.record({ [peers]: fc.array(peer, { maxLength: 2 }), ports: fc.array(port, { maxLength: 3 }) }, { requiredKeys: [] });
const policyTypes = fc.constantFrom(undefined, ['Ingress' as const], ['Egress' as const], ['Ingress' as const, 'Egress' as const]);
const policy: fc.Arbitrary<Omit<Policy, 'name'>> = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  spec: fc
    .record({ podSelector: selector, policyTypes, ingress: fc.array(rule('from'), { maxLength: 2 }), egress: fc.array(rule('to'), { maxLength: 2 }) }, { requiredKeys: ['podSelector'] })
    .map((spec) => (spec.policyTypes === undefined ? (({ policyTypes: _, ...rest }) => rest)(spec) : spec)),
}); // prettier-ignore
const containerPort: fc.Arbitrary<ContainerPort> = fc.record(
  { name: fc.constantFrom('http', 'dns'), containerPort: fc.integer({ min: 1, max: MAX_NAMED }), protocol },
  { requiredKeys: ['containerPort'] },
);
const workload: fc.Arbitrary<Omit<Workload, 'name'>> = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  labels,
  // A pod cannot declare one port name twice.
  ports: fc.uniqueArray(containerPort, { maxLength: 2, selector: (p) => p.name ?? `#${p.containerPort}` }),
});
const world: fc.Arbitrary<World> = fc.record({
  namespaces: fc.record({ ns1: fc.dictionary(fc.constantFrom('env', 'team'), labelValue, { maxKeys: 2 }), ns2: fc.dictionary(fc.constantFrom('env', 'team'), labelValue, { maxKeys: 2 }) }),
  workloads: fc.array(workload, { minLength: 1, maxLength: 4 }).map((ws) => ws.map((w, i) => ({ ...w, name: `w${i}` }))),
  policies: fc.array(policy, { maxLength: 4 }).map((ps) => ps.map((p, i) => ({ ...p, name: `p${i}` }))),
}); // prettier-ignore

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

function manifests(w: World): Record<string, string> {
  const docs = [
    ...NAMESPACES.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: w.namespaces[name] } })),
    ...w.workloads.map((workload) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: workload.name, namespace: workload.namespace },
      spec: {
        template: { metadata: { labels: workload.labels }, spec: { containers: [{ name: 'main', image: 'x', ports: workload.ports }] } },
      },
    })),
    ...w.policies.map((p) => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: p.name, namespace: p.namespace },
      spec: p.spec,
    })),
  ];
  return { 'world.yaml': docs.map((doc) => JSON.stringify(doc)).join('\n---\n') };
}

function engineOf(w: World): { model: ConnectivityModel; connectivity: Connectivity; index: (name: string) => number } {
  const model = new ConnectivityModel(inputFromWorkspace(workspaceOf(manifests(w))));
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
  }, 60_000);
});
