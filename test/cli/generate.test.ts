import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const dir = mkdtempSync(path.join(tmpdir(), 'netpol-generate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function netpol(...argv: string[]) {
  return spawnSync(process.execPath, [CLI, ...argv], { cwd: dir, encoding: 'utf8' });
}

describe('netpol generate (bundled CLI)', () => {
  it('--list shows every template', () => {
    const run = netpol('generate', '--list');
    expect(run.status).toBe(0);
    const ids = run.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(/\s+/)[0]);
    expect(ids).toEqual([
      'default-deny-ingress',
      'default-deny-egress',
      'default-deny-all',
      'allow-dns-egress',
      'allow-same-namespace',
      'allow-from-namespace',
      'allow-from-internet',
      'restrict-egress-to-cluster',
      'isolate-workload',
      'three-tier',
      'baseline-default-deny',
      'admin-allow-dns',
      'admin-isolate-tenants',
    ]);
  });

  it('<template> --help lists its options as flags', () => {
    const run = netpol('generate', 'three-tier', '--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--db-port <port> (default: 5432)');
    expect(run.stdout).toContain('--app-labels <labels> (default: tier=app)');
  });

  it('prints YAML that netpol check passes, lints included', () => {
    const run = netpol('generate', 'three-tier', '--namespace', 'shop', '--name=store', '--app-labels', '', '--db-port', 'postgres');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('name: store-web\n  namespace: shop\n');
    expect(run.stdout).toContain('name: store-db\n');
    expect(run.stdout).not.toContain('store-app');
    writeFileSync(path.join(dir, 'generated.yaml'), run.stdout);
    const check = netpol('check', 'generated.yaml');
    expect(check.stdout).toBe('');
    expect(check.status).toBe(0);
  });

  it('the same YAML as the editor for the same options', () => {
    const run = netpol('generate', 'allow-from-namespace', '--from-namespaces', 'monitoring', '--ports', '9090');
    expect(run.stdout).toBe(
      [
        'apiVersion: networking.k8s.io/v1',
        'kind: NetworkPolicy',
        'metadata:',
        '  name: allow-from-monitoring',
        '  namespace: default',
        'spec:',
        '  podSelector: {}',
        '  policyTypes:',
        '  - Ingress',
        '  ingress:',
        '  - from:',
        '    - namespaceSelector:',
        '        matchLabels:',
        '          kubernetes.io/metadata.name: monitoring',
        '    ports:',
        '    - protocol: TCP',
        '      port: 9090',
        '',
      ].join('\n'),
    );
  });

  it('--dns-namespace and --dns-pod-labels choose the DNS pods, as netpol.dns does in the editor', () => {
    const run = netpol('generate', 'allow-dns-egress', '--dns-namespace', 'dns', '--dns-pod-labels', 'app=coredns');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      '          kubernetes.io/metadata.name: dns\n      podSelector:\n        matchLabels:\n          app: coredns\n',
    );
    expect(netpol('generate', 'allow-dns-egress', '--dns-pod-labels', '').stderr).toMatch(
      /^netpol: --dns-pod-labels: give at least one label/,
    );
    expect(netpol('generate', 'allow-dns-egress', '--dns-namespace', 'DNS').stderr).toMatch(
      /^netpol: --dns-namespace: "DNS" is not a valid namespace name/,
    );
  });

  it('bad options: every problem on stderr with its flag, exit 2', () => {
    const run = netpol('generate', 'allow-from-internet', '--ports', '0', '--cidrs', '10.0.0.1/8', '--colour', 'red');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      [
        'netpol: --colour: allow-from-internet has no option colour',
        'netpol: --ports: port 0 must be between 1 and 65535, inclusive',
        'netpol: --cidrs: "10.0.0.1/8" has bits set beyond its prefix: write its network, 10.0.0.0/8',
        '',
      ].join('\n'),
    );
  });

  it('usage errors: no template, unknown template, a flag without value', () => {
    expect(netpol('generate').stderr).toMatch(/^netpol: generate needs a template \(netpol generate --list shows them\)/);
    expect(netpol('generate', 'nope').stderr).toMatch(/^netpol: There is no template "nope": use one of default-deny-ingress/);
    const run = netpol('generate', 'default-deny-all', '--namespace');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^netpol: --namespace needs a value/);
  });
});
