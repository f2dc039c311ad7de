import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../../../server/src/model/templates/catalog';
import { DEFAULT_SETTINGS, type AnalysisSettings } from '../../../../server/src/services/settings';
import { diagnose, yaml } from '../../helpers';
import { findings, generated, meaning } from './generated';

const DNS =
  'pods with label `k8s-app` = `kube-dns` in namespaces with label `kubernetes.io/metadata.name` = `kube-system`, on (UDP 53) or (TCP 53)';
const ALLOWS_DNS = `Allows egress to ${DNS}.`;

/** Several option sets per template; every one must give valid, lint-clean YAML. */
const CASES: readonly (readonly [string, Record<string, string>])[] = [
  ['default-deny-ingress', {}],
  ['default-deny-ingress', { namespace: 'shop' }],
  ['default-deny-egress', { namespace: 'shop' }],
  ['default-deny-egress', { namespace: 'shop', allowDns: 'false' }],
  ['default-deny-all', {}],
  ['default-deny-all', { namespace: 'kube-public', allowDns: 'no' }],
  ['allow-dns-egress', {}],
  ['allow-dns-egress', { namespace: 'shop', podLabels: 'app=web, tier=frontend', name: 'web-dns' }],
  ['allow-same-namespace', {}],
  ['allow-same-namespace', { podLabels: 'app.kubernetes.io/name=api' }],
  ['allow-from-namespace', { fromNamespaces: 'monitoring' }],
  [
    'allow-from-namespace',
    {
      fromNamespaces: 'monitoring, ingress-nginx',
      fromPodLabels: 'app=prometheus',
      podLabels: 'app=web',
      ports: '9090, UDP/53, 8000-8080',
      name: 'allow-scrape',
    },
  ],
  ['allow-from-internet', {}],
  ['allow-from-internet', { cidrs: '203.0.113.0/24, 198.51.100.7/32', ports: 'https, sctp/9000', podLabels: 'app=web' }],
  ['allow-from-internet', { cidrs: '2001:db8::/32', ports: '443' }],
  ['restrict-egress-to-cluster', {}],
  ['restrict-egress-to-cluster', { podLabels: 'app=batch', serviceCidrs: '10.96.0.0/12', podCidrs: '10.244.0.0/16, fd00:10:244::/56' }],
  ['isolate-workload', { podLabels: 'app=web', name: 'web-isolation' }],
  [
    'isolate-workload',
    {
      workload: 'Deployment/web',
      podLabels: 'app=web',
      ports: '8080, metrics',
      fromNamespaces: 'ingress-nginx',
      fromPodLabels: 'app=ingress',
    },
  ],
  ['isolate-workload', { workload: 'StatefulSet/db', podLabels: 'app=db', fromNamespaces: 'a, b, c' }],
  ['three-tier', {}],
  ['three-tier', { appLabels: '' }],
  [
    'three-tier',
    {
      namespace: 'shop',
      name: 'shop',
      webLabels: 'app=shop-web',
      webPorts: '8443',
      appLabels: 'app=shop-api',
      appPorts: 'http, 9000-9100',
      dbLabels: 'app=shop-db',
      dbPort: 'postgres',
    },
  ],
  ['baseline-default-deny', {}],
  ['baseline-default-deny', { denyEgress: 'true', priority: '0', name: 'cluster-default' }],
  ['admin-allow-dns', {}],
  ['admin-isolate-tenants', { tenants: 'blue, green' }],
  ['admin-isolate-tenants', { tenants: 'Blue_1', tenantLabel: 'example.com/tenant', priority: '5', name: 'tenant' }],
];

/** The settings the CIDR case runs with: the same cluster CIDRs, so ipblock-pod-ip would fire. */
const CLUSTER: AnalysisSettings = {
  ...DEFAULT_SETTINGS,
  cluster: { ...DEFAULT_SETTINGS.cluster, podCIDRs: ['10.244.0.0/16'], serviceCIDRs: ['10.96.0.0/12'] },
};

