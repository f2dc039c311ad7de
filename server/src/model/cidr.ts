import { rememberedByString } from './remembered';

/**
 * IP/CIDR parsing with the exact semantics the API server uses for `ipBlock`:
 *
 * - `parseCidrSloppy` is `k8s.io/utils/net.ParseCIDRSloppy`, a fork of Go 1.16's
 *   `net.ParseCIDR` that still accepts leading zeros (`010.0.0.0/08`) and IPv4-mapped
 *   IPv6 (`::ffff:10.0.0.0/104`). Every ipBlock value must pass it.
 * - `strictCidrProblem` is the extra check of `IsValidCIDRForLegacyField` when the
 *   StrictIPCIDRValidation gate is on: Go's `netip.ParsePrefix` must accept the value,
 *   the address must not be IPv4-mapped and no bits may be set beyond the prefix.
 * - `ipNetContains` is Go's `(*net.IPNet).Contains`, with its IPv4/IPv6 mixing rules,
 *   used for "except must be a strict subset of cidr".
 */

/** A parsed CIDR, shaped like Go's `*net.IPNet` plus the address it was written with. */
export interface GoIpNet {
  /** The address as written, always 16 bytes (IPv4 in IPv4-mapped form), like Go's net.IP. */
  readonly address: Uint8Array;
  /** The network address: 4 bytes when parsed as IPv4, 16 when parsed as IPv6. */
  readonly network: Uint8Array;
  /** The mask, 4 or 16 bytes like `network`. */
  readonly mask: Uint8Array;
  /** Prefix length (`Mask.Size()` ones). */
  readonly prefixLength: number;
  /** 32 or 128 (`Mask.Size()` bits). */
  readonly bits: 32 | 128;
}

const BIG = 0xffffff;

/** Go's `dtoi`: decimal digits at the start of s; [value, consumed] or undefined. */
function dtoi(s: string, from: number): [number, number] | undefined {
  let n = 0;
  let i = from;
  for (; i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57; i++) {
    n = n * 10 + (s.charCodeAt(i) - 48);
    if (n >= BIG) return undefined;
  }
  return i === from ? undefined : [n, i - from];
}

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

/** Go's `xtoi`: hex digits at the start of s; [value, consumed] or undefined. */
function xtoi(s: string, from: number): [number, number] | undefined {
  let n = 0;
  let i = from;
  for (; i < s.length; i++) {
    const d = hexDigit(s.charCodeAt(i));
    if (d < 0) break;
    n = n * 16 + d;
    if (n >= BIG) return undefined;
  }
  return i === from ? undefined : [n, i - from];
}

const V4_IN_V6_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

function ipv4To16(a: number, b: number, c: number, d: number): Uint8Array {
  return Uint8Array.from([...V4_IN_V6_PREFIX, a, b, c, d]);
}

/** The forked Go 1.16 `parseIPv4`: leading zeros allowed, 16-byte result. */
function sloppyIPv4(s: string): Uint8Array | undefined {
  const octets: number[] = [];
  let pos = 0;
  for (let i = 0; i < 4; i++) {
    if (pos >= s.length) return undefined;
    if (i > 0) {
      if (s[pos] !== '.') return undefined;
      pos++;
    }
    const parsed = dtoi(s, pos);
    if (!parsed || parsed[0] > 0xff) return undefined;
    octets.push(parsed[0]);
    pos += parsed[1];
  }
  if (pos !== s.length) return undefined;
  return ipv4To16(octets[0]!, octets[1]!, octets[2]!, octets[3]!);
}

/**
 * The IPv6 grammar shared by Go's sloppy (`net`, 1.16) and strict (`net/netip`) parsers:
 * hex groups, one `::`, an embedded IPv4 address at the end. They differ only in how a
 * group and the embedded IPv4 address are read.
 */
function parseIPv6With(
  input: string,
  readGroup: (s: string) => [value: number, consumed: number] | undefined,
  readIPv4: (s: string) => ArrayLike<number> | undefined,
): Uint8Array | undefined {
  const ip = new Uint8Array(16);
  let s = input;
  let ellipsis = -1;
  if (s.length >= 2 && s[0] === ':' && s[1] === ':') {
    ellipsis = 0;
    s = s.slice(2);
    if (s.length === 0) return ip;
  }
  let i = 0;
  while (i < 16) {
    const group = readGroup(s);
    if (!group) return undefined;
    const [n, c] = group;
    if (c < s.length && s[c] === '.') {
      if (ellipsis < 0 && i !== 12) return undefined;
      if (i + 4 > 16) return undefined;
      const ip4 = readIPv4(s);
      if (!ip4) return undefined;
      ip.set(ip4, i);
      s = '';
      i += 4;
      break;
    }
    ip[i] = n >> 8;
    ip[i + 1] = n & 0xff;
    i += 2;
    s = s.slice(c);
    if (s.length === 0) break;
    if (s[0] !== ':' || s.length === 1) return undefined;
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) return undefined;
      ellipsis = i;
      s = s.slice(1);
      if (s.length === 0) break;
    }
  }
  if (s.length !== 0) return undefined;
  if (i < 16) {
    if (ellipsis < 0) return undefined;
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) ip[j + n] = ip[j]!;
    ip.fill(0, ellipsis, ellipsis + n);
  } else if (ellipsis >= 0) {
    return undefined;
  }
  return ip;
}

