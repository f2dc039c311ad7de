import { describe, expect, it } from 'vitest';
import { generatePolicies } from '../../../server/src/services/generate/policies';
import { checkTemplateOption } from '../../../server/src/services/generate';
import { parseCidrs, parseLabels, parsePort, parsePorts } from '../../../server/src/services/generate/options';
import { DEFAULT_DNS_TARGET } from '../../../server/src/model/recipes';

const context = { dns: DEFAULT_DNS_TARGET };
const problems = (template: string, options: Record<string, string>) => {
  const outcome = generatePolicies(template, options, context);
  return outcome.ok ? [] : outcome.problems.map((p) => `${p.parameter}: ${p.message}`);
};

describe('template options are checked with the API server rules', () => {
  it.each([
    ['namespace', 'Shop', /"Shop" is not a valid namespace name: a lowercase RFC 1123 label must consist of/],
    ['namespace', 'a.b', /must not contain dots/],
    ['namespace', 'x'.repeat(64), /must be no more than 63 bytes/],
    ['namespace', '', /^Namespace is required$/],
    ['podLabels', 'app', /"app" is not a label: write key=value/],
    ['podLabels', 'app=-web', /label value "-web" of "app" is not valid: a valid label must be an empty string or consist of/],
    ['podLabels', 'app=a, app=b', /label "app" is given twice with different values/],
    ['podLabels', 'bad key=x', /label key "bad key" is not valid: name part must consist of alphanumeric characters/],
    ['podLabels', `a=${'v'.repeat(64)}`, /must be no more than 63 bytes/],
    ['ports', '0', /port 0 must be between 1 and 65535, inclusive/],
    ['ports', '65536', /port 65536 must be between 1 and 65535, inclusive/],
    ['ports', '8080-80', /the range 8080-80 ends below its start/],
    ['ports', 'ICMP/1', /"ICMP" is not a protocol: use TCP, UDP or SCTP/],
    ['ports', 'HTTP', /"HTTP" is neither a port number nor a valid port name: must contain only alpha-numeric characters/],
    ['ports', 'a--b', /must not contain consecutive hyphens/],
    ['ports', 'averyveryverylongname', /must be no more than 15 bytes/],
    ['ports', 'TCP/', /"TCP\/" has no port/],
    ['ports', '', /^Ports is required$/],
    ['cidrs', '10.0.0.1/8', /"10.0.0.1\/8" has bits set beyond its prefix: write its network, 10.0.0.0\/8/],
    ['cidrs', '010.0.0.0/8', /leading zeros, which Kubernetes 1.36 and later reject: write 10.0.0.0\/8/],
    ['cidrs', '::ffff:10.0.0.0/104', /IPv4-mapped IPv6 CIDR, which Kubernetes 1.36 and later reject: write 10.0.0.0\/8/],
    ['cidrs', '10.0.0.0', /"10.0.0.0" is not a CIDR/],
    ['cidrs', 'internet', /"internet" is not a CIDR/],
  ])('allow-from-internet %s %j', (parameter, value, message) => {
    expect(checkTemplateOption('allow-from-internet', parameter, value)).toMatch(message);
  });

  it('accepts what the API server accepts', () => {
    for (const [parameter, value] of [
      ['namespace', 'kube-system'],
      ['podLabels', 'app.kubernetes.io/name=web, tier='],
      ['ports', 'tcp/80, Udp/53, 8000-8080, http, SCTP/9'],
      ['cidrs', '0.0.0.0/0, ::/0, 2001:db8::/32'],
      ['podLabels', ''],
    ]) {
      expect(checkTemplateOption('allow-from-internet', parameter!, value!)).toBeUndefined();
    }
  });

  it('reads ports as NetworkPolicyPorts: TCP by default, a one-port range is a port, duplicates once', () => {
    expect(parsePorts('80, udp/53, 8000-8080, 9000-9000, 80, http')).toEqual({
      ok: true,
      value: [
        { protocol: 'TCP', port: 80 },
        { protocol: 'UDP', port: 53 },
        { protocol: 'TCP', port: 8000, endPort: 8080 },
        { protocol: 'TCP', port: 9000 },
        { protocol: 'TCP', port: 'http' },
      ],
    });
    expect(parsePort('sctp/http')).toEqual({ ok: true, value: { protocol: 'SCTP', port: 'http' } });
    expect(parseLabels(' app = web ,tier=db')).toEqual({ ok: true, value: { app: 'web', tier: 'db' } });
    expect(parseCidrs('10.0.0.0/8, 10.0.0.0/8')).toEqual({ ok: true, value: ['10.0.0.0/8'] });
  });

  it('booleans, workloads and unknown names', () => {
    expect(checkTemplateOption('default-deny-all', 'allowDns', 'maybe')).toBe('"maybe" is not true or false');
    expect(checkTemplateOption('isolate-workload', 'workload', 'Service/web')).toMatch(
      /is not Kind\/name with a workload kind \(Pod, Deployment/,
    );
    expect(checkTemplateOption('isolate-workload', 'workload', 'Deployment/Web')).toMatch(/"Web" is not a valid name/);
    expect(checkTemplateOption('isolate-workload', 'workload', 'Deployment/web')).toBeUndefined();
    expect(checkTemplateOption('nope', 'namespace', 'x')).toBe('There is no template "nope"');
    expect(checkTemplateOption('default-deny-all', 'ports', '80')).toBe('default-deny-all has no option ports');
  });

  it('reports every problem of the options at once', () => {
    expect(problems('allow-from-internet', { namespace: 'A', ports: '0', colour: 'red' })).toEqual([
      'colour: allow-from-internet has no option colour',
      "namespace: \"A\" is not a valid namespace name: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name', '123-abc'; regex: '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      'ports: port 0 must be between 1 and 65535, inclusive',
    ]);
    expect(problems('nope', {})).toEqual([expect.stringMatching(/^: There is no template "nope": use one of default-deny-ingress, /)]);
  });

  it('options that do not fit together', () => {
    expect(problems('allow-from-namespace', {})).toEqual(['fromNamespaces: Source namespaces is required']);
    expect(problems('allow-from-namespace', { fromNamespaces: ' , ' })).toEqual(['fromNamespaces: Source namespaces is required']);
    expect(problems('isolate-workload', { podLabels: 'app=web' })).toEqual(['name: Policy name is required when no workload is given']);
    expect(problems('isolate-workload', { workload: 'Deployment/web' })).toEqual(['podLabels: Pod labels is required']);
    expect(problems('three-tier', { dbLabels: 'tier=web' })).toEqual([
      "dbLabels: Each tier needs labels of its own: the web tier's selector and this one's would pick the same pods",
    ]);
    // app=shop selects the pods labelled app=shop, tier=db too.
    expect(problems('three-tier', { webLabels: 'app=shop', appLabels: '', dbLabels: 'app=shop, tier=db' })).toEqual([
      "dbLabels: Each tier needs labels of its own: the web tier's selector and this one's would pick the same pods",
    ]);
    expect(problems('three-tier', { webLabels: '' })).toEqual(['webLabels: Web tier labels is required']);
    expect(problems('three-tier', { name: 'x'.repeat(250) })).toEqual([
      `name: The policy name "${'x'.repeat(250)}-web" is not valid: must be no more than 253 bytes`,
    ]);
  });
});
