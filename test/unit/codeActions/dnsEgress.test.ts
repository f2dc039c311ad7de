import { DEFAULT_DNS_TARGET } from '../../../server/src/model/recipes';
import { describe, expect, it } from 'vitest';
import { dnsEgressActions } from '../../../server/src/services/codeActions/dnsEgress';
import { yaml } from '../helpers';
import { applyTitled, codesAfter, titles, withoutCursor, deployment, policyHead } from './insertHelpers';

const WORKLOADS = { 'apps.yaml': deployment('web', 'shop', { app: 'web' }) };
const options = { files: WORKLOADS };
const lintOff = { ...options, severities: { 'dns-egress-blocked': 'off' as const } };

describe('dns-egress-blocked quick fix', () => {
  it('appends the DNS rule to the egress rules, in the block style of the file, keeping comments', () => {
    const before = yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: web
        namespace: shop
      spec:
        podSelector:
          matchLabels:
            app: web
        policyTypes: [Egress]
        egress:
          # to the database
          - to:
              - podSelector:
                  matchLabels:
                    app: db
            ports:
              - port: 5432
        # end of egress
    `;
    const after = applyTitled(dnsEgressActions, before, 'Allow DNS egress', options);
    expect(after).toBe(yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: web
        namespace: shop
      spec:
        podSelector:
          matchLabels:
            app: web
        policyTypes: [Egress]
        egress:
          # to the database
          - to:
              - podSelector:
                  matchLabels:
                    app: db
            ports:
              - port: 5432
          - to:
              - namespaceSelector:
                  matchLabels:
                    kubernetes.io/metadata.name: kube-system
                podSelector:
                  matchLabels:
                    k8s-app: kube-dns
            ports:
              - protocol: UDP
                port: 53
              - protocol: TCP
                port: 53
        # end of egress
    `);
    expect(codesAfter(after, options)).not.toContain('dns-egress-blocked');
    expect(titles(dnsEgressActions, after, options)).toEqual([]);
  });

  it('writes an egress list in place of `egress: []`, in kubectl style, with CRLF', () => {
    const before = `${HEAD}spec:\n  podSelector:\n    matchLabels:\n      app: web\n  policyTypes:\n  - Egress\n  egress: []\n`.replace(
      /\n/g,
      '\r\n',
    );
    const after = applyTitled(dnsEgressActions, before, 'Allow DNS egress', options);
    expect(after).toBe(
      `${HEAD}spec:\n  podSelector:\n    matchLabels:\n      app: web\n  policyTypes:\n  - Egress\n  egress:\n${KUBECTL_RULE}`.replace(
        /\n/g,
        '\r\n',
      ),
    );
    expect(codesAfter(after, options)).not.toContain('dns-egress-blocked');
  });

  it('uses the DNS pods of the settings', () => {
    const before = `${HEAD}spec:\n  podSelector: {}\n  policyTypes: [Egress]\n`;
    const dns = { namespace: 'dns', podLabels: { app: 'coredns' }, addresses: [] };
    const after = applyTitled(dnsEgressActions, before, 'Allow DNS egress to app=coredns in dns', { ...options, dns });
    expect(after).toContain('kubernetes.io/metadata.name: dns\n');
    expect(after).toContain('  egress:\n  - to:\n    - namespaceSelector:\n');
    expect(after).toContain('app: coredns\n');
    expect(codesAfter(after, { ...options, dns })).not.toContain('dns-egress-blocked');
  });

  it('also allows the DNS addresses of the settings (a node-local cache)', () => {
    const before = `${HEAD}spec:\n  podSelector: {}\n  policyTypes: [Egress]\n`;
    const dns = { ...DEFAULT_DNS_TARGET, addresses: ['169.254.20.10'] };
    const after = applyTitled(dnsEgressActions, before, 'Allow DNS egress to k8s-app=kube-dns in kube-system', { ...options, dns });
    expect(after).toContain('    - ipBlock:\n        cidr: 169.254.20.10/32\n');
    expect(codesAfter(after, { ...options, dns })).not.toContain('dns-egress-blocked');
  });
});

const HEAD = policyHead('web');

const KUBECTL_RULE = yaml`
  - to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: kube-system
      podSelector:
        matchLabels:
          k8s-app: kube-dns
    ports:
    - protocol: UDP
      port: 53
    - protocol: TCP
      port: 53
`
  .replace(/^/gm, '  ')
  .replace(/ +$/, '');

describe('Add DNS egress', () => {
  it('adds the rule to a policy that isolates egress already, at the cursor', () => {
    const before = `${HEAD}spec:\n  podSelector: {}<|>\n  egress:\n  - ports:\n    - port: 443\n`;
    // With the lint on, its quick fix stands for the refactoring.
    expect(titles(dnsEgressActions, before, options)).toEqual(['Allow DNS egress to k8s-app=kube-dns in kube-system']);
    const after = applyTitled(dnsEgressActions, before, 'Add DNS egress', lintOff);
    expect(after).toBe(`${HEAD}spec:\n  podSelector: {}\n  egress:\n  - ports:\n    - port: 443\n${KUBECTL_RULE}`);
    expect(titles(dnsEgressActions, `${after}<|>`, options)).toEqual([]);
  });

  it('writes policyTypes [Ingress, Egress] when egress was not isolated (computed types)', () => {
    const before = `${HEAD}spec:\n  podSelector: {}<|>\n  ingress:\n  - {}\n`;
    const [title] = titles(dnsEgressActions, before, options);
    expect(title).toBe('Add DNS egress (adds Egress to policyTypes: other egress becomes denied)');
    const after = applyTitled(dnsEgressActions, before, 'Add DNS egress', options);
    expect(after).toBe(
      `${HEAD}spec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n  - Egress\n  ingress:\n  - {}\n  egress:\n${KUBECTL_RULE}`,
    );
    expect(codesAfter(after, options)).not.toContain('dns-egress-blocked');
    expect(codesAfter(after, options)).not.toContain('implicit-policy-types');
  });

  it('writes flow style into a flow spec', () => {
    const before = `${HEAD}spec: {podSelector: {}<|>, egress: [{ports: [{port: 443}]}]}\n`;
    const after = applyTitled(dnsEgressActions, before, 'Add DNS egress', lintOff);
    expect(after).toBe(
      `${HEAD}spec: {podSelector: {}, egress: [{ports: [{port: 443}]}, {to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}], ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]}]}\n`,
    );
    expect(codesAfter(after, options)).not.toContain('dns-egress-blocked');
  });

  it('writes both policyTypes and egress into an empty flow spec, comma-separated', () => {
    const before = `${HEAD}spec: {<|>}\n`;
    const after = applyTitled(dnsEgressActions, before, 'Add DNS egress', lintOff);
    expect(after).toBe(
      `${HEAD}spec: {policyTypes: [Ingress, Egress], egress: [{to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}], ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]}]}\n`,
    );
    expect(codesAfter(after, options)).not.toContain('yaml-syntax');
  });

  it('adds Egress to explicit types that lack it, in a NetworkPolicyList item', () => {
    const before = yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicyList
      items:
      - metadata:
          name: web
          namespace: shop
        spec:
          podSelector: {}<|>
          policyTypes: [Ingress]
    `;
    const after = applyTitled(dnsEgressActions, before, 'Add DNS egress', options);
    expect(after).toContain('    policyTypes: [Ingress, Egress]\n    egress:\n    - to:\n');
    expect(codesAfter(after, options)).toEqual(codesAfter(withoutCursor(before).text, options));
  });
});
