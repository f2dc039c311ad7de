import { describe, expect, it } from 'vitest';
import { diagnoseInWorkspace } from '../helpers';
import { docs, lintIn, netpol, reportedIn } from './workspace';

const ID = 'dns-egress-blocked';
const one = (text: string) => reportedIn({ 'a.yaml': text }, 'a.yaml', ID);
const egress = (ports: string) => netpol('app', 'shop', `egress: [{ to: [{ podSelector: {} }], ports: [${ports}] }]`);

describe('dns-egress-blocked', () => {
  it('reports egress rules without DNS on the egress key', () => {
    const text = egress('{ port: 5432 }');
    const [found] = lintIn({ 'a.yaml': text }, 'a.yaml', ID);
    expect(one(text)).toEqual(['spec.egress => egress']);
    expect(found?.severity).toBe(2);
    expect(found?.message).toBe(
      'The pods this policy selects may only send traffic that an egress rule allows, and no egress rule of this policy or of another policy in namespace "shop" that selects them allows UDP port 53: their DNS lookups will fail. ' +
        'Allow DNS with an egress rule to kube-dns in kube-system (namespaceSelector kubernetes.io/metadata.name: kube-system, podSelector k8s-app: kube-dns) on UDP and TCP port 53',
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
    ['the UDP named port domain', '{ protocol: UDP, port: domain }'],
  ])('accepts %s', (_, entry) => {
    expect(one(egress(`{ port: 5432 }, ${entry}`))).toEqual([]);
  });

  it('accepts a rule without ports (every port and protocol) to any destination', () => {
    expect(one(netpol('app', 'shop', 'egress: [{ to: [{ ipBlock: { cidr: 10.0.0.0/8 } }] }]'))).toEqual([]);
    expect(one(netpol('app', 'shop', 'egress: [{}]'))).toEqual([]);
  });

  it.each([
    ['TCP port 53 only', '{ port: 53 }'],
    ['UDP port 54', '{ protocol: UDP, port: 54 }'],
    ['a UDP range that stops before 53', '{ protocol: UDP, port: 1, endPort: 52 }'],
    ['a UDP range that starts after 53', '{ protocol: UDP, port: 54, endPort: 100 }'],
    ['the named port dns over TCP', '{ port: dns }'],
    ['the UDP named port dns-tcp', '{ protocol: UDP, port: dns-tcp }'],
    ['every SCTP port', '{ protocol: SCTP }'],
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

  it('does not lint a policy the API server rejects', () => {
    const text = egress('{ protocol: udp, port: 53 }');
    expect(diagnoseInWorkspace({ 'a.yaml': text }, 'a.yaml', { severities: { [ID]: 'warning' } }).map((d) => d.code)).toEqual([
      'port-protocol',
    ]);
  });

  it('is off unless asked for in tests, and on with all lints', () => {
    const text = egress('{ port: 5432 }');
    expect(diagnoseInWorkspace({ 'a.yaml': text }, 'a.yaml').map((d) => d.code)).toEqual([]);
    expect(diagnoseInWorkspace({ 'a.yaml': text }, 'a.yaml', { lints: true }).map((d) => d.code)).toContain(ID);
  });
});
