import { describe, expect, it } from 'vitest';
import { DEFAULT_CLUSTER } from '../../../server/src/model/cluster';
import { codes, policy } from '../helpers';
import { details, messages, only, where } from './policyScope';

const ID = 'ipblock-pod-ip';
const CLUSTER = {
  cluster: { ...DEFAULT_CLUSTER, podCIDRs: ['10.244.0.0/16', 'fd00:10:244::/56'], serviceCIDRs: ['10.96.0.0/12', 'fd00:10:96::/112'] },
};

const from = (cidr: string, rest = '') =>
  policy(`policyTypes: [Ingress]\ningress: [{ from: [{ podSelector: {} }, { ipBlock: { cidr: "${cidr}"${rest} } }] }]`);

describe('ipblock-pod-ip', () => {
  it('reports a single IPv4 address on the cidr', () => {
    const text = policy(`
      policyTypes: [Egress]
      egress:
        - to:
            - ipBlock:
                cidr: 10.1.2.3/32
    `);
    expect(where(ID, text)).toEqual(['spec.egress[0].to[0].ipBlock.cidr => 10.1.2.3/32']);
    expect(messages(ID, text)).toEqual([
      "ipBlock 10.1.2.3/32 is a single address: if it is a pod's IP, it changes whenever the pod is recreated. " +
        'For a pod, select it with podSelector/namespaceSelector instead; for a fixed address outside the cluster, suppress this warning with `# netpol-disable-next-line ipblock-pod-ip`',
    ]);
    expect(details(ID, text)).toEqual([{ cidr: '10.1.2.3/32' }]);
  });

  it('reports a single IPv6 address', () => {
    expect(where(ID, from('2001:db8::1/128'))).toEqual(['spec.ingress[0].from[1].ipBlock.cidr => "2001:db8::1/128"']);
  });

  it.each(['10.1.2.2/31', '2001:db8::/127', '0.0.0.0/0'])('accepts %s without cluster CIDRs', (cidr) => {
    expect(codes(from(cidr), only(ID))).toEqual([]);
  });

  it('reports a block inside a pod CIDR of the settings', () => {
    const text = from('10.244.1.0/24');
    expect(where(ID, text, CLUSTER)).toEqual(['spec.ingress[0].from[1].ipBlock.cidr => "10.244.1.0/24"']);
    expect(messages(ID, text, CLUSTER)).toEqual([
      'ipBlock 10.244.1.0/24 is inside the pod CIDR 10.244.0.0/16: pod IPs change whenever pods are recreated, ' +
        'and whether an ipBlock matches traffic of pods at all depends on the network plugin. Select the pods with podSelector/namespaceSelector instead',
    ]);
    expect(details(ID, text, CLUSTER)).toEqual([{ cidr: '10.244.1.0/24', podCIDR: '10.244.0.0/16' }]);
  });

  it('reports a block inside a Service CIDR of the settings', () => {
    const text = from('10.96.0.10/32');
    expect(messages(ID, text, CLUSTER)).toEqual([
      'ipBlock 10.96.0.10/32 is inside the Service CIDR 10.96.0.0/12: Service IPs are usually translated to pod IPs before network policies are applied, ' +
        'so whether this ipBlock ever matches depends on the network plugin. Select the pods behind the Service with podSelector/namespaceSelector instead',
    ]);
    expect(details(ID, text, CLUSTER)).toEqual([{ cidr: '10.96.0.10/32', serviceCIDR: '10.96.0.0/12' }]);
  });

  it('the pod CIDR itself counts as inside; one report per cidr, the pod CIDR first', () => {
    expect(where(ID, from('10.244.0.0/16'), CLUSTER)).toEqual(['spec.ingress[0].from[1].ipBlock.cidr => "10.244.0.0/16"']);
    expect(messages(ID, from('10.244.7.7/32'), CLUSTER)).toHaveLength(1);
    expect(messages(ID, from('10.244.7.7/32'), CLUSTER)[0]).toContain('inside the pod CIDR 10.244.0.0/16');
  });

  it('compares within an address family, IPv4-mapped IPv6 as IPv4', () => {
    expect(messages(ID, from('fd00:10:244:1::/64'), CLUSTER)[0]).toContain('inside the pod CIDR fd00:10:244::/56');
    expect(messages(ID, from('fd00:10:96::a/128'), CLUSTER)[0]).toContain('inside the Service CIDR fd00:10:96::/112');
    // Accepted before Kubernetes 1.36 (legacy CIDR parsing).
    expect(messages(ID, from('::ffff:10.244.1.0/120'), { ...CLUSTER, k8s: '1.35' })[0]).toContain('inside the pod CIDR 10.244.0.0/16');
  });

  it.each([
    ['a block around the pod CIDR', '10.0.0.0/8'],
    ['an overlapping block', '10.244.0.0/15'],
    ['a block next to it', '10.245.0.0/24'],
    ['an IPv6 block outside', 'fd00:10:245::/64'],
  ])('accepts %s', (_name, cidr) => {
    expect(codes(from(cidr), only(ID, CLUSTER))).toEqual([]);
  });

  it('with CIDRs of its family configured, a single address outside them is a fixed external address', () => {
    // Just outside the pod CIDR 10.244.0.0/16 and the Service CIDR 10.96.0.0/12, on both sides.
    for (const cidr of ['10.243.255.255/32', '10.245.0.0/32', '10.95.255.255/32', '10.112.0.0/32', '203.0.113.7/32']) {
      expect(codes(from(cidr), only(ID, CLUSTER))).toEqual([]);
    }
    // Just inside them: reported as inside the CIDR.
    expect(messages(ID, from('10.244.0.0/32'), CLUSTER)[0]).toContain('inside the pod CIDR 10.244.0.0/16');
    expect(messages(ID, from('10.244.255.255/32'), CLUSTER)[0]).toContain('inside the pod CIDR 10.244.0.0/16');
    expect(messages(ID, from('10.96.0.0/32'), CLUSTER)[0]).toContain('inside the Service CIDR 10.96.0.0/12');
    expect(messages(ID, from('10.111.255.255/32'), CLUSTER)[0]).toContain('inside the Service CIDR 10.96.0.0/12');
    expect(codes(from('2001:db8::1/128'), only(ID, CLUSTER))).toEqual([]);
    expect(messages(ID, from('fd00:10:244::1/128'), CLUSTER)[0]).toContain('inside the pod CIDR fd00:10:244::/56');
  });

  it('one configured CIDR of the family is enough; a family without any keeps the single-address warning', () => {
    const podsOnly = { cluster: { ...DEFAULT_CLUSTER, podCIDRs: ['10.244.0.0/16'] } };
    const servicesOnly = { cluster: { ...DEFAULT_CLUSTER, serviceCIDRs: ['10.96.0.0/12'] } };
    expect(codes(from('203.0.113.7/32'), only(ID, podsOnly))).toEqual([]);
    expect(codes(from('203.0.113.7/32'), only(ID, servicesOnly))).toEqual([]);
    expect(details(ID, from('2001:db8::1/128'), podsOnly)).toEqual([{ cidr: '2001:db8::1/128' }]);
    // A setting that is no CIDR tells nothing about the cluster's addresses.
    const broken = { cluster: { ...DEFAULT_CLUSTER, podCIDRs: ['nonsense'] } };
    expect(details(ID, from('203.0.113.7/32'), broken)).toEqual([{ cidr: '203.0.113.7/32' }]);
  });

  it('ignores except entries and settings that are not CIDRs', () => {
    expect(codes(from('192.168.0.0/16', ', except: [192.168.1.1/32]'), only(ID))).toEqual([]);
    const broken = { cluster: { ...DEFAULT_CLUSTER, podCIDRs: ['10.244.0.0'], serviceCIDRs: ['nonsense'] } };
    expect(codes(from('10.244.1.0/24'), only(ID, broken))).toEqual([]);
  });

  it('does not check rules that policyTypes leaves out', () => {
    expect(codes(policy('policyTypes: [Ingress]\negress: [{ to: [{ ipBlock: { cidr: 10.1.2.3/32 } }] }]'), only(ID))).toEqual([]);
  });
});
