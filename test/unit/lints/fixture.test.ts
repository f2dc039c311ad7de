import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKSPACE_SCOPE_LINTS, NAMESPACE_SCOPE_LINTS } from '../../../server/src/rules/lints/workspaceLints';
import { diagnoseInWorkspace } from '../helpers';

/** test/fixtures/workspace-lints: a small repository of manifests, validated file by file against all of it. */
const ROOT = join(__dirname, '..', '..', 'fixtures', 'workspace-lints');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : entry.name.endsWith('.yaml') ? [join(dir, entry.name)] : [],
  );
}

const files = Object.fromEntries(filesUnder(ROOT).map((file) => [relative(ROOT, file), readFileSync(file, 'utf8')]));
const ids = [...new Set([...WORKSPACE_SCOPE_LINTS, ...NAMESPACE_SCOPE_LINTS].map((lint) => lint.meta.id))];
const severities = Object.fromEntries(ids.map((id) => [id, 'warning' as const]));

function findings(): string[] {
  return Object.keys(files)
    .sort()
    .flatMap((name) =>
      diagnoseInWorkspace(files, name, { severities }).map((d) => {
        const line = files[name]!.slice(0, d.start).split('\n').length;
        return `${name}:${line} ${d.code} ${d.path} => ${d.text}`;
      }),
    );
}

describe('workspace lints on test/fixtures/workspace-lints', () => {
  it('reports exactly the problems planted in it', () => {
    expect(findings()).toEqual([
      'policies/api.yaml:13 selector-matches-nothing spec.ingress[0].from[0].podSelector => podSelector',
      'policies/api.yaml:18 dns-tcp-missing spec.egress => egress',
      'policies/api.yaml:24 named-port-not-exposed spec.egress[0].ports[0].port => postgress',
      'policies/blog.yaml:4 namespace-without-default-deny metadata.name => allow-wordpress',
      'policies/default-deny.yaml:9 dns-tcp-missing spec.policyTypes[1] => Egress',
      'policies/dns.yaml:18 dns-tcp-missing spec.egress[0].ports[0] => UDP',
      'policies/legacy.yaml:5 duplicate-policy metadata.name => allow-web',
      'policies/web.yaml:4 duplicate-policy metadata.name => allow-web',
      'policies/web.yaml:14 namespace-selector-matches-nothing spec.ingress[1].from[0].namespaceSelector => namespaceSelector',
    ]);
  });

  it('names the other files in its messages', () => {
    const messages = (name: string, code: string) =>
      diagnoseInWorkspace(files, name, { severities })
        .filter((d) => d.code === code)
        .map((d) => d.message);
    expect(messages('policies/api.yaml', 'dns-tcp-missing')[0]).toMatch(
      /^\S.* can reach the cluster DNS .* on UDP port 53 but not on TCP port 53: /,
    );
    expect(messages('policies/legacy.yaml', 'duplicate-policy')[0]).toContain('is declared at web.yaml:4:');
    expect(messages('policies/web.yaml', 'duplicate-policy')[0]).toContain('is declared at legacy.yaml:5:');
    expect(messages('policies/api.yaml', 'selector-matches-nothing')[0]).toMatch(/Did you mean `app: web`\?$/);
    expect(messages('policies/api.yaml', 'named-port-not-exposed')[0]).toContain('(they declare "postgres" (TCP))');
    expect(messages('policies/web.yaml', 'namespace-selector-matches-nothing')[0]).toMatch(/Did you mean `team: ops`\?$/);
  });
});
