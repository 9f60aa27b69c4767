/**
 * IPv4/IPv6 functions (Kusto's parse_ipv4, ipv4_is_in_range, has_ipv4, ipv6_compare…). Addresses
 * are text in the data, optionally with a `/prefix`; a prefix on either side narrows comparisons
 * (Kusto compares with the smallest prefix of the two and the explicit one). IPv4 addresses take
 * part in IPv6 functions as `::ffff:a.b.c.d`, their prefix shifted by 96 bits.
 */
import { udf, variadicUdf } from './udf.ts';

interface V4 {
  readonly addr: number;
  readonly prefix: number;
}

function parseV4(text: string | null): V4 | undefined {
  if (text === null) return undefined;
  const m = /^\s*(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?\s*$/.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  const prefix = m[5] === undefined ? 32 : Number(m[5]);
  if (prefix > 32) return undefined;
  return {
    addr: ((octets[0]! << 24) >>> 0) + (octets[1]! << 16) + (octets[2]! << 8) + octets[3]!,
    prefix,
  };
}

const mask4 = (addr: number, prefix: number): number =>
  prefix <= 0 ? 0 : prefix >= 32 ? addr : (addr & (~0 << (32 - prefix))) >>> 0;
const dotted = (addr: number): string => [24, 16, 8, 0].map((s) => (addr >>> s) & 255).join('.');

/** parse_ipv4: the address (masked by its own prefix) as a long, in decimal text; null when invalid. */
export function parseIpv4(text: string | null): string | null {
  const v = parseV4(text);
  return v ? String(mask4(v.addr, v.prefix)) : null;
}

/** parse_ipv4_mask(ip, prefix). */
export function parseIpv4Mask(text: string | null, prefix: number | null): string | null {
  const v = parseV4(text);
  if (!v || prefix === null || prefix < 0 || prefix > 32) return null;
  return String(mask4(v.addr, Math.min(v.prefix, prefix)));
}

/** ipv4_compare(a, b[, prefix]): -1, 0 or 1 over the common prefix; null when either is invalid. */
export function ipv4Compare(
  a: string | null,
  b: string | null,
  prefix: number | null,
): number | null {
  const x = parseV4(a);
  const y = parseV4(b);
  if (!x || !y || (prefix !== null && (prefix < 0 || prefix > 32))) return null;
  const p = Math.min(x.prefix, y.prefix, prefix ?? 32);
  const [mx, my] = [mask4(x.addr, p), mask4(y.addr, p)];
  return mx < my ? -1 : mx > my ? 1 : 0;
}

/**
 * The ranges of a JSON argument (a string or an array of strings), parsed once per distinct text:
 * the same list arrives on every row, and parsing it per row cost ~5 µs (bench/kql-functions.ts).
 */
const rangeCache = new Map<string, V4[]>();
function rangesOf(json: string): V4[] {
  let hit = rangeCache.get(json);
  if (!hit) {
    const v = JSON.parse(json) as unknown;
    hit = (Array.isArray(v) ? v : [v])
      .map((r) => (typeof r === 'string' ? parseV4(r) : undefined))
      .filter((r): r is V4 => r !== undefined);
    if (rangeCache.size > 256) rangeCache.clear();
    rangeCache.set(json, hit);
  }
  return hit;
}

/** ipv4_is_in_any_range(ip, r1, r2, …): each range argument is JSON: a string or an array of strings. */
export function ipv4InAnyRange(ip: string | null, ...ranges: (string | null)[]): number | null {
  const x = parseV4(ip);
  if (!x) return null;
  for (const r of ranges) {
    if (r === null) continue;
    for (const range of rangesOf(r)) {
      const p = Math.min(x.prefix, range.prefix);
      if (mask4(x.addr, p) === mask4(range.addr, p)) return 1;
    }
  }
  return 0;
}

/** ipv4_is_private: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 (RFC 1918). */
export function ipv4IsPrivate(ip: string | null): number | null {
  const v = parseV4(ip);
  if (!v) return null;
  const a = v.addr;
  return a >>> 24 === 10 || a >>> 20 === ((172 << 4) | 1) || a >>> 16 === ((192 << 8) | 168)
    ? 1
    : 0;
}

/** format_ipv4(ip[, prefix]) and format_ipv4_mask: "" for invalid input or a negative prefix. */
export function formatIpv4(
  ip: string | null,
  prefix: number | null,
  withMask: number | null,
): string {
  const v =
    typeof ip === 'string' && /^\d+$/.test(ip) ? { addr: Number(ip), prefix: 32 } : parseV4(ip);
  const p = prefix ?? 32;
  if (!v || p < 0 || p > 32 || v.addr > 0xffffffff) return '';
  const eff = Math.min(v.prefix, p);
  return dotted(mask4(v.addr, eff)) + (withMask ? `/${eff}` : '');
}

export function ipv4NetmaskSuffix(ip: string | null): number | null {
  const v = parseV4(ip);
  return v ? v.prefix : null;
}

/** The well-delimited IPv4 addresses in a text (not touching letters, digits or dots). */
function addressesIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?<![\w.])(\d{1,3}(?:\.\d{1,3}){3})(?![\w.])/g))
    if (parseV4(m[1]!)) out.push(m[1]!);
  return out;
}

