import { describe, expect, it } from 'vitest';
import { defaultDenyName, defaultDenySpec, dnsEgressRule, networkPolicy } from '../../../server/src/model/recipes';
import { diagnose } from '../helpers';
import { stringify } from 'yaml';

describe('recipes', () => {
  it('a DNS egress rule is one peer (AND) with UDP and TCP 53', () => {
    expect(dnsEgressRule()).toEqual({
      to: [
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
          podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        },
      ],
      ports: [
        { protocol: 'UDP', port: 53 },
        { protocol: 'TCP', port: 53 },
      ],
    });
  });

  it.each([[['Ingress']], [['Egress']], [['Ingress', 'Egress']]] as const)('default deny %j is valid and names itself', (types) => {
    const policy = networkPolicy(defaultDenyName(types), 'shop', defaultDenySpec(types));
    expect(diagnose(stringify(policy), { lints: true }).filter((d) => d.severity === 1)).toEqual([]);
    expect(defaultDenyName(types)).toMatch(/^default-deny-(ingress|egress|all)$/);
  });
});
