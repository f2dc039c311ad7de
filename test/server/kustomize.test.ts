import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { LspTestClient } from './lspClient';

/** The server places the objects of files a kustomization lists in its namespace, and follows the kustomization's changes. */

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      labels:
        app: web
    spec:
      containers: [{ name: web, image: example/web }]
`;
const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes: [Ingress]
`;
const kustomization = (namespace: string) =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${namespace ? `namespace: ${namespace}\n` : ''}resources: [web.yaml, policy.yaml]\n`;

let dir: string;
let client: LspTestClient | undefined;
const uriOf = (name: string) => pathToFileURL(path.join(dir, name)).href;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'netpol-kustomize-'));
  writeFileSync(path.join(dir, 'kustomization.yaml'), kustomization('shop'));
  writeFileSync(path.join(dir, 'web.yaml'), WEB);
  writeFileSync(path.join(dir, 'policy.yaml'), POLICY);
});
afterEach(() => {
  client?.kill();
  client = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('kustomize over LSP', () => {
  it('lints and explains a listed policy in the kustomization’s namespace, and follows the kustomization on disk', async () => {
    client = await LspTestClient.start({}, { workspaceFolders: [pathToFileURL(dir).href], watchFiles: true });
    await client.logInbox.next((m) => /Indexed \d+ YAML files/.test(m), 20_000, 'the workspace index');
    const policy = uriOf('policy.yaml');
    await client.open(policy, POLICY);
    expect((await client.diagnosticsFor(policy)).map((d) => d.code)).not.toContain('missing-namespace');
    const hoverText = async () => {
      const found = await client!.connection.sendRequest<Hover | null>('textDocument/hover', {
        textDocument: { uri: policy },
        position: { line: POLICY.split('\n').findIndex((line) => line.includes('app: web')), character: 12 },
      });
      return found ? (found.contents as MarkupContent).value : '';
    };
    expect(await hoverText()).toContain('**Selects 1 workload** in namespace `shop`');

    // The kustomization drops its namespace: the files it lists are read again, in the default namespace.
    writeFileSync(path.join(dir, 'kustomization.yaml'), kustomization(''));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf('kustomization.yaml'), type: 2 }],
    });
    await expect.poll(hoverText, { timeout: 10_000 }).toContain('**Selects 1 workload** in namespace `default`');
    expect((await client.diagnosticsFor(policy)).map((d) => d.code)).not.toContain('missing-namespace');

    // Without any kustomization, the policy has no namespace of its own.
    rmSync(path.join(dir, 'kustomization.yaml'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf('kustomization.yaml'), type: 3 }],
    });
    await expect
      .poll(async () => (await client!.diagnosticsFor(policy)).map((d) => d.code), { timeout: 10_000 })
      .toContain('missing-namespace');
  });
});
