import { describe, expect, it } from 'vitest';
import { codes, policy } from '../helpers';
import { details, messages, only, where } from './policyScope';

const ID = 'allow-all-sources';
const HINT =
  'List the allowed sources under `from`; if every source is really meant (a public service), suppress this warning with `# netpol-disable-next-line allow-all-sources`';

const ingress = (rules: string) => policy(`policyTypes: [Ingress]\ningress: [${rules}]`);
const cidr = (value: string, rest = '') => ingress(`{ from: [{ ipBlock: { cidr: "${value}"${rest} } }], ports: [{ port: 443 }] }`);

describe('allow-all-sources', () => {
  it('reports `- {}` on the rule', () => {
    const text = policy(`
      ingress:
        - {}
    `);
    expect(where(ID, text)).toEqual(['spec.ingress[0] => {}']);
    expect(messages(ID, text)).toEqual([
      `This rule is empty (\`{}\`): it admits traffic from every source, including outside the cluster, on all ports and protocols. ${HINT}`,
    ]);
    expect(details(ID, text)).toEqual([{ rule: 0 }]);
  });

  it('reports a rule without `from`, with its ports', () => {
    const text = policy(`
      policyTypes: [Ingress]
      ingress:
        - from:
            - podSelector: {}
        - ports:
            - port: 80
    `);
    expect(where(ID, text)).toEqual(['spec.ingress[1] => ports:\n        - port: 80\n']);
    expect(messages(ID, text)).toEqual([
      `This rule has no \`from\`: it admits traffic from every source, including outside the cluster, on TCP 80. ${HINT}`,
    ]);
    expect(details(ID, text)).toEqual([{ rule: 1 }]);
  });

  it('reports `from: []`, and a rule with only `ports: []`', () => {
    expect(where(ID, ingress('{ from: [], ports: [{ protocol: UDP, port: 53 }, { protocol: TCP }] }'))).toEqual([
      'spec.ingress[0] => { from: [], ports: [{ protocol: UDP, port: 53 }, { protocol: TCP }] }',
    ]);
    expect(messages(ID, ingress('{ from: [], ports: [{ protocol: UDP, port: 53 }, { protocol: TCP }] }'))[0]).toMatch(
      /^This rule's `from` is empty: it admits traffic from every source, including outside the cluster, on UDP 53 and all TCP ports\. /,
    );
    expect(messages(ID, ingress('{ ports: [] }'))[0]).toMatch(/^This rule has no `from`: .* on all ports and protocols\. /);
  });

  it('reports an ipBlock of 0.0.0.0/0 on its cidr', () => {
    const text = cidr('0.0.0.0/0');
    expect(where(ID, text)).toEqual(['spec.ingress[0].from[0].ipBlock.cidr => "0.0.0.0/0"']);
    expect(messages(ID, text)).toEqual([
      'ipBlock 0.0.0.0/0 is every IPv4 address: it admits traffic from every IPv4 source, including outside the cluster, on TCP 443. ' +
        'Narrow the cidr to the addresses that need access, or select pods with podSelector/namespaceSelector; ' +
        'if every source is really meant (a public service), suppress this warning with `# netpol-disable-next-line allow-all-sources`',
    ]);
    expect(details(ID, text)).toEqual([{ rule: 0, peer: 0, cidr: '0.0.0.0/0' }]);
  });

  it('reports ::/0, any prefix length 0, and mentions except entries', () => {
    expect(messages(ID, cidr('::/0'))[0]).toMatch(/^ipBlock ::\/0 is every IPv6 address: it admits traffic from every IPv6 source, /);
    // Accepted before Kubernetes 1.36 (legacy CIDR parsing).
    expect(where(ID, cidr('10.1.2.3/0'), { k8s: '1.35' })).toEqual(['spec.ingress[0].from[0].ipBlock.cidr => "10.1.2.3/0"']);
    expect(messages(ID, cidr('::ffff:0.0.0.0/96'), { k8s: '1.35' })[0]).toMatch(/is every IPv4 address/);
    expect(messages(ID, cidr('0.0.0.0/0', ', except: [10.0.0.0/8, 192.168.0.0/16]'))[0]).toContain(
      'from every IPv4 source except 10.0.0.0/8, 192.168.0.0/16, including outside the cluster, on TCP 443.',
    );
  });

  it('reports each such ipBlock of a rule', () => {
    const text = ingress('{ from: [{ ipBlock: { cidr: 0.0.0.0/0 } }, { podSelector: {} }, { ipBlock: { cidr: "::/0" } }] }');
    expect(where(ID, text)).toEqual([
      'spec.ingress[0].from[0].ipBlock.cidr => 0.0.0.0/0',
      'spec.ingress[0].from[2].ipBlock.cidr => "::/0"',
    ]);
    expect(messages(ID, text)[0]).toContain('on all ports and protocols.');
  });

  it.each([
    ['a rule with a peer', '{ from: [{ podSelector: {} }] }'],
    ['an ipBlock of 0.0.0.0/1', '{ from: [{ ipBlock: { cidr: 0.0.0.0/1 } }] }'],
    ['an ipBlock of ::/1', '{ from: [{ ipBlock: { cidr: "::/1" } }] }'],
    ['a namespaceSelector of every namespace (all-namespaces-peer)', '{ from: [{ namespaceSelector: {} }] }'],
  ])('accepts %s', (_name, rule) => {
    expect(codes(ingress(rule), only(ID))).toEqual([]);
  });

  it('accepts `ingress: []` (deny all)', () => {
    expect(codes(policy('policyTypes: [Ingress]\ningress: []'), only(ID))).toEqual([]);
  });

  it('checks only ingress rules', () => {
    expect(codes(policy('policyTypes: [Egress]\negress: [{}, { to: [{ ipBlock: { cidr: 0.0.0.0/0 } }] }]'), only(ID))).toEqual([]);
  });

  it('checks ingress rules only when the policy enforces Ingress', () => {
    expect(codes(policy('policyTypes: [Egress]\ningress: [{}]'), only(ID))).toEqual([]);
    expect(where(ID, policy('ingress: [{}]'))).toEqual(['spec.ingress[0] => {}']); // computed policyTypes: Ingress always
  });

  it('runs on the readable rest of a policy the API server rejects, where it surely admits every source', () => {
    expect(codes(policy('ingress: [{}, { ports: [{ port: [] }] }]'), only(ID))).toEqual([ID, 'invalid-type']);
    // The readable peer next to one with an error.
    expect(codes(policy('ingress: [{ from: [{ ipBlock: { cidr: 0.0.0.0/0 } }, { ipBlock: {} }] }]'), only(ID))).toEqual([
      ID,
      'ipblock-cidr-required',
    ]);
    // Ports that cannot be read: what the rule admits is unknown.
    expect(codes(policy('ingress: [{ ports: [{ port: [] }] }]'), only(ID))).toEqual(['invalid-type']);
  });
});
