import { describe, expect, it } from 'vitest';
import { diagnoseInWorkspace } from '../helpers';
import { readFileSync } from 'node:fs';
import { DEFAULT_DNS_TARGET } from '../../../server/src/model/recipes';
import { generateYaml } from '../../../server/src/services/generate';
import { DEFAULT_SETTINGS } from '../../../server/src/services/settings';
import { corpusDir } from '../../cli/corpus';
import { deployment, docs, lintIn, netpol, reportedIn } from './workspace';

const ID = 'dns-egress-blocked';
const corpus = corpusDir();
const one = (text: string) => reportedIn({ 'a.yaml': text }, 'a.yaml', ID);
/** Egress on `ports` to any destination. */
const egress = (ports: string) => netpol('app', 'shop', `egress: [{ ports: [${ports}] }]`);
const KUBE_DNS =
  '{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }, podSelector: { matchLabels: { k8s-app: kube-dns } } }';
const HINT = 'Allow DNS with an egress rule to the cluster DNS (k8s-app=kube-dns in kube-system) on UDP and TCP port 53';

describe('dns-egress-blocked', () => {
  it('reports egress rules without DNS on the egress key', () => {
    const text = egress('{ port: 5432 }');
    const [found] = lintIn({ 'a.yaml': text }, 'a.yaml', ID);
    expect(one(text)).toEqual(['spec.egress => egress']);
    expect(found?.severity).toBe(2);
    expect(found?.message).toBe(
      'Pods this policy selects cannot resolve names: this policy isolates them for egress, and with the policies of the workspace they cannot reach the cluster DNS (k8s-app=kube-dns in kube-system) on UDP port 53. ' +
        HINT,
    );
  });

  it('reports a policy without egress rules on the Egress entry of policyTypes', () => {
    expect(one(netpol('deny', 'shop', 'podSelector: {}\npolicyTypes: [Egress]'))).toEqual(['spec.policyTypes[0] => Egress']);
    expect(one(netpol('deny', 'shop', 'podSelector: {}\npolicyTypes: [Ingress, Egress]'))).toEqual(['spec.policyTypes[1] => Egress']);
    expect(one(netpol('deny', 'shop', 'podSelector: {}\npolicyTypes: [Ingress, Egress]\negress: []'))).toEqual([
      'spec.policyTypes[1] => Egress',
    ]);
  });

  it('says nothing when the pods are not isolated for egress', () => {
    expect(one(netpol('in', 'shop', 'podSelector: {}'))).toEqual([]);
    expect(one(netpol('in', 'shop', 'podSelector: {}\ningress: [{}]'))).toEqual([]);
    // Egress rules that policyTypes leaves out are ignored: egress stays open.
    expect(one(netpol('in', 'shop', 'podSelector: {}\npolicyTypes: [Ingress]\negress: [{ ports: [{ port: 5432 }] }]'))).toEqual([]);
  });

  it.each([
    ['a UDP port 53 entry', '{ protocol: UDP, port: 53 }'],
    ['a UDP range that contains 53', '{ protocol: UDP, port: 50, endPort: 60 }'],
    ['a UDP range that ends at 53', '{ protocol: UDP, port: 1, endPort: 53 }'],
    ['every UDP port', '{ protocol: UDP }'],
    ['the UDP named port dns', '{ protocol: UDP, port: dns }'],
  ])('accepts %s', (_, entry) => {
    expect(one(egress(`{ port: 5432 }, ${entry}`))).toEqual([]);
  });

  it('accepts a rule without ports (every port and protocol) to any destination, not to addresses only', () => {
    expect(one(netpol('app', 'shop', 'egress: [{}]'))).toEqual([]);
    // ipBlocks never pick pods (netpol query answers the same): the DNS pods are not reached.
    expect(one(netpol('app', 'shop', 'egress: [{ to: [{ ipBlock: { cidr: 10.0.0.0/8 } }] }]'))).toEqual(['spec.egress => egress']);
  });

  it.each([
    ['TCP port 53 only', '{ port: 53 }'],
    ['UDP port 54', '{ protocol: UDP, port: 54 }'],
    ['a UDP range that stops before 53', '{ protocol: UDP, port: 1, endPort: 52 }'],
    ['a UDP range that starts after 53', '{ protocol: UDP, port: 54, endPort: 100 }'],
    ['the named port dns over TCP', '{ port: dns }'],
    ['the UDP named port dns-tcp', '{ protocol: UDP, port: dns-tcp }'],
    ['every SCTP port', '{ protocol: SCTP }'],
    // Named ports resolve at the destination: CoreDNS names its ports dns and dns-tcp.
    ['the UDP named port domain', '{ protocol: UDP, port: domain }'],
  ])('rejects %s', (_, entry) => {
    expect(one(egress(entry))).toEqual(['spec.egress => egress']);
  });

  describe('other policies of the namespace', () => {
    const allowDns = (subject: string, ns = 'shop', extra = '') =>
      netpol('allow-dns', ns, `podSelector: ${subject}\n${extra}egress: [{ ports: [{ protocol: UDP, port: 53 }] }]`);
    const app = netpol('app', 'shop', 'podSelector: { matchLabels: { app: web, tier: front } }\npolicyTypes: [Egress]');

    it('count when they select every pod of the namespace', () => {
      expect(reportedIn({ 'a.yaml': app, 'dns.yaml': allowDns('{}') }, 'a.yaml', ID)).toEqual([]);
    });

    it('count when their requirements are a subset of this policy’s', () => {
      expect(reportedIn({ 'a.yaml': app, 'dns.yaml': allowDns('{ matchLabels: { app: web } }') }, 'a.yaml', ID)).toEqual([]);
      expect(reportedIn({ 'a.yaml': app, 'dns.yaml': allowDns('{ matchLabels: { tier: front, app: web } }') }, 'a.yaml', ID)).toEqual([]);
    });

    it('do not count when they may select fewer pods', () => {
      expect(
        reportedIn({ 'a.yaml': app, 'dns.yaml': allowDns('{ matchLabels: { app: web, tier: front, v: "2" } }') }, 'a.yaml', ID),
      ).toEqual(['spec.policyTypes[0] => Egress']);
      expect(reportedIn({ 'a.yaml': app, 'dns.yaml': allowDns('{ matchLabels: { app: api } }') }, 'a.yaml', ID)).toEqual([
        'spec.policyTypes[0] => Egress',
      ]);
    });

    it('do not count in another namespace', () => {
      expect(reportedIn({ 'a.yaml': app, 'dns.yaml': allowDns('{}', 'other') }, 'a.yaml', ID)).toEqual(['spec.policyTypes[0] => Egress']);
    });

    it('do not count when their egress rules are ignored (policyTypes without Egress)', () => {
      expect(reportedIn({ 'a.yaml': app, 'dns.yaml': allowDns('{}', 'shop', 'policyTypes: [Ingress]\n') }, 'a.yaml', ID)).toEqual([
        'spec.policyTypes[0] => Egress',
      ]);
    });

    it('do not count when they have the same name (the same object: one replaces the other)', () => {
      const same = netpol('app', 'shop', 'podSelector: {}\negress: [{ ports: [{ protocol: UDP, port: 53 }] }]');
      expect(reportedIn({ 'a.yaml': app, 'b.yaml': same }, 'a.yaml', ID)).toEqual(['spec.policyTypes[0] => Egress']);
    });

    it('count within the same file', () => {
      expect(one(docs(app, allowDns('{}')))).toEqual([]);
    });

    it('the policy that allows DNS is not reported, the one that does not is', () => {
      const text = docs(netpol('deny', 'shop', 'podSelector: {}\npolicyTypes: [Egress]'), app);
      expect(one(text)).toEqual(['spec.policyTypes[0] => Egress', 'spec.policyTypes[0] => Egress']);
      expect(one(docs(text, allowDns('{}')))).toEqual([]);
    });
  });

  it('reports inside a List at the item path', () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n  - ${netpol('deny', 'shop', 'podSelector: {}\npolicyTypes: [Egress]').replace(/\n(?=.)/g, '\n    ')}`;
    expect(one(text)).toEqual(['items[0].spec.policyTypes[0] => Egress']);
  });

  describe('on the readable rest of a policy the API server rejects', () => {
    const codes = (text: string) =>
      diagnoseInWorkspace({ 'a.yaml': text }, 'a.yaml', { severities: { [ID]: 'warning' } }).map((d) => d.code);

    it('a blank cidr in another rule does not hide it', () => {
      const text = netpol(
        'app',
        'shop',
        'egress: [{ to: [{ ipBlock: { cidr: } }], ports: [{ port: 443 }] }, { to: [{ podSelector: {} }] }]',
      );
      expect(codes(text)).toEqual([ID, 'ipblock-cidr-required']);
    });

    it('an error that could be DNS once fixed leaves it silent', () => {
      // A lowercase protocol is rejected; fixed, it may well be UDP.
      expect(codes(egress('{ protocol: udp, port: 53 }'))).toEqual(['port-protocol']);
      // A blank cidr in the rule that sends UDP 53: what it will be is unknown.
      expect(codes(netpol('app', 'shop', 'egress: [{ to: [{ ipBlock: { cidr: } }], ports: [{ protocol: UDP, port: 53 }] }]'))).toEqual([
        'ipblock-cidr-required',
      ]);
      // A peer list of the wrong type may be anything.
      expect(codes(netpol('app', 'shop', 'egress: [{ to: { podSelector: {} }, ports: [{ protocol: UDP, port: 53 }] }]'))).toEqual([
        'invalid-type',
      ]);
    });

    it('says nothing when which pods the policy selects cannot be told', () => {
      expect(codes(netpol('app', 'shop', 'podSelector: { matchLabels: { app: "a b" } }\npolicyTypes: [Egress]'))).toEqual(['label-value']);
    });
  });

  it('judges each of several policies of the same name as the one applied (each replaces the others)', () => {
    const web = deployment('web', 'shop', { app: 'web' });
    const deny = netpol('same', 'shop', 'podSelector: {}\npolicyTypes: [Egress]');
    const open = netpol('same', 'shop', 'podSelector: {}\npolicyTypes: [Egress]\negress: [{}]');
    expect(reportedIn({ 'deny.yaml': deny, 'open.yaml': open, 'web.yaml': web }, 'deny.yaml', ID)).toEqual([
      'spec.policyTypes[0] => Egress',
    ]);
    expect(reportedIn({ 'deny.yaml': deny, 'open.yaml': open, 'web.yaml': web }, 'open.yaml', ID)).toEqual([]);
  });

  describe('with cluster-wide policies, which decide before and after NetworkPolicies', () => {
    const adminDns = generateYaml('admin-allow-dns', {}, DEFAULT_SETTINGS).text!;
    const blocked = netpol('app', 'shop', 'podSelector: {}\npolicyTypes: [Egress]\negress: [{ to: [{ podSelector: {} }] }]');

    it('an Admin Accept of DNS lets the workloads resolve names, as netpol query answers', () => {
      const web = deployment('web', 'shop', { app: 'web' });
      expect(reportedIn({ 'a.yaml': blocked, 'web.yaml': web }, 'a.yaml', ID)).toEqual(['spec.egress => egress']);
      expect(reportedIn({ 'a.yaml': blocked, 'web.yaml': web, 'dns.yaml': adminDns }, 'a.yaml', ID)).toEqual([]);
    });

    it('without declared workloads, selectors alone cannot tell: it says nothing', () => {
      expect(reportedIn({ 'a.yaml': blocked, 'dns.yaml': adminDns }, 'a.yaml', ID)).toEqual([]);
    });
  });

  describe('asks where the rules send DNS, as netpol query does', () => {
    it.each([
      ['the DNS pods', KUBE_DNS, []],
      ['every namespace', '{ namespaceSelector: {} }', []],
      ['the DNS namespace', '{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } } }', []],
      ['the pods of the policy’s namespace only', '{ podSelector: {} }', ['spec.egress => egress']],
      [
        'other pods of the DNS namespace',
        '{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }, podSelector: { matchLabels: { app: x } } }',
        ['spec.egress => egress'],
      ],
      ['addresses only (pods are not addresses)', '{ ipBlock: { cidr: 0.0.0.0/0 } }', ['spec.egress => egress']],
    ])('to %s', (_, peer, expected) => {
      expect(one(netpol('app', 'shop', `egress: [{ to: [${peer}], ports: [{ protocol: UDP, port: 53 }, { port: 53 }] }]`))).toEqual(
        expected,
      );
    });

    it('policyTypes [Ingress, Egress] with egress to podSelector {} only', () => {
      const text = netpol('app', 'shop', 'podSelector: {}\npolicyTypes: [Ingress, Egress]\negress: [{ to: [{ podSelector: {} }] }]');
      expect(one(text)).toEqual(['spec.egress => egress']);
    });

    it('the addresses of netpol.dns.addresses (a node-local DNS cache) count', () => {
      const text = netpol(
        'app',
        'shop',
        'egress: [{ to: [{ ipBlock: { cidr: 169.254.20.0/24 } }], ports: [{ protocol: UDP, port: 53 }] }]',
      );
      expect(one(text)).toEqual(['spec.egress => egress']);
      const dns = { ...DEFAULT_DNS_TARGET, addresses: ['169.254.20.10'] };
      expect(reportedIn({ 'a.yaml': text }, 'a.yaml', ID, { dns })).toEqual([]);
      expect(reportedIn({ 'a.yaml': text }, 'a.yaml', ID, { dns: { ...dns, addresses: ['10.96.0.10'] } })).toEqual([
        'spec.egress => egress',
      ]);
    });

    it('the DNS pods of netpol.dns', () => {
      const text = netpol('app', 'shop', 'egress: [{ to: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: coredns } } }] }]');
      expect(one(text)).toEqual(['spec.egress => egress']);
      expect(
        reportedIn({ 'a.yaml': text }, 'a.yaml', ID, { dns: { namespace: 'dns', podLabels: { app: 'coredns' }, addresses: [] } }),
      ).toEqual([]);
    });

    it('the DNS pods the workspace declares, with the policies that admit them', () => {
      const coredns = deployment('coredns', 'kube-system', { 'k8s-app': 'kube-dns' }, ['dns/53/UDP', 'dns-tcp/53/TCP']);
      const app = netpol('app', 'shop', `egress: [{ to: [${KUBE_DNS}], ports: [{ protocol: UDP, port: dns }] }]`);
      expect(reportedIn({ 'a.yaml': app, 'dns.yaml': coredns }, 'a.yaml', ID)).toEqual([]);
      // kube-system admits DNS from kube-system only.
      const guard = netpol('dns-ingress', 'kube-system', 'podSelector: {}\ningress: [{ from: [{ podSelector: {} }] }]');
      expect(reportedIn({ 'a.yaml': app, 'dns.yaml': docs(coredns, guard) }, 'a.yaml', ID)).toEqual(['spec.egress => egress']);
    });
  });

  describe('per workload, when the workspace declares them', () => {
    const workloads = ['frontend', 'cart', 'checkout', 'email', 'payment'].map((name) => deployment(name, 'shop', { app: name }));

    it('names the workloads that cannot resolve names', () => {
      const deny = netpol('deny', 'shop', 'podSelector: {}\npolicyTypes: [Egress]');
      const files = { 'a.yaml': deny, 'w.yaml': docs(...workloads) };
      expect(lintIn(files, 'a.yaml', ID)[0]?.message).toMatch(/^cart, checkout and 3 more cannot resolve names: /);
      const dnsForSome = netpol(
        'dns',
        'shop',
        `podSelector: { matchExpressions: [{ key: app, operator: In, values: [cart, email, payment] }] }\negress: [{ to: [${KUBE_DNS}] }]`,
      );
      expect(lintIn({ ...files, 'b.yaml': dnsForSome }, 'a.yaml', ID)[0]?.message).toMatch(/^checkout and frontend cannot resolve names: /);
    });

    it('says nothing when each workload is let through by another policy', () => {
      const deny = netpol('deny', 'shop', 'podSelector: {}\npolicyTypes: [Ingress, Egress]');
      const own = workloads
        .map((_, i) => ['frontend', 'cart', 'checkout', 'email', 'payment'][i]!)
        .map((name) => netpol(name, 'shop', `podSelector: { matchLabels: { app: ${name} } }\npolicyTypes: [Egress]\negress: [{}]`));
      expect(reportedIn({ 'a.yaml': deny, 'p.yaml': docs(...own), 'w.yaml': docs(...workloads) }, 'a.yaml', ID)).toEqual([]);
      // Without the policy of one of them, that one is named.
      expect(lintIn({ 'a.yaml': deny, 'p.yaml': docs(...own.slice(1)), 'w.yaml': docs(...workloads) }, 'a.yaml', ID)[0]?.message).toMatch(
        /^frontend cannot resolve names: /,
      );
    });

    // The manifests are third-party: the test runs where the shared corpus is.
    it.skipIf(!corpus)('microservices-demo: default deny plus one policy with egress: [{}] per workload gets no DNS lint', () => {
      const dir = `${corpus}/GoogleCloudPlatform__microservices-demo/`;
      const files: Record<string, string> = { 'workloads.yaml': readFileSync(`${dir}release__kubernetes-manifests.yaml`, 'utf8') };
      for (const name of [
        'deny-all',
        'adservice',
        'cartservice',
        'checkoutservice',
        'currencyservice',
        'emailservice',
        'frontend',
        'loadgenerator',
        'paymentservice',
        'productcatalogservice',
        'recommendationservice',
        'redis',
        'shippingservice',
      ])
        files[`${name}.yaml`] = readFileSync(`${dir}kustomize__components__network-policies__network-policy-${name}.yaml`, 'utf8');
      expect(reportedIn(files, 'deny-all.yaml', ID)).toEqual([]);
      expect(reportedIn(files, 'deny-all.yaml', 'dns-tcp-missing')).toEqual([]);
    });
  });

  it('is off unless asked for in tests, and on with all lints', () => {
    const text = egress('{ port: 5432 }');
    expect(diagnoseInWorkspace({ 'a.yaml': text }, 'a.yaml').map((d) => d.code)).toEqual([]);
    expect(diagnoseInWorkspace({ 'a.yaml': text }, 'a.yaml', { lints: true }).map((d) => d.code)).toContain(ID);
  });
});
