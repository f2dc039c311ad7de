import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient } from './lspClient';

/**
 * `.netpol.yaml` in the language server: a layer above the editor's settings, re-read when the
 * watcher says it changed, read and watched in Restricted Mode too, and checked (with quick fixes) when open.
 */

const FIXTURE = path.resolve(__dirname, '../fixtures/workspace');
const POLICY = 'policies/db.yaml';

let dir: string;
let client: LspTestClient | undefined;
const uriOf = (relative: string) => pathToFileURL(path.join(dir, relative)).href;
const textOf = (relative: string) => readFileSync(path.join(dir, relative), 'utf8');

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'netpol-config-'));
  cpSync(FIXTURE, dir, { recursive: true });
});
afterEach(() => {
  client?.kill();
  client = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function start(settings: Record<string, unknown> = {}, trusted = true): Promise<LspTestClient> {
  const started = await LspTestClient.start(settings, { workspaceFolders: [pathToFileURL(dir).href], watchFiles: true, trusted });
  if (trusted) await started.logInbox.next((m) => /Indexed \d+ YAML files/.test(m), 20_000, 'the workspace index');
  return started;
}

const levels = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${String(d.code)}:${d.severity ?? 0}`).sort();

/**
 * Writes a configuration file and tells the server, as the client's watcher would. The server
 * publishes the policy's diagnostics at once and again once the workspace is re-indexed, so a
 * test waits for the levels it expects rather than for the next publication (which may be a late
 * one of the change before).
 */
async function writeConfig(name: string, text: string | undefined): Promise<void> {
  if (text === undefined) rmSync(path.join(dir, name));
  else writeFileSync(path.join(dir, name), text);
  await client!.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [{ uri: uriOf(name), type: text === undefined ? 3 : 2 }],
  });
}

/** How long the server may take to re-check (and re-index) after a configuration file changed. */
const SETTLED = { timeout: 10_000 };

/** The levels last published for the policy, `only` those of one rule if given. */
function policyLevels(only?: string): string[] {
  const published = client!.diagnostics.all.filter((p) => p.uri === uriOf(POLICY)).at(-1);
  return levels(published?.diagnostics ?? []).filter((level) => !only || level.startsWith(`${only}:`));
}

describe('.netpol.yaml in the language server', () => {
  it('turns a rule off and on again as the file is written, changed and deleted', async () => {
    client = await start();
    await client.open(uriOf(POLICY), textOf(POLICY));
    expect(levels(await client.diagnosticsFor(uriOf(POLICY)))).toEqual(['peer-and-or-confusion:2']);
    await writeConfig('.netpol.yaml', 'rules: { peer-and-or-confusion: off }\n');
    await expect.poll(() => policyLevels(), SETTLED).toEqual([]);
    await writeConfig('.netpol.yaml', 'rules: { peer-and-or-confusion: error }\n');
    await expect.poll(() => policyLevels(), SETTLED).toEqual(['peer-and-or-confusion:1']);
    await writeConfig('.netpol.yaml', undefined);
    await expect.poll(() => policyLevels(), SETTLED).toEqual(['peer-and-or-confusion:2']);
    await writeConfig('policies/.netpol.json', '{ "rules": { "peer-and-or-confusion": "info" } }');
    await expect.poll(() => policyLevels(), SETTLED).toEqual(['peer-and-or-confusion:3']);
    expect(client.registrations).toContain('workspace/didChangeWatchedFiles');
  });

  it('wins over the editor settings where it speaks; the editor settings apply where it is silent', async () => {
    writeFileSync(path.join(dir, '.netpol.yaml'), 'rules: { peer-and-or-confusion: info }\n');
    client = await start({ rules: { 'peer-and-or-confusion': 'error', 'policy-types-missing': 'off' } });
    await client.open(uriOf(POLICY), textOf(POLICY));
    expect(levels(await client.diagnosticsFor(uriOf(POLICY)))).toEqual(['peer-and-or-confusion:3']);
  });

  it('overrides by glob for the files they match only', async () => {
    writeFileSync(path.join(dir, '.netpol.yaml'), 'overrides:\n  - files: ["apps/**"]\n    rules: { peer-and-or-confusion: off }\n');
    client = await start();
    await client.open(uriOf(POLICY), textOf(POLICY));
    expect(levels(await client.diagnosticsFor(uriOf(POLICY)))).toEqual(['peer-and-or-confusion:2']);
    await writeConfig('.netpol.yaml', 'overrides:\n  - files: ["policies/*.yaml"]\n    rules: { peer-and-or-confusion: off }\n');
    await expect.poll(() => policyLevels(), SETTLED).toEqual([]);
  });

  it('exclude takes files out of the workspace: the policy selects no declared workload any more', async () => {
    client = await start();
    await client.open(uriOf(POLICY), textOf(POLICY));
    await client.diagnosticsFor(uriOf(POLICY));
    await writeConfig('.netpol.yaml', 'exclude: ["apps/db.yaml"]\n');
    await expect.poll(() => policyLevels('selector-matches-nothing'), SETTLED).toEqual(['selector-matches-nothing:2']);
  });

  it('other keys: the Kubernetes version and the cluster CIDRs apply, and root: true stops the walk', async () => {
    client = await start();
    const uri = uriOf('policies/egress.yaml');
    const ipBlockLevels = () =>
      levels(client!.diagnostics.all.filter((p) => p.uri === uri).at(-1)?.diagnostics ?? []).filter((level) =>
        level.startsWith('ipblock-'),
      );
    const text = [
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata:',
      '  name: egress',
      '  namespace: shop',
      'spec:',
      '  podSelector: {}',
      '  policyTypes: [Egress]',
      '  egress:',
      '    - to:',
      '        - ipBlock: { cidr: 10.244.1.7/24 }',
      '',
    ].join('\n');
    await client.open(uri, text);
    // Host bits: rejected by the API server from 1.36 on (latest by default).
    await expect.poll(ipBlockLevels, SETTLED).toEqual(['ipblock-cidr-strict:1']);
    await writeConfig('.netpol.yaml', 'kubernetesVersion: "1.35"\ncluster: { podCIDRs: [10.244.0.0/16] }\n');
    await expect.poll(ipBlockLevels, SETTLED).toEqual(['ipblock-pod-ip:2']);
    // The nearer file says root: the one above is not read, its version and CIDRs neither.
    await writeConfig('policies/.netpol.yaml', 'root: true\n');
    await expect.poll(ipBlockLevels, SETTLED).toEqual(['ipblock-cidr-strict:1']);
  });

  it('is read and watched in Restricted Mode (it is data), no manifest of the workspace being read', async () => {
    writeFileSync(path.join(dir, '.netpol.yaml'), 'rules: { peer-and-or-confusion: off }\n');
    client = await start({}, false);
    await client.open(uriOf(POLICY), textOf(POLICY));
    await client.diagnosticsFor(uriOf(POLICY));
    expect(policyLevels('peer-and-or-confusion')).toEqual([]);
    await writeConfig('.netpol.yaml', 'rules: { peer-and-or-confusion: error }\n');
    await expect.poll(() => policyLevels('peer-and-or-confusion'), SETTLED).toEqual(['peer-and-or-confusion:1']);
    await writeConfig('.netpol.yaml', undefined);
    await expect.poll(() => policyLevels('peer-and-or-confusion'), SETTLED).toEqual(['peer-and-or-confusion:2']);
    expect(client.watchedGlobs).toEqual(['**/{.netpol.yaml,.netpol.yml,.netpol.json}']);
    expect(client.logs.join('\n')).not.toMatch(/Indexed \d+ YAML files/);
  });

  it('when open, says what is wrong in it, and offers the rule id meant', async () => {
    client = await start();
    const config = uriOf('.netpol.yaml');
    const text = 'rules:\n  peer-and-or-confusio: off\n  duplicate-policy: fatal\nkubernetesVersion: 1.30\n';
    writeFileSync(path.join(dir, '.netpol.yaml'), text);
    await client.open(config, text);
    const diagnostics = await client.diagnosticsFor(config);
    expect(diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.message])).toEqual([
      [3, 19, 'Write the version as a string ("1.3" reads as a number: 1.30 is 1.3).'],
      [1, 2, 'There is no rule "peer-and-or-confusio": did you mean "peer-and-or-confusion"?'],
      [2, 20, '"fatal" is not a level: use error, warning, info, hint, off.'],
    ]);
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: config },
      range: diagnostics[1]!.range,
      context: { diagnostics: [diagnostics[1]] },
    });
    expect(actions.map((a) => [a.title, a.edit?.changes?.[config]?.[0]?.newText])).toEqual([
      ['Change to "peer-and-or-confusion"', 'peer-and-or-confusion'],
    ]);
    // Its own text is no manifest: nothing of it in the workspace, no manifest diagnostics.
    await client.open(uriOf('.netpol.json'), '{ "rules": { "nope": "off" } }', 'json');
    expect((await client.diagnosticsFor(uriOf('.netpol.json'))).map((d) => d.message)).toEqual(['There is no rule "nope".']);
  });
});
