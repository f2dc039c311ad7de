import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidrRange, ipBlockRanges, parseAddressOrCidr, rangeToCidrs } from '../../../../server/src/model/connectivity/addresses';
import { allowedCidrs, partition } from '../../../../server/src/model/connectivity/external';
import {
  ALL_PORTS,
  intersectRanges,
  isAllPorts,
  portEntries,
  portRange,
  portsInclude,
  subtractPorts,
  unionPorts,
  unionRanges,
} from '../../../../server/src/model/connectivity/ports';

/** Port sets and address ranges, the building blocks of connectivity. */

describe('port ranges', () => {
  it('merges overlapping and adjacent ranges, and intersects them', () => {
    expect(unionRanges([1, 5, 10, 12], [6, 8])).toEqual([1, 8, 10, 12]);
    expect(unionRanges([1, 5], [3, 9])).toEqual([1, 9]);
    expect(unionRanges([10, 20], [1, 2])).toEqual([1, 2, 10, 20]);
    expect(intersectRanges([1, 5, 10, 20], [4, 12])).toEqual([4, 5, 10, 12]);
    expect(intersectRanges([1, 5], [6, 9])).toEqual([]);
  });

  it('subtracts: a port is in a - b when it is in a and not in b', () => {
    const tcp = (...ranges: [number, number][]) =>
      ranges.reduce((out, [lo, hi]) => unionPorts(out, portRange('TCP', lo, hi)), portRange('UDP', 53));
    expect(subtractPorts(tcp([1, 100]), tcp([10, 20], [50, 60])).TCP).toEqual([1, 9, 21, 49, 61, 100]);
    expect(subtractPorts(tcp([1, 100]), tcp([10, 20])).UDP).toEqual([]);
    expect(subtractPorts(ALL_PORTS, tcp([1, 65535])).TCP).toEqual([]);
    expect(subtractPorts(ALL_PORTS, portRange('TCP', 80)).TCP).toEqual([1, 79, 81, 65535]);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 5 }))),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 5 }))),
        (xs, ys) => {
          const set = (items: [number, number][]) =>
            items.reduce((out, [lo, n]) => unionPorts(out, portRange('TCP', lo, lo + n)), portRange('SCTP', 7));
          const [a, b] = [set(xs), set(ys)];
          const difference = subtractPorts(a, b);
          for (let port = 1; port <= 50; port++)
            expect(portsInclude(difference, 'TCP', port)).toBe(portsInclude(a, 'TCP', port) && !portsInclude(b, 'TCP', port));
        },
      ),
    );
  });

  it('clamps to 1-65535; every port of every protocol is "all"', () => {
    expect(portRange('TCP', 0, 70000).TCP).toEqual([1, 65535]);
    expect(portRange('TCP', 9, 3).TCP).toEqual([]);
    expect(isAllPorts(unionPorts(unionPorts(portRange('TCP', 1, 65535), portRange('UDP', 1, 65535)), portRange('SCTP', 1, 65535)))).toBe(
      true,
    );
    expect(isAllPorts(portRange('TCP', 1, 65535))).toBe(false);
    expect(portEntries(unionPorts(portRange('UDP', 53), portRange('TCP', 80, 90)))).toEqual([
      { protocol: 'TCP', port: 80, endPort: 90 },
      { protocol: 'UDP', port: 53 },
    ]);
    expect(isAllPorts(ALL_PORTS)).toBe(true);
  });
});

