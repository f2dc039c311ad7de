import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodeLens } from 'vscode-languageserver-protocol';
import type { ReachabilityChangesResult } from '../../server/src/protocol';
import { GitFixture } from '../gitFixture';
import { LspTestClient } from './lspClient';

/**
 * `netpol/reachabilityChanges`: the workspace as edited (unsaved text included) against a git
 * revision the test commits, read by the server without running git; `netpol/revisions`.
 */

const FIXTURE = path.resolve(__dirname, '../fixtures/workspace');
const POLICY = 'policies/db.yaml';

function fixtureFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[path.relative(FIXTURE, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(FIXTURE);
  return out;
}

let repo: GitFixture;
let client: LspTestClient | undefined;
const uriOf = (relative: string) => pathToFileURL(path.join(repo.dir, relative)).href;

beforeEach(() => {
  repo = new GitFixture('netpol-reach-');
  repo.commit(fixtureFiles(), 'the fixture');
});
afterEach(() => {
  client?.kill();
  client = undefined;
  repo.remove();
});

async function start(): Promise<LspTestClient> {
  const started = await LspTestClient.start({}, { workspaceFolders: [pathToFileURL(repo.dir).href], watchFiles: true });
  await started.logInbox.next((m) => /Indexed \d+ YAML files/.test(m), 20_000, 'the workspace index');
  return started;
}

const changesVs = (base?: string) =>
  client!.connection.sendRequest<ReachabilityChangesResult>('netpol/reachabilityChanges', base === undefined ? {} : { base });

const summary = (result: ReachabilityChangesResult) =>
  result.changes.map((c) => `${'cidr' in c.from ? c.from.cidr : c.from.name} -> ${'cidr' in c.to ? c.to.cidr : c.to.name} ${c.kind}`);

describe('netpol/reachabilityChanges', () => {
  it('is empty against HEAD for a clean tree, lists what unsaved text opens with the rule behind it, and empties on revert', async () => {
    client = await start();
    const clean = await changesVs();
    expect(clean).toMatchObject({ base: 'HEAD', commit: repo.git('rev-parse', 'HEAD'), total: 0, changes: [] });
    expect(clean.error).toBeUndefined();

    const text = readFileSync(path.join(repo.dir, POLICY), 'utf8');
    // db accepts TCP 5432 from tier=frontend pods and from namespaces with team=observability; now also from an address range.
    const edited = text.replace('    - from:\n', '    - from:\n        - ipBlock: { cidr: 192.168.0.0/16 }\n');
    expect(edited).not.toBe(text);
    await client.open(uriOf(POLICY), text);
    await client.diagnosticsFor(uriOf(POLICY));
    const version = await client.change(uriOf(POLICY), [{ text: edited }]);
    await client.diagnosticsFor(uriOf(POLICY), version);
    const opened = await changesVs();
    expect(opened.total).toBeGreaterThan(0);
    expect(summary(opened)).toEqual(['192.168.0.0/16 -> db opened']);
    expect(opened.changes[0]!.after).toEqual([{ protocol: 'TCP', port: 5432 }]);
    const cause = opened.changes[0]!.causes[0]!;
    expect(cause).toMatchObject({ policy: { namespace: 'shop', name: 'db-from-web' }, rule: 'spec.ingress[0]' });
    expect(cause.location?.uri).toBe(uriOf(POLICY));
    expect(edited.split('\n')[cause.location!.range.start.line]).toContain('- from:');
    expect(opened.policies.changed).toEqual([{ namespace: 'shop', name: 'db-from-web' }]);

    const reverted = await client.change(uriOf(POLICY), [{ text }]);
    await client.diagnosticsFor(uriOf(POLICY), reverted);
    expect((await changesVs()).total).toBe(0);
  });

  it('puts a CodeLens above the rule that opens a connection, which goes when the edit is reverted', async () => {
    client = await start();
    const text = readFileSync(path.join(repo.dir, POLICY), 'utf8');
    const reachabilityLenses = async () =>
      (await client!.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: uriOf(POLICY) } }))
        .filter((lens) => / vs HEAD/.test(lens.command?.title ?? ''))
        .map((lens) => [lens.range.start.line, lens.command!.title, lens.command!.command]);
    await client.open(uriOf(POLICY), text);
    await client.diagnosticsFor(uriOf(POLICY));
    expect(await reachabilityLenses()).toEqual([]);

    // Also from an address range (one connection opened), and no longer from tier=frontend pods (web: one closed).
    const edited = text
      .replace('    - from:\n', '    - from:\n        - ipBlock: { cidr: 192.168.0.0/16 }\n')
      .replace(/tier: frontend/g, 'tier: nobody');
    const version = await client.change(uriOf(POLICY), [{ text: edited }]);
    await client.diagnosticsFor(uriOf(POLICY), version);
    const changes = await changesVs();
    expect(summary(changes).sort()).toEqual(['192.168.0.0/16 -> db opened', 'web -> db closed']);
    const rule = edited.split('\n').findIndex((line) => line.includes('- from:'));
    const lenses = await reachabilityLenses();
    expect(lenses).toContainEqual([rule, 'opens 1 connection vs HEAD', 'netpol.showReachabilityChanges']);
    // The closed connection is the policy's doing (its rule no longer allows web): a lens at its name.
    expect(lenses.map(([, title]) => title).sort()).toEqual(['closes 1 connection vs HEAD', 'opens 1 connection vs HEAD']);

    const reverted = await client.change(uriOf(POLICY), [{ text }]);
    await client.diagnosticsFor(uriOf(POLICY), reverted);
    expect(await reachabilityLenses()).toEqual([]);
  });

  it('compares with an older commit, a branch or a tag, lists them, and says what is wrong with an unknown one', async () => {
    const first = repo.git('rev-parse', 'HEAD');
    repo.git('tag', 'v1');
    repo.git('branch', 'before-deny');
    repo.commit({
      'policies/deny.yaml':
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny-web\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels: { tier: frontend }\n  policyTypes: [Ingress]\n',
    });
    client = await start();
    expect((await changesVs()).total).toBe(0);
    for (const base of ['HEAD~1', 'v1', 'before-deny', first.slice(0, 10)]) {
      const result = await changesVs(base);
      expect(result.commit, base).toBe(first);
      expect(result.policies.added, base).toEqual([{ namespace: 'shop', name: 'deny-web' }]);
      expect(
        summary(result).every((line) => line.includes('-> web ') && line.endsWith('closed')),
        base,
      ).toBe(true);
      expect(result.total, base).toBeGreaterThan(0);
    }
    expect(await client.connection.sendRequest<string[]>('netpol/revisions')).toEqual(['HEAD', 'before-deny', 'main', 'v1']);
    const unknown = await changesVs('no-such-branch');
    expect(unknown.error).toContain('no-such-branch');
    expect(unknown.changes).toEqual([]);
  });
});
