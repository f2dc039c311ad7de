import { fork } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import { InitializeRequest, ShutdownRequest, type Diagnostic } from 'vscode-languageserver-protocol';
import { SettingsProblemNotification } from '../../server/src/protocol';
import { ALL_RULES } from '../../server/src/rules/catalog';
import { LspTestClient, SERVER } from './lspClient';

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
spec:
  podSelector: {}
  ingress:
    - ports:
        - protocol: tcp
          port: 80
`;

/** The range of the first occurrence of `needle` (single line). */
function rangeOf(text: string, needle: string) {
  const offset = text.indexOf(needle);
  const before = text.slice(0, offset).split('\n');
  const line = before.length - 1;
  const character = before[before.length - 1]!.length;
  return { start: { line, character }, end: { line, character: character + needle.length } };
}

/** Settings that turn the best-practice lints off: these tests are about the protocol and API rules. */
const LINTS_OFF = Object.fromEntries(ALL_RULES.filter((rule) => rule.category === 'lint').map((rule) => [rule.id, 'off']));
const start = (settings: Record<string, unknown> = {}) =>
  LspTestClient.start({ ...settings, rules: { ...LINTS_OFF, ...(settings.rules as Record<string, string> | undefined) } });

const summary = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${String(d.code)} ${(d.data as { path: string | null }).path}`);

let client: LspTestClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

