/**
 * A small MaxMind DB (.mmdb) writer for tests, written from the public format specification
 * ("MaxMind DB File Format Specification", version 2.0): no real GeoIP database can be downloaded
 * here, so tests build tiny ones with documentation-range networks.
 *
 * Layout: a binary search tree over the address bits (each node two records of `recordSize`
 * bits: a record below node_count points to a node, node_count means "no data", above it points
 * into the data section at record − node_count − 16), 16 zero bytes, the data section, then
 * "\xAB\xCD\xEFMaxMind.com" and the metadata map. IPv4 networks in an IPv6 tree sit under
 * ::/96 (the first 96 bits zero), where readers start IPv4 lookups.
 */

/** A value of the data section. Numbers are doubles; unsigned integers are tagged with `uint`. */
export type MmdbValue =
  | string
  | number
  | boolean
  | MmdbUint
  | readonly MmdbValue[]
  | { readonly [key: string]: MmdbValue };

export interface MmdbUint {
  readonly uint: bigint | number;
  readonly bits: 16 | 32 | 64;
}

export const uint = (value: bigint | number, bits: 16 | 32 | 64 = 32): MmdbUint => ({
  uint: value,
  bits,
});

function isUint(v: MmdbValue): v is MmdbUint {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'uint' in v && 'bits' in v;
}

const utf8 = new TextEncoder();

/** The control byte(s) of a field: type (extended types ≥ 8 take a second byte) and size. */
function control(type: number, size: number): number[] {
  const out: number[] = [];
  let sizeBits: number;
  const extra: number[] = [];
  if (size < 29) sizeBits = size;
  else if (size < 285) {
    sizeBits = 29;
    extra.push(size - 29);
  } else if (size < 65821) {
    sizeBits = 30;
    const n = size - 285;
    extra.push(n >> 8, n & 255);
  } else {
    sizeBits = 31;
    const n = size - 65821;
    extra.push((n >> 16) & 255, (n >> 8) & 255, n & 255);
  }
  if (type <= 7) out.push((type << 5) | sizeBits);
  else out.push(sizeBits, type - 7);
  return [...out, ...extra];
}

function uintBytes(v: bigint): number[] {
  const bytes: number[] = [];
  let x = v;
  while (x > 0n) {
    bytes.unshift(Number(x & 255n));
    x >>= 8n;
  }
  return bytes;
}

/** Encodes one value of the data section (no pointers: every value is written in full). */
export function encodeValue(v: MmdbValue): number[] {
  if (typeof v === 'string') {
    const b = [...utf8.encode(v)];
    return [...control(2, b.length), ...b];
  }
  if (typeof v === 'number') {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v);
    return [...control(3, 8), ...b];
  }
  if (typeof v === 'boolean') return control(14, v ? 1 : 0);
  if (isUint(v)) {
    const b = uintBytes(BigInt(v.uint));
    const type = v.bits === 16 ? 5 : v.bits === 32 ? 6 : 9;
    return [...control(type, b.length), ...b];
  }
  if (Array.isArray(v)) {
    return [...control(11, v.length), ...v.flatMap((x: MmdbValue) => encodeValue(x))];
  }
  const entries = Object.entries(v as { readonly [key: string]: MmdbValue });
  return [
    ...control(7, entries.length),
    ...entries.flatMap(([k, x]) => [...encodeValue(k), ...encodeValue(x)]),
  ];
}

/** A network and its record: `192.0.2.0/24`, `2001:db8::/32`. */
export interface MmdbNetwork {
  readonly network: string;
  readonly data: MmdbValue;
}

export interface MmdbOptions {
  readonly databaseType?: string;
  readonly description?: string;
  /** Seconds since the epoch. */
  readonly buildEpoch?: number;
  readonly ipVersion?: 4 | 6;
  readonly recordSize?: 24 | 32;
}

/** The bits of an address (IPv4: 32, IPv6: 128), most significant first. */
function addressBits(text: string): number[] {
  const bytes: number[] = [];
  if (text.includes(':')) {
    const [head = '', tail] = text.split('::');
    const groups = (s: string) => (s === '' ? [] : s.split(':'));
    const h = groups(head);
    const t = tail === undefined ? [] : groups(tail);
    const words = [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t].map((g) =>
      parseInt(g, 16),
    );
    for (const w of words) bytes.push(w >> 8, w & 255);
  } else bytes.push(...text.split('.').map(Number));
  return bytes.flatMap((b) => [7, 6, 5, 4, 3, 2, 1, 0].map((i) => (b >> i) & 1));
}

