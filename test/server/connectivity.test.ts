import { afterEach, describe, expect, it } from 'vitest';
import { ResponseError, type CodeLens } from 'vscode-languageserver-protocol';
import {
  ConnectivityRequest,
  QueryRequest,
  WorkspaceChangedNotification,
  type QueryParams,
  type WorkspaceChanged,
} from '../../server/src/protocol';
import { LspTestClient } from './lspClient';

const WORKLOADS = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: c, image: x }] }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: shop }
spec:
  template:
    metadata: { labels: { app: db } }
    spec: { containers: [{ name: c, image: x, ports: [{ name: pg, containerPort: 5432 }] }] }
`;

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: db, namespace: shop }
spec:
  podSelector: { matchLabels: { app: db } }
  ingress:
    - from: [{ podSelector: { matchLabels: { app: web } } }]
      ports: [{ port: pg }]
`;

const WEB = { namespace: 'shop', kind: 'Deployment', name: 'web' };
const DB = { namespace: 'shop', kind: 'StatefulSet', name: 'db' };

let client: LspTestClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

/** The next `netpol/workspaceChanged` notification. */
function workspaceChanged(c: LspTestClient): Promise<WorkspaceChanged> {
  return new Promise((resolve) => {
    const subscription = c.connection.onNotification(WorkspaceChangedNotification, (params: WorkspaceChanged) => {
      subscription.dispose();
      resolve(params);
    });
  });
}

describe('connectivity over LSP', () => {
  it('answers netpol/connectivity and netpol/query, and notifies when the policies change', async () => {
    client = await LspTestClient.start();
    const changed = workspaceChanged(client);
    await client.open('file:///ws/app.yaml', WORKLOADS);
    await client.open('file:///ws/policy.yaml', POLICY);
    await client.diagnosticsFor('file:///ws/policy.yaml');
    const first = await changed;

    const map = await client.connection.sendRequest(ConnectivityRequest, {});
    expect(map.workloads.map((w) => w.name)).toEqual(['db', 'web']);
    expect(map.locations.map((l) => l.uri)).toEqual(['file:///ws/app.yaml', 'file:///ws/app.yaml']);
    expect(map.connections.filter((c) => 'name' in c.to && c.to.name === 'db')).toEqual([
      { from: WEB, to: DB, ports: [{ protocol: 'TCP', port: 5432 }] },
    ]);

    const query: QueryParams = { from: WEB, to: DB, port: 'pg', protocol: 'TCP' };
    const answer = await client.connection.sendRequest(QueryRequest, query);
    expect(answer.allowed).toBe(true);
    expect(answer.ingress.policies[0]).toMatchObject({
      name: 'db',
      rules: [{ path: 'spec.ingress[0]', location: { uri: 'file:///ws/policy.yaml' } }],
    });
    expect(answer.ingress.policies[0]!.rules[0]!.location!.range.start.line).toBe(6);

    const lenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', {
      textDocument: { uri: 'file:///ws/app.yaml' },
    });
    expect(lenses.map((lens) => lens.command?.title)).toEqual([
      'reachable from 1 workload · can reach 1',
      'reachable from 1 workload · can reach 1',
    ]);

    // Deny everything: the map is told to refresh, and the answers change. (The first change
    // after a quiet spell is told at once, later ones together a moment after: the next
    // notification may still be the opening's.)
    const again = workspaceChanged(client);
    const version = await client.change('file:///ws/policy.yaml', [{ text: POLICY.replace(/ {2}ingress:[^]*$/, '  ingress: []\n') }]);
    const checked = client.diagnosticsFor('file:///ws/policy.yaml', version);
    expect((await again).version).toBeGreaterThan(first.version);
    await checked;
    expect((await client.connection.sendRequest(QueryRequest, query)).allowed).toBe(false);
  });

  it('answers a question about an unknown workload with an error', async () => {
    client = await LspTestClient.start();
    await client.open('file:///ws/app.yaml', WORKLOADS);
    await client.diagnosticsFor('file:///ws/app.yaml');
    const failed = client.connection.sendRequest(QueryRequest, { from: WEB, to: { ...DB, name: 'nope' }, port: 1, protocol: 'TCP' });
    await expect(failed).rejects.toBeInstanceOf(ResponseError);
    await expect(failed).rejects.toThrow('no workload shop/StatefulSet/nope in the workspace');
  });
});