describe('language server over stdio', () => {
  it('publishes API-server diagnostics on open with the contract fields', async () => {
    client = await start();
    const uri = 'file:///ws/policy.yaml';
    await client.open(uri, POLICY);
    const [diagnostic, ...rest] = await client.diagnosticsFor(uri);
    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({
      source: 'netpol',
      code: 'port-protocol',
      severity: 1,
      range: rangeOf(POLICY, 'tcp'),
      data: { path: 'spec.ingress[0].ports[0].protocol', document: 0 },
      codeDescription: { href: expect.stringContaining('docs/rules/port-protocol.md') as string },
    });
    expect(diagnostic!.message).toContain('Unsupported value: "tcp"');
    const status = await client.statuses.next((s) => s.uri === uri, 5000, 'status');
    expect(status).toMatchObject({ state: 'analysed', policies: 1, documents: 1, problems: 1 });
  });

  it('updates diagnostics after an incremental edit, for that version', async () => {
    client = await start({ diagnosticsDelay: 0 });
    const uri = 'file:///ws/edit.yaml';
    await client.open(uri, POLICY);
    expect(summary(await client.diagnosticsFor(uri, 1))).toEqual(['port-protocol spec.ingress[0].ports[0].protocol']);
    const version = await client.change(uri, [{ range: rangeOf(POLICY, 'tcp'), text: 'TCP' }]);
    expect(await client.diagnosticsFor(uri, version)).toEqual([]);
  });

  it('publishes versions in order, the latest last, when edits arrive quickly', async () => {
    client = await start({ diagnosticsDelay: 50 });
    const uri = 'file:///ws/burst.yaml';
    await client.open(uri, POLICY);
    await client.diagnosticsFor(uri, 1);
    let version = 1;
    for (const port of ['81', '82', '0']) version = await client.change(uri, [{ range: rangeOf(POLICY, '80'), text: port }]);
    const last = await client.diagnosticsFor(uri, version);
    expect(summary(last)).toContain('port-number spec.ingress[0].ports[0].port');
    const published = client.diagnostics.all.filter((p) => p.uri === uri).map((p) => p.version);
    expect(published).toEqual([...published].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(published.at(-1)).toBe(version);
  });

  it('analyses an edit of a small document without waiting for the configured delay', async () => {
    // The delay after an edit is at most what the document's last analysis took (milliseconds here).
    client = await start({ diagnosticsDelay: 5000 });
    const uri = 'file:///ws/quick.yaml';
    await client.open(uri, POLICY);
    await client.diagnosticsFor(uri, 1);
    const sent = performance.now();
    const version = await client.change(uri, [{ range: rangeOf(POLICY, '80'), text: '0' }]);
    expect(summary(await client.diagnosticsFor(uri, version, 4000))).toContain('port-number spec.ingress[0].ports[0].port');
    expect(performance.now() - sent).toBeLessThan(4000);
  });

  it('ignores documents that are not YAML and YAML without NetworkPolicy', async () => {
    client = await start();
    await client.open('file:///ws/data.json', '{"kind": "NetworkPolicy", "spec": {"podSelector": 5}}', 'json');
    await client.open('file:///ws/compose.yaml', 'services: [broken\n');
    await client.open('file:///ws/policy.yaml', POLICY);
    await client.diagnosticsFor('file:///ws/policy.yaml');
    expect(client.diagnostics.all.find((p) => p.uri === 'file:///ws/data.json')).toBeUndefined();
    const compose = client.diagnostics.all.find((p) => p.uri === 'file:///ws/compose.yaml');
    expect(compose?.diagnostics ?? []).toEqual([]);
  });

  it('honours per-rule severities, off, and the Kubernetes version', async () => {
    const text = POLICY.replace('podSelector: {}', 'podSelector: {}\n  egress: [{ to: [{ ipBlock: { cidr: 10.0.0.1/24 } }] }]');
    client = await start({ rules: { 'port-protocol': 'warning' } });
    await client.open('file:///ws/a.yaml', text);
    const a = await client.diagnosticsFor('file:///ws/a.yaml');
    expect(a.map((d) => [d.code, d.severity])).toEqual([
      ['ipblock-cidr-strict', 1],
      ['port-protocol', 2],
    ]);
    client.kill();
    client = await start({ rules: { 'port-protocol': 'off' }, kubernetesVersion: '1.35' });
    await client.open('file:///ws/b.yaml', text);
    expect(await client.diagnosticsFor('file:///ws/b.yaml')).toEqual([]);
  });

  it('reports an unusable setting once and falls back to the default', async () => {
    client = await start({ kubernetesVersion: '2.0', rules: { 'no-such-rule': 'error' } });
    const problems: string[] = [];
    client.connection.onNotification(SettingsProblemNotification, (p: { message: string }) => {
      problems.push(p.message);
    });
    await client.open('file:///ws/p.yaml', POLICY);
    expect(summary(await client.diagnosticsFor('file:///ws/p.yaml'))).toEqual(['port-protocol spec.ingress[0].ports[0].protocol']);
    expect(problems.join('\n')).toContain('netpol.kubernetesVersion "2.0"');
    expect(problems.join('\n')).toContain('no rule "no-such-rule"');
  });

  it('does not analyse files over the size limit', async () => {
    client = await start({ maxFileSizeMB: 0.001 });
    await client.open('file:///ws/big.yaml', POLICY.repeat(20));
    const diagnostics = await client.diagnosticsFor('file:///ws/big.yaml');
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['file-too-large', 3]]);
    expect(await client.statuses.next((s) => s.uri === 'file:///ws/big.yaml', 5000, 'status')).toMatchObject({ state: 'too-large' });
  });

  it('survives hostile input and keeps answering', async () => {
    client = await start();
    const bomb = `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nkind: NetworkPolicy\n`;
    await client.open('file:///ws/bomb.yaml', bomb);
    expect((await client.diagnosticsFor('file:///ws/bomb.yaml')).map((d) => d.code)).toEqual(['yaml-alias-limit']);
    await client.open('file:///ws/deep.yaml', `kind: NetworkPolicy\nspec: ${'['.repeat(5000)}`);
    expect((await client.diagnosticsFor('file:///ws/deep.yaml')).length).toBeGreaterThan(0);
    await client.open('file:///ws/junk.yaml', 'kind: NetworkPolicy\n\u0000\u0001\u0002\uffff binary');
    expect((await client.diagnosticsFor('file:///ws/junk.yaml')).map((d) => d.code)).toContain('yaml-syntax');
    await client.open('file:///ws/after.yaml', POLICY);
    expect(await client.diagnosticsFor('file:///ws/after.yaml')).toHaveLength(1);
  });

  it('clears diagnostics on close and exits cleanly on shutdown', async () => {
    client = await start();
    await client.open('file:///ws/c.yaml', POLICY);
    await client.diagnosticsFor('file:///ws/c.yaml');
    await client.close('file:///ws/c.yaml');
    expect(await client.diagnosticsFor('file:///ws/c.yaml')).toEqual([]);
    expect(await client.stop()).toBe(0);
    client = undefined;
  });
});

describe('language server over node IPC', () => {
  it('initializes and shuts down', async () => {
    const child = fork(SERVER, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    try {
      const result = await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: null,
        capabilities: {},
      });
      expect(result.serverInfo?.name).toBe('kube-netpol');
      expect(result.capabilities.textDocumentSync).toMatchObject({ change: 2, openClose: true });
      await connection.sendRequest(ShutdownRequest.type);
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});
