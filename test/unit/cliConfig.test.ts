import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../server/src/cli/main';
import { parseArgs, UsageError } from '../../server/src/cli/args';

/** The CLI reads `.netpol.yaml` as the editor does; flags win over it; --quiet and --max-warnings. */

// Two warnings: namespace-without-default-deny (at metadata.name) and selector-matches-nothing.
const WARNS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: c, image: x, ports: [{ containerPort: 80 }] }] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: p
  namespace: shop
spec:
  podSelector: { matchLabels: { app: webb } }
  policyTypes: [Ingress]
  ingress:
    - from: [{ podSelector: {} }]
      ports: [{ port: 8080 }]
`;
// One error: port-protocol.
const ERROR = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: bad
  namespace: other
spec:
  podSelector: {}
  ingress:
    - ports:
        - protocol: tcp
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'netpol-config-'));
  mkdirSync(path.join(dir, 'apps', 'legacy'), { recursive: true });
  writeFileSync(path.join(dir, 'apps', 'shop.yaml'), WARNS);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (file: string, text: string) => writeFileSync(path.join(dir, file), text);

async function run(...argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await main(argv, { cwd: dir, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { status, stdout, stderr };
}

async function codes(...argv: string[]): Promise<string[]> {
  const { stdout, stderr, status } = await run('check', '--format', 'json', ...argv);
  expect(status, stderr).toBeLessThan(2);
  return (JSON.parse(stdout) as { code: string; severity: string }[]).map((d) => `${d.code}:${d.severity}`).sort();
}

const BOTH = ['namespace-without-default-deny:warning', 'selector-matches-nothing:warning'];

describe('netpol check with .netpol.yaml', () => {
  it('without a configuration file, the defaults', async () => {
    expect(await codes('.')).toEqual(BOTH);
  });

  it('a rule level from the nearest file, key by key over the farther ones; root: true stops the walk', async () => {
    write('.netpol.yaml', 'rules:\n  namespace-without-default-deny: off\n  selector-matches-nothing: error\n');
    expect(await codes('.')).toEqual(['selector-matches-nothing:error']);
    write('apps/.netpol.yml', 'rules: { selector-matches-nothing: info }\n');
    expect(await codes('.')).toEqual(['selector-matches-nothing:info']);
    write('apps/.netpol.yml', 'root: true\nrules: { selector-matches-nothing: info }\n');
    expect(await codes('.')).toEqual(['namespace-without-default-deny:warning', 'selector-matches-nothing:info']);
  });

  it('overrides by glob, relative to the configuration file', async () => {
    write('.netpol.yaml', 'overrides:\n  - files: ["legacy/**"]\n    rules: { selector-matches-nothing: off }\n');
    expect(await codes('.')).toEqual(BOTH);
    write('apps/legacy/shop.yaml', WARNS.replaceAll('shop', 'old'));
    write('apps/.netpol.yaml', 'overrides:\n  - files: ["legacy/**"]\n    rules: { selector-matches-nothing: off }\n');
    expect(await codes('.')).toEqual([...BOTH, 'namespace-without-default-deny:warning'].sort());
  });

  it('include and exclude decide which files of a folder are read; a file named on the command line is read anyway', async () => {
    write('apps/legacy/bad.yaml', ERROR);
    expect(await codes('.')).toEqual([...BOTH, 'port-protocol:error'].sort());
    write('.netpol.yaml', 'exclude: ["apps/legacy/**"]\n');
    expect(await codes('.')).toEqual(BOTH);
    write('.netpol.yaml', 'include: ["apps/legacy/**"]\n');
    expect(await codes('.')).toEqual(['port-protocol:error']);
    expect(await codes('apps/shop.yaml')).toEqual(BOTH);
  });

  it('other keys: the default namespace, the Kubernetes version', async () => {
    write('apps/nons.yaml', ERROR.replace('  namespace: other\n', ''));
    const { stdout } = await run('check', '--format', 'json', 'apps/nons.yaml');
    expect(stdout).toContain('port-protocol');
    write('.netpol.yaml', 'defaultNamespace: shop\n');
    // The policy without a namespace now lands in shop, whose workloads it selects (all of them).
    expect(await codes('apps')).toEqual([
      'namespace-without-default-deny:warning',
      'port-protocol:error',
      'selector-matches-nothing:warning',
    ]);
    write(
      'apps/cidr.yaml',
      ERROR.replace('ingress:\n    - ports:\n        - protocol: tcp', 'egress: [{ to: [{ ipBlock: { cidr: 10.0.0.1/24 } }] }]'),
    );
    expect(await codes('apps/cidr.yaml')).toEqual(['implicit-policy-types:info', 'ipblock-cidr-strict:error']);
    write('.netpol.yaml', 'kubernetesVersion: "1.35"\n');
    // 1.35 accepts the CIDR, so the DNS lint reads the rule: egress only to that block, no DNS.
    expect(await codes('apps/cidr.yaml')).toEqual(['dns-egress-blocked:warning', 'implicit-policy-types:info']);
  });

  it('flags win over the file; --no-config and --config FILE', async () => {
    write('.netpol.yaml', 'rules: { namespace-without-default-deny: off, selector-matches-nothing: off }\n');
    expect(await codes('.')).toEqual([]);
    expect(await codes('--rule', 'selector-matches-nothing=error', '.')).toEqual(['selector-matches-nothing:error']);
    expect(await codes('--no-config', '.')).toEqual(BOTH);
    write('ci.yaml', 'rules: { selector-matches-nothing: hint }\n');
    expect(await codes('--config', 'ci.yaml', 'apps')).toEqual(['namespace-without-default-deny:warning', 'selector-matches-nothing:hint']);
    expect((await run('check', '--config', 'missing.yaml', 'apps')).stderr).toContain('--config missing.yaml: no such file');
  });

  it('a configuration file with a mistake stops the run with status 2, saying where', async () => {
    write('.netpol.yaml', 'rules:\n  selector-matches-nothin: off\n  duplicate-policy: fatal\n');
    const { status, stderr } = await run('check', '.');
    expect(status).toBe(2);
    expect(stderr).toContain('.netpol.yaml has mistakes');
    expect(stderr).toContain(
      'rules.selector-matches-nothin: There is no rule "selector-matches-nothin": did you mean "selector-matches-nothing"?',
    );
    expect(stderr).toContain('rules.duplicate-policy: "fatal" is not a level');
    expect((await run('check', '--no-config', '.')).status).toBe(0);
  });

  it('is not read as a manifest of the workspace', async () => {
    write('.netpol.json', '{ "rules": {} }');
    write('.netpol.yaml', 'rules: {}\n');
    const { stdout } = await run('check', '--format', 'json', '.');
    expect(stdout).not.toContain('.netpol');
  });
});

describe('--quiet and --max-warnings', () => {
  it('--max-warnings N: exit 1 above N warnings, 0 at N', async () => {
    expect((await run('check', '.')).status).toBe(0);
    expect((await run('check', '--max-warnings', '2', '.')).status).toBe(0);
    const over = await run('check', '--max-warnings', '1', '.');
    expect(over.status).toBe(1);
    expect(over.stderr).toContain('2 warnings, more than --max-warnings 1');
  });

  it('--quiet: errors only in the output, warnings still counted by --max-warnings', async () => {
    write('apps/bad.yaml', ERROR);
    const quiet = await run('check', '--quiet', '--format', 'json', '.');
    expect((JSON.parse(quiet.stdout) as { code: string }[]).map((d) => d.code)).toEqual(['port-protocol']);
    expect(quiet.status).toBe(1);
    writeFileSync(path.join(dir, 'apps', 'bad.yaml'), '');
    expect((await run('check', '-q', '.')).stdout).toBe('');
    expect((await run('check', '-q', '--max-warnings', '0', '.')).status).toBe(1);
  });

  it('the flags are checked', () => {
    expect(() => parseArgs(['check', '--max-warnings', 'many', '.'])).toThrow('--max-warnings must be a number of 0 or more (got "many")');
    expect(() => parseArgs(['check', '--max-warnings', '-1', '.'])).toThrow(UsageError);
    expect(() => parseArgs(['explain', '--quiet', '.'])).toThrow('--quiet is an option of netpol check');
    expect(() => parseArgs(['check', '--rule', 'port-protocol', '.'])).toThrow('--rule must be written id=level');
    expect(() => parseArgs(['check', '--rule', 'port-protocl=off', '.'])).toThrow('--rule: there is no rule "port-protocl"');
    expect(() => parseArgs(['check', '--rule', 'port-protocol=fatal', '.'])).toThrow('"fatal" for port-protocol is not error');
    expect(() => parseArgs(['check', '--config', 'a.yaml', '--no-config', '.'])).toThrow('--config and --no-config exclude each other');
    expect(parseArgs(['check', '--rule', 'port-protocol=off', '--rule', 'duplicate-policy=info', '.'])).toMatchObject({
      flags: { rules: { 'port-protocol': 'off', 'duplicate-policy': 'info' } },
      config: 'search',
    });
  });
});

describe('netpol diff with .netpol.yaml', () => {
  it('reads the configuration of each side (here: the default namespace) and leaves out excluded files', async () => {
    const policy = (name: string) =>
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n`;
    mkdirSync(path.join(dir, 'a'));
    mkdirSync(path.join(dir, 'b', 'tmp'), { recursive: true });
    write('a/x.yaml', '');
    write('b/x.yaml', policy('deny'));
    write('b/tmp/y.yaml', policy('scratch'));
    write('b/.netpol.yaml', 'defaultNamespace: shop\nexclude: ["tmp/**"]\n');
    const { stdout, status } = await run('diff', '--format', 'json', 'a', 'b');
    expect(status).toBe(1);
    expect((JSON.parse(stdout) as { policies: { added: unknown[] } }).policies.added).toEqual([{ namespace: 'shop', name: 'deny' }]);
  });
});
