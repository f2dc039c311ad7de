import fc from 'fast-check';
import type { Protocol } from '../../../../server/src/model/semantics';

/**
 * Random small worlds for the connectivity property tests: two namespaces, a few workloads
 * with labels and container ports, a few policies of every shape (selectors, pod and ipBlock
 * peers, numeric, ranged and named ports, policyTypes), as JSON written to one manifest.
 */

export type Labels = Record<string, string>;
export interface Expression {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}
export interface Selector {
  matchLabels?: Labels;
  matchExpressions?: Expression[];
}
export interface Peer {
  podSelector?: Selector;
  namespaceSelector?: Selector;
  ipBlock?: { cidr: string; except?: string[] };
}
export interface Port {
  protocol?: Protocol;
  port?: number | string;
  endPort?: number;
}
export interface Rule {
  from?: Peer[];
  to?: Peer[];
  ports?: Port[];
}
export interface Policy {
  namespace: string;
  name: string;
  spec: { podSelector: Selector; policyTypes?: ('Ingress' | 'Egress')[]; ingress?: Rule[]; egress?: Rule[] };
}
export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: Protocol;
}
export interface Workload {
  namespace: string;
  name: string;
  labels: Labels;
  ports: ContainerPort[];
}
export interface World {
  namespaces: Record<string, Labels>;
  workloads: Workload[];
  policies: Policy[];
}

// ------------------------------------------------------------------ generators

/** Ports 1–12 in policies and containers; 13 is named by no policy (only "all ports" rules allow it). */
export const MAX_NAMED = 12;
export const NAMESPACES = ['ns1', 'ns2'];
const labelValue = fc.constantFrom('a', 'b');
const labels = fc.dictionary(fc.constantFrom('app', 'tier'), labelValue, { maxKeys: 2 });
export const expression: fc.Arbitrary<Expression> = fc.oneof(
  fc.record({ key: fc.constantFrom('app', 'tier', 'env'), operator: fc.constantFrom('In' as const, 'NotIn' as const), values: fc.uniqueArray(labelValue, { minLength: 1 }) }),
  fc.record({ key: fc.constantFrom('app', 'tier', 'env'), operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const) }),
); // prettier-ignore
export const selector: fc.Arbitrary<Selector> = fc.record(
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
export const peer: fc.Arbitrary<Peer> = fc.oneof(
  fc.record({ podSelector: selector, namespaceSelector: selector }, { requiredKeys: [] }).filter((p) => p.podSelector !== undefined || p.namespaceSelector !== undefined),
  fc.constantFrom(...CIDRS).map((ipBlock) => ({ ipBlock })),
); // prettier-ignore
// TCP most often, so that named ports and their containers meet often enough.
const protocol = fc.constantFrom<Protocol>('TCP', 'TCP', 'TCP', 'UDP', 'SCTP');
export const port: fc.Arbitrary<Port> = fc.oneof(
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
export const policy: fc.Arbitrary<Omit<Policy, 'name'>> = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  spec: fc
    .record({ podSelector: selector, policyTypes, ingress: fc.array(rule('from'), { maxLength: 2 }), egress: fc.array(rule('to'), { maxLength: 2 }) }, { requiredKeys: ['podSelector'] })
    .map((spec) => (spec.policyTypes === undefined ? (({ policyTypes: _, ...rest }) => rest)(spec) : spec)),
}); // prettier-ignore
export const containerPort: fc.Arbitrary<ContainerPort> = fc.record(
  { name: fc.constantFrom('http', 'dns'), containerPort: fc.integer({ min: 1, max: MAX_NAMED }), protocol },
  { requiredKeys: ['containerPort'] },
);
export const workload: fc.Arbitrary<Omit<Workload, 'name'>> = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  labels,
  // A pod cannot declare one port name twice.
  ports: fc.uniqueArray(containerPort, { maxLength: 2, selector: (p) => p.name ?? `#${p.containerPort}` }),
});
export const world: fc.Arbitrary<World> = fc.record({
  namespaces: fc.record({ ns1: fc.dictionary(fc.constantFrom('env', 'team'), labelValue, { maxKeys: 2 }), ns2: fc.dictionary(fc.constantFrom('env', 'team'), labelValue, { maxKeys: 2 }) }),
  workloads: fc.array(workload, { minLength: 1, maxLength: 4 }).map((ws) => ws.map((w, i) => ({ ...w, name: `w${i}` }))),
  policies: fc.array(policy, { maxLength: 4 }).map((ps) => ps.map((p, i) => ({ ...p, name: `p${i}` }))),
}); // prettier-ignore

export function manifests(w: World): Record<string, string> {
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
