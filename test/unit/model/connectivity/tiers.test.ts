import { describe, expect, it } from 'vitest';
import { parseAddressOrCidr } from '../../../../server/src/model/connectivity/addresses';
import { ConnectivityEngine } from '../../../../server/src/model/connectivity/engine';
import { allowedCidrs } from '../../../../server/src/model/connectivity/external';
import { isAllPorts, portEntries, type ProtocolPorts } from '../../../../server/src/model/connectivity/ports';
import { queryConnection } from '../../../../server/src/model/connectivity/query';
import type { ConnectivityModel } from '../../../../server/src/model/connectivity/workspaceModel';
import { clusterPolicy, pod, tieredModel, type TieredOptions } from './clusterWorkspace';
import { namespace, netpol } from './workspace';

/**
 * Connectivity through the tiers of the network-policy-api (Admin → NetworkPolicy → Baseline →
 * allowed), each boundary from both sides, on bare pods so that addresses can be recorded.
 */

export function portsText(ports: ProtocolPorts): string {
  if (isAllPorts(ports)) return 'all';
  const entries = portEntries(ports);
  return entries.length ? entries.map((e) => `${e.protocol} ${e.port}${e.endPort ? `-${e.endPort}` : ''}`).join(', ') : 'none';
}

function world(files: Record<string, string>, options?: TieredOptions) {
  const model = tieredModel(files, options);
  const engine = new ConnectivityEngine(model);
  const at = (name: string) => model.workloads.findIndex((w) => w.name === name);
  return {
    model,
    engine,
    at,
    between: (from: string, to: string) => portsText(engine.allowed(at(from), at(to))),
    query: (from: string, to: string, port: number | string, protocol: 'TCP' | 'UDP' | 'SCTP' = 'TCP') =>
      queryConnection(model, { workload: at(from) }, { workload: at(to) }, port, protocol),
  };
}

const BASE = {
  'ns.yaml': [namespace('shop', { team: 'shop' }), namespace('ops', { team: 'ops' })].join('---\n'),
  'pods.yaml': [
    pod('shop', 'web', { app: 'web' }, { ports: ['http:8080'], ip: '10.0.1.1' }),
    pod('shop', 'db', { app: 'db' }, { ports: ['pg:5432'], ip: '10.0.1.2' }),
    pod('ops', 'monitor', { app: 'monitor' }, { ip: '10.0.2.1' }),
  ].join('---\n'),
};

const admin = (name: string, priority: number, spec: string) =>
  clusterPolicy('ClusterNetworkPolicy', name, `tier: Admin\npriority: ${priority}\n${spec}`);
const baseline = (name: string, priority: number, spec: string) =>
  clusterPolicy('ClusterNetworkPolicy', name, `tier: Baseline\npriority: ${priority}\n${spec}`);
const DB_SUBJECT = 'subject:\n  pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: db } } }';
const DENY_ALL_INGRESS = netpol('shop', 'deny-in', 'podSelector: {}\npolicyTypes: [Ingress]');

function check(model: ConnectivityModel): void {
  // Every pair's answer agrees with the query, port by port, on a few probes.
  const engine = new ConnectivityEngine(model);
  for (let from = 0; from < model.workloads.length; from++)
    for (let to = 0; to < model.workloads.length; to++) {
      if (from === to) continue;
      const ports = engine.allowed(from, to);
      for (const port of [80, 5432, 8080, 9090])
        expect(queryConnection(model, { workload: from }, { workload: to }, port, 'TCP').allowed, `${from}->${to}:${port}`).toBe(
          portEntries(ports).some((e) => e.protocol === 'TCP' && e.port <= port && port <= (e.endPort ?? e.port)),
        );
    }
}

