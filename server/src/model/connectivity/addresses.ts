import { formatIPv6, parseCidrSloppy, to4 } from '../cidr';

/**
 * Addresses outside the cluster as ranges of integers, one space per family. IPv4-mapped
 * IPv6 networks of /96 or longer are the IPv4 networks they stand for, as Go's
 * `(*net.IPNet).Contains` treats them (and shorter IPv6 networks never contain an IPv4
 * address), so IPv4 addresses live only in the IPv4 space.
 */

export type Family = 4 | 6;

/** An inclusive range of addresses of one family. */
export interface AddressRange {
  readonly family: Family;
  readonly lo: bigint;
  readonly hi: bigint;
}

const BITS: Record<Family, number> = { 4: 32, 6: 128 };

export function familyMax(family: Family): bigint {
  return (1n << BigInt(BITS[family])) - 1n;
}

/** Every address of both families: what "any destination" covers outside the cluster. */
export const EVERY_ADDRESS: readonly AddressRange[] = [
  { family: 4, lo: 0n, hi: familyMax(4) },
  { family: 6, lo: 0n, hi: familyMax(6) },
];

function toBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

/** The addresses of a CIDR as the API server parses it (`ParseCIDRSloppy`); undefined when invalid. */
export function cidrRange(cidr: string): AddressRange | undefined {
  const net = parseCidrSloppy(cidr);
  if (!net) return undefined;
  const v4 = to4(net.network);
  const family: Family = v4 ? 4 : 6;
  // The network is IPv4-mapped only from /96 on (a shorter mask clears the ffff part).
  const prefix = v4 && net.bits === 128 ? net.prefixLength - 96 : net.prefixLength;
  return rangeOf(family, toBigInt(v4 ?? net.network), prefix);
}

function rangeOf(family: Family, network: bigint, prefix: number): AddressRange {
  const hostBits = BigInt(BITS[family] - prefix);
  const lo = (network >> hostBits) << hostBits;
  return { family, lo, hi: lo + (1n << hostBits) - 1n };
}

/** An address or CIDR typed by a user (`10.0.0.1`, `10.0.0.0/8`, `2001:db8::/32`); undefined when invalid. */
export function parseAddressOrCidr(text: string): AddressRange | undefined {
  const trimmed = text.trim();
  if (trimmed.includes('/')) return cidrRange(trimmed);
  return cidrRange(`${trimmed}/${trimmed.includes(':') ? 128 : 32}`);
}

/** `cidr` minus every `except` range (an unreadable except is ignored: the API server rejects it anyway). */
export function ipBlockRanges(cidr: string, except: readonly string[]): AddressRange[] {
  const whole = cidrRange(cidr);
  if (!whole) return [];
  const holes = except
    .map(cidrRange)
    .filter((hole): hole is AddressRange => hole !== undefined && hole.family === whole.family)
    .sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  const out: AddressRange[] = [];
  let next = whole.lo;
  for (const hole of holes) {
    if (hole.hi < next) continue;
    if (hole.lo > whole.hi) break;
    if (hole.lo > next) out.push({ family: whole.family, lo: next, hi: hole.lo - 1n });
    next = hole.hi + 1n;
  }
  if (next <= whole.hi) out.push({ family: whole.family, lo: next, hi: whole.hi });
  return out;
}

function formatAddress(family: Family, value: bigint): string {
  const bytes = new Uint8Array(BITS[family] / 8);
  let rest = value;
  for (let i = bytes.length - 1; i >= 0; i--) {
    bytes[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return family === 4 ? Array.from(bytes).join('.') : formatIPv6(bytes);
}

/** The fewest CIDRs that cover a range exactly. */
export function rangeToCidrs(range: AddressRange): string[] {
  const bits = BITS[range.family];
  const out: string[] = [];
  let lo = range.lo;
  while (lo <= range.hi) {
    // The largest aligned block at `lo` that stays inside the range.
    let size = 0;
    while (size < bits && (lo & ((1n << BigInt(size + 1)) - 1n)) === 0n && lo + (1n << BigInt(size + 1)) - 1n <= range.hi) size++;
    out.push(`${formatAddress(range.family, lo)}/${bits - size}`);
    lo += 1n << BigInt(size);
  }
  return out;
}

export function rangesOverlap(a: AddressRange, b: AddressRange): boolean {
  return a.family === b.family && a.lo <= b.hi && b.lo <= a.hi;
}

/** Whether the union of `ranges` covers all of `target`. */
export function rangesCover(ranges: readonly AddressRange[], target: AddressRange): boolean {
  const sorted = ranges.filter((r) => r.family === target.family).sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  let next = target.lo;
  for (const range of sorted) {
    if (range.lo > next) break;
    if (range.hi >= next) next = range.hi + 1n;
    if (next > target.hi) return true;
  }
  return next > target.hi;
}
