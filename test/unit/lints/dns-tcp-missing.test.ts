import { describe, expect, it } from 'vitest';
import { codesIn, deployment, docs, lintIn, netpol, reportedIn } from './workspace';

const ID = 'dns-tcp-missing';
const one = (text: string) => reportedIn({ 'a.yaml': text }, 'a.yaml', ID);
/** Egress on `ports` to any destination. */
const egress = (ports: string) => netpol('app', 'shop', `egress: [{ ports: [${ports}] }]`);

describe('dns-tcp-missing', () => {
  it('reports a UDP port 53 entry without TCP, on its protocol', () => {
    const text = egress('{ protocol: UDP, port: 53 }');
    const [found] = lintIn({ 'a.yaml': text }, 'a.yaml', ID);
    expect(one(text)).toEqual(['spec.egress[0].ports[0] => UDP']);
    expect(found?.severity).toBe(2);
    expect(found?.message).toBe(
      'Pods this policy selects can reach the cluster DNS (k8s-app=kube-dns in kube-system) on UDP port 53 but not on TCP port 53: lookups whose answers are too large for UDP, and resolvers that use TCP, will fail. ' +
        'Allow TCP port 53 to the same destination as UDP port 53',
    );
  });

  it('points at the first entry of the policy that allows UDP port 53', () => {
    const text = netpol(
      'app',
      'shop',
      `
      egress:
        - ports: [{ port: 5432 }]
        - ports:
            - port: 443
            - protocol: UDP
              port: 50
              endPort: 60
            - protocol: UDP
              port: 53
      `,
    );
    expect(one(text)).toEqual(['spec.egress[1].ports[1] => UDP']);
  });

  it.each([
    ['TCP port 53', '{ port: 53 }'],
    ['TCP port 53 written out', '{ protocol: TCP, port: 53 }'],
    ['a TCP range that contains 53', '{ port: 1, endPort: 1024 }'],
    ['every TCP port', '{ protocol: TCP }'],
    ['the TCP named port dns-tcp', '{ port: dns-tcp }'],
  ])('accepts UDP port 53 with %s', (_, entry) => {
    expect(one(egress(`{ protocol: UDP, port: 53 }, ${entry}`))).toEqual([]);
  });

  it('accepts TCP port 53 in another rule, or a rule without ports', () => {
    expect(one(netpol('app', 'shop', 'egress: [{ ports: [{ protocol: UDP, port: 53 }] }, { ports: [{ port: 53 }] }]'))).toEqual([]);
    expect(one(netpol('app', 'shop', 'egress: [{ ports: [{ protocol: UDP, port: 53 }] }, { to: [{ namespaceSelector: {} }] }]'))).toEqual(
      [],
    );
    // Every port, but to the pods of the policy's namespace only: not to DNS.
    expect(one(netpol('app', 'shop', 'egress: [{ ports: [{ protocol: UDP, port: 53 }] }, { to: [{ podSelector: {} }] }]'))).toEqual([
      'spec.egress[0].ports[0] => UDP',
    ]);
  });

  it.each([
    ['the named port dns over TCP', '{ port: dns }'],
    ['TCP port 54', '{ port: 54 }'],
    ['UDP port 53 twice', '{ protocol: UDP, port: 53 }'],
    // Named ports resolve at the destination: CoreDNS names its TCP port dns-tcp.
    ['the TCP named port domain', '{ port: domain }'],
  ])('rejects UDP port 53 with %s', (_, entry) => {
    expect(one(egress(`{ protocol: UDP, port: 53 }, ${entry}`))).toEqual(['spec.egress[0].ports[0] => UDP']);
  });

  it('says nothing when DNS is blocked altogether (dns-egress-blocked reports that)', () => {
    expect(one(egress('{ port: 53 }'))).toEqual([]);
    expect(one(egress('{ port: 5432 }'))).toEqual([]);
  });

  it('says nothing when the pods are not isolated for egress', () => {
    expect(one(netpol('app', 'shop', 'policyTypes: [Ingress]\negress: [{ ports: [{ protocol: UDP, port: 53 }] }]'))).toEqual([]);
  });

  it('the seed manifest, its cidrs blank: DNS over UDP to kube-dns and every port to namespace default, so TCP DNS fails', () => {
    const text = netpol(
      'test-network-policy',
      'default',
      `
      podSelector: { matchLabels: { role: db } }
      policyTypes: [Ingress, Egress]
      ingress:
        - from:
            - ipBlock:
                cidr:
            - namespaceSelector: {}
      egress:
        - to:
            - ipBlock:
                cidr:
          ports: [{ protocol: TCP, port: 5978 }]
        - to: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }, podSelector: { matchLabels: { k8s-app: kube-dns } } }]
          ports: [{ protocol: UDP, port: 53 }]
        - to: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: default } } }]
      `,
    );
    expect(codesIn({ 'a.yaml': text }, 'a.yaml')).toEqual(
      expect.arrayContaining(['ipblock-cidr-required', 'ipblock-cidr-required', 'all-namespaces-peer', ID]),
    );
    expect(one(text)).toEqual(['spec.egress[1].ports[0] => UDP']);
  });

  describe('per workload, when the workspace declares them', () => {
    it('names the workloads that reach DNS over UDP only', () => {
      const workloads = docs(deployment('web', 'shop', { app: 'web' }), deployment('api', 'shop', { app: 'api' }));
      const files = {
        'a.yaml': netpol('app', 'shop', 'podSelector: {}\negress: [{ ports: [{ protocol: UDP, port: 53 }] }]'),
        'w.yaml': workloads,
      };
      expect(lintIn(files, 'a.yaml', ID)[0]?.message).toMatch(/^api and web can reach the cluster DNS/);
      const tcpForWeb = netpol('web', 'shop', 'podSelector: { matchLabels: { app: web } }\negress: [{ ports: [{ port: 53 }] }]');
      expect(lintIn({ ...files, 'b.yaml': tcpForWeb }, 'a.yaml', ID)[0]?.message).toMatch(/^api can reach the cluster DNS/);
    });
  });

  describe('other policies of the namespace that select these pods', () => {
    const app = netpol('app', 'shop', 'podSelector: { matchLabels: { app: web } }\negress: [{ ports: [{ port: 5432 }] }]');
    const dns = (ports: string, subject = '{}') => netpol('allow-dns', 'shop', `podSelector: ${subject}\negress: [{ ports: [${ports}] }]`);

    it('allowing UDP only: reported on this policy’s egress key', () => {
      const files = { 'a.yaml': app, 'dns.yaml': dns('{ protocol: UDP, port: 53 }') };
      expect(reportedIn(files, 'a.yaml', ID)).toEqual(['spec.egress => egress']);
      expect(lintIn(files, 'a.yaml', ID)[0]?.message).toMatch(
        /^Pods this policy selects can reach the cluster DNS .* on UDP port 53 but not on TCP port 53: /,
      );
      expect(reportedIn(files, 'dns.yaml', ID)).toEqual(['spec.egress[0].ports[0] => UDP']);
    });

    it('allowing UDP only, with an egress-deny policy without rules: reported on its Egress entry', () => {
      const deny = netpol('deny', 'shop', 'podSelector: {}\npolicyTypes: [Egress]');
      expect(reportedIn({ 'a.yaml': deny, 'dns.yaml': dns('{ protocol: UDP, port: 53 }') }, 'a.yaml', ID)).toEqual([
        'spec.policyTypes[0] => Egress',
      ]);
    });

    it('allowing TCP while this policy allows UDP', () => {
      const udp = netpol('app', 'shop', 'podSelector: { matchLabels: { app: web } }\negress: [{ ports: [{ protocol: UDP, port: 53 }] }]');
      expect(reportedIn({ 'a.yaml': udp, 'dns.yaml': dns('{ port: 53 }') }, 'a.yaml', ID)).toEqual([]);
    });

    it('allowing both', () => {
      expect(reportedIn({ 'a.yaml': app, 'dns.yaml': dns('{ protocol: UDP, port: 53 }, { port: 53 }') }, 'a.yaml', ID)).toEqual([]);
      expect(one(docs(app, dns('{ protocol: UDP, port: 53 }, { port: 53 }')))).toEqual([]);
    });

    it('but not a policy that selects other pods', () => {
      const files = { 'a.yaml': app, 'dns.yaml': dns('{ protocol: UDP, port: 53 }, { port: 53 }', '{ matchLabels: { app: api } }') };
      expect(reportedIn(files, 'a.yaml', ID)).toEqual([]);
      // (DNS is then blocked altogether for these pods.)
      expect(reportedIn(files, 'a.yaml', 'dns-egress-blocked')).toEqual(['spec.egress => egress']);
    });
  });
});
