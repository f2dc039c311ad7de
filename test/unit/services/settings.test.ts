import { describe, expect, it } from 'vitest';
import { resolveSettings, type SettingProblem } from '../../../server/src/services/resolveSettings';
import { DEFAULT_DNS_TARGET } from '../../../server/src/model/recipes';

/** `netpol.dns` as the server resolves it, with the problems it reports. */
function dns(raw: unknown): { dns: unknown; problems: string[] } {
  const problems: SettingProblem[] = [];
  const settings = resolveSettings([{ dns: raw } as Parameters<typeof resolveSettings>[0][number]], problems);
  return { dns: settings.analysis.dns, problems: problems.map((problem) => problem.message) };
}

describe('netpol.dns settings', () => {
  it('defaults to k8s-app: kube-dns in kube-system', () => {
    expect(dns(undefined)).toEqual({ dns: DEFAULT_DNS_TARGET, problems: [] });
    expect(resolveSettings([], []).analysis.dns).toEqual(DEFAULT_DNS_TARGET);
  });

  it('takes a namespace and pod labels', () => {
    expect(dns({ namespace: 'dns', podLabels: { app: 'coredns' } })).toEqual({
      dns: { namespace: 'dns', podLabels: { app: 'coredns' }, addresses: [] },
      problems: [],
    });
  });

  it('takes DNS addresses (a node-local cache) and ignores, with a problem, what is not an address or a CIDR', () => {
    expect(dns({ addresses: ['169.254.20.10', 'fd00::a/128'] }).dns).toEqual({
      ...DEFAULT_DNS_TARGET,
      addresses: ['169.254.20.10', 'fd00::a/128'],
    });
    const bad = dns({ addresses: ['169.254.20.10', 'dns.local'] });
    expect(bad.dns).toEqual({ ...DEFAULT_DNS_TARGET, addresses: ['169.254.20.10'] });
    expect(bad.problems).toEqual(['netpol.dns.addresses: "dns.local" is not an address or a CIDR; it is ignored.']);
    expect(dns({ addresses: '169.254.20.10' }).problems).toHaveLength(1);
  });

  it('reports and replaces what is not a namespace name or a map of valid labels', () => {
    const bad = dns({ namespace: 'Kube_System', podLabels: { 'k8s-app': 'kube dns' } });
    expect(bad.dns).toEqual(DEFAULT_DNS_TARGET);
    expect(bad.problems).toEqual([
      'netpol.dns.namespace "Kube_System" is not a namespace name; using "kube-system".',
      'netpol.dns.podLabels {"k8s-app":"kube dns"} is not a non-empty map of valid labels; using {"k8s-app":"kube-dns"}.',
    ]);
    expect(dns({ podLabels: {} }).problems).toHaveLength(1);
    expect(dns({ podLabels: { app: 1 } }).problems).toHaveLength(1);
  });
});

describe('settings layers', () => {
  it('lets a later layer win, merging the maps key by key', () => {
    const problems: SettingProblem[] = [];
    const project = { kubernetesVersion: '1.30', rules: { 'allow-all-sources': 'off' }, cluster: { podCIDRs: ['10.244.0.0/16'] } };
    const user = { rules: { 'dns-tcp-missing': 'error' }, cluster: { serviceCIDRs: ['10.96.0.0/12'] }, defaultNamespace: 'shop' };
    const settings = resolveSettings([project, user] as Parameters<typeof resolveSettings>[0], problems);
    expect(problems).toEqual([]);
    expect(settings.analysis.version.minor).toBe(30);
    expect(settings.analysis.severities).toEqual({ 'allow-all-sources': 'off', 'dns-tcp-missing': 'error' });
    expect(settings.analysis.cluster).toEqual({ defaultNamespace: 'shop', podCIDRs: ['10.244.0.0/16'], serviceCIDRs: ['10.96.0.0/12'] });
  });

  it('names the setting, the value and what was expected in every problem', () => {
    const problems: SettingProblem[] = [];
    const settings = resolveSettings([{ maxFileSizeMB: -1, kubernetesVersion: '1.2' }], problems);
    expect(settings.analysis.maxFileSize).toBe(5 * 1024 * 1024);
    expect(problems.map(({ setting, value, expected }) => [setting, value, expected])).toEqual([
      ['kubernetesVersion', '1.2', '"latest" or a version 1.24 or later'],
      ['maxFileSizeMB', -1, 'a number of 0 or more'],
    ]);
  });
});
