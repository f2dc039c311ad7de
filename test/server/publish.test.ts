import { afterEach, describe, expect, it } from 'vitest';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ALL_RULES } from '../../server/src/rules/catalog';
import { LspTestClient } from './lspClient';

/** The one lint that speaks about the workloads of the workspace: the others would only add noise here. */
const RULES = {
  ...Object.fromEntries(ALL_RULES.filter((rule) => rule.category === 'lint').map((rule) => [rule.id, 'off'])),
  'selector-matches-nothing': 'warning',
};

const deployment = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers: [{name: main, image: nginx}]
`;

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
spec:
  podSelector:
    matchLabels: {app: web}
  policyTypes: [Ingress]
`;

let client: LspTestClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

/** The (uri, version) pairs published more than once with different diagnostics. */
function republished(all: readonly PublishDiagnosticsParams[]): string[] {
  const seen = new Map<string, string>();
  const out: string[] = [];
  for (const params of all) {
    if (params.version === undefined) continue;
    const key = `${params.uri} v${params.version}`;
    const content = JSON.stringify(params.diagnostics);
    if (seen.has(key) && seen.get(key) !== content) out.push(key);
    seen.set(key, content);
  }
  return out;
}

describe('one publish per version', () => {
  it('publishes an edit made just after closing an unsaved document against the workspace without it, once', async () => {
    // No delay: the edit's analysis runs while the server is still handling the close.
    client = await LspTestClient.start({ diagnosticsDelay: 0, rules: RULES });
    const policy = 'file:///ws/policy.yaml';
    // Unsaved: there is no such file on disk.
    const web = 'file:///ws/web.yaml';
    const api = 'file:///ws/api.yaml';
    await client.open(api, deployment('api'));
    await client.open(web, deployment('web'));
    await client.diagnosticsFor(web, 1);
    await client.open(policy, POLICY);
    await client.diagnosticsFor(policy, 1);
    await expect.poll(() => client!.diagnostics.all.filter((p) => p.uri === policy).at(-1)?.diagnostics.length).toBe(0);

    await client.close(web);
    const version = await client.change(policy, [
      { range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } }, text: '# edited\n' },
    ]);
    // The edit's analysis, then the re-check of the open documents after the workspace changed.
    await client.statuses.next((s) => s.uri === policy && s.version === version, 20_000, 'the analysis of the edit');
    await client.statuses.next((s) => s.uri === policy && s.version === version, 20_000, 'the re-check after the close');
    const published = client.diagnostics.all.filter((p) => p.uri === policy && p.version === version);
    expect(published.length).toBeGreaterThan(0);
    expect(published[0]!.diagnostics.map((d) => d.code)).toEqual(['selector-matches-nothing']);
    expect(republished(client.diagnostics.all)).toEqual([]);
  });
});
