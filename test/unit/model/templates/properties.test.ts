import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../../../server/src/model/templates/catalog';
import type { ParameterKind } from '../../../../server/src/model/templates/options';
import { generateYaml } from '../../../../server/src/services/generate';
import { DEFAULT_SETTINGS } from '../../../../server/src/services/settings';
import { diagnose } from '../../helpers';
import { findings } from './generated';

/** Values a person might type for each kind: valid ones and edge cases... */
const VALID: Readonly<Record<ParameterKind, readonly string[]>> = {
  name: ['shop', 'a', 'web-app', 'a.b', 'x'.repeat(63)],
  namespace: ['shop', 'kube-system', 'a', 'x'.repeat(63)],
  namespaces: ['monitoring', 'a, b', 'a,a', ''],
  labels: ['app=web', 'app=web, tier=db', 'app.kubernetes.io/name=x', 'k=', 'tier=web', 'tier=db', 'tier=app', ''],
  ports: ['80', '80, 443', 'UDP/53', '8000-8080', '5-5', 'http', 'sctp/9000', '1-65535', 'http-8080', ''],
  port: ['5432', 'postgres', 'UDP/53'],
  cidrs: ['0.0.0.0/0', '::/0', '10.0.0.0/8', '203.0.113.7/32', '2001:db8::/32', '10.0.0.0/8, 10.1.0.0/16', ''],
  boolean: ['true', 'false', 'yes', 'no'],
  workload: ['Deployment/web', 'Pod/p', ''],
  labelKey: ['tenant', 'example.com/tenant'],
  labelValues: ['blue', 'blue, green', 'A_1, a-1', ''],
  priority: ['0', '10', '1000'],
};

/** ...and mistakes. */
const WRONG: Readonly<Record<ParameterKind, readonly string[]>> = {
  name: ['x'.repeat(254), 'Shop', '-a'],
  namespace: ['x'.repeat(64), 'a.b', 'Shop'],
  namespaces: ['a, B', 'a b'],
  labels: ['app', 'a=b=c', '=x', 'a=b, a=c'],
  ports: ['0', '70000', 'tcp/', '8080-80', 'ICMP/1'],
  port: ['1-2', '0', 'a b'],
  cidrs: ['10.0.0.1/8', '010.0.0.0/8', '10.0.0.0'],
  boolean: ['maybe'],
  workload: ['Service/x', 'Deployment/'],
  labelKey: ['-a', 'a/b/c'],
  labelValues: ['a b', '-a'],
  priority: ['-1', '1001', '1.5'],
};

describe('templates on any options', () => {
  it.each(TEMPLATES.map((t) => [t.id, t] as const))(
    '%s: never throws; when it generates, the API server accepts it and only workspace lints could object',
    (_, template) => {
      const option = (kind: ParameterKind) =>
        fc.oneof(
          { weight: 12, arbitrary: fc.constantFrom(...VALID[kind]) },
          { weight: 1, arbitrary: fc.constantFrom(...WRONG[kind]) },
          { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
        );
      const options = fc.record(Object.fromEntries(template.parameters.map((p) => [p.id, option(p.kind)])), { requiredKeys: [] });
      let generated = 0;
      fc.assert(
        fc.property(options, (given) => {
          const result = generateYaml(template.id, given, DEFAULT_SETTINGS);
          if (result.text === undefined) {
            expect(result.problems.length).toBeGreaterThan(0);
            for (const problem of result.problems) expect(problem.message).not.toBe('');
            return;
          }
          generated++;
          expect(diagnose(result.text, { k8s: '1.24' })).toEqual([]);
          expect(diagnose(result.text)).toEqual([]);
          // A default deny for ingress in the DNS namespace isolates the DNS pods too, so the
          // namespace's own pods cannot resolve names even with allow-dns-egress: the lint says so,
          // as `netpol query` does (denied by the ingress of the DNS pods).
          const inDnsNamespace = given['namespace'] === DEFAULT_SETTINGS.dns.namespace;
          const spoken = findings(result.text).filter((finding) => !(inDnsNamespace && / dns-egress-blocked: /.test(finding)));
          expect(spoken).toEqual([]);
        }),
        { numRuns: 120 },
      );
      // The property is about generated YAML: enough runs must get that far.
      expect(generated).toBeGreaterThan(10);
    },
  );

  it('refuses options that are not text instead of throwing', () => {
    expect(generateYaml('default-deny-all', { namespace: 5 }, DEFAULT_SETTINGS).problems).toEqual([
      { parameter: 'namespace', message: 'Namespace must be given as text' },
    ]);
    expect(generateYaml('default-deny-all', null, DEFAULT_SETTINGS).text).toContain('name: default-deny-all');
    expect(generateYaml('default-deny-all', ['x'], DEFAULT_SETTINGS).text).toContain('name: default-deny-all');
  });
});
