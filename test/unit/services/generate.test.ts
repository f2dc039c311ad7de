import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../server/src/services/settings';
import { generateYaml, templateCatalog, templatesFor } from '../../../server/src/services/generate';
import { appendedText } from '../../../server/src/services/generate/render';
import { indexObjects, WorkspaceIndex } from '../../../server/src/services/workspace';
import { DEFAULT_STYLE } from '../../../server/src/yaml/style';
import { parseFile } from '../../../server/src/yaml/file';
import { diagnoseInWorkspace, yaml } from '../helpers';

const WORKLOADS = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: web, namespace: shop }
  spec:
    template:
      metadata: { labels: { app: web, tier: frontend } }
      spec:
        containers:
          - name: web
            ports: [{ containerPort: 8080, name: http }, { containerPort: 9090, name: metrics }]
  ---
  apiVersion: v1
  kind: Service
  metadata: { name: web, namespace: shop }
  spec:
    selector: { app: web }
    ports: [{ port: 80, targetPort: http }, { port: 443, targetPort: 8443 }, { port: 53, protocol: UDP }]
  ---
  apiVersion: apps/v1
  kind: StatefulSet
  metadata: { name: db, namespace: data }
  spec:
    template:
      metadata: { labels: { app: db } }
      spec:
        containers: [{ name: pg, ports: [{ containerPort: 5432 }, { containerPort: 5433, protocol: SCTP }] }]
`;

function workspace(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [name, text] of Object.entries(files)) {
    index.setFile(`file:///ws/${name}`, indexObjects(`file:///ws/${name}`, parseFile(text), DEFAULT_SETTINGS));
  }
  return index;
}

describe('Generate Policy service', () => {
  it('the catalog says how every parameter is written', () => {
    const catalog = templateCatalog();
    expect(catalog.map((t) => t.id)).toContain('three-tier');
    for (const template of catalog) {
      expect(template.description.length).toBeGreaterThan(40);
      for (const parameter of template.parameters) expect(parameter.syntax).not.toBe('');
      // Namespaced templates ask for the namespace first; cluster-wide ones have none.
      const ids = template.parameters.map((parameter) => parameter.id);
      if (ids.includes('namespace')) expect(ids[0]).toBe('namespace');
      else expect(ids).toContain('priority');
    }
  });

  it('offers the workspace workloads with their pod labels and the ports their pods receive', () => {
    const result = templatesFor([], DEFAULT_SETTINGS, workspace({ 'app.yaml': WORKLOADS }));
    expect(result.workloads).toEqual([
      // The Service's target ports (a policy sees the pod's port), named or numbered; a missing targetPort is the port.
      { value: 'Deployment/web', namespace: 'shop', fills: { podLabels: 'app=web, tier=frontend', ports: 'http, 8443, UDP/53' } },
      // No Service: its container ports.
      { value: 'StatefulSet/db', namespace: 'data', fills: { podLabels: 'app=db', ports: '5432, SCTP/5433' } },
    ]);
  });

  it('proposes the namespace of the file, else of the workspace workloads, else the default namespace', () => {
    const index = workspace({ 'app.yaml': WORKLOADS });
    expect(templatesFor(['team', 'team', 'other'], DEFAULT_SETTINGS, index).defaults.namespace).toBe('team');
    expect(templatesFor([], DEFAULT_SETTINGS, index).defaults.namespace).toBe('shop');
    const settings = { ...DEFAULT_SETTINGS, cluster: { ...DEFAULT_SETTINGS.cluster, defaultNamespace: 'dev' } };
    expect(templatesFor([], settings, new WorkspaceIndex()).defaults.namespace).toBe('dev');
  });

  it("proposes the cluster's CIDRs from the settings, when they are valid as written", () => {
    const cluster = { ...DEFAULT_SETTINGS.cluster, podCIDRs: ['10.244.0.0/16'], serviceCIDRs: ['10.96.0.1/12'] };
    expect(templatesFor([], { ...DEFAULT_SETTINGS, cluster }, new WorkspaceIndex()).defaults).toEqual({
      namespace: 'default',
      podCidrs: '10.244.0.0/16',
      serviceCidrs: '',
    });
  });

  it('a generated workload policy is lint-clean in its workspace (selectors match, named ports exist)', () => {
    const workload = templatesFor([], DEFAULT_SETTINGS, workspace({ 'app.yaml': WORKLOADS })).workloads[0]!;
    const { text } = generateYaml('isolate-workload', { namespace: 'shop', workload: workload.value, ...workload.fills }, DEFAULT_SETTINGS);
    expect(text).toContain('name: web-isolation');
    // The one finding is about the namespace, not the policy: it has no default deny yet.
    expect(diagnoseInWorkspace({ 'app.yaml': WORKLOADS, 'policy.yaml': text! }, 'policy.yaml', { lints: true }).map((d) => d.code)).toEqual(
      ['namespace-without-default-deny'],
    );
    const deny = generateYaml('default-deny-ingress', { namespace: 'shop' }, DEFAULT_SETTINGS).text!;
    expect(diagnoseInWorkspace({ 'app.yaml': WORKLOADS, 'deny.yaml': deny, 'policy.yaml': text! }, 'policy.yaml', { lints: true })).toEqual(
      [],
    );
  });

  it('returns problems instead of text for bad options', () => {
    const result = generateYaml('default-deny-all', { namespace: 'Nope' }, DEFAULT_SETTINGS);
    expect(result.text).toBeUndefined();
    expect(result.policies).toEqual([]);
    expect(result.problems.map((p) => p.parameter)).toEqual(['namespace']);
    expect(result.problems[0]!.message).toMatch(/^"Nope" is not a valid namespace name/);
  });
});

