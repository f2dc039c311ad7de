import { describe, expect, it } from 'vitest';
import type { ConnectivityEndpoint } from '../../../server/src/protocol';
import { diffWorkspaces, hasChanges } from '../../../server/src/services/diff';
import { deployment, namespace, netpol, workspaceOf } from '../model/connectivity/workspace';

/** The reachability diff on pairs of small workspaces: what opens, closes, changes, and why. */

const label = (end: ConnectivityEndpoint) => ('cidr' in end ? end.cidr : `${end.namespace}/${end.name}`);

const WORKLOADS = {
  'ns.yaml': namespace('shop') + '---\n' + namespace('ops', { team: 'ops' }),
  'web.yaml': deployment('shop', 'web', { app: 'web' }, ['http:8080']),
  'db.yaml': deployment('shop', 'db', { app: 'db' }, ['mysql:3306']),
  'probe.yaml': deployment('ops', 'probe', { app: 'probe' }),
};
const DENY = netpol('shop', 'deny', 'podSelector: {}\npolicyTypes: [Ingress]');
const WEB_TO_DB = netpol(
  'shop',
  'db',
  'podSelector: { matchLabels: { app: db } }\ningress:\n  - from: [{ podSelector: { matchLabels: { app: web } } }]\n    ports: [{ port: mysql }]',
);

function diff(before: Record<string, string>, after: Record<string, string>) {
  return diffWorkspaces(workspaceOf(before), workspaceOf(after));
}

/** `from -> to: before => after` for the workload pairs. */
function pairs(result: ReturnType<typeof diff>): string[] {
  return result.report.changes
    .filter((c) => !('cidr' in c.from) && !('cidr' in c.to))
    .map((c) => `${label(c.from)} -> ${label(c.to)}: ${JSON.stringify(c.before)} => ${JSON.stringify(c.after)}`);
}