describe('tiered connectivity', () => {
  it('an Admin Deny overrides a NetworkPolicy that allows; without it the NetworkPolicy decides', () => {
    const allowWeb = netpol(
      'shop',
      'db-in',
      'podSelector: { matchLabels: { app: db } }\ningress: [{ from: [{ podSelector: { matchLabels: { app: web } } }] }]',
    );
    const deny = admin('no-db', 10, `${DB_SUBJECT}\ningress:\n  - { action: Deny, from: [{ namespaces: {} }] }`);
    expect(world({ ...BASE, allowWeb }).between('web', 'db')).toBe('all');
    const w = world({ ...BASE, allowWeb, deny });
    expect(w.between('web', 'db')).toBe('none');
    expect(w.between('db', 'web')).toBe('all');
    check(w.model);
  });

  it('an Admin Accept overrides a NetworkPolicy that isolates, for the ports it names only', () => {
    const accept = admin(
      'monitoring',
      5,
      `subject: { namespaces: { matchLabels: { team: shop } } }\ningress:\n  - { name: allow-monitoring, action: Accept, from: [{ namespaces: { matchLabels: { team: ops } } }], protocols: [{ tcp: { destinationPort: { number: 9090 } } }] }`,
    );
    const w = world({ ...BASE, DENY_ALL_INGRESS, accept });
    expect(w.between('monitor', 'db')).toBe('TCP 9090');
    expect(w.between('web', 'db')).toBe('none');
    check(w.model);
  });

  it('an Accept of egress at the source still needs the destination to accept the ingress', () => {
    const egress = admin(
      'web-out',
      1,
      'subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: web } } } }\negress:\n  - { action: Accept, to: [{ namespaces: {} }] }',
    );
    const denyEgress = netpol('shop', 'deny-out', 'podSelector: {}\npolicyTypes: [Egress]');
    expect(world({ ...BASE, egress, denyEgress }).between('web', 'db')).toBe('all');
    expect(world({ ...BASE, egress, denyEgress, DENY_ALL_INGRESS }).between('web', 'db')).toBe('none');
  });

  it('Pass skips the rest of the Admin tier: the NetworkPolicy decides what a later Deny would have denied', () => {
    const pass = admin(
      'pass-shop',
      1,
      `${DB_SUBJECT}\ningress:\n  - { name: to-owners, action: Pass, from: [{ namespaces: { matchLabels: { team: shop } } }] }`,
    );
    const deny = admin('deny-all', 2, `${DB_SUBJECT}\ningress:\n  - { action: Deny, from: [{ namespaces: {} }] }`);
    const allowWeb = netpol(
      'shop',
      'db-in',
      'podSelector: { matchLabels: { app: db } }\ningress: [{ from: [{ podSelector: { matchLabels: { app: web } } }], ports: [{ port: 5432 }] }]',
    );
    const w = world({ ...BASE, pass, deny, allowWeb });
    expect(w.between('web', 'db')).toBe('TCP 5432');
    expect(w.between('monitor', 'db')).toBe('none');
    const answer = w.query('web', 'db', 5432);
    expect(answer.ingress.trail.map((step) => step.tier)).toEqual(['Admin', 'NetworkPolicy']);
    expect(answer.ingress.reason).toContain('[Admin] `pass-shop` rule "to-owners" Pass → [NetworkPolicy] `shop/db-in` allows');
    check(w.model);
  });

  it('a Pass with no NetworkPolicy selecting the pod goes to the Baseline tier, then to the default', () => {
    const pass = admin('pass', 1, `${DB_SUBJECT}\ningress:\n  - { action: Pass, from: [{ namespaces: {} }] }`);
    const base = baseline(
      'default-deny',
      1,
      `${DB_SUBJECT}\ningress:\n  - { action: Deny, from: [{ namespaces: { matchLabels: { team: ops } } }] }`,
    );
    const w = world({ ...BASE, pass, base });
    expect(w.between('monitor', 'db')).toBe('none');
    expect(w.between('web', 'db')).toBe('all');
    expect(w.query('web', 'db', 80).ingress.reason).toContain('[Admin] `pass` rule ingress[0] Pass → no tier decides, so it is allowed');
    expect(w.query('monitor', 'db', 80).ingress.reason).toContain('→ [Baseline] `default-deny` rule ingress[0] Deny');
  });

  it('the Baseline tier applies only to pods no NetworkPolicy selects in that direction', () => {
    const base = baseline('isolate', 1, `subject: { namespaces: {} }\ningress:\n  - { action: Deny, from: [{ namespaces: {} }] }`);
    const allowWeb = netpol(
      'shop',
      'db-in',
      'podSelector: { matchLabels: { app: db } }\ningress: [{ from: [{ podSelector: { matchLabels: { app: web } } }] }]',
    );
    const w = world({ ...BASE, base, allowWeb });
    expect(w.between('web', 'db')).toBe('all');
    expect(w.between('db', 'web')).toBe('none');
    // An egress-only NetworkPolicy does not take the pod's ingress out of the Baseline tier.
    const out = netpol('shop', 'web-out', 'podSelector: { matchLabels: { app: web } }\npolicyTypes: [Egress]\negress: [{}]');
    expect(world({ ...BASE, base, out }).between('db', 'web')).toBe('none');
  });

  it('a BaselineAdminNetworkPolicy is the Baseline tier too (v1alpha1 Allow is Accept)', () => {
    const banp = clusterPolicy(
      'BaselineAdminNetworkPolicy',
      'default',
      'subject: { namespaces: {} }\ningress:\n  - { action: Allow, from: [{ namespaces: { matchLabels: { team: ops } } }] }\n  - { action: Deny, from: [{ namespaces: {} }] }',
    );
    const w = world({ ...BASE, banp });
    expect(w.between('monitor', 'db')).toBe('all');
    expect(w.between('web', 'db')).toBe('none');
    check(w.model);
  });

  it('lower priority numbers go first, across kinds; rules go in written order', () => {
    const accept = (priority: number) =>
      admin('accept', priority, `${DB_SUBJECT}\ningress:\n  - { action: Accept, from: [{ namespaces: {} }] }`);
    const anp = (priority: number) =>
      clusterPolicy(
        'AdminNetworkPolicy',
        'deny',
        `priority: ${priority}\n${DB_SUBJECT}\ningress:\n  - { action: Deny, from: [{ namespaces: {} }] }`,
      );
    expect(world({ ...BASE, a: accept(10), d: anp(20) }).between('web', 'db')).toBe('all');
    expect(world({ ...BASE, a: accept(20), d: anp(10) }).between('web', 'db')).toBe('none');
    const ordered = admin(
      'ordered',
      1,
      `${DB_SUBJECT}\ningress:\n  - { action: Deny, from: [{ namespaces: {} }], protocols: [{ tcp: { destinationPort: { range: { start: 5000, end: 6000 } } } }] }\n  - { action: Accept, from: [{ namespaces: {} }] }`,
    );
    const w = world({ ...BASE, ordered, DENY_ALL_INGRESS });
    expect(w.between('web', 'db')).toBe('TCP 1-4999, TCP 6001-65535, UDP 1-65535, SCTP 1-65535');
    check(w.model);
  });

  it('decides port by port: what an Admin rule does not match goes on to the NetworkPolicy', () => {
    const deny = admin(
      'no-8080',
      1,
      `subject: { namespaces: {} }\ningress:\n  - { action: Deny, from: [{ namespaces: {} }], protocols: [{ tcp: { destinationPort: { number: 8080 } } }, { udp: { destinationPort: { number: 53 } } }] }`,
    );
    const w = world({ ...BASE, deny });
    expect(w.between('db', 'web')).toBe('TCP 1-8079, TCP 8081-65535, UDP 1-52, UDP 54-65535, SCTP 1-65535');
  });

  it("a destinationNamedPort resolves at the destination, in the container port's protocol", () => {
    const deny = admin(
      'no-http',
      1,
      `subject: { namespaces: {} }\ningress:\n  - { action: Deny, from: [{ namespaces: {} }], protocols: [{ destinationNamedPort: http }] }`,
    );
    const w = world({ ...BASE, deny });
    expect(w.between('db', 'web')).toBe('TCP 1-8079, TCP 8081-65535, UDP 1-65535, SCTP 1-65535');
    expect(w.between('web', 'db')).toBe('all');
    expect(w.query('db', 'web', 'http').allowed).toBe(false);
  });

  it('host-networked pods are neither subjects nor pods/namespaces peers', () => {
    const files = {
      ...BASE,
      host: pod('ops', 'agent', { app: 'agent' }, { hostNetwork: true }),
      deny: admin('deny-everything', 1, 'subject: { namespaces: {} }\ningress:\n  - { action: Deny, from: [{ namespaces: {} }] }'),
    };
    const w = world(files);
    expect(w.between('web', 'agent')).toBe('all');
    expect(w.between('agent', 'db')).toBe('all');
    expect(w.between('monitor', 'db')).toBe('none');
  });

  it('a networks peer covers the pods whose addresses it contains', () => {
    const deny = admin('no-subnet', 1, 'subject: { namespaces: {} }\negress:\n  - { action: Deny, to: [{ networks: [10.0.1.0/24] }] }');
    const w = world({ ...BASE, deny });
    expect(w.between('monitor', 'db')).toBe('none');
    expect(w.between('db', 'monitor')).toBe('all');
    // Outside the cluster the same rule cuts the address space.
    expect(allowedCidrs(w.engine.external(w.at('monitor')).egress).map((c) => c.cidr)).toContain('10.0.0.0/24');
    expect(allowedCidrs(w.engine.external(w.at('monitor')).egress).map((c) => c.cidr)).not.toContain('10.0.1.0/24');
  });

  it('a pod whose address is not recorded is covered only by networks covering all of its pod CIDRs', () => {
    const files = {
      ...BASE,
      anon: pod('ops', 'anon', { app: 'anon' }),
      deny: admin('no-pods', 1, 'subject: { namespaces: {} }\negress:\n  - { action: Deny, to: [{ networks: [10.0.0.0/16] }] }'),
    };
    expect(world(files).between('web', 'anon')).toBe('all');
    expect(world(files, { podCIDRs: ['10.0.0.0/16'] }).between('web', 'anon')).toBe('none');
    expect(world(files, { podCIDRs: ['10.0.0.0/8'] }).between('web', 'anon')).toBe('all');
    const everything = {
      ...files,
      deny: admin('no-v4', 1, 'subject: { namespaces: {} }\negress:\n  - { action: Deny, to: [{ networks: [0.0.0.0/0] }] }'),
    };
    expect(world(everything).between('web', 'anon')).toBe('none');
  });

  it('answers a query towards addresses piece by piece where networks cut them', () => {
    const deny = admin(
      'no-subnet',
      1,
      'subject: { namespaces: {} }\negress:\n  - { name: block, action: Deny, to: [{ networks: [192.168.1.0/24] }] }',
    );
    const w = world({ ...BASE, deny });
    const ask = (cidr: string) => queryConnection(w.model, { workload: w.at('web') }, { addresses: parseAddressOrCidr(cidr)! }, 443, 'TCP');
    expect(ask('192.168.1.7').allowed).toBe(false);
    expect(ask('192.168.1.7').egress.reason).toContain('[Admin] `no-subnet` rule "block" Deny');
    expect(ask('192.168.2.7').allowed).toBe(true);
    expect(ask('192.168.0.0/16').allowed).toBe(false);
    expect(ask('192.168.0.0/16').egress.reason).toContain('(for part of the addresses)');
  });

  it('leaves the answer and reasons of a pod without cluster-wide rules as NetworkPolicy alone gives them', () => {
    const only = admin(
      'web-only',
      1,
      'subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: web } } } }\ningress:\n  - { action: Deny, from: [{ namespaces: {} }] }',
    );
    const w = world({ ...BASE, only, DENY_ALL_INGRESS });
    const answer = w.query('web', 'db', 5432);
    expect(answer.ingress.trail).toEqual([]);
    expect(answer.ingress.reason).toBe(
      '`shop/db` (Pod) is isolated for ingress by policy `deny-in`, and no rule of it allows traffic from `shop/web` (Pod) on TCP 5432.',
    );
  });
});