interface TreeNode {
  children: [TreeNode | number | undefined, TreeNode | number | undefined];
}

/** Builds a database file holding `networks` (a later network inside an earlier one wins where they overlap). */
export function writeMmdb(networks: readonly MmdbNetwork[], options: MmdbOptions = {}): Uint8Array {
  const ipVersion = options.ipVersion ?? 6;
  const recordSize = options.recordSize ?? 24;
  // Data section: each record encoded once, by its offset.
  const data: number[] = [];
  const root: TreeNode = { children: [undefined, undefined] };
  for (const n of networks) {
    const [address, prefixText] = n.network.split('/');
    let bits = addressBits(address!);
    let prefix = Number(prefixText ?? bits.length);
    if (ipVersion === 6 && bits.length === 32) {
      bits = [...Array<number>(96).fill(0), ...bits];
      prefix += 96;
    }
    if (ipVersion === 4 && bits.length !== 32)
      throw new Error(`IPv6 network in an IPv4 tree: ${n.network}`);
    const offset = data.length;
    data.push(...encodeValue(n.data));
    let node = root;
    for (let i = 0; i < prefix - 1; i++) {
      const bit = bits[i]!;
      const child = node.children[bit];
      if (typeof child === 'object') node = child;
      else {
        // A data record met on the way down is split: both halves keep it, the network replaces one.
        const next: TreeNode = { children: [child, child] };
        node.children[bit] = next;
        node = next;
      }
    }
    node.children[bits[prefix - 1]!] = offset;
  }
  // Number the nodes breadth first, the root 0.
  const order: TreeNode[] = [root];
  for (let i = 0; i < order.length; i++)
    for (const c of order[i]!.children) if (typeof c === 'object') order.push(c);
  const index = new Map(order.map((n, i) => [n, i]));
  const nodeCount = order.length;
  const recordValue = (c: TreeNode | number | undefined): number =>
    c === undefined ? nodeCount : typeof c === 'number' ? nodeCount + 16 + c : index.get(c)!;
  const nodeBytes = recordSize / 4;
  const tree = new Uint8Array(nodeCount * nodeBytes);
  order.forEach((n, i) => {
    const [l, r] = n.children.map(recordValue) as [number, number];
    const at = i * nodeBytes;
    if (recordSize === 24) {
      tree.set(
        [(l >> 16) & 255, (l >> 8) & 255, l & 255, (r >> 16) & 255, (r >> 8) & 255, r & 255],
        at,
      );
    } else {
      const view = new DataView(tree.buffer);
      view.setUint32(at, l);
      view.setUint32(at + 4, r);
    }
  });
  const metadata = encodeValue({
    node_count: uint(nodeCount),
    record_size: uint(recordSize, 16),
    ip_version: uint(ipVersion, 16),
    database_type: options.databaseType ?? 'Loupe-Test-City',
    languages: ['en'],
    binary_format_major_version: uint(2, 16),
    binary_format_minor_version: uint(0, 16),
    build_epoch: uint(BigInt(options.buildEpoch ?? 1_764_806_400), 64),
    description: { en: options.description ?? 'Loupe test database (documentation ranges)' },
  });
  const marker = [0xab, 0xcd, 0xef, ...utf8.encode('MaxMind.com')];
  const out = new Uint8Array(tree.length + 16 + data.length + marker.length + metadata.length);
  let at = 0;
  for (const part of [tree, new Uint8Array(16), data, marker, metadata]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A record in GeoLite2-City's layout with the fields geo_info_from_ip_address reads. */
export function cityRecord(r: {
  readonly country?: string;
  readonly state?: string;
  readonly city?: string;
  readonly latitude?: number;
  readonly longitude?: number;
}): MmdbValue {
  const names = (en: string) => ({ geoname_id: uint(1), names: { en, de: `${en} (de)` } });
  return {
    ...(r.city !== undefined && { city: names(r.city) }),
    continent: { code: 'XX', names: { en: 'Test continent' } },
    ...(r.country !== undefined && { country: { ...names(r.country), iso_code: 'XX' } }),
    ...(r.latitude !== undefined &&
      r.longitude !== undefined && {
        location: { accuracy_radius: uint(100, 16), latitude: r.latitude, longitude: r.longitude },
      }),
    ...(r.state !== undefined && { subdivisions: [names(r.state)] }),
  };
}