describe('diffWorkspaces', () => {
  it('two equal workspaces: nothing', () => {
    const result = diff({ ...WORKLOADS, 'p.yaml': DENY }, { ...WORKLOADS, 'p.yaml': DENY });
    expect(result.report).toEqual({
      changes: [],
      policies: { added: [], removed: [], changed: [] },
      workloads: { added: [], removed: [] },
    });
    expect(hasChanges(result.report)).toBe(false);
  });

  it('a rule added opens a connection, located at the rule', () => {
    const result = diff({ ...WORKLOADS, 'deny.yaml': DENY }, { ...WORKLOADS, 'deny.yaml': DENY, 'db-policy.yaml': WEB_TO_DB });
    expect(pairs(result)).toEqual(['shop/web -> shop/db: "none" => [{"protocol":"TCP","port":3306}]']);
    expect(result.report.policies).toEqual({ added: [{ namespace: 'shop', name: 'db' }], removed: [], changed: [] });
    const [opened] = result.located;
    expect(opened!.kind).toBe('opened');
    expect(opened!.causes).toEqual([
      {
        policy: { namespace: 'shop', name: 'db' },
        rule: 'spec.ingress[0]',
        location: { uri: 'file:///ws/db-policy.yaml', range: expect.anything() as unknown },
      },
    ]);
    expect(opened!.causes[0]!.location!.range.start.line).toBe(WEB_TO_DB.split('\n').findIndex((l) => l.includes('- from:')));
    expect(opened!.toLocation?.uri).toBe('file:///ws/db.yaml');
    expect(hasChanges(result.report)).toBe(true);
  });

  it('a default-deny added closes connections, located at the policy; other namespaces are untouched', () => {
    const result = diff(WORKLOADS, { ...WORKLOADS, 'deny.yaml': DENY });
    expect(pairs(result)).toEqual([
      'ops/probe -> shop/db: "all" => "none"',
      'ops/probe -> shop/web: "all" => "none"',
      'shop/db -> shop/web: "all" => "none"',
      'shop/web -> shop/db: "all" => "none"',
    ]);
    for (const change of result.located.filter((c) => !('cidr' in c.change.from) && !('cidr' in c.change.to))) {
      expect(change.kind).toBe('closed');
      expect(change.causes).toEqual([{ policy: { namespace: 'shop', name: 'deny' }, location: expect.anything() as unknown }]);
    }
    // From every address outside to the two isolated workloads.
    const outside = result.report.changes.filter((c) => 'cidr' in c.from).map((c) => `${label(c.from)} -> ${label(c.to)}`);
    expect(outside).toEqual(['0.0.0.0/0 -> shop/db', '::/0 -> shop/db', '0.0.0.0/0 -> shop/web', '::/0 -> shop/web']);
  });

  it('a port added to a rule changes the connection, before and after', () => {
    const wider = WEB_TO_DB.replace('[{ port: mysql }]', '[{ port: mysql }, { port: 33060 }]');
    const result = diff(
      { ...WORKLOADS, 'deny.yaml': DENY, 'db-policy.yaml': WEB_TO_DB },
      { ...WORKLOADS, 'deny.yaml': DENY, 'db-policy.yaml': wider },
    );
    expect(pairs(result)).toEqual([
      'shop/web -> shop/db: [{"protocol":"TCP","port":3306}] => [{"protocol":"TCP","port":3306},{"protocol":"TCP","port":33060}]',
    ]);
    expect(result.located[0]!.kind).toBe('changed');
    expect(result.report.policies.changed).toEqual([{ namespace: 'shop', name: 'db' }]);
  });

  it('a removed policy is a cause without a location', () => {
    const result = diff({ ...WORKLOADS, 'deny.yaml': DENY, 'p.yaml': WEB_TO_DB }, { ...WORKLOADS, 'p.yaml': WEB_TO_DB });
    expect(result.report.policies.removed).toEqual([{ namespace: 'shop', name: 'deny' }]);
    const opened = result.located.find((c) => label(c.change.from) === 'ops/probe' && label(c.change.to) === 'shop/web')!;
    expect(opened.kind).toBe('opened');
    expect(opened.causes).toEqual([{ policy: { namespace: 'shop', name: 'deny' } }]);
  });

  it('workloads added and removed: their connections open and close', () => {
    const after = { ...WORKLOADS, 'deny.yaml': DENY, 'cache.yaml': deployment('shop', 'cache', { app: 'cache' }) };
    delete (after as Record<string, string>)['probe.yaml'];
    const result = diff({ ...WORKLOADS, 'deny.yaml': DENY }, after);
    expect(result.report.workloads).toEqual({
      added: [{ namespace: 'shop', kind: 'Deployment', name: 'cache' }],
      removed: [{ namespace: 'ops', kind: 'Deployment', name: 'probe' }],
    });
    // The new pod is isolated for ingress by the default-deny (so are the others): no pod reaches it, it reaches
    // no isolated pod, but every address outside. The gone one could be reached by every pod of shop.
    expect(pairs(result)).toEqual(['shop/db -> ops/probe: "all" => "none"', 'shop/web -> ops/probe: "all" => "none"']);
    const cache = result.report.changes
      .filter((c) => label(c.from) === 'shop/cache')
      .map((c) => `${label(c.to)}: ${JSON.stringify(c.after)}`);
    expect(cache).toEqual(['0.0.0.0/0: "all"', '::/0: "all"']);
  });

  it('a renamed policy is one removed and one added, and opens or closes nothing', () => {
    const renamed = WEB_TO_DB.replace('name: db, namespace', 'name: db-ingress, namespace');
    const result = diff({ ...WORKLOADS, 'deny.yaml': DENY, 'p.yaml': WEB_TO_DB }, { ...WORKLOADS, 'deny.yaml': DENY, 'p.yaml': renamed });
    expect(result.report.changes).toEqual([]);
    expect(result.report.policies).toEqual({
      added: [{ namespace: 'shop', name: 'db-ingress' }],
      removed: [{ namespace: 'shop', name: 'db' }],
      changed: [],
    });
    expect(hasChanges(result.report)).toBe(true);
  });

  it('a namespace relabelled changes what a namespaceSelector peer picks', () => {
    const fromOps = netpol(
      'shop',
      'db',
      'podSelector: { matchLabels: { app: db } }\ningress:\n  - from: [{ namespaceSelector: { matchLabels: { team: ops } } }]',
    );
    const relabelled = { ...WORKLOADS, 'ns.yaml': namespace('shop') + '---\n' + namespace('ops', { team: 'platform' }) };
    const result = diff({ ...WORKLOADS, 'p.yaml': fromOps }, { ...relabelled, 'p.yaml': fromOps });
    expect(pairs(result)).toEqual(['ops/probe -> shop/db: "all" => "none"']);
    // No policy changed: nothing to blame but the workloads.
    expect(result.located[0]!.causes).toEqual([]);
    expect(result.report.policies).toEqual({ added: [], removed: [], changed: [] });
  });
});