describe('appending to a file', () => {
  const POLICY = yaml`
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata:
        name: existing   # four-space indentation, sequences indented
        namespace: shop
    spec:
        podSelector: {}
        policyTypes:
            - Ingress
  `;

  it("writes in the file's style, after a --- separator, and the whole file stays clean", () => {
    const result = generateYaml('default-deny-egress', { namespace: 'shop', allowDns: 'false' }, DEFAULT_SETTINGS, POLICY);
    expect(result.policies).toEqual([{ name: 'default-deny-egress', namespace: 'shop' }]);
    expect(result.text).toBe(yaml`
      ---
      # Denying every connection of this direction is the purpose of this policy. DNS is denied too, as chosen.
      # netpol-disable deny-all-direction, dns-egress-blocked
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
          name: default-deny-egress
          namespace: shop
      spec:
          podSelector: {}
          policyTypes:
              - Egress
    `);
    const whole = POLICY + result.text!;
    expect(diagnoseInWorkspace({ 'f.yaml': whole }, 'f.yaml', { lints: true }).map((d) => `${d.document} ${d.code}`)).toEqual([
      '0 deny-all-direction',
    ]);
  });

  it('keeps CRLF line ends', () => {
    const crlf = POLICY.replace(/\n/g, '\r\n');
    const { text } = generateYaml('default-deny-ingress', { namespace: 'shop' }, DEFAULT_SETTINGS, crlf);
    expect(text!.startsWith('---\r\n# ')).toBe(true);
    expect(text!.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('adds a line break and a separator only where needed', () => {
    const docs = 'kind: X\n';
    expect(appendedText('', docs, DEFAULT_STYLE)).toBe(docs);
    expect(appendedText('\n\n', docs, DEFAULT_STYLE)).toBe(docs);
    expect(appendedText('# only a comment', docs, DEFAULT_STYLE)).toBe(`\n---\n${docs}`);
    expect(appendedText('a: 1', docs, DEFAULT_STYLE)).toBe(`\n---\n${docs}`);
    expect(appendedText('a: 1\n', docs, DEFAULT_STYLE)).toBe(`---\n${docs}`);
    expect(appendedText('a: 1\n---\n', docs, DEFAULT_STYLE)).toBe(docs);
    expect(appendedText('a: 1\n---', docs, DEFAULT_STYLE)).toBe(`\n${docs}`);
  });
});
