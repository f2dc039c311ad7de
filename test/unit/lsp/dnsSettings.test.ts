import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../../server/src/lsp/settings';
import { DEFAULT_DNS_TARGET } from '../../../server/src/model/recipes';

/** `netpol.dns` as the server resolves it, with the problems it reports. */
function dns(raw: unknown): { dns: unknown; problems: string[] } {
  const problems: string[] = [];
  const settings = resolveSettings({ dns: raw } as Parameters<typeof resolveSettings>[0], problems);
  return { dns: settings.analysis.dns, problems };
}

describe('netpol.dns settings', () => {
  it('defaults to k8s-app: kube-dns in kube-system', () => {
    expect(dns(undefined)).toEqual({ dns: DEFAULT_DNS_TARGET, problems: [] });
    expect(resolveSettings(undefined, []).analysis.dns).toEqual(DEFAULT_DNS_TARGET);
  });

  it('takes a namespace and pod labels', () => {
    expect(dns({ namespace: 'dns', podLabels: { app: 'coredns' } })).toEqual({
      dns: { namespace: 'dns', podLabels: { app: 'coredns' } },
      problems: [],
    });
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
