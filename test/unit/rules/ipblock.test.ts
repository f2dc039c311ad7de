import { describe, expect, it } from 'vitest';
import { codes, diagnose, policy, reported } from '../helpers';

/** A policy with one ingress peer `{ ipBlock: <ipBlock> }`. */
const block = (ipBlock: string) =>
  policy(`
    ingress:
      - from:
          - ipBlock: ${ipBlock}
  `);

const P = 'spec.ingress[0].from[0].ipBlock';

describe('ipblock-cidr-required', () => {
  it('accepts a cidr', () => {
    expect(codes(block('{ cidr: 10.0.0.0/8 }'))).toEqual([]);
  });

  it('rejects a missing cidr at ipBlock.cidr, pointing at the ipBlock key', () => {
    expect(reported(block('{}'), 'ipblock-cidr-required')).toEqual([`${P}.cidr => ipBlock`]);
    expect(reported(block('{ except: [10.1.0.0/16] }'), 'ipblock-cidr-required')).toEqual([`${P}.cidr => ipBlock`]);
    expect(diagnose(block('{}'))[0]?.message).toMatch(/^Required value/);
  });

  it('rejects an empty or null cidr, pointing at the value or the key', () => {
    expect(reported(block('{ cidr: "" }'), 'ipblock-cidr-required')).toEqual([`${P}.cidr => ""`]);
    expect(reported(block('{ cidr: null }'), 'ipblock-cidr-required')).toEqual([`${P}.cidr => null`]);
    const empty = policy(`
      ingress:
        - from:
            - ipBlock:
                cidr:
    `);
    expect(reported(empty, 'ipblock-cidr-required')).toEqual([`${P}.cidr => cidr`]);
  });

  it('stops there: except is not checked without a cidr', () => {
    expect(codes(block('{ except: [bad, 10.0.0.0/8] }'))).toEqual(['ipblock-cidr-required']);
  });

  it('a cidr of the wrong type is invalid-type only (not Required)', () => {
    expect(codes(block('{ cidr: 10 }'))).toEqual(['invalid-type']);
    expect(codes(block('{ cidr: [10.0.0.0/8] }'))).toEqual(['invalid-type']);
  });

  it('reports in egress too', () => {
    const text = policy(`
      egress:
        - to: [{ ipBlock: { cidr: 0.0.0.0/0 } }]
        - to: [{ podSelector: {} }, { ipBlock: {} }]
    `);
    expect(reported(text, 'ipblock-cidr-required')).toEqual(['spec.egress[1].to[1].ipBlock.cidr => ipBlock']);
  });
});

describe('ipblock-cidr-invalid', () => {
  it.each([
    '10.0.0.0/8',
    '0.0.0.0/0',
    '192.168.1.0/24',
    '203.0.113.7/32',
    '::/0',
    '2001:db8::/32',
    'fd00::/8',
    'FD00:0:0:0::/64',
    '10.0.0.0/32',
    '::1/128',
  ])('accepts the cidr %s', (cidr) => {
    expect(codes(block(`{ cidr: "${cidr}" }`))).toEqual([]);
  });

  it.each([
    '10.0.0.1',
    '10.0.0.0/33',
    '::/129',
    '256.0.0.0/8',
    '10.0.0/8',
    'bad',
    ' 10.0.0.0/8',
    '10.0.0.0/8 ',
    '10.0.0.0/-1',
    'fe80::1%eth0/64',
    '10.0.0.0/8/8',
  ])('rejects the cidr %j on the value', (cidr) => {
    expect(reported(block(`{ cidr: "${cidr}" }`), 'ipblock-cidr-invalid')).toEqual([`${P}.cidr => "${cidr}"`]);
  });

  it('says what a CIDR looks like, and how to write a single address', () => {
    const [d] = diagnose(block('{ cidr: 10.0.0.1 }'));
    expect(d?.message).toContain('must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)');
    expect(d?.message).toContain('10.0.0.1/32');
    expect(diagnose(block('{ cidr: "2001:db8::1" }'))[0]?.message).toContain('2001:db8::1/128');
  });

  it('does not check except when cidr does not parse', () => {
    expect(codes(block('{ cidr: 10.0.0.0/33, except: [bad, 11.0.0.0/8] }'))).toEqual(['ipblock-cidr-invalid']);
  });

  it('rejects each unparsable except entry at its index, skipping it for the subset check', () => {
    const text = block('{ cidr: 10.0.0.0/8, except: [10.1.0.0/16, "", " ", 300.300.300.300/8, 10.2.0.0/16, 10.3.0.0] }');
    expect(reported(text, 'ipblock-cidr-invalid')).toEqual([
      `${P}.except[1] => ""`,
      `${P}.except[2] => " "`,
      `${P}.except[3] => 300.300.300.300/8`,
      `${P}.except[5] => 10.3.0.0`,
    ]);
    expect(codes(text).every((code) => code === 'ipblock-cidr-invalid')).toBe(true);
  });

  it('a null except entry is "" (invalid); a wrong-typed one is invalid-type only', () => {
    expect(reported(block('{ cidr: 10.0.0.0/8, except: [null] }'), 'ipblock-cidr-invalid')).toEqual([`${P}.except[0] => null`]);
    expect(codes(block('{ cidr: 10.0.0.0/8, except: [10] }'))).toEqual(['invalid-type']);
    expect(codes(block('{ cidr: 10.0.0.0/8, except: 10.1.0.0/16 }'))).toEqual(['invalid-type']);
  });
});

