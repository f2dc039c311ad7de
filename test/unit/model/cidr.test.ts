import { describe, expect, it } from 'vitest';
import {
  formatNetwork,
  ipNetContains,
  isCelCidr,
  parseCidrSloppy,
  strictCidrProblem,
  to4,
  type GoIpNet,
} from '../../../server/src/model/cidr';

function parse(cidr: string): GoIpNet {
  const net = parseCidrSloppy(cidr);
  if (!net) throw new Error(`${cidr} does not parse`);
  return net;
}

const bytes = (b: Uint8Array | undefined) => (b ? Array.from(b) : undefined);

describe('parseCidrSloppy (k8s.io/utils/net.ParseCIDRSloppy, Go 1.16 net.ParseCIDR)', () => {
  it.each([
    '10.0.0.0/8',
    '0.0.0.0/0',
    '10.0.0.1/32',
    '255.255.255.255/32',
    '192.168.1.5/24', // an interface address: host bits are fine here
    '010.000.000.000/08', // leading zeros are ignored (decimal, not octal)
    '10.0.0.0/000008',
    '1.2.3.04/32',
    '::/0',
    '::/128',
    '2001:db8::/32',
    'fd00::1/64',
    'FD00::/8',
    'fD00:0:0:0::/64',
    '0:0:0:0:0:0:0:0/128',
    '1:2:3:4:5:6:7:8/128',
    '::1.2.3.4/128',
    '1:2:3:4:5:6:1.2.3.4/128',
    '::ffff:10.0.0.0/104',
    '::ffff:1.2.3.4/128',
    '00000001::/16', // more than 4 hex digits, value still <= 0xffff
    '1::/0',
  ])('accepts %s', (cidr) => {
    expect(parseCidrSloppy(cidr)).toBeDefined();
  });

  it.each([
    '',
    '10.0.0.0',
    '10.0.0.0/',
    '/8',
    '10.0.0.0/33',
    '::/129',
    '256.0.0.0/8',
    '10.0.0/8',
    '10.0.0.0.0/8',
    '10..0.0/8',
    ' 10.0.0.0/8',
    '10.0.0.0/8 ',
    '10.0.0.0 /8',
    '10.0.0.0/ 8',
    '10.0.0.0/-1',
    '10.0.0.0/+8',
    '10.0.0.0/0x8',
    '10.0.0.0/8/8',
    '10.0.0.0/99999999',
    '1::2::3/64',
    '1:2:3:4:5:6:7:8:9/128',
    '1:2:3:4:5:6:7::8/128', // '::' must stand for at least one group
    '1:2:3:4:5:6:7/128',
    ':1::/64',
    '1::/64:',
    '12345::/16', // 0x12345 > 0xffff
    'fe80::1%eth0/64',
    '1.2.3.4::/64',
    '::ffff:1.2.3/104',
    '1:2:3:4:5:6:7:1.2.3.4/128', // no room for the IPv4 part
    'abc/8',
    'localhost/8',
    '１.2.3.4/32',
  ])('rejects %j', (cidr) => {
    expect(parseCidrSloppy(cidr)).toBeUndefined();
  });

  it('keeps the written address and masks the network, 4 bytes for IPv4', () => {
    const net = parse('10.1.2.3/16');
    expect(net.bits).toBe(32);
    expect(net.prefixLength).toBe(16);
    expect(bytes(net.network)).toEqual([10, 1, 0, 0]);
    expect(bytes(net.mask)).toEqual([255, 255, 0, 0]);
    expect(bytes(net.address)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 1, 2, 3]);
  });

  it('reads leading zeros as decimal', () => {
    expect(bytes(parse('010.001.002.003/32').network)).toEqual([10, 1, 2, 3]);
    expect(parse('10.0.0.0/08').prefixLength).toBe(8);
  });

  it('parses IPv6 with 16-byte network and mask', () => {
    const net = parse('2001:db8:ffff::1/36');
    expect(net.bits).toBe(128);
    expect(bytes(net.network)).toEqual([0x20, 0x01, 0x0d, 0xb8, 0xf0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(net.mask).toHaveLength(16);
  });

  it('parses IPv4-mapped IPv6 as IPv6 (128 bits)', () => {
    const net = parse('::ffff:10.0.0.0/104');
    expect(net.bits).toBe(128);
    expect(net.prefixLength).toBe(104);
    expect(bytes(to4(net.network))).toEqual([10, 0, 0, 0]);
  });
});

describe('strictCidrProblem (netip.ParsePrefix, IsValidCIDRForLegacyField strict)', () => {
  it.each([
    '10.0.0.0/8',
    '0.0.0.0/0',
    '10.0.0.1/32',
    '192.168.0.0/16',
    '::/0',
    '::1/128',
    'fd00::/64',
    'FD00::/8', // not canonical, but valid in this legacy field
    'fd00:0:0:0::/64',
    '0001::/16', // 4 hex digits with leading zeros are fine in IPv6
    '::1.2.3.4/128', // IPv4-compatible, not IPv4-mapped
    '2001:db8::/32',
  ])('accepts %s', (cidr) => {
    expect(strictCidrProblem(cidr)).toBeUndefined();
  });

  it.each([
    ['10.0.0.1/24', 'host-bits'],
    ['10.0.0.0/0', 'host-bits'],
    ['192.168.1.1/31', 'host-bits'],
    ['fd00::1/64', 'host-bits'],
    ['2001:db8::/16', 'host-bits'],
    ['010.0.0.0/8', 'leading-zeros'],
    ['10.0.0.00/32', 'leading-zeros'],
    ['10.0.0.0/08', 'leading-zeros'],
    ['::/00', 'leading-zeros'],
    ['00001::/16', 'leading-zeros'], // more than 4 hex digits in a group
    ['010.0.0.1/8', 'leading-zeros'], // the first problem wins
    ['::ffff:10.0.0.0/104', 'ipv4-mapped'],
    ['::ffff:0:0/96', 'ipv4-mapped'],
    ['::ffff:10.0.0.1/104', 'ipv4-mapped'], // mapped is checked before host bits
    ['::ffff:010.0.0.0/104', 'leading-zeros'],
  ])('%s has %s', (cidr, problem) => {
    expect(parseCidrSloppy(cidr)).toBeDefined();
    expect(strictCidrProblem(cidr)).toBe(problem);
  });
});

describe('ipNetContains (Go (*net.IPNet).Contains)', () => {
  const contains = (cidr: string, other: string) => ipNetContains(parse(cidr), parse(other).network);

  it.each([
    ['10.0.0.0/8', '10.1.0.0/16', true],
    ['10.0.0.0/8', '10.0.0.0/8', true],
    ['10.0.0.0/8', '10.255.255.255/32', true],
    ['10.0.0.0/8', '11.0.0.0/16', false],
    ['10.0.0.0/8', '9.255.255.255/32', false],
    ['0.0.0.0/0', '203.0.113.7/32', true],
    ['fd00::/8', 'fd12:3456::/32', true],
    ['fd00::/8', 'fe00::/16', false],
    ['::/0', '2001:db8::/32', true],
  ])('%s contains %s: %s', (cidr, other, expected) => {
    expect(contains(cidr, other)).toBe(expected);
  });

  it('IPv4-mapped addresses count as IPv4 on both sides', () => {
    expect(contains('10.0.0.0/8', '::ffff:10.1.0.0/112')).toBe(true);
    expect(contains('0.0.0.0/0', '::ffff:1.2.3.4/128')).toBe(true);
    // An IPv4-mapped network of /104 is the IPv4 network /8.
    expect(contains('::ffff:10.0.0.0/104', '10.1.0.0/16')).toBe(true);
    expect(contains('::ffff:10.0.0.0/104', '11.0.0.0/16')).toBe(false);
  });

  it('never mixes families otherwise', () => {
    expect(contains('0.0.0.0/0', '::/1')).toBe(false);
    expect(contains('0.0.0.0/0', '2001:db8::/32')).toBe(false);
    expect(contains('::/0', '10.0.0.0/8')).toBe(false);
    // ::/0 does not even contain IPv4-mapped addresses (they compare as 4 bytes).
    expect(contains('::/0', '::ffff:10.0.0.0/104')).toBe(false);
  });
});

describe('formatNetwork', () => {
  it.each([
    ['10.0.0.1/8', '10.0.0.0/8'],
    ['010.001.0.0/16', '10.1.0.0/16'],
    ['192.168.1.130/25', '192.168.1.128/25'],
    ['fd00::1/64', 'fd00::/64'],
    ['FD00:0:0:0::/64', 'fd00::/64'],
    ['2001:0db8:0:0:1:0:0:1/128', '2001:db8::1:0:0:1/128'], // first of two equal zero runs
    ['2001:db8:0:1:1:1:1:1/128', '2001:db8:0:1:1:1:1:1/128'], // a single zero group is not compressed
    ['::/0', '::/0'],
    ['::1/128', '::1/128'],
    // The IPv4 network an IPv4-mapped one stands for (the mapped form is rejected).
    ['::ffff:10.0.0.1/104', '10.0.0.0/8'],
    ['::ffff:1.2.3.4/128', '1.2.3.4/32'],
    ['::ffff:0:0/64', '::/64'],
  ])('%s is %s', (cidr, network) => {
    expect(formatNetwork(parse(cidr))).toBe(network);
  });
});

describe('isCelCidr (the CEL function isCIDR of Kubernetes)', () => {
  it.each([
    '10.0.0.0/8',
    '10.0.0.1/8',
    '192.168.0.0/16',
    '0.0.0.0/0',
    '255.255.255.255/32',
    '::1/128',
    '::/0',
    'fd00::/8',
    '2001:db8::1/64',
  ])('accepts %s (bits beyond the prefix are allowed)', (cidr) => {
    expect(isCelCidr(cidr)).toBe(true);
  });
  it.each([
    ['10.0.0.0/33', 'prefix too long'],
    ['::1/129', 'prefix too long'],
    ['010.0.0.0/8', 'leading zero in the address'],
    ['10.0.0.0/08', 'leading zero in the prefix length'],
    ['10.0.0.0/+8', 'sign in the prefix length'],
    ['10.0.0.0', 'no prefix length'],
    ['::ffff:10.0.0.0/104', 'IPv4-mapped IPv6'],
    ['::ffff:a00:0/104', 'IPv4-mapped IPv6 in hex'],
    ['fe80::1%eth0/64', 'a zone'],
    ['10.0.0/8', 'three octets'],
    ['', 'empty'],
  ])('rejects %s (%s)', (cidr) => {
    expect(isCelCidr(cidr)).toBe(false);
  });
});