/** The forked Go 1.16 `parseIPv6` (no zones): groups of any length up to 0xFFFF. */
function sloppyIPv6(input: string): Uint8Array | undefined {
  return parseIPv6With(
    input,
    (s) => {
      const group = xtoi(s, 0);
      return group && group[0] <= 0xffff ? group : undefined;
    },
    (s) => sloppyIPv4(s)?.subarray(12),
  );
}

function cidrMask(ones: number, bits: number): Uint8Array {
  const mask = new Uint8Array(bits / 8);
  for (let i = 0; i < mask.length; i++) {
    const take = Math.max(0, Math.min(8, ones - i * 8));
    mask[i] = take === 0 ? 0 : (0xff << (8 - take)) & 0xff;
  }
  return mask;
}

/** Go's `net.IP.To4`: the 4-byte form of an IPv4 or IPv4-mapped address. */
export function to4(ip: Uint8Array): Uint8Array | undefined {
  if (ip.length === 4) return ip;
  if (ip.length === 16 && V4_IN_V6_PREFIX.every((b, i) => ip[i] === b)) return ip.subarray(12);
  return undefined;
}

/** Go's `net.IP.Mask`. */
function maskIp(ip: Uint8Array, mask: Uint8Array): Uint8Array | undefined {
  let m = mask;
  let a = ip;
  if (m.length === 16 && a.length === 4 && m.subarray(0, 12).every((b) => b === 0xff)) m = m.subarray(12);
  if (m.length === 4 && a.length === 16 && V4_IN_V6_PREFIX.every((b, i) => a[i] === b)) a = a.subarray(12);
  if (a.length !== m.length) return undefined;
  return a.map((b, i) => b & m[i]!);
}

/** `k8s.io/utils/net.ParseCIDRSloppy`; undefined when the API server rejects the value. Shared answers: never change them. */
export const parseCidrSloppy: (s: string) => GoIpNet | undefined = rememberedByString(parseCidr);

function parseCidr(s: string): GoIpNet | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const addr = s.slice(0, slash);
  const maskText = s.slice(slash + 1);
  let bits: 32 | 128 = 32;
  let ip = sloppyIPv4(addr);
  if (!ip) {
    bits = 128;
    ip = sloppyIPv6(addr);
  }
  const parsed = dtoi(maskText, 0);
  if (!ip || !parsed || parsed[1] !== maskText.length || parsed[0] > bits) return undefined;
  const mask = cidrMask(parsed[0], bits);
  const network = maskIp(ip, mask);
  if (!network) return undefined;
  return { address: ip, network, mask, prefixLength: parsed[0], bits };
}

/** Go's `(*net.IPNet).Contains` (via `networkNumberAndMask`). */
export function ipNetContains(net: GoIpNet, ip: Uint8Array): boolean {
  let nn = to4(net.network);
  if (!nn) {
    nn = net.network;
    if (nn.length !== 16) return false;
  }
  let m = net.mask;
  if (m.length === 4) {
    if (nn.length !== 4) return false;
  } else if (m.length === 16) {
    if (nn.length === 4) m = m.subarray(12);
  } else {
    return false;
  }
  const candidate = to4(ip) ?? ip;
  if (candidate.length !== nn.length) return false;
  for (let i = 0; i < candidate.length; i++) {
    if ((nn[i]! & m[i]!) !== (candidate[i]! & m[i]!)) return false;
  }
  return true;
}

// ---------------------------------------------------------------- strict (net/netip)

function strictIPv4(s: string, out: number[]): boolean {
  let val = 0;
  let digits = 0;
  let fields = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits === 1 && val === 0) return false; // leading zero
      val = val * 10 + (c - 48);
      digits++;
      if (val > 255) return false;
    } else if (c === 46) {
      if (i === 0 || i === s.length - 1 || s[i - 1] === '.') return false;
      if (fields === 3) return false;
      out.push(val);
      fields++;
      val = 0;
      digits = 0;
    } else {
      return false;
    }
  }
  if (fields < 3) return false;
  out.push(val);
  return true;
}