describe('ipblock-except-not-subset', () => {
  it.each([
    ['10.0.0.0/8', '10.1.0.0/16'],
    ['10.0.0.0/8', '10.0.0.0/9'], // one bit longer
    ['10.0.0.0/8', '10.255.255.255/32'],
    ['0.0.0.0/0', '10.0.0.0/8'],
    ['::/0', 'fd00::/8'],
    ['2001:db8::/32', '2001:db8:1::/48'],
  ])('accepts except %s strictly inside %s', (cidr, except) => {
    expect(codes(block(`{ cidr: "${cidr}", except: ["${except}"] }`))).toEqual([]);
  });

  it.each([
    ['10.0.0.0/8', '10.0.0.0/8'], // equal
    ['10.0.0.0/16', '10.0.0.0/8'], // larger
    ['10.0.0.0/8', '11.0.0.0/16'], // outside
    ['10.0.0.0/8', '9.0.0.0/8'],
    ['10.0.0.0/8', 'fd00::/16'], // other family
    ['0.0.0.0/0', '::/1'],
    ['::/0', '10.0.0.0/8'],
    ['fd00::/8', 'fd00::/8'],
  ])('rejects except %2$s for cidr %1$s, on the entry', (cidr, except) => {
    expect(reported(block(`{ cidr: "${cidr}", except: ["${except}"] }`), 'ipblock-except-not-subset')).toEqual([
      `${P}.except[0] => "${except}"`,
    ]);
    expect(diagnose(block(`{ cidr: "${cidr}", except: ["${except}"] }`))[0]?.message).toContain('must be a strict subset of `cidr`');
  });

  it('allows overlapping and duplicate except entries', () => {
    expect(codes(block('{ cidr: 10.0.0.0/8, except: [10.1.0.0/16, 10.1.0.0/16, 10.1.2.0/24] }'))).toEqual([]);
  });

  it('compares the networks: a host address in except is masked first', () => {
    // 10.1.2.3/8 is the network 10.0.0.0/8, equal to cidr (and has host bits).
    expect(reported(block('{ cidr: 10.0.0.0/8, except: [10.1.2.3/8] }'), 'ipblock-except-not-subset', { k8s: '1.35' })).toEqual([
      `${P}.except[0] => 10.1.2.3/8`,
    ]);
    // With host bits in cidr (accepted before 1.36), the network is what counts.
    expect(codes(block('{ cidr: 10.9.9.9/8, except: [10.1.0.0/16] }'), { k8s: '1.35' })).toEqual([]);
  });

  it('follows Go for IPv4-mapped IPv6 (1.35: no strict check)', () => {
    // ::ffff:10.0.0.0/104 contains 10.1.0.0, but /104 is not shorter than /16.
    expect(codes(block('{ cidr: "::ffff:10.0.0.0/104", except: [10.1.0.0/16] }'), { k8s: '1.35' })).toEqual(['ipblock-except-not-subset']);
    expect(codes(block('{ cidr: "::ffff:10.0.0.0/104", except: ["::ffff:10.1.0.0/112"] }'), { k8s: '1.35' })).toEqual([]);
    // An IPv4-mapped except inside an IPv4 cidr is contained, and /112 > /8.
    expect(codes(block('{ cidr: 10.0.0.0/8, except: ["::ffff:10.1.0.0/112"] }'), { k8s: '1.35' })).toEqual([]);
  });

  it('checks every entry, reporting the bad ones at their indices', () => {
    const text = block('{ cidr: 192.168.0.0/16, except: [192.168.1.0/24, 192.169.0.0/24, 192.168.0.0/16, 192.168.2.0/24] }');
    expect(reported(text, 'ipblock-except-not-subset')).toEqual([`${P}.except[1] => 192.169.0.0/24`, `${P}.except[2] => 192.168.0.0/16`]);
  });
});

