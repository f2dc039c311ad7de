import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, main } from '../../server/src/cli/main';
import type { CliDiagnostic } from '../../server/src/cli/report';
import { sarifErrors } from '../sarifSchema';

const BAD = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: bad
  namespace: web
spec:
  podSelector: {}
  ingress:
    - ports:
        - protocol: tcp
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: worse
  namespace: web
spec:
  podSelector: {}
  egress:
    - to: [{ ipBlock: { cidr: 10.0.0.1/24 } }]
  policyTypes: [Egress]
`;
const GOOD = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: good
  namespace: web
spec:
  podSelector: {}
  policyTypes: [Ingress]
  ingress: [{ from: [{ podSelector: {} }] }]
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'netpol-cli-'));
  mkdirSync(path.join(dir, 'sub', 'node_modules'), { recursive: true });
  writeFileSync(path.join(dir, 'bad.yaml'), BAD);
  writeFileSync(path.join(dir, 'good.yml'), GOOD);
  writeFileSync(
    path.join(dir, 'sub', 'good.json'),
    JSON.stringify({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'j', namespace: 'web' },
      spec: { policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {} }] }] },
    }),
  );
  writeFileSync(path.join(dir, 'sub', 'notes.txt'), 'kind: NetworkPolicy\nspec: [');
  writeFileSync(path.join(dir, 'sub', 'node_modules', 'x.yaml'), 'kind: NetworkPolicy\nspec: [');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await main(argv, { cwd: dir, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { status, stdout, stderr };
}

describe('netpol check', () => {
  it('prints compiler-style lines and exits 1 on errors', async () => {
    const { status, stdout, stderr } = await run('check', 'bad.yaml');
    expect(status).toBe(1);
    expect(stdout.split('\n')).toEqual([
      expect.stringMatching(
        /^bad\.yaml:10:21: error port-protocol Unsupported value: "tcp": .* \[spec\.ingress\[0\]\.ports\[0\]\.protocol\]$/,
      ) as string,
      expect.stringMatching(/^bad\.yaml:20:31: error ipblock-cidr-strict .* \[spec\.egress\[0\]\.to\[0\]\.ipBlock\.cidr\]$/) as string,
      '',
    ]);
    expect(stderr).toBe('2 errors in 1 file (1 file checked)\n');
  });

  it('exits 0 without errors and searches folders for yaml, yml and json (not node_modules)', async () => {
    const { status, stdout, stderr } = await run('check', 'good.yml', 'sub');
    expect(status).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('(2 files checked)');
  });

  it('writes the JSON contract', async () => {
    const { status, stdout } = await run('check', '--format', 'json', '.');
    expect(status).toBe(1);
    const items = JSON.parse(stdout) as CliDiagnostic[];
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(
        ['code', 'column', 'document', 'endColumn', 'endLine', 'file', 'line', 'message', 'path', 'severity'].sort(),
      );
    }
    expect(items[0]).toEqual({
      file: 'bad.yaml',
      line: 10,
      column: 21,
      endLine: 10,
      endColumn: 24,
      severity: 'error',
      code: 'port-protocol',
      message: expect.stringContaining('"tcp"') as string,
      path: 'spec.ingress[0].ports[0].protocol',
      document: 0,
    });
    expect(items[1]).toMatchObject({ code: 'ipblock-cidr-strict', document: 1, path: 'spec.egress[0].to[0].ipBlock.cidr' });
  });

  it('takes the Kubernetes version into account', async () => {
    const { status, stdout } = await run('check', '--k8s-version=1.35', '--format', 'json', 'bad.yaml');
    expect(status).toBe(1);
    // 10.0.0.1/24 is accepted by 1.35, so the lint reads the rule: egress only to that block, no DNS.
    expect((JSON.parse(stdout) as CliDiagnostic[]).map((d) => d.code)).toEqual(['port-protocol', 'dns-egress-blocked']);
  });

  it('writes SARIF 2.1.0 that validates against the schema', async () => {
    const { status, stdout } = await run('check', '--format', 'sarif', '.');
    expect(status).toBe(1);
    const sarif = JSON.parse(stdout) as {
      runs: { results: { ruleId: string; locations: { physicalLocation: { region: unknown } }[] }[] }[];
    };
    expect(sarifErrors(sarif)).toEqual([]);
    expect(sarif.runs[0]!.results.map((r) => r.ruleId)).toEqual(['port-protocol', 'ipblock-cidr-strict']);
    expect(sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation.region).toEqual({
      startLine: 10,
      startColumn: 21,
      endLine: 10,
      endColumn: 24,
    });
  });

  it('reads UTF-16 files with a BOM and reports malformed UTF-8', async () => {
    writeFileSync(path.join(dir, 'utf16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(BAD, 'utf16le')]));
    writeFileSync(path.join(dir, 'latin1.yaml'), Buffer.concat([Buffer.from(`${GOOD}# caf`), Buffer.from([0xe9, 0x0a])]));
    const json = JSON.parse((await run('check', '--format', 'json', 'utf16.yaml', 'latin1.yaml')).stdout) as CliDiagnostic[];
    expect(json.map((d) => `${d.file} ${d.code}`)).toEqual([
      'utf16.yaml port-protocol',
      'utf16.yaml ipblock-cidr-strict',
      'latin1.yaml yaml-syntax',
    ]);
  });

  it.each([
    [[], 'Usage: netpol check'],
    [['chek', 'x'], 'unknown command "chek" (did you mean "check"?)'],
    [['explain', '-q', 'x'], '-q is an option of netpol check, not of netpol explain'],
    [['check'], 'no files or folders given'],
    [['lint', 'x'], 'unknown command "lint"'],
    [['check', '--format', 'xml', 'x'], '--format must be text, json or sarif'],
    [['check', '--k8s-version', '1.2', 'x'], '--k8s-version must be'],
    [['check', '--bogus', 'x'], 'unknown option --bogus'],
    [['check', '--format'], '--format needs a value'],
    [['check', '--max-file-size-mb', 'lots', 'x'], '--max-file-size-mb must be a number of 0 or more (got "lots")'],
    [['check', '--pod-cidr', '10.0.0.0', 'x'], '--pod-cidr must be a CIDR (got "10.0.0.0")'],
    [['check', '--from', 'a/Deployment/b', 'x'], '--from is an option of netpol query'],
  ])('%j: exits 2 with a message on standard error, and a hint instead of the whole help', async (argv, message) => {
    const { status, stdout, stderr } = await run(...argv);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    if (argv.length > 0) expect(stderr).toMatch(/^netpol: .*\nRun "netpol --help" for the commands, their options and examples\.\n$/);
  });

  it('exits 2 on a file it cannot read', async () => {
    expect(await run('check', 'missing.yaml')).toEqual({ status: 2, stdout: '', stderr: 'netpol: missing.yaml: no such file or folder\n' });
  });

  it('prints the help on standard output and exits 0 when asked, with a description and an example of every command', async () => {
    for (const asked of [['--help'], ['-h'], ['help'], ['check', '--help']]) {
      const { status, stdout, stderr } = await run(...asked);
      expect([status, stderr]).toEqual([0, '']);
      for (const command of ['check', 'explain', 'connectivity', 'diff', 'query', 'generate']) {
        expect(stdout).toMatch(new RegExp(`^${command} +\\S`, 'm'));
        expect(stdout).toMatch(new RegExp(`^  netpol ${command} `, 'm'));
      }
    }
  });
});