/** `netip.ParseAddr` without zones: the 16-byte address and whether it was IPv4, or undefined. */
function strictAddr(s: string): { bytes: Uint8Array; is4: boolean } | undefined {
  for (const ch of s) {
    if (ch === '.') {
      const octets: number[] = [];
      return strictIPv4(s, octets) ? { bytes: ipv4To16(octets[0]!, octets[1]!, octets[2]!, octets[3]!), is4: true } : undefined;
    }
    if (ch === ':') return strictIPv6(s);
    if (ch === '%') return undefined;
  }
  return undefined;
}

/** `netip`'s IPv6 parsing: at most 4 hex digits per group, no leading zeros in an embedded IPv4. */
function strictIPv6(input: string): { bytes: Uint8Array; is4: boolean } | undefined {
  if (input.includes('%')) return undefined; // zones are not allowed in a prefix
  const bytes = parseIPv6With(
    input,
    (s) => {
      let off = 0;
      let acc = 0;
      for (; off < s.length; off++) {
        const d = hexDigit(s.charCodeAt(off));
        if (d < 0) break;
        if (off > 3) return undefined; // more than 4 digits in a group
        acc = acc * 16 + d;
      }
      return off === 0 ? undefined : [acc, off];
    },
    (s) => {
      const octets: number[] = [];
      return strictIPv4(s, octets) ? octets : undefined;
    },
  );
  return bytes && { bytes, is4: false };
}

export type StrictCidrProblem = 'leading-zeros' | 'ipv4-mapped' | 'host-bits';

/** A prefix as Go's `netip.ParsePrefix` reads it: the 16-byte address, its family and the prefix length. */
interface NetipPrefix {
  readonly bytes: Uint8Array;
  readonly is4: boolean;
  readonly bits: number;
}

/** `netip.ParsePrefix`: no zone, no leading zeros in the address or the prefix length. */
function parsePrefix(s: string): NetipPrefix | undefined {
  const slash = s.lastIndexOf('/');
  if (slash < 0) return undefined;
  const addr = strictAddr(s.slice(0, slash));
  const bitsText = s.slice(slash + 1);
  const maxBits = addr?.is4 ? 32 : 128;
  const bitsOk = /^\d+$/.test(bitsText) && !(bitsText.length > 1 && bitsText[0] === '0') && Number(bitsText) <= maxBits;
  return addr && bitsOk ? { ...addr, bits: Number(bitsText) } : undefined;
}

function isIPv4Mapped(prefix: NetipPrefix): boolean {
  return !prefix.is4 && V4_IN_V6_PREFIX.every((b, i) => prefix.bytes[i] === b);
}

/**
 * The extra checks of strict validation, for a value that `parseCidrSloppy` accepted.
 * Mirrors `parseCIDR(..., strictValidation=true)`: the first problem found, in its order.
 */
export const strictCidrProblem: (s: string) => StrictCidrProblem | undefined = rememberedByString(strictProblem);

function strictProblem(s: string): StrictCidrProblem | undefined {
  const prefix = parsePrefix(s);
  if (!prefix) return 'leading-zeros';
  if (isIPv4Mapped(prefix)) return 'ipv4-mapped';
  const bytes = prefix.is4 ? prefix.bytes.subarray(12) : prefix.bytes;
  const mask = cidrMask(prefix.bits, prefix.is4 ? 32 : 128);
  if (bytes.some((b, i) => (b & mask[i]!) !== b)) return 'host-bits';
  return undefined;
}

/**
 * The CEL function `isCIDR` of Kubernetes (k8s.io/apiserver/pkg/cel/library/cidr.go): Go's
 * `netip.ParsePrefix` accepts the value and its address is not IPv4-mapped IPv6. Bits set
 * beyond the prefix are allowed (`10.0.0.1/8` is a CIDR to it).
 */
export function isCelCidr(s: string): boolean {
  const prefix = parsePrefix(s);
  return prefix !== undefined && !isIPv4Mapped(prefix);
}

// ---------------------------------------------------------------- formatting

/** The RFC 5952 text of a 16-byte IPv6 address. */
export function formatIPv6(bytes: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i]! << 8) | bytes[i + 1]!);
  // RFC 5952: compress the longest run (first on ties) of two or more zero groups.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/**
 * The canonical `network/prefix` form of a parsed CIDR (what the network really is). An
 * IPv4-mapped network of /96 or longer is the IPv4 network it stands for (Go's Contains
 * treats it so, and strict validation rejects the mapped form, so never suggest it).
 */
export function formatNetwork(net: GoIpNet): string {
  const v4 = net.bits === 128 && net.prefixLength >= 96 ? to4(net.network) : undefined;
  if (v4) return `${Array.from(v4).join('.')}/${net.prefixLength - 96}`;
  if (net.bits === 32) return `${Array.from(net.network).join('.')}/${net.prefixLength}`;
  return `${formatIPv6(net.network)}/${net.prefixLength}`;
}
