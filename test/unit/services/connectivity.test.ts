import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../server/src/protocol';
import { codeLenses } from '../../../server/src/services/codeLens';
import { parseEndpoint, queryWorkspace, workspaceConnectivity } from '../../../server/src/services/connectivity';
import { parseFile } from '../../../server/src/yaml/file';
import { offsetOf, settingsFor } from '../helpers';
import { deployment, netpol, workspaceOf } from '../model/connectivity/workspace';
import { LineIndex } from '../../../server/src/yaml/lineIndex';

/** The connectivity services: the map with locations, queries with the deciding rules' places, the workload CodeLens. */

const POLICY = netpol(
  'shop',
  'db-in',
  'podSelector: { matchLabels: { app: db } }\ningress:\n  - from: [{ podSelector: { matchLabels: { app: job } } }]\n  - from: [{ podSelector: { matchLabels: { app: web } } }]\n    ports: [{ port: pg }]',
);
const FILES = {
  'web.yaml': deployment('shop', 'web', { app: 'web' }),
  'db.yaml': deployment('shop', 'db', { app: 'db' }, ['pg:5432']),
  'p.yaml': POLICY,
};

const at = (text: string, offset: number) => new LineIndex(text).positionAt(offset);

describe('workspaceConnectivity', () => {
  it('reports the contract with where each workload is declared, and is computed once per index version', () => {
    const index = workspaceOf(FILES);
    const result = workspaceConnectivity(index);
    expect(result.workloads.map((w) => `${w.namespace}/${w.kind}/${w.name}`)).toEqual(['shop/Deployment/db', 'shop/Deployment/web']);
    expect(result.workloads[0]!.labels).toEqual({ app: 'db' });
    expect(result.locations[0]).toEqual({
      uri: 'file:///ws/db.yaml',
      range: {
        start: at(FILES['db.yaml'], offsetOf(FILES['db.yaml'], 'db,')),
        end: at(FILES['db.yaml'], offsetOf(FILES['db.yaml'], 'db,') + 2),
      },
    });
    expect(result.connections).toContainEqual({
      from: { namespace: 'shop', kind: 'Deployment', name: 'web' },
      to: { namespace: 'shop', kind: 'Deployment', name: 'db' },
      ports: [{ protocol: 'TCP', port: 5432 }],
    });
    expect(result.connections).toContainEqual({
      from: { namespace: 'shop', kind: 'Deployment', name: 'db' },
      to: { cidr: '::/0' },
      ports: 'all',
    });
    expect(workspaceConnectivity(index).connections).toEqual(result.connections);
  });

  it('leaves out policies the API server would reject (a part cannot be read), and says so', () => {
    const broken = netpol('shop', 'deny', 'podSelector: {}\npolicyTypes: [Ingress]\ningress: { from: [] }');
    const result = workspaceConnectivity(workspaceOf({ 'web.yaml': FILES['web.yaml'], 'db.yaml': FILES['db.yaml'], 'p.yaml': broken }));
    expect(result.connections.filter((c) => !('cidr' in c.from) && !('cidr' in c.to))).toHaveLength(2);
    expect(result.notApplied).toEqual([
      {
        namespace: 'shop',
        name: 'deny',
        location: { uri: 'file:///ws/p.yaml', range: expect.objectContaining({ start: at(broken, offsetOf(broken, 'deny')) }) as unknown },
        reason: expect.stringMatching(/^spec\.ingress: Invalid type/) as unknown,
      },
    ]);
  });

  it('leaves out a readable policy with an API error (endPort below port), and a misspelt kind', () => {
    const closes = 'podSelector: { matchLabels: { app: db } }\npolicyTypes: [Ingress]\ningress: [{ ports: [{ port: 80, endPort: 79 }] }]';
    const files = {
      'web.yaml': FILES['web.yaml'],
      'db.yaml': FILES['db.yaml'],
      'p.yaml': netpol('shop', 'db-range', closes),
      'k.yaml': netpol('shop', 'db-kind', closes).replace('kind: NetworkPolicy', 'kind: NetworkPolcy'),
    };
    const result = workspaceConnectivity(workspaceOf(files));
    // Without them, db is not isolated: web reaches it on every port.
    expect(result.connections).toContainEqual({
      from: { namespace: 'shop', kind: 'Deployment', name: 'web' },
      to: { namespace: 'shop', kind: 'Deployment', name: 'db' },
      ports: 'all',
    });
    expect(result.notApplied.map((policy) => `${policy.name}: ${policy.reason}`)).toEqual([
      'db-kind: kind: no matches for kind "NetworkPolcy" in version "networking.k8s.io/v1". Did you mean NetworkPolicy?',
      'db-range: spec.ingress[0].ports[0].endPort: Invalid value: 80: must be greater than or equal to `port`. The range 80-79 is backwards',
    ]);
  });

  it('never throws on half-typed or wrongly typed manifests', () => {
    const text = fc.stringMatching(/^[a-z:{}[\], \n\-0-9./]*$/, { maxLength: 120 });
    fc.assert(
      fc.property(text, fc.constantFrom(...Object.values(FILES)), (garbage, base) => {
        const index = workspaceOf({ 'a.yaml': base + garbage, 'b.yaml': POLICY.replace('ingress:', `ingress: ${garbage}`) });
        workspaceConnectivity(index);
        queryWorkspace(index, {
          from: { namespace: 'shop', kind: 'Deployment', name: 'web' },
          to: { cidr: '10.0.0.1' },
          port: 'x',
          protocol: 'TCP',
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('queryWorkspace', () => {
  it('locates the deciding policies (their name) and rules (the whole rule)', () => {
    const result = queryWorkspace(workspaceOf(FILES), {
      from: { namespace: 'shop', kind: 'deployment', name: 'web' },
      to: { namespace: 'shop', kind: 'Deployment', name: 'db' },
      port: 'pg',
      protocol: 'TCP',
    });
    if ('error' in result) throw new Error(result.error);
    expect(result.allowed).toBe(true);
    const [decided] = result.ingress.policies;
    expect(decided).toMatchObject({ namespace: 'shop', name: 'db-in', location: { uri: 'file:///ws/p.yaml' } });
    expect(decided!.location!.range.start).toEqual(at(POLICY, offsetOf(POLICY, 'db-in')));
    expect(decided!.rules).toEqual([
      {
        path: 'spec.ingress[1]',
        location: {
          uri: 'file:///ws/p.yaml',
          range: expect.objectContaining({ start: at(POLICY, offsetOf(POLICY, 'from', 1)) }) as unknown,
        },
      },
    ]);
  });

  it('says why a question cannot be answered', () => {
    const index = workspaceOf(FILES);
    const web = { namespace: 'shop', kind: 'Deployment', name: 'web' };
    expect(
      queryWorkspace(index, { from: web, to: { namespace: 'shop', kind: 'Deployment', name: 'nope' }, port: 80, protocol: 'TCP' }),
    ).toEqual({
      error: 'no workload shop/Deployment/nope in the workspace',
    });
    expect(queryWorkspace(index, { from: web, to: { cidr: '10.0.0.300' }, port: 80, protocol: 'TCP' })).toEqual({
      error: '"10.0.0.300" is not an IP address or CIDR',
    });
  });

  it('refuses malformed requests with a sentence instead of throwing', () => {
    const index = workspaceOf(FILES);
    const web = { namespace: 'shop', kind: 'Deployment', name: 'web' };
    for (const params of [
      undefined,
      {},
      { from: web, to: { cidr: 5 }, port: 80, protocol: 'TCP' },
      { from: web, to: web, port: null, protocol: 'TCP' },
    ])
      expect(queryWorkspace(index, params as never)).toHaveProperty('error');
    expect(queryWorkspace(index, { from: web, to: web, port: 80, protocol: 'tcp' as never })).toEqual({
      error: 'protocol must be TCP, UDP or SCTP, not tcp',
    });
  });

  it('lists the policies left out that would select an end of the connection', () => {
    const rejected = (name: string, selector: string) =>
      netpol('shop', name, `podSelector: ${selector}\npolicyTypes: [Egress]\negress: [{ to: [{ ipBlock: { cidr: "" } }] }]`);
    const index = workspaceOf({
      ...FILES,
      'a.yaml': rejected('web-out', '{ matchLabels: { app: web } }'),
      'b.yaml': rejected('job-out', '{ matchLabels: { app: job } }'),
      'c.yaml': rejected('unreadable', '{ matchLabels: { app: [web] } }'),
    });
    const result = queryWorkspace(index, {
      from: { namespace: 'shop', kind: 'Deployment', name: 'web' },
      to: { cidr: '10.0.0.1' },
      port: 443,
      protocol: 'TCP',
    });
    if ('error' in result) throw new Error(result.error);
    expect(result.allowed).toBe(true);
    expect(result.notApplied.map((policy) => policy.name)).toEqual(['unreadable', 'web-out']);
  });

  it('parses endpoints as the CLI and the Check Connection command take them', () => {
    expect(parseEndpoint('shop/Deployment/web')).toEqual({ namespace: 'shop', kind: 'Deployment', name: 'web' });
    expect(parseEndpoint('10.0.0.0/8')).toEqual({ cidr: '10.0.0.0/8' });
    expect(parseEndpoint('2001:db8::1')).toEqual({ cidr: '2001:db8::1' });
    expect(parseEndpoint('web')).toBeUndefined();
    expect(parseEndpoint('a//b')).toBeUndefined();
  });
});

describe('workload CodeLens', () => {
  it('says how many workloads reach it and it can reach, and lists them', () => {
    const index = workspaceOf(FILES);
    const text = FILES['db.yaml'];
    const lenses = codeLenses('file:///ws/db.yaml', parseFile(text), settingsFor(), index);
    expect(lenses.map((lens) => lens.command?.title)).toEqual(['reachable from 1 workload · can reach 1']);
    expect(lenses[0]!.range.start).toEqual(at(text, offsetOf(text, 'db,')));
    expect(lenses[0]!.command!.command).toBe(COMMANDS.showLocations);
    // web both reaches db and is reached by it: listed once.
    expect((lenses[0]!.command!.arguments![2] as { uri: string }[]).map((l) => l.uri)).toEqual(['file:///ws/web.yaml']);
  });

  it('says which policies selecting it are not applied, and lists them', () => {
    const broken = netpol('shop', 'db-in', 'podSelector: { matchLabels: { app: db } }\ningress: [{ from: [{ ipBlock: { cidr: "" } }] }]');
    const index = workspaceOf({ ...FILES, 'p.yaml': broken });
    const text = FILES['db.yaml'];
    const lenses = codeLenses('file:///ws/db.yaml', parseFile(text), settingsFor(), index);
    expect(lenses.map((lens) => lens.command?.title)).toEqual([
      'reachable from 1 workload · can reach 1',
      '⚠ 1 policy selecting it is not applied (the cluster would refuse it)',
    ]);
    expect(lenses[1]!.command!.arguments![2]).toEqual([
      { uri: 'file:///ws/p.yaml', range: expect.objectContaining({ start: at(broken, offsetOf(broken, 'db-in')) }) as unknown },
    ]);
    const web = codeLenses('file:///ws/web.yaml', parseFile(FILES['web.yaml']), settingsFor(), index);
    expect(web.map((lens) => lens.command?.title)).toEqual(['reachable from 1 workload · can reach 1']);
  });

  it('is not shown in a workspace without policies', () => {
    const index = workspaceOf({ 'web.yaml': FILES['web.yaml'], 'db.yaml': FILES['db.yaml'] });
    expect(codeLenses('file:///ws/db.yaml', parseFile(FILES['db.yaml']), settingsFor(), index)).toEqual([]);
  });
});