describe('policy templates', () => {
  it('every template is tested', () => {
    expect(new Set(CASES.map(([id]) => id))).toEqual(new Set(TEMPLATES.map((t) => t.id)));
  });

  it.each(CASES)('%s %j passes validation and every lint', (template, options) => {
    const text = generated(template, options, CLUSTER);
    expect(findings(text, {}, { cluster: CLUSTER.cluster })).toEqual([]);
    // The oldest supported version (lenient CIDRs, alpha status) accepts it too, and strict CIDR validation does.
    expect(diagnose(text, { k8s: '1.24' })).toEqual([]);
    expect(diagnose(text, { k8s: '1.36' })).toEqual([]);
  });

  it('without the suppression comments, exactly the intended lints fire', () => {
    const strip = (text: string) => text.replace(/^# .*\n/gm, '');
    const codes = (text: string) => findings(strip(text)).map((f) => f.replace(/:.*/, ''));
    expect(codes(generated('default-deny-ingress'))).toEqual(['0 deny-all-direction']);
    expect(codes(generated('default-deny-egress', { allowDns: 'false' }))).toEqual(['0 deny-all-direction', '0 dns-egress-blocked']);
    expect(codes(generated('allow-from-internet'))).toEqual(['0 allow-all-sources', '0 allow-all-sources']);
    expect(codes(generated('restrict-egress-to-cluster'))).toEqual(['0 all-namespaces-peer']);
    expect(codes(generated('three-tier'))).toEqual(['0 allow-all-sources', '0 allow-all-sources']);
  });

  it('in the DNS namespace, a default deny of ingress and egress isolates the DNS pods too, and the DNS lint says so', () => {
    // allow-dns-egress lets the pods send to the DNS pods, but default-deny-all denies the DNS
    // pods' ingress: `netpol query` answers denied, and so does the lint, on both policies.
    expect(findings(generated('default-deny-all', { namespace: 'kube-system' })).map((f) => f.replace(/:.*/, ''))).toEqual([
      '0 dns-egress-blocked',
      '1 dns-egress-blocked',
    ]);
  });

  it('writes the reason above each suppression', () => {
    expect(generated('allow-from-internet', { podLabels: 'app=web' })).toBe(yaml`
      # Every source address is intended: these pods serve the internet.
      # netpol-disable allow-all-sources
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: allow-from-internet
        namespace: default
      spec:
        podSelector:
          matchLabels:
            app: web
        policyTypes:
        - Ingress
        ingress:
        - from:
          - ipBlock:
              cidr: 0.0.0.0/0
          - ipBlock:
              cidr: "::/0"
          ports:
          - protocol: TCP
            port: 80
          - protocol: TCP
            port: 443
    `);
  });
});

describe('generated policies mean what the template says (explainer round trip)', () => {
  it('default deny all, with and without DNS', () => {
    expect(meaning(generated('default-deny-all', { namespace: 'shop' }))).toEqual({
      'shop/default-deny-all': { subject: 'every pod in namespace `shop`', ingress: 'deny-all', egress: 'deny-all' },
      'shop/allow-dns-egress': { subject: 'every pod in namespace `shop`', ingress: 'not-isolated', egress: [ALLOWS_DNS] },
    });
    expect(meaning(generated('default-deny-ingress', { namespace: 'shop' }))).toEqual({
      'shop/default-deny-ingress': { subject: 'every pod in namespace `shop`', ingress: 'deny-all', egress: 'not-isolated' },
    });
    expect(Object.keys(meaning(generated('default-deny-egress', { allowDns: 'false' })))).toEqual(['default/default-deny-egress']);
  });

  it('allow DNS egress uses the configured DNS pods', () => {
    const settings = { ...DEFAULT_SETTINGS, dns: { namespace: 'dns-system', podLabels: { app: 'coredns' }, addresses: [] } };
    expect(meaning(generated('allow-dns-egress', { podLabels: 'app=web' }, settings))['default/allow-dns-egress']).toEqual({
      subject: 'pods with label `app` = `web` in namespace `default`',
      ingress: 'not-isolated',
      egress: [
        'Allows egress to pods with label `app` = `coredns` in namespaces with label `kubernetes.io/metadata.name` = `dns-system`, on (UDP 53) or (TCP 53).',
      ],
    });
  });

  it('allow all within the namespace', () => {
    expect(meaning(generated('allow-same-namespace', { namespace: 'shop' }))['shop/allow-same-namespace']).toEqual({
      subject: 'every pod in namespace `shop`',
      ingress: ["Allows ingress from every pod in this policy's namespace `shop`, on every port and protocol."],
      egress: 'not-isolated',
    });
  });

  it('allow ingress from namespaces: one peer, both selectors (AND)', () => {
    const options = {
      fromNamespaces: 'monitoring, ingress-nginx',
      fromPodLabels: 'app=prometheus',
      podLabels: 'app=web',
      ports: '9090, UDP/53, 8000-8080',
    };
    expect(meaning(generated('allow-from-namespace', options))['default/allow-from-monitoring']).toEqual({
      subject: 'pods with label `app` = `web` in namespace `default`',
      ingress: [
        'Allows ingress from pods with label `app` = `prometheus` in namespaces with label `kubernetes.io/metadata.name` with value `monitoring` or `ingress-nginx`, on (TCP 9090) or (UDP 53) or (TCP 8000–8080).',
      ],
      egress: 'not-isolated',
    });
    expect(meaning(generated('allow-from-namespace', { fromNamespaces: 'monitoring' }))['default/allow-from-monitoring']!.ingress).toEqual([
      'Allows ingress from every pod in namespaces with label `kubernetes.io/metadata.name` = `monitoring`, on every port and protocol.',
    ]);
  });

  it('allow ingress from the internet on chosen ports', () => {
    expect(
      meaning(generated('allow-from-internet', { cidrs: '203.0.113.0/24', ports: 'https' }))['default/allow-from-internet']!.ingress,
    ).toEqual(['Allows ingress from addresses in `203.0.113.0/24`, on TCP port named `https`.']);
  });

  it('restrict egress to the cluster', () => {
    expect(
      meaning(generated('restrict-egress-to-cluster', { serviceCidrs: '10.96.0.0/12' }))['default/restrict-egress-to-cluster'],
    ).toEqual({
      subject: 'every pod in namespace `default`',
      ingress: 'not-isolated',
      egress: [ALLOWS_DNS, 'Allows egress to (every pod in every namespace) or (addresses in `10.96.0.0/12`), on every port and protocol.'],
    });
  });

  it('isolate a workload', () => {
    const options = {
      workload: 'Deployment/web',
      podLabels: 'app=web',
      ports: '8080, metrics',
      fromNamespaces: 'ingress-nginx',
      fromPodLabels: 'app=ingress',
    };
    expect(meaning(generated('isolate-workload', options))).toEqual({
      'default/web-isolation': {
        subject: 'pods with label `app` = `web` in namespace `default`',
        ingress: [
          'Allows ingress from pods with label `app` = `ingress` in namespaces with label `kubernetes.io/metadata.name` = `ingress-nginx`, on (TCP 8080) or (TCP port named `metrics`).',
        ],
        egress: [ALLOWS_DNS],
      },
    });
    expect(meaning(generated('isolate-workload', { podLabels: 'app=web', name: 'web' }))['default/web']!.ingress).toEqual([
      "Allows ingress from every pod in this policy's namespace `default`, on every port and protocol.",
    ]);
  });

  it('three tiers: web from everywhere, each tier only from the one in front, egress only to the next and DNS', () => {
    const tier = (labels: string) => `pods with label \`tier\` = \`${labels}\` in namespace \`default\``;
    const own = (labels: string, port: number) =>
      `pods with label \`tier\` = \`${labels}\` in this policy's namespace \`default\`, on TCP ${port}`;
    expect(meaning(generated('three-tier'))).toEqual({
      'default/webapp-web': {
        subject: tier('web'),
        ingress: ['Allows ingress from (addresses in `0.0.0.0/0`) or (addresses in `::/0`), on (TCP 80) or (TCP 443).'],
        egress: [`Allows egress to ${own('app', 8080)}.`, ALLOWS_DNS],
      },
      'default/webapp-app': {
        subject: tier('app'),
        ingress: [`Allows ingress from ${own('web', 8080)}.`],
        egress: [`Allows egress to ${own('db', 5432)}.`, ALLOWS_DNS],
      },
      'default/webapp-db': { subject: tier('db'), ingress: [`Allows ingress from ${own('app', 5432)}.`], egress: [ALLOWS_DNS] },
    });
  });

  it('two tiers when the app tier is left empty: the database only from the web tier', () => {
    const meant = meaning(generated('three-tier', { appLabels: '' }));
    expect(Object.keys(meant)).toEqual(['default/webapp-web', 'default/webapp-db']);
    expect(meant['default/webapp-db']!.ingress).toEqual([
      "Allows ingress from pods with label `tier` = `web` in this policy's namespace `default`, on TCP 5432.",
    ]);
    expect(meant['default/webapp-web']!.egress).toEqual([
      "Allows egress to pods with label `tier` = `db` in this policy's namespace `default`, on TCP 5432.",
      ALLOWS_DNS,
    ]);
  });
});