/**
 * has_any_ipv4(text, ip…) / has_any_ipv4_prefix(text, prefix…): `prefix` 0 looks for the exact
 * addresses, 1 for addresses starting with a prefix ("10.", "192.168.") or equal to a full address.
 * Each argument after the text is JSON: a string or an array of strings.
 */
export function hasAnyIpv4(
  text: string | null,
  prefix: number | null,
  ...wanted: (string | null)[]
): number {
  const found = addressesIn(text ?? '');
  if (found.length === 0) return 0;
  for (const w of wanted) {
    if (w === null) continue;
    const v = JSON.parse(w) as unknown;
    for (const x of Array.isArray(v) ? v : [v]) {
      if (typeof x !== 'string') continue;
      if (prefix) {
        const okPrefix = /^(\d{1,3}\.){1,3}$/.test(x) || parseV4(x) !== undefined;
        if (okPrefix && found.some((f) => (x.endsWith('.') ? f.startsWith(x) : f === x))) return 1;
      } else if (parseV4(x) && found.includes(x)) return 1;
    }
  }
  return 0;
}

// ---------- IPv6 ----------
interface V6 {
  readonly addr: bigint;
  readonly prefix: number;
}

function parseV6(text: string | null): V6 | undefined {
  if (text === null) return undefined;
  const t = text.trim();
  const v4 = parseV4(t);
  if (v4) return { addr: (0xffffn << 32n) | BigInt(v4.addr), prefix: 96 + v4.prefix };
  const m = /^([0-9a-fA-F:.]+)(?:\/(\d{1,3}))?$/.exec(t);
  if (!m) return undefined;
  let body = m[1]!;
  // A dotted IPv4 tail (`::192.168.1.1`) is two 16-bit groups; its prefix counts IPv4 bits.
  const dot = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(body);
  if (dot) {
    const v = parseV4(dot[1]!);
    if (!v) return undefined;
    body = `${body.slice(0, dot.index)}${(v.addr >>> 16).toString(16)}:${(v.addr & 0xffff).toString(16)}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  const total = head.length + rest.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return undefined;
  const all = [...head, ...Array(8 - total).fill('0'), ...rest].map((g) =>
    /^[0-9a-fA-F]{1,4}$/.test(g) ? parseInt(g, 16) : NaN,
  );
  const words = all;
  if (words.length !== 8 || words.some((w) => Number.isNaN(w))) return undefined;
  const prefix = m[2] === undefined ? 128 : Number(m[2]) + (dot ? 96 : 0);
  if (prefix > 128) return undefined;
  return { addr: words.reduce((acc, w) => (acc << 16n) | BigInt(w), 0n), prefix };
}

const mask6 = (addr: bigint, prefix: number): bigint =>
  prefix <= 0
    ? 0n
    : prefix >= 128
      ? addr
      : addr & (((1n << 128n) - 1n) ^ ((1n << BigInt(128 - prefix)) - 1n));

/**
 * For comparisons an IPv4-compatible address (`::a.b.c.d`) counts as the IPv4 address it holds,
 * i.e. `::ffff:a.b.c.d` (Kusto docs: '::192.168.1.1/30' matches '192.168.1.255/24').
 */
function comparable6(text: string | null): V6 | undefined {
  const v = parseV6(text);
  if (v && text !== null && /^\s*::\d/.test(text) && v.addr >> 32n === 0n)
    return { addr: (0xffffn << 32n) | v.addr, prefix: v.prefix };
  return v;
}

export function ipv6Compare(
  a: string | null,
  b: string | null,
  prefix: number | null,
): number | null {
  const x = comparable6(a);
  const y = comparable6(b);
  if (!x || !y || (prefix !== null && (prefix < 0 || prefix > 128))) return null;
  const p = Math.min(x.prefix, y.prefix, prefix ?? 128);
  const [mx, my] = [mask6(x.addr, p), mask6(y.addr, p)];
  return mx < my ? -1 : mx > my ? 1 : 0;
}

export function ipv6InAnyRange(ip: string | null, ...ranges: (string | null)[]): number | null {
  if (!parseV6(ip)) return null;
  for (const r of ranges) {
    if (r === null) continue;
    const v = JSON.parse(r) as unknown;
    for (const range of Array.isArray(v) ? v : [v])
      if (typeof range === 'string' && ipv6Compare(ip, range, null) === 0) return 1;
  }
  return 0;
}

/** parse_ipv6 / parse_ipv6_mask: the canonical 8×4-hex-digit form, masked; null when invalid. */
export function parseIpv6Mask(text: string | null, prefix: number | null): string | null {
  const v = parseV6(text);
  if (!v || (prefix !== null && (prefix < 0 || prefix > 128))) return null;
  const masked = mask6(v.addr, Math.min(v.prefix, prefix ?? 128));
  return masked
    .toString(16)
    .padStart(32, '0')
    .replace(/(.{4})(?!$)/g, '$1:');
}

/** ipv4_range_to_cidr_list(start, end): the fewest CIDR blocks covering the range, in order. */
export function ipv4RangeToCidrList(start: string | null, end: string | null): string | null {
  const a = parseV4(start);
  const b = parseV4(end);
  if (!a || !b || a.addr > b.addr) return null;
  const out: string[] = [];
  let cur = a.addr;
  while (cur <= b.addr) {
    let size = 32;
    // Grow the block while it stays aligned at `cur` and inside the range.
    while (size > 0) {
      const bigger = size - 1;
      const blockStart = mask4(cur, bigger);
      const blockEnd = blockStart + 2 ** (32 - bigger) - 1;
      if (blockStart !== cur || blockEnd > b.addr) break;
      size = bigger;
    }
    out.push(`${dotted(cur)}/${size}`);
    cur += 2 ** (32 - size);
  }
  return JSON.stringify(out);
}

// The UDFs of this module (registered by ./index.ts, called by the translator).
export const PARSE_IPV4 = udf('kql_parse_ipv4', ['VARCHAR'], 'VARCHAR', parseIpv4);
export const PARSE_IPV4_MASK = udf(
  'kql_parse_ipv4_mask',
  ['VARCHAR', 'DOUBLE'],
  'VARCHAR',
  parseIpv4Mask,
);
export const IPV4_COMPARE = udf(
  'kql_ipv4_compare',
  ['VARCHAR', 'VARCHAR', 'DOUBLE'],
  'INTEGER',
  ipv4Compare,
);
export const IPV4_IN_ANY_RANGE = variadicUdf(
  'kql_ipv4_in_any_range',
  ['VARCHAR'],
  'VARCHAR',
  'INTEGER',
  ipv4InAnyRange,
);
export const IPV4_IS_PRIVATE = udf('kql_ipv4_is_private', ['VARCHAR'], 'INTEGER', ipv4IsPrivate);
export const IPV4_NETMASK_SUFFIX = udf(
  'kql_ipv4_netmask_suffix',
  ['VARCHAR'],
  'INTEGER',
  ipv4NetmaskSuffix,
);
export const FORMAT_IPV4 = udf(
  'kql_format_ipv4',
  ['VARCHAR', 'DOUBLE', 'INTEGER'],
  'VARCHAR',
  formatIpv4,
);
export const HAS_ANY_IPV4 = variadicUdf(
  'kql_has_any_ipv4',
  ['VARCHAR', 'INTEGER'],
  'VARCHAR',
  'INTEGER',
  hasAnyIpv4,
);
export const IPV6_COMPARE = udf(
  'kql_ipv6_compare',
  ['VARCHAR', 'VARCHAR', 'DOUBLE'],
  'INTEGER',
  ipv6Compare,
);
export const IPV6_IN_ANY_RANGE = variadicUdf(
  'kql_ipv6_in_any_range',
  ['VARCHAR'],
  'VARCHAR',
  'INTEGER',
  ipv6InAnyRange,
);
export const PARSE_IPV6_MASK = udf(
  'kql_parse_ipv6_mask',
  ['VARCHAR', 'DOUBLE'],
  'VARCHAR',
  parseIpv6Mask,
);
export const IPV4_RANGE_TO_CIDR_LIST = udf(
  'kql_ipv4_range_to_cidr_list',
  ['VARCHAR', 'VARCHAR'],
  'VARCHAR',
  ipv4RangeToCidrList,
);
