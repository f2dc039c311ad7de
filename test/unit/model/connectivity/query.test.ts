import { describe, expect, it } from 'vitest';
import { queryConnection, type QueryEndpoint } from '../../../../server/src/model/connectivity/query';
import { parseAddressOrCidr } from '../../../../server/src/model/connectivity/addresses';
import { ConnectivityModel, inputFromWorkspace } from '../../../../server/src/model/connectivity/workspaceModel';
import type { Protocol } from '../../../../server/src/model/semantics';
import { deployment, netpol, workspaceOf } from './workspace';

/** The verdict of one connection and what decided it, direction by direction. */

const FILES = {
  'web.yaml': deployment('shop', 'web', { app: 'web' }, ['http:8080']),
  'db.yaml': deployment('shop', 'db', { app: 'db' }, ['pg:5432']),
  'job.yaml': deployment('shop', 'job', { app: 'job' }),
  'deny.yaml': netpol('shop', 'deny-all', 'podSelector: {}\npolicyTypes: [Ingress, Egress]'),
  'db-in.yaml': netpol(
    'shop',
    'db-in',
    'podSelector: { matchLabels: { app: db } }\ningress:\n  - from: [{ podSelector: { matchLabels: { app: job } } }]\n    ports: [{ port: 9999 }]\n  - from: [{ podSelector: { matchLabels: { app: web } } }]\n    ports: [{ port: pg }]\n  - from: [{ ipBlock: { cidr: 10.0.0.0/8, except: [10.1.0.0/16] } }]',
  ),
  'db-in-2.yaml': netpol(
    'shop',
    'db-in-2',
    'podSelector: { matchLabels: { app: db } }\ningress:\n  - from: [{ podSelector: { matchLabels: { app: web } } }]',
  ),
  'web-out.yaml': netpol(
    'shop',
    'web-out',
    'podSelector: { matchLabels: { app: web } }\npolicyTypes: [Egress]\negress:\n  - to: [{ podSelector: { matchLabels: { app: db } } }]\n    ports: [{ port: pg }]\n  - to: [{ ipBlock: { cidr: 0.0.0.0/0 } }]\n    ports: [{ port: 443 }]',
  ),
};

const model = new ConnectivityModel(inputFromWorkspace(workspaceOf(FILES)));
const workload = (name: string): QueryEndpoint => ({ workload: model.workloads.findIndex((w) => w.name === name) });
const addresses = (text: string): QueryEndpoint => ({ addresses: parseAddressOrCidr(text)! });
const ask = (from: QueryEndpoint, to: QueryEndpoint, port: number | string, protocol: Protocol = 'TCP') =>
  queryConnection(model, from, to, port, protocol);
const deciding = (direction: ReturnType<typeof ask>['egress']) =>
  direction.policies.map((p) => `${p.policy.name}:${p.rules.map((r) => `${r.direction}[${r.index}]`).join(',')}`);

describe('queryConnection', () => {
  it('names every policy that isolates each end and the rules that allow the connection (a named port resolved at the destination)', () => {
    const answer = ask(workload('web'), workload('db'), 'pg');
    expect(answer.allowed).toBe(true);
    expect(answer.port).toBe(5432);
    expect(answer.egress).toMatchObject({ allowed: true, isolated: true });
    expect(deciding(answer.egress)).toEqual(['deny-all:', 'web-out:egress[0]']);
    expect(answer.ingress).toMatchObject({ allowed: true, isolated: true });
    expect(deciding(answer.ingress)).toEqual(['deny-all:', 'db-in:ingress[1]', 'db-in-2:ingress[0]']);
    expect(answer.ingress.reason).toBe(
      '`shop/db` (Deployment) is isolated for ingress by policies `deny-all`, `db-in`, `db-in-2`; 2 rules of them allow traffic from `shop/web` (Deployment) on TCP 5432.',
    );
  });

  it('denies when one direction has no rule for it, and says which', () => {
    const answer = ask(workload('job'), workload('db'), 5432);
    expect(answer.allowed).toBe(false);
    expect(answer.egress.allowed).toBe(false);
    expect(answer.egress.reason).toBe(
      '`shop/job` (Deployment) is isolated for egress by policy `deny-all`, and no rule of it allows traffic to `shop/db` (Deployment) on TCP 5432.',
    );
    expect(answer.ingress.allowed).toBe(false);
    expect(deciding(answer.ingress)).toEqual(['deny-all:', 'db-in:', 'db-in-2:']);
  });

  it('resolves a port name at the destination; a name it does not declare is denied in both directions', () => {
    expect(ask(workload('web'), workload('db'), 5432).allowed).toBe(true);
    const answer = ask(workload('web'), workload('db'), 'http');
    expect(answer).toMatchObject({ allowed: false, egress: { allowed: false }, ingress: { allowed: false } });
    expect(answer.port).toBeUndefined();
    expect(answer.ingress.reason).toContain('declares no TCP container port named `http`');
    // The ends' isolation is still told, with the policies that select them.
    expect(deciding(answer.ingress)).toEqual(['deny-all:', 'db-in:', 'db-in-2:']);
    expect(answer.egress.isolated).toBe(true);
    expect(ask(workload('web'), workload('db'), 'pg', 'UDP').allowed).toBe(false);
    expect(ask(workload('web'), addresses('8.8.8.8'), 'https').allowed).toBe(false);
  });

  it('rejects port numbers outside 1-65535 without throwing', () => {
    for (const port of [0, 65536, -1, 1.5, Number.NaN]) expect(ask(workload('web'), workload('db'), port).allowed).toBe(false);
  });

  it('addresses outside the cluster: only the workload end decides; a range is allowed only when all of it is', () => {
    const inbound = ask(addresses('10.2.3.4'), workload('db'), 5432);
    expect(inbound.allowed).toBe(true);
    expect(inbound.egress).toMatchObject({ allowed: true, isolated: false, policies: [] });
    expect(deciding(inbound.ingress)).toEqual(['deny-all:', 'db-in:ingress[2]', 'db-in-2:']);
    expect(ask(addresses('10.1.0.1'), workload('db'), 5432).allowed).toBe(false);
    expect(ask(addresses('10.0.0.0/8'), workload('db'), 5432).allowed).toBe(false);
    const partly = ask(addresses('10.0.0.0/8'), workload('db'), 5432);
    expect(partly.ingress.reason).toContain('for only part of the addresses');
    expect(ask(addresses('10.2.0.0/16'), workload('db'), 5432).allowed).toBe(true);
    expect(ask(workload('web'), addresses('1.1.1.1'), 443).allowed).toBe(true);
    expect(ask(workload('web'), addresses('2001:db8::1'), 443).allowed).toBe(false);
    expect(ask(workload('web'), addresses('0.0.0.0/0'), 443).allowed).toBe(true);
    expect(ask(addresses('1.1.1.1'), addresses('2.2.2.2'), 1).allowed).toBe(true);
  });
});
