import { EVERY_ADDRESS, familyMax, rangeToCidrs, type AddressRange, type Family } from './addresses';
import { NO_PORTS, isNoPorts, samePorts, unionPorts, type ProtocolPorts } from './ports';

/**
 * What a workload allows to or from addresses outside the cluster: the address space of each
 * family cut into ranges over which the allowed ports are the same.
 */

/** Addresses that some rule allows on some ports. */
export interface AddressGrant {
  readonly ranges: readonly AddressRange[];
  readonly ports: ProtocolPorts;
}

/** A range with what it is allowed; segments of a partition cover their family with no gap. */
export interface AddressSegment {
  readonly range: AddressRange;
  readonly ports: ProtocolPorts;
}

/** Every address allowed on every port and protocol: a workload no policy isolates. */
export function openPartition(ports: ProtocolPorts): AddressSegment[] {
  return EVERY_ADDRESS.map((range) => ({ range, ports }));
}

/** The partition of both address spaces by the union of the grants. */
export function partition(grants: readonly AddressGrant[]): AddressSegment[] {
  return ([4, 6] as const).flatMap((family) => partitionFamily(family, grants));
}

function partitionFamily(family: Family, grants: readonly AddressGrant[]): AddressSegment[] {
  const max = familyMax(family);
  // Cut points: where a granted range starts or ends (the address after its last one).
  const cuts = new Set<bigint>([0n]);
  const ranges: { range: AddressRange; ports: ProtocolPorts }[] = [];
  for (const grant of grants) {
    if (isNoPorts(grant.ports)) continue;
    for (const range of grant.ranges) {
      if (range.family !== family) continue;
      ranges.push({ range, ports: grant.ports });
      cuts.add(range.lo);
      if (range.hi < max) cuts.add(range.hi + 1n);
    }
  }
  const starts = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: AddressSegment[] = [];
  for (let i = 0; i < starts.length; i++) {
    const lo = starts[i]!;
    const hi = i + 1 < starts.length ? starts[i + 1]! - 1n : max;
    let ports = NO_PORTS;
    for (const granted of ranges) if (granted.range.lo <= lo && hi <= granted.range.hi) ports = unionPorts(ports, granted.ports);
    const last = out[out.length - 1];
    // Neighbours allowed the same ports are one segment.
    if (last && samePorts(last.ports, ports)) out[out.length - 1] = { range: { family, lo: last.range.lo, hi }, ports };
    else out.push({ range: { family, lo, hi }, ports });
  }
  return out;
}

/** The allowed segments as CIDRs, each with its ports, in address order (IPv4 first). */
export function allowedCidrs(segments: readonly AddressSegment[]): { cidr: string; ports: ProtocolPorts }[] {
  return segments.flatMap((segment) =>
    isNoPorts(segment.ports) ? [] : rangeToCidrs(segment.range).map((cidr) => ({ cidr, ports: segment.ports })),
  );
}

/** A partition cut again wherever one of `ranges` starts or ends (each piece keeps its segment's ports). */
export function refine(segments: readonly AddressSegment[], ranges: readonly AddressRange[]): AddressSegment[] {
  const out: AddressSegment[] = [];
  for (const segment of segments) {
    const { family, lo, hi } = segment.range;
    const cuts = new Set<bigint>([lo]);
    for (const range of ranges) {
      if (range.family !== family) continue;
      if (range.lo > lo && range.lo <= hi) cuts.add(range.lo);
      if (range.hi >= lo && range.hi < hi) cuts.add(range.hi + 1n);
    }
    const starts = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    starts.forEach((start, i) =>
      out.push({ range: { family, lo: start, hi: i + 1 < starts.length ? starts[i + 1]! - 1n : hi }, ports: segment.ports }),
    );
  }
  return out;
}

/** Neighbouring segments of a family allowed the same ports, as one. */
export function merge(segments: readonly AddressSegment[]): AddressSegment[] {
  const out: AddressSegment[] = [];
  for (const segment of segments) {
    const last = out[out.length - 1];
    if (
      last &&
      last.range.family === segment.range.family &&
      last.range.hi + 1n === segment.range.lo &&
      samePorts(last.ports, segment.ports)
    )
      out[out.length - 1] = { range: { family: last.range.family, lo: last.range.lo, hi: segment.range.hi }, ports: segment.ports };
    else out.push(segment);
  }
  return out;
}