describe('ipblock-cidr-strict (Kubernetes 1.36+)', () => {
  it.each(['10.0.0.0/8', '::/0', 'fd00::/64', 'FD00::/8', '10.0.0.1/32'])('accepts the canonical-enough %s on latest', (cidr) => {
    expect(codes(block(`{ cidr: "${cidr}" }`), { k8s: 'latest' })).toEqual([]);
  });

  it.each([
    ['10.0.0.1/24', 'must not have bits set beyond the prefix length'],
    ['fd00::1/64', 'must not have bits set beyond the prefix length'],
    ['010.0.0.0/8', 'must not have leading 0s in IP or prefix length'],
    ['10.0.0.0/08', 'must not have leading 0s in IP or prefix length'],
    ['::ffff:10.0.0.0/104', 'must not have an IPv4-mapped IPv6 address'],
  ])('rejects %s with 1.36 and latest, accepts it with 1.35', (cidr, detail) => {
    const text = block(`{ cidr: "${cidr}" }`);
    expect(reported(text, 'ipblock-cidr-strict', { k8s: '1.36' })).toEqual([`${P}.cidr => "${cidr}"`]);
    expect(reported(text, 'ipblock-cidr-strict', { k8s: 'latest' })).toEqual([`${P}.cidr => "${cidr}"`]);
    expect(reported(text, 'ipblock-cidr-strict')).toEqual([`${P}.cidr => "${cidr}"`]); // default: latest
    expect(diagnose(text, { k8s: '1.36' })[0]?.message).toContain(detail);
    expect(codes(text, { k8s: '1.35' })).toEqual([]);
    expect(codes(text, { k8s: '1.24' })).toEqual([]);
  });

  it('suggests the network to write instead', () => {
    expect(diagnose(block('{ cidr: 10.0.0.1/24 }'))[0]?.message).toContain('10.0.0.0/24');
    expect(diagnose(block('{ cidr: 010.001.0.0/16 }'))[0]?.message).toContain('Write it as 10.1.0.0/16');
    // Not the IPv4-mapped form again: the IPv4 network it stands for.
    expect(diagnose(block('{ cidr: "::ffff:10.0.0.0/104" }'))[0]?.message).toContain('Write it as 10.0.0.0/8');
  });

  it('checks except entries too, which still take part in the subset check', () => {
    const text = block('{ cidr: 10.0.0.0/8, except: [10.1.0.1/16, 10.0.0.0/8, 010.2.0.0/16] }');
    expect(diagnose(text).map((d) => `${d.code} ${d.path}`)).toEqual([
      `ipblock-cidr-strict ${P}.except[0]`,
      `ipblock-except-not-subset ${P}.except[1]`,
      `ipblock-cidr-strict ${P}.except[2]`,
    ]);
    expect(codes(text, { k8s: '1.35' })).toEqual(['ipblock-except-not-subset']);
  });

  it('checks except entries even when cidr itself has a strict problem', () => {
    expect(reported(block('{ cidr: 10.0.0.1/8, except: [10.1.0.1/16] }'), 'ipblock-cidr-strict')).toEqual([
      `${P}.cidr => 10.0.0.1/8`,
      `${P}.except[0] => 10.1.0.1/16`,
    ]);
  });

  it('is not reported for values that do not parse at all', () => {
    expect(codes(block('{ cidr: 010.0.0.1 }'))).toEqual(['ipblock-cidr-invalid']);
  });
});
