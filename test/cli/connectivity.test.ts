import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** `netpol connectivity` and `netpol query` on the bundled CLI: the JSON contract, golden outputs, exit statuses. */

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const FIXTURE = path.resolve(__dirname, '../fixtures/connectivity');

function netpol(...args: string[]) {
  return netpolIn(FIXTURE, ...args);
}

function netpolIn(cwd: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * The fixture with one more policy the API server rejects (endPort below port): it would deny db
 * everything from web, but the cluster would not have it.
 */
function withRejectedPolicy(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netpol-rejected-'));
  for (const file of ['workloads.yaml', 'policies.yaml']) writeFileSync(path.join(dir, file), readFileSync(path.join(FIXTURE, file)));
  writeFileSync(
    path.join(dir, 'rejected.yaml'),
    [
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata:',
      '  name: web-out',
      '  namespace: shop',
      'spec:',
      '  podSelector: { matchLabels: { app: web } }',
      '  policyTypes: [Egress]',
      '  egress:',
      '    - ports: [{ port: 443, endPort: 80 }]',
      '',
    ].join('\n'),
  );
  return dir;
}

const keys = (value: object) => Object.keys(value).sort();

describe('netpol connectivity', () => {
  it('--format json keeps the contract: workloads, then connections between workload or CIDR endpoints', () => {
    const run = netpol('connectivity', '--format', 'json', '.');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { workloads: Record<string, unknown>[]; connections: Record<string, unknown>[] };
    expect(keys(report)).toEqual(['connections', 'notApplied', 'workloads']);
    expect(report.workloads).toEqual([
      { namespace: 'kube-system', kind: 'Deployment', name: 'coredns', labels: { 'k8s-app': 'kube-dns' } },
      { namespace: 'shop', kind: 'StatefulSet', name: 'db', labels: { app: 'db' } },
      { namespace: 'shop', kind: 'Deployment', name: 'web', labels: { app: 'web' } },
    ]);
    for (const connection of report.connections) {
      expect(keys(connection)).toEqual(['from', 'ports', 'to']);
      for (const end of [connection.from, connection.to] as object[]) {
        expect([['cidr'], ['kind', 'name', 'namespace']]).toContainEqual(keys(end));
        if ('cidr' in end) expect(end.cidr).toMatch(/^([\d.]+|[\da-f:]+)\/\d+$/);
      }
      if (connection.ports !== 'all') {
        for (const port of connection.ports as object[]) {
          expect([
            ['port', 'protocol'],
            ['endPort', 'port', 'protocol'],
          ]).toContainEqual(keys(port));
        }
      }
      // Self-connections are never listed.
      expect(connection.from).not.toEqual(connection.to);
    }
    expect(report.connections).toContainEqual({
      from: { namespace: 'shop', kind: 'Deployment', name: 'web' },
      to: { namespace: 'shop', kind: 'StatefulSet', name: 'db' },
      ports: [{ protocol: 'TCP', port: 3306 }],
    });
    expect(report.connections).toContainEqual({
      from: { cidr: '::/0' },
      to: { namespace: 'shop', kind: 'Deployment', name: 'web' },
      ports: [{ protocol: 'TCP', port: 8080 }],
    });
    expect(report.connections).toContainEqual({
      from: { namespace: 'kube-system', kind: 'Deployment', name: 'coredns' },
      to: { cidr: '0.0.0.0/0' },
      ports: 'all',
    });
    expect(report.connections).toHaveLength(41);
  });

  it('--format text, dot and markdown (or md) match their golden files', async () => {
    for (const [format, file] of [
      ['text', 'connectivity.txt'],
      ['dot', 'connectivity.dot'],
      ['markdown', 'connectivity.md'],
      ['md', 'connectivity.md'],
    ] as const) {
      const run = netpol('connectivity', '--format', format, 'workloads.yaml', 'policies.yaml');
      expect(run.status).toBe(0);
      await expect(run.stdout).toMatchFileSnapshot(`__snapshots__/${file}`);
    }
    expect(netpol('connectivity', '.').stdout.split('\n')[0]).toBe('kube-system/coredns[Deployment] => shop/web[Deployment] : TCP 8080');
  });

  it('leaves out policies the cluster would refuse: a note on stderr, `notApplied` in JSON', () => {
    const dir = withRejectedPolicy();
    try {
      const text = netpolIn(dir, 'connectivity', '.');
      expect(text.status).toBe(0);
      expect(text.stderr).toBe(
        'netpol: note: policy shop/web-out (rejected.yaml:4) is not applied, the cluster would refuse it: spec.egress[0].ports[0].endPort: Invalid value: 443: must be greater than or equal to `port`. The range 443-80 is backwards\n',
      );
      expect(text.stdout).toBe(netpol('connectivity', '.').stdout);
      const json = netpolIn(dir, 'connectivity', '--format', 'json', '.');
      expect(json.stderr).toBe('');
      expect((JSON.parse(json.stdout) as { notApplied: unknown }).notApplied).toEqual([
        {
          namespace: 'shop',
          name: 'web-out',
          file: 'rejected.yaml',
          line: 4,
          reason:
            'spec.egress[0].ports[0].endPort: Invalid value: 443: must be greater than or equal to `port`. The range 443-80 is backwards',
        },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects an unknown format', () => {
    const run = netpol('connectivity', '--format', 'sarif', '.');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--format must be text, json, dot or markdown, not "sarif"');
  });
});

describe('netpol query', () => {
  it('exits 0 when allowed and prints the deciding policies and rules of both directions', () => {
    const run = netpol('query', '--from', 'shop/Deployment/web', '--to', 'shop/StatefulSet/db', '--port', 'mysql', '.');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      [
        'ALLOWED: shop/web[Deployment] => shop/db[StatefulSet] : TCP port named mysql',
        'egress of shop/web[Deployment]: allowed. shop/web (Deployment) is isolated for egress by policies default-deny, dns, web; 1 rule of them allows traffic to shop/db (StatefulSet) on TCP 3306.',
        '  policy shop/default-deny (policies.yaml:4): no rule allows it',
        '  policy shop/dns (policies.yaml:13): no rule allows it',
        '  policy shop/web (policies.yaml:35)',
        '    spec.egress[0] (policies.yaml:45)',
        'ingress of shop/db[StatefulSet]: allowed. shop/db (StatefulSet) is isolated for ingress by policies default-deny, db; 1 rule of them allows traffic from shop/web (Deployment) on TCP 3306.',
        '  policy shop/default-deny (policies.yaml:4): no rule allows it',
        '  policy shop/db (policies.yaml:61)',
        '    spec.ingress[0] (policies.yaml:68)',
        '',
      ].join('\n'),
    );
  });

  it('exits 3 when denied; --format json is { allowed, egress, ingress, notApplied }', () => {
    const run = netpol('query', '--from', '8.8.8.8', '--to', 'shop/StatefulSet/db', '--port', '3306', '--format', 'json', '.');
    expect(run.status).toBe(3);
    const answer = JSON.parse(run.stdout) as Record<string, { allowed: boolean; isolated: boolean; policies: { name: string }[] }>;
    expect(keys(answer)).toEqual(['allowed', 'egress', 'ingress', 'notApplied']);
    expect(answer.allowed).toBe(false);
    expect(answer.egress).toMatchObject({ allowed: true, isolated: false, policies: [] });
    expect(answer.ingress).toMatchObject({ allowed: false, isolated: true });
    expect(answer.ingress!.policies.map((p) => p.name)).toEqual(['default-deny', 'db']);
    expect(netpol('query', '--from', 'shop/Deployment/web', '--to', '10.0.0.1', '--port', '443', '.').status).toBe(3);
    expect(netpol('query', '--from', 'shop/Deployment/web', '--to', '1.1.1.1', '--port', '443', '.').status).toBe(0);
    expect(
      netpol('query', '--from', 'shop/Deployment/web', '--to', 'kube-system/Deployment/coredns', '--port', '53', '--protocol', 'UDP', '.')
        .status,
    ).toBe(0);
  });

  it('finds a workload by namespace/name or with its kind in any case, and prints the kind as the manifests spell it', () => {
    for (const [from, to] of [
      ['shop/web', 'shop/db'],
      ['shop/deployment/web', 'shop/STATEFULSET/db'],
    ]) {
      const run = netpol('query', '--from', from!, '--to', to!, '--port', '3306', '.');
      expect([run.status, run.stderr]).toEqual([0, '']);
      expect(run.stdout).toMatch(/^ALLOWED: shop\/web\[Deployment\] => shop\/db\[StatefulSet\] : TCP 3306\n/);
    }
  });

  it('says which policies that select an end are left out because the cluster would refuse them', () => {
    const dir = withRejectedPolicy();
    try {
      const args = ['query', '--from', 'shop/Deployment/web', '--to', 'shop/StatefulSet/db', '--port', 'mysql', '.'];
      const text = netpolIn(dir, ...args);
      expect(text.status).toBe(0);
      expect(text.stderr).toContain('netpol: note: policy shop/web-out (rejected.yaml:4) is not applied, the cluster would refuse it: ');
      const json = JSON.parse(netpolIn(dir, ...args, '--format', 'json').stdout) as { notApplied: { name: string; file: string }[] };
      expect(json.notApplied.map((policy) => `${policy.name} ${policy.file}`)).toEqual(['web-out rejected.yaml']);
      // Not about db alone.
      const db = netpolIn(dir, 'query', '--from', '8.8.8.8', '--to', 'shop/StatefulSet/db', '--port', '3306', '.');
      expect(db.stderr).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 on usage errors and unknown workloads', () => {
    const cases: [string[], string][] = [
      [['query', '--from', 'shop/Deployment/web', '--to', 'shop/StatefulSet/db', '.'], 'netpol query needs --from, --to and --port'],
      [
        ['query', '--from', 'web', '--to', 'shop/StatefulSet/db', '--port', '1', '.'],
        '--from must be a workload as namespace/Kind/name or namespace/name, or an IP address or CIDR (got "web")',
      ],
      [['query', '--from', '1.1.1.1', '--to', '2.2.2.2', '--port', '70000', '.'], '--port must be between 1 and 65535 (got 70000)'],
      [
        ['query', '--from', '1.1.1.1', '--to', '2.2.2.2', '--port', '1', '--protocol', 'tcp', '.'],
        '--protocol must be TCP, UDP or SCTP (got "tcp")',
      ],
      [['connectivity', '--port', '80', '.'], '--port is an option of netpol query'],
      [
        ['query', '--from', 'shop/Deployment/nope', '--to', '2.2.2.2', '--port', '1', '.'],
        'netpol: --from: no workload shop/Deployment/nope in the files given',
      ],
    ];
    for (const [args, message] of cases) {
      const run = netpol(...args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });
});
