import { describe, expect, it } from 'vitest';
import { generateYaml, templateCatalog } from '../../../../server/src/services/generate';
import { DEFAULT_SETTINGS } from '../../../../server/src/services/settings';
import { diagnose } from '../../helpers';

/** Every diagnostic of a generated text, the lints on (both channels: the templates use standard fields only). */
const problems = (text: string) => [
  ...diagnose(text, { lints: true }).map((d) => `${d.code}: ${d.message}`),
  ...diagnose(text, { lints: true, channel: 'experimental' }).map((d) => `${d.code}: ${d.message}`),
];

function generated(template: string, options: Record<string, string> = {}) {
  const result = generateYaml(template, options, DEFAULT_SETTINGS);
  expect(result.problems).toEqual([]);
  return { text: result.text!, names: result.policies.map((p) => p.name) };
}

describe('cluster-wide policy templates', () => {
  it('are in the catalog, with a priority instead of a namespace', () => {
    const catalog = templateCatalog().filter((t) => t.id.startsWith('baseline-') || t.id.startsWith('admin-'));
    expect(catalog.map((t) => t.title)).toEqual([
      'Baseline: default deny for every namespace',
      'Admin: always allow DNS',
      'Admin: isolate namespaces by a tenant label',
    ]);
    for (const template of catalog) {
      expect(template.parameters.map((p) => p.id)).toContain('priority');
      expect(template.parameters.map((p) => p.id)).not.toContain('namespace');
    }
  });

  it('Baseline default deny: a Baseline ClusterNetworkPolicy that passes validation', () => {
    const { text, names } = generated('baseline-default-deny');
    expect(names).toEqual(['baseline-default-deny']);
    expect(text).toContain('kind: ClusterNetworkPolicy');
    expect(text).toContain('tier: Baseline');
    expect(text).toContain('priority: 1000');
    expect(text).not.toContain('egress');
    expect(problems(text)).toEqual([]);
    const both = generated('baseline-default-deny', { denyEgress: 'true', priority: '0' }).text;
    expect(both).toContain('priority: 0');
    expect(both).toMatch(/egress:\n {2}- name: allow-dns\n {4}action: Accept[^]*- name: deny-all-egress\n {4}action: Deny/);
    expect(problems(both)).toEqual([]);
  });

  it('Admin allow DNS: egress to the DNS pods, and their ingress, in the Admin tier', () => {
    const { text, names } = generated('admin-allow-dns', { priority: '5' });
    expect(names).toEqual(['allow-dns', 'allow-dns-ingress']);
    expect(text.match(/tier: Admin/g)).toHaveLength(2);
    expect(text).toContain('k8s-app: kube-dns');
    expect(problems(text)).toEqual([]);
  });

  it('Admin tenant isolation: one policy per tenant, denying the other tenants', () => {
    const { text, names } = generated('admin-isolate-tenants', { tenants: 'blue, Green_2', tenantLabel: 'example.com/tenant' });
    expect(names).toEqual(['isolate-tenant-blue', 'isolate-tenant-green-2']);
    expect(text).toContain('example.com/tenant: blue');
    expect(text).toContain('operator: NotIn');
    expect(problems(text)).toEqual([]);
  });

  it('refuse a priority out of 0–1000, a bad label key and no tenant', () => {
    expect(generateYaml('admin-allow-dns', { priority: '1001' }, DEFAULT_SETTINGS).problems).toEqual([
      { parameter: 'priority', message: 'The priority is an integer from 0 to 1000: "1001" is not' },
    ]);
    expect(generateYaml('admin-isolate-tenants', { tenants: 'a', tenantLabel: 'not a key' }, DEFAULT_SETTINGS).problems[0]?.parameter).toBe(
      'tenantLabel',
    );
    expect(generateYaml('admin-isolate-tenants', {}, DEFAULT_SETTINGS).problems).toEqual([
      { parameter: 'tenants', message: 'Tenants is required' },
    ]);
  });
});
