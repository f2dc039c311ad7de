import { describe, expect, it } from 'vitest';
import { deployment, detailsIn, docs, lintIn, namespace, netpol, reportedIn } from './workspace';

const ID = 'named-port-not-exposed';
const one = (text: string) => reportedIn({ 'a.yaml': text }, 'a.yaml', ID);
const message = (text: string) => lintIn({ 'a.yaml': text }, 'a.yaml', ID).map((d) => d.message);
const web = deployment('web', 'shop', { app: 'web' }, ['http/8080', 'metrics/9090']);
const dns = deployment('coredns', 'kube-system', { 'k8s-app': 'kube-dns' }, ['dns/53/UDP', 'dns-tcp/53/TCP']);
const ingress = (ports: string, subject = '{ matchLabels: { app: web } }') =>
  netpol('p', 'shop', `podSelector: ${subject}\ningress: [{ ports: [${ports}] }]`);

describe('named-port-not-exposed: ingress', () => {
  it('reports a named port that the selected pods do not declare, on the port, listing theirs', () => {
    const text = docs(web, ingress('{ port: 8080 }, { port: web }'));
    const [found] = lintIn({ 'a.yaml': text }, 'a.yaml', ID);
    expect(one(text)).toEqual(['spec.ingress[0].ports[1].port => web']);
    expect(found?.severity).toBe(2);
    expect(found?.message).toBe(
      'No container of the pods this policy selects declares a TCP port named "web" (they declare "http" (TCP), "metrics" (TCP)): this entry allows no connection to them',
    );
    expect(detailsIn({ 'a.yaml': text }, 'a.yaml', ID)).toEqual([
      {
        port: 'web',
        protocol: 'TCP',
        declared: [
          { name: 'http', protocol: 'TCP' },
          { name: 'metrics', protocol: 'TCP' },
        ],
      },
    ]);
  });

  it('accepts a port name that one of the selected workloads declares', () => {
    expect(one(docs(web, ingress('{ port: http }')))).toEqual([]);
    expect(one(docs(web, deployment('api', 'shop', { app: 'web' }, ['grpc/9000']), ingress('{ port: grpc }, { port: http }')))).toEqual([]);
  });

  it('needs the protocol to match', () => {
    expect(one(docs(web, ingress('{ port: http, protocol: UDP }')))).toEqual(['spec.ingress[0].ports[0].port => http']);
    expect(message(docs(dns, netpol('p', 'kube-system', 'ingress: [{ ports: [{ port: dns }] }]')))).toEqual([
      'No container of the pods this policy selects declares a TCP port named "dns" (they declare "dns" (UDP), "dns-tcp" (TCP)): this entry allows no connection to them',
    ]);
  });

  it('says so when the pods declare no named port', () => {
    const text = docs(deployment('web', 'shop', { app: 'web' }, ['/8080']), ingress('{ port: http }'));
    expect(message(text)).toEqual([
      'No container of the pods this policy selects declares a TCP port named "http" (they declare no named port): this entry allows no connection to them',
    ]);
  });

  it('only looks at the workloads the policy selects', () => {
    expect(one(docs(web, deployment('api', 'shop', { app: 'api' }, ['grpc/9000']), ingress('{ port: grpc }')))).toEqual([
      'spec.ingress[0].ports[0].port => grpc',
    ]);
    expect(one(docs(web, deployment('api', 'shop', { app: 'api' }, ['grpc/9000']), ingress('{ port: grpc }', '{}')))).toEqual([]);
  });

  it('says nothing when the workspace declares none of the selected workloads', () => {
    expect(one(ingress('{ port: web }'))).toEqual([]);
    expect(one(docs(web, ingress('{ port: web }', '{ matchLabels: { app: api } }')))).toEqual([]);
    expect(one(docs(deployment('web', 'other', { app: 'web' }), ingress('{ port: web }')))).toEqual([]);
  });

  it('finds the workloads in the other files', () => {
    expect(reportedIn({ 'apps.yaml': web, 'a.yaml': ingress('{ port: htp }') }, 'a.yaml', ID)).toEqual([
      'spec.ingress[0].ports[0].port => htp',
    ]);
    expect(reportedIn({ 'apps.yaml': web, 'a.yaml': ingress('{ port: http }') }, 'a.yaml', ID)).toEqual([]);
  });
});

describe('named-port-not-exposed: egress', () => {
  const egress = (to: string, ports: string) => netpol('p', 'shop', `podSelector: {}\negress: [{ to: [${to}], ports: [${ports}] }]`);
  const toDns =
    '{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }, podSelector: { matchLabels: { k8s-app: kube-dns } } }';

  it('checks the workloads that the rule’s pod peers select', () => {
    expect(one(docs(dns, egress(toDns, '{ port: dns, protocol: UDP }, { port: dns-tcp }')))).toEqual([]);
    const text = docs(dns, egress(toDns, '{ port: dns, protocol: UDP }, { port: dns }'));
    expect(one(text)).toEqual(['spec.egress[0].ports[1].port => dns']);
    expect(message(text)).toEqual([
      `No container of the pods this rule's peers select declares a TCP port named "dns" (they declare "dns" (UDP), "dns-tcp" (TCP)): this entry allows no connection to them`,
    ]);
  });

  it('with podSelector alone, in the policy’s namespace', () => {
    expect(one(docs(web, egress('{ podSelector: { matchLabels: { app: web } } }', '{ port: metric }')))).toEqual([
      'spec.egress[0].ports[0].port => metric',
    ]);
    expect(one(docs(web, egress('{ podSelector: { matchLabels: { app: web } } }', '{ port: metrics }')))).toEqual([]);
  });

  it('with namespaceSelector alone, every workload of the selected namespaces (declared Namespaces by their labels)', () => {
    const text = (ports: string) =>
      docs(namespace('kube-system', { tier: 'infra' }), dns, egress('{ namespaceSelector: { matchLabels: { tier: infra } } }', ports));
    expect(one(text('{ port: dns, protocol: UDP }'))).toEqual([]);
    expect(one(text('{ port: domain, protocol: UDP }'))).toEqual(['spec.egress[0].ports[0].port => domain']);
  });

  it('unions the workloads of several peers', () => {
    expect(
      one(docs(web, dns, egress(`${toDns}, { podSelector: { matchLabels: { app: web } } }`, '{ port: http }, { port: dns-tcp }'))),
    ).toEqual([]);
  });

  it('skips rules to any destination, and ipBlock peers', () => {
    expect(one(docs(web, netpol('p', 'shop', 'egress: [{ ports: [{ port: nope }] }]')))).toEqual([]);
    expect(one(docs(web, egress('{ ipBlock: { cidr: 10.0.0.0/8 } }', '{ port: nope }')))).toEqual([]);
    expect(one(docs(web, egress('{ ipBlock: { cidr: 10.0.0.0/8 } }, { podSelector: {} }', '{ port: nope }')))).toEqual([
      'spec.egress[0].ports[0].port => nope',
    ]);
  });

  it('says nothing when the peers select no declared workload', () => {
    expect(one(docs(web, egress('{ podSelector: { matchLabels: { app: db } } }', '{ port: nope }')))).toEqual([]);
  });

  it('ignores numeric ports and rules without ports', () => {
    expect(one(docs(web, egress('{ podSelector: {} }', '{ port: 8081 }')))).toEqual([]);
    expect(one(docs(web, netpol('p', 'shop', 'podSelector: {}\negress: [{ to: [{ podSelector: {} }] }]\ningress: [{}]')))).toEqual([]);
  });
});