describe('address ranges', () => {
  it('reads CIDRs as the API server does (leading zeros, IPv4-mapped IPv6 as IPv4, host bits ignored)', () => {
    expect(cidrRange('010.0.0.0/8')).toEqual({ family: 4, lo: 0x0a000000n, hi: 0x0affffffn });
    expect(cidrRange('::ffff:10.0.0.0/104')).toEqual(cidrRange('10.0.0.0/8'));
    expect(cidrRange('10.1.2.3/8')).toEqual(cidrRange('10.0.0.0/8'));
    expect(cidrRange('::/0')).toMatchObject({ family: 6, lo: 0n });
    expect(cidrRange('10.0.0.0')).toBeUndefined();
    expect(parseAddressOrCidr('10.0.0.1')).toEqual(cidrRange('10.0.0.1/32'));
    expect(parseAddressOrCidr('2001:db8::1')).toEqual(cidrRange('2001:db8::1/128'));
    expect(parseAddressOrCidr('nonsense')).toBeUndefined();
  });

  it('cuts excepts out of a block, and writes ranges back as the fewest CIDRs', () => {
    const ranges = ipBlockRanges('10.0.0.0/8', ['10.128.0.0/9', '10.0.0.0/16', '192.168.0.0/16', 'bad']);
    expect(ranges.flatMap(rangeToCidrs)).toEqual([
      '10.1.0.0/16',
      '10.2.0.0/15',
      '10.4.0.0/14',
      '10.8.0.0/13',
      '10.16.0.0/12',
      '10.32.0.0/11',
      '10.64.0.0/10',
    ]);
    expect(ipBlockRanges('2001:db8::/32', ['2001:db8::/33']).flatMap(rangeToCidrs)).toEqual(['2001:db8:8000::/33']);
    expect(ipBlockRanges('bad', [])).toEqual([]);
    expect(rangeToCidrs({ family: 4, lo: 1n, hi: 6n })).toEqual(['0.0.0.1/32', '0.0.0.2/31', '0.0.0.4/31', '0.0.0.6/32']);
  });

  it('writes any range back as CIDRs that tile it exactly, each as large as alignment allows', () => {
    const bound = (family: 4 | 6) =>
      family === 4 ? fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }) : fc.bigInt({ min: 0n, max: (1n << 128n) - 1n });
    const range = fc
      .constantFrom<4 | 6>(4, 6)
      .chain((family) => fc.tuple(fc.constant(family), bound(family), bound(family)))
      .map(([family, a, b]) => ({ family, lo: a < b ? a : b, hi: a < b ? b : a }));
    fc.assert(
      fc.property(range, (r) => {
        const blocks = rangeToCidrs(r).map((cidr) => cidrRange(cidr)!);
        expect(blocks[0]!.lo).toBe(r.lo);
        expect(blocks[blocks.length - 1]!.hi).toBe(r.hi);
        blocks.forEach((block, i) => {
          if (i > 0) expect(block.lo).toBe(blocks[i - 1]!.hi + 1n);
          // Not mergeable with the next one into one aligned block.
          const next = blocks[i + 1];
          if (next && next.hi - next.lo === block.hi - block.lo) expect((block.lo / (block.hi - block.lo + 1n)) % 2n).toBe(1n);
        });
        expect(blocks.length).toBeLessThanOrEqual(2 * (r.family === 4 ? 32 : 128));
      }),
    );
  });

  it('partitions both address spaces by the ports granted, merging equal neighbours', () => {
    const segments = partition([
      { ranges: [cidrRange('10.0.0.0/9')!, cidrRange('10.128.0.0/9')!], ports: portRange('TCP', 80) },
      { ranges: [cidrRange('10.0.0.0/16')!], ports: portRange('TCP', 443) },
    ]);
    expect(
      allowedCidrs(segments).map(
        ({ cidr, ports }) =>
          `${cidr} ${portEntries(ports)
            .map((p) => p.port)
            .join('+')}`,
      ),
    ).toEqual([
      '10.0.0.0/16 80+443',
      '10.1.0.0/16 80',
      '10.2.0.0/15 80',
      '10.4.0.0/14 80',
      '10.8.0.0/13 80',
      '10.16.0.0/12 80',
      '10.32.0.0/11 80',
      '10.64.0.0/10 80',
      '10.128.0.0/9 80',
    ]);
    // The partition covers each family without a gap.
    expect(segments.filter((s) => s.range.family === 6)).toHaveLength(1);
  });
});
