import type { Protocol } from '../semantics';
import { PROTOCOLS } from '../vocabulary';

/**
 * Sets of ports per protocol, as sorted disjoint inclusive ranges. NetworkPolicy ports are
 * 1–65535 (`port` and `endPort` are validated to that range), so "every port" is 1–65535.
 */

export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/** Flat `[lo, hi, lo, hi, …]`, sorted, disjoint and not adjacent (so equal sets are equal arrays). */
export type PortRanges = readonly number[];

/** Allowed ports per protocol. */
export type ProtocolPorts = Readonly<Record<Protocol, PortRanges>>;

const FULL: PortRanges = [MIN_PORT, MAX_PORT];
const EMPTY: PortRanges = [];

export const NO_PORTS: ProtocolPorts = { TCP: EMPTY, UDP: EMPTY, SCTP: EMPTY };
export const ALL_PORTS: ProtocolPorts = { TCP: FULL, UDP: FULL, SCTP: FULL };

/** One range of one protocol (clamped to 1–65535; empty when lo > hi). */
export function portRange(protocol: Protocol, lo: number, hi: number = lo): ProtocolPorts {
  const from = Math.max(MIN_PORT, lo);
  const to = Math.min(MAX_PORT, hi);
  return { ...NO_PORTS, [protocol]: from <= to ? [from, to] : EMPTY };
}

export function unionRanges(a: PortRanges, b: PortRanges): PortRanges {
  if (a.length === 0) return b;
  if (b.length === 0 || a === b) return a;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let lo: number;
    let hi: number;
    if (j >= b.length || (i < a.length && a[i]! <= b[j]!)) {
      lo = a[i]!;
      hi = a[i + 1]!;
      i += 2;
    } else {
      lo = b[j]!;
      hi = b[j + 1]!;
      j += 2;
    }
    // Merge with the previous range when they overlap or touch.
    if (out.length && lo <= out[out.length - 1]! + 1) out[out.length - 1] = Math.max(out[out.length - 1]!, hi);
    else out.push(lo, hi);
  }
  return out;
}

export function intersectRanges(a: PortRanges, b: PortRanges): PortRanges {
  if (a.length === 0 || b.length === 0) return EMPTY;
  if (a === b || b === FULL) return a;
  if (a === FULL) return b;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i]!, b[j]!);
    const hi = Math.min(a[i + 1]!, b[j + 1]!);
    if (lo <= hi) out.push(lo, hi);
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return out;
}

export function unionPorts(a: ProtocolPorts, b: ProtocolPorts): ProtocolPorts {
  if (a === NO_PORTS || b === ALL_PORTS) return b;
  if (b === NO_PORTS || a === ALL_PORTS) return a;
  return { TCP: unionRanges(a.TCP, b.TCP), UDP: unionRanges(a.UDP, b.UDP), SCTP: unionRanges(a.SCTP, b.SCTP) };
}

export function intersectPorts(a: ProtocolPorts, b: ProtocolPorts): ProtocolPorts {
  if (a === ALL_PORTS || b === NO_PORTS) return b;
  if (b === ALL_PORTS || a === NO_PORTS) return a;
  return { TCP: intersectRanges(a.TCP, b.TCP), UDP: intersectRanges(a.UDP, b.UDP), SCTP: intersectRanges(a.SCTP, b.SCTP) };
}

/** The ports of 1–65535 not in `ranges`. */
function complementRanges(ranges: PortRanges): PortRanges {
  const out: number[] = [];
  let next = MIN_PORT;
  for (let i = 0; i < ranges.length; i += 2) {
    if (ranges[i]! > next) out.push(next, ranges[i]! - 1);
    next = ranges[i + 1]! + 1;
  }
  if (next <= MAX_PORT) out.push(next, MAX_PORT);
  return out;
}

/** The ports of `a` that are not in `b`. */
export function subtractPorts(a: ProtocolPorts, b: ProtocolPorts): ProtocolPorts {
  if (b === NO_PORTS || a === NO_PORTS) return a;
  return {
    TCP: intersectRanges(a.TCP, complementRanges(b.TCP)),
    UDP: intersectRanges(a.UDP, complementRanges(b.UDP)),
    SCTP: intersectRanges(a.SCTP, complementRanges(b.SCTP)),
  };
}

export function isNoPorts(ports: ProtocolPorts): boolean {
  return ports.TCP.length === 0 && ports.UDP.length === 0 && ports.SCTP.length === 0;
}

function isFull(ranges: PortRanges): boolean {
  return ranges.length === 2 && ranges[0] === MIN_PORT && ranges[1] === MAX_PORT;
}

/** Every port of every protocol. */
export function isAllPorts(ports: ProtocolPorts): boolean {
  return isFull(ports.TCP) && isFull(ports.UDP) && isFull(ports.SCTP);
}

export function samePorts(a: ProtocolPorts, b: ProtocolPorts): boolean {
  const same = (x: PortRanges, y: PortRanges) => x.length === y.length && x.every((v, i) => v === y[i]);
  return same(a.TCP, b.TCP) && same(a.UDP, b.UDP) && same(a.SCTP, b.SCTP);
}

export function portsInclude(ports: ProtocolPorts, protocol: Protocol, port: number): boolean {
  const ranges = ports[protocol];
  for (let i = 0; i < ranges.length; i += 2) if (ranges[i]! <= port && port <= ranges[i + 1]!) return true;
  return false;
}

/** A port or inclusive range of one protocol, as the connectivity contract lists them. */
export interface PortEntry {
  readonly protocol: Protocol;
  readonly port: number;
  readonly endPort?: number;
}

/** The ranges of a set, protocol by protocol (TCP, UDP, SCTP), in port order. */
export function portEntries(ports: ProtocolPorts): PortEntry[] {
  const out: PortEntry[] = [];
  for (const protocol of PROTOCOLS) {
    const ranges = ports[protocol];
    for (let i = 0; i < ranges.length; i += 2) {
      const [lo, hi] = [ranges[i]!, ranges[i + 1]!];
      out.push(lo === hi ? { protocol, port: lo } : { protocol, port: lo, endPort: hi });
    }
  }
  return out;
}