describe('netpol query by namespace/name', () => {
  it('asks for the kind when two workloads of the namespace have the name', async () => {
    const ws = mkdtempSync(path.join(os.tmpdir(), 'netpol-cli-query-'));
    try {
      const workload = (kind: string) =>
        `apiVersion: apps/v1\nkind: ${kind}\nmetadata: { name: web, namespace: shop }\nspec:\n  template:\n    metadata:\n      labels: { app: web }\n`;
      writeFileSync(path.join(ws, 'app.yaml'), `${workload('Deployment')}---\n${workload('StatefulSet')}`);
      let stderr = '';
      const io = { cwd: ws, stdout: () => undefined, stderr: (t: string) => (stderr += t) };
      expect(await main(['query', '--from', 'shop/web', '--to', '1.1.1.1', '--port', '80', '.'], io)).toBe(2);
      expect(stderr).toBe(
        'netpol: --from: shop/web names 2 workloads (shop/Deployment/web and shop/StatefulSet/web); give the kind, as namespace/Kind/name\n',
      );
      expect(await main(['query', '--from', 'shop/statefulset/web', '--to', '1.1.1.1', '--port', '80', '.'], io)).toBe(0);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});

describe('netpol check as a workspace', () => {
  it('lints across the files given (a selector that matches no workload of another file)', async () => {
    const ws = mkdtempSync(path.join(os.tmpdir(), 'netpol-cli-ws-'));
    try {
      writeFileSync(
        path.join(ws, 'app.yaml'),
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop }\nspec:\n  template:\n    metadata:\n      labels: { app: web }\n',
      );
      writeFileSync(
        path.join(ws, 'policy.yaml'),
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: p, namespace: shop }\nspec:\n  podSelector:\n    matchLabels: { app: wbe }\n  policyTypes: [Ingress]\n  ingress: [{ from: [{ podSelector: {} }] }]\n',
      );
      let stdout = '';
      const status = await main(['check', '--format', 'json', '.'], { cwd: ws, stdout: (t) => (stdout += t), stderr: () => undefined });
      const found = (JSON.parse(stdout) as CliDiagnostic[]).filter((d) => d.code === 'selector-matches-nothing');
      expect(status).toBe(0);
      expect(found.map((d) => [d.file, d.severity, d.path])).toEqual([['policy.yaml', 'warning', 'spec.podSelector']]);
      expect(found[0]!.message).toContain('Did you mean `app: web`?');
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });

  it('reads standard input for "-" and skips Helm templates with one note', async () => {
    const template = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: {{ .Release.Name }}\nspec: {}\n`;
    const fromStdin = await check(
      {
        command: 'check',
        format: 'json',
        flags: {},
        paths: ['-'],
      },
      dir,
      () => Promise.resolve(Buffer.from(BAD)),
    );
    expect(fromStdin.files).toEqual(['<stdin>']);
    expect(fromStdin.diagnostics.map((d) => d.code)).toContain('port-protocol');
    const helm = await check(
      {
        command: 'check',
        format: 'json',
        flags: {},
        paths: ['-'],
      },
      dir,
      () => Promise.resolve(Buffer.from(template)),
    );
    expect(helm.diagnostics.map((d) => [d.code, d.severity])).toEqual([['helm-template', 'info']]);
  });
});

describe('netpol explain', () => {
  it('prints what each policy does, as text, JSON or Markdown', async () => {
    const text = await run('explain', 'good.yml');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^good\.yml: NetworkPolicy web\/good\n/);
    expect(text.stdout).toContain('Applies to every pod in namespace web.');
    const json = JSON.parse((await run('explain', '--format', 'json', 'good.yml')).stdout) as {
      file: string;
      policies: { path: string; document: number; explanation: { ingress: { outcome: string } } }[];
    }[];
    expect(json).toEqual([{ file: 'good.yml', policies: [expect.objectContaining({ path: '', document: 0 })] }]);
    expect(json[0]!.policies[0]!.explanation.ingress.outcome).toBe('restricted');
    const markdown = await run('explain', '--format', 'markdown', 'good.yml');
    expect(markdown.stdout).toContain('# NetworkPolicy `good`');
    expect(markdown.stdout).toContain('## Explain table');
    expect((await run('explain', '--format', 'md', 'good.yml')).stdout).toBe(markdown.stdout);
  });

  it('refuses the formats of check it does not have', async () => {
    const { status, stderr } = await run('explain', '--format', 'sarif', 'good.yml');
    expect(status).toBe(2);
    expect(stderr).toContain('--format must be text, json or markdown');
  });
});

describe('netpol check of cluster-wide policies', () => {
  const CNP = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: web-egress
spec:
  tier: Admin
  priority: 1001
  subject:
    namespaces: {}
  egress:
    - action: Accept
      to:
        - networks: [192.0.2.0/24]
      protocols:
        - destinationNamedPort: http
`;
  beforeAll(() => writeFileSync(path.join(dir, 'cnp.yaml'), CNP));

  it('reports the API server errors with their paths', async () => {
    const { status, stdout } = await run('check', 'cnp.yaml');
    expect(status).toBe(1);
    expect(stdout).toBe(
      'cnp.yaml:7:13: error cluster-priority Invalid value: 1001: spec.priority in body should be less than or equal to 1000. The priority is 0 to 1000; lower numbers are evaluated first [spec.priority]\n',
    );
  });

  it('checks the experimental CRD rules with --channel experimental', async () => {
    const { stdout } = await run('check', '--channel', 'experimental', '--format', 'json', 'cnp.yaml');
    expect((JSON.parse(stdout) as CliDiagnostic[]).map((d) => `${d.code} ${d.path}`)).toEqual([
      'cluster-priority spec.priority',
      'cluster-named-port-peers spec.egress[0]',
    ]);
  });

  it('writes SARIF results with the cluster rules', async () => {
    const sarif = JSON.parse((await run('check', '--format', 'sarif', 'cnp.yaml')).stdout) as {
      runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string }[] }[];
    };
    expect(sarif.runs[0]!.results.map((r) => r.ruleId)).toEqual(['cluster-priority']);
    expect(sarif.runs[0]!.tool.driver.rules.map((r) => r.id)).toContain('cluster-priority');
  });

  it('explains them, as text, JSON or Markdown', async () => {
    writeFileSync(
      path.join(dir, 'cnp-valid.yaml'),
      CNP.replace('priority: 1001', 'priority: 10').replace('destinationNamedPort: http', 'tcp: {destinationPort: {number: 443}}'),
    );
    const text = await run('explain', 'cnp-valid.yaml');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^cnp-valid\.yaml: ClusterNetworkPolicy web-egress \(Admin tier, priority 10\)\n/);
    expect(text.stdout).toContain('1. Accepts egress to the addresses in 192.0.2.0/24 (pods whose IPs are in them too), on TCP 443.');
    const json = JSON.parse((await run('explain', '--format', 'json', 'cnp-valid.yaml')).stdout) as {
      clusterPolicies: { kind: string; name: string; rejected: boolean }[];
    }[];
    expect(json[0]!.clusterPolicies.map((p) => [p.kind, p.name, p.rejected])).toEqual([['ClusterNetworkPolicy', 'web-egress', false]]);
    expect((await run('explain', '--format', 'markdown', 'cnp.yaml')).stdout).toContain(
      '> The API server rejects this policy (see its errors)',
    );
  });

  it('refuses an unknown channel', async () => {
    const { status, stderr } = await run('check', '--channel', 'beta', 'cnp.yaml');
    expect(status).toBe(2);
    expect(stderr).toContain('--channel must be "standard" or "experimental" (got "beta")');
  });
});

describe('cluster-wide policies in the CLI outputs', () => {
  const WORKSPACE = `apiVersion: v1
kind: Namespace
metadata: { name: monitoring }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: web, ports: [{ name: http, containerPort: 80 }] }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: prometheus, namespace: monitoring }
spec:
  template:
    metadata: { labels: { app: prometheus } }
    spec: { containers: [{ name: prometheus, image: prometheus }] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-ingress, namespace: shop }
spec:
  podSelector: {}
  ingress:
    - from: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: monitoring } } }]
      ports: [{ port: 80 }]
`;
  const CLUSTER = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: cluster-defaults
spec:
  tier: Admin
  priority: 10
  subject:
    namespaces:
      matchLabels:
        kubernetes.io/metadata.name: shop
  ingress:
    - name: allow-monitoring
      action: Pass
      from:
        - namespaces:
            matchLabels:
              kubernetes.io/metadata.name: monitoring
    - name: deny-rest
      action: Deny
      from:
        - namespaces: {}
    - name: too-late
      action: Accept
      from:
        - namespaces: {}
`;
  let tiers: string;
  beforeAll(() => {
    tiers = path.join(dir, 'tiers');
    mkdirSync(tiers);
    writeFileSync(path.join(tiers, 'workspace.yaml'), WORKSPACE);
    writeFileSync(path.join(tiers, 'cluster.yaml'), CLUSTER);
  });

  it('reports the traffic lints of cluster-wide policies in SARIF, with their rules', async () => {
    const { stdout } = await run('check', '--format', 'sarif', 'tiers');
    const sarif = JSON.parse(stdout) as {
      runs: {
        tool: { driver: { rules: { id: string; helpUri?: string }[] } };
        results: {
          ruleId: string;
          level: string;
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
        }[];
      }[];
    };
    expect(sarifErrors(sarif)).toEqual([]);
    const shadowed = sarif.runs[0]!.results.filter((r) => r.ruleId === 'cluster-rule-shadowed');
    expect(
      shadowed.map((r) => [
        r.level,
        r.locations[0]!.physicalLocation.artifactLocation.uri,
        r.locations[0]!.physicalLocation.region.startLine,
      ]),
    ).toEqual([['warning', 'tiers/cluster.yaml', CLUSTER.split('\n').indexOf('      action: Accept') + 1]]);
    expect(sarif.runs[0]!.tool.driver.rules.find((r) => r.id === 'cluster-rule-shadowed')?.helpUri).toMatch(
      /docs\/rules\/cluster-rule-shadowed\.md$/,
    );
  });

  it('gives the trail of a query in JSON, each step with its decision, policy and rule', async () => {
    const { status, stdout } = await run(
      'query',
      '--from',
      'monitoring/Deployment/prometheus',
      '--to',
      'shop/Deployment/web',
      '--port',
      '80',
      '--format',
      'json',
      'tiers',
    );
    expect(status).toBe(0);
    const result = JSON.parse(stdout) as {
      ingress: { trail: { tier: string; decision: string; clusterPolicy?: unknown; rule?: unknown }[] };
      egress: { trail?: unknown };
    };
    expect(result.egress.trail).toBeUndefined();
    expect(result.ingress.trail.map(({ tier, decision, clusterPolicy, rule }) => ({ tier, decision, clusterPolicy, rule }))).toEqual([
      {
        tier: 'Admin',
        decision: 'Pass',
        clusterPolicy: { kind: 'ClusterNetworkPolicy', name: 'cluster-defaults', priority: 10 },
        rule: { path: 'spec.ingress[0]', name: 'allow-monitoring' },
      },
      { tier: 'NetworkPolicy', decision: 'Accept', clusterPolicy: undefined, rule: undefined },
    ]);
    const denied = JSON.parse(
      (
        await run(
          'query',
          '--from',
          'monitoring/Deployment/prometheus',
          '--to',
          'shop/Deployment/web',
          '--port',
          '81',
          '--format',
          'json',
          'tiers',
        )
      ).stdout,
    ) as { ingress: { trail: { decision: string }[] } };
    expect(denied.ingress.trail.map((step) => step.decision)).toEqual(['Pass', 'Deny']);
  });

  it('lists the cluster-wide policies in the connectivity JSON and Markdown, and not without them', async () => {
    const json = JSON.parse((await run('connectivity', '--format', 'json', 'tiers')).stdout) as { clusterPolicies?: unknown };
    expect(json.clusterPolicies).toEqual([{ kind: 'ClusterNetworkPolicy', name: 'cluster-defaults', tier: 'Admin', priority: 10 }]);
    expect((await run('connectivity', '--format', 'markdown', 'tiers')).stdout).toContain(
      'Through the cluster-wide policies, in evaluation order: `cluster-defaults` (Admin, priority 10).',
    );
    const plain = JSON.parse((await run('connectivity', '--format', 'json', 'tiers/workspace.yaml')).stdout) as {
      clusterPolicies?: unknown;
    };
    expect(plain.clusterPolicies).toBeUndefined();
  });
});
