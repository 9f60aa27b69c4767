/**
 * gzip_compress_to_base64_string / gzip_decompress_from_base64_string. UDFs are synchronous and the
 * browser's only gzip (CompressionStream) is asynchronous, so both directions are written here
 * from the formats' specifications (RFC 1952 gzip, RFC 1951 DEFLATE).
 *
 * - Decompression reads any gzip member (stored, fixed- and dynamic-Huffman blocks) and checks
 *   its CRC-32 and length; anything that is not valid gzip gives "" (as Kusto answers for
 *   "x0x0x0").
 * - Compression writes the text in stored (uncompressed) DEFLATE blocks with Kusto's header
 *   (mtime 0, OS byte 0xff). For short texts this is exactly what Kusto returns (its docs
 *   example); for longer ones Kusto compresses, so the base64 differs while decompressing to the
 *   same text.
 */

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Thrown for input that is not valid DEFLATE/gzip; the UDF turns it into "". */
class BadData extends Error {}

/** A canonical Huffman code: how many codes of each length, and the symbols in code order. */
interface Huffman {
  readonly counts: Uint16Array;
  readonly symbols: Uint16Array;
}

function huffman(lengths: ArrayLike<number>): Huffman {
  const counts = new Uint16Array(16);
  for (let i = 0; i < lengths.length; i++) counts[lengths[i]!]!++;
  counts[0] = 0;
  const offsets = new Uint16Array(16);
  for (let len = 1; len < 15; len++) offsets[len + 1] = offsets[len]! + counts[len]!;
  const symbols = new Uint16Array(lengths.length);
  for (let i = 0; i < lengths.length; i++) if (lengths[i]) symbols[offsets[lengths[i]!]!++] = i;
  return { counts, symbols };
}

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/** The order in which a dynamic block lists its code-length code lengths (RFC 1951 3.2.7). */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

const FIXED_LITERALS = huffman(Array.from({ length: 288 }, (_, i) => (i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8)));
const FIXED_DISTANCES = huffman(new Array<number>(30).fill(5));

/** DEFLATE data starting at `start`; returns the bytes and where the data ended. */
function inflate(data: Uint8Array, start: number): { out: Uint8Array; end: number } {
  let pos = start;
  let bitBuf = 0;
  let bitCount = 0;
  const bits = (n: number): number => {
    while (bitCount < n) {
      if (pos >= data.length) throw new BadData('truncated');
      bitBuf |= data[pos++]! << bitCount;
      bitCount += 8;
    }
    const v = bitBuf & ((1 << n) - 1);
    bitBuf >>>= n;
    bitCount -= n;
    return v;
  };
  // Canonical decoding: codes of each length are consecutive numbers, read bit by bit (MSB first).
  const decode = (h: Huffman): number => {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len < 16; len++) {
      code |= bits(1);
      const count = h.counts[len]!;
      if (code - first < count) return h.symbols[index + code - first]!;
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    throw new BadData('bad code');
  };
  let out = new Uint8Array(Math.max(64, (data.length - start) * 4));
  let n = 0;
  const put = (b: number) => {
    if (n === out.length) {
      const bigger = new Uint8Array(out.length * 2);
      bigger.set(out);
      out = bigger;
    }
    out[n++] = b;
  };
  for (let last = 0; !last; ) {
    last = bits(1);
    const type = bits(2);
    if (type === 0) {
      bitBuf = 0;
      bitCount = 0;
      if (pos + 4 > data.length) throw new BadData('truncated');
      const len = data[pos]! | (data[pos + 1]! << 8);
      const nlen = data[pos + 2]! | (data[pos + 3]! << 8);
      if ((len ^ 0xffff) !== nlen) throw new BadData('bad stored length');
      pos += 4;
      if (pos + len > data.length) throw new BadData('truncated');
      for (let i = 0; i < len; i++) put(data[pos + i]!);
      pos += len;
      continue;
    }
    let literals = FIXED_LITERALS;
    let distances = FIXED_DISTANCES;
    if (type === 2) {
      const hlit = bits(5) + 257;
      const hdist = bits(5) + 1;
      const hclen = bits(4) + 4;
      const clLengths = new Array<number>(19).fill(0);
      for (let i = 0; i < hclen; i++) clLengths[CODE_LENGTH_ORDER[i]!] = bits(3);
      const cl = huffman(clLengths);
      const lengths: number[] = [];
      while (lengths.length < hlit + hdist) {
        const sym = decode(cl);
        if (sym < 16) lengths.push(sym);
        else if (sym === 16) {
          if (!lengths.length) throw new BadData('repeat without a length');
          const prev = lengths[lengths.length - 1]!;
          for (let r = 3 + bits(2); r > 0; r--) lengths.push(prev);
        } else for (let r = sym === 17 ? 3 + bits(3) : 11 + bits(7); r > 0; r--) lengths.push(0);
      }
      if (lengths.length > hlit + hdist) throw new BadData('too many lengths');
      literals = huffman(lengths.slice(0, hlit));
      distances = huffman(lengths.slice(hlit));
    } else if (type !== 1) throw new BadData('bad block type');
    for (;;) {
      const sym = decode(literals);
      if (sym < 256) put(sym);
      else if (sym === 256) break;
      else {
        const li = sym - 257;
        if (li >= LENGTH_BASE.length) throw new BadData('bad length');
        const length = LENGTH_BASE[li]! + bits(LENGTH_EXTRA[li]!);
        const di = decode(distances);
        if (di >= DIST_BASE.length) throw new BadData('bad distance');
        const dist = DIST_BASE[di]! + bits(DIST_EXTRA[di]!);
        if (dist > n) throw new BadData('distance before the start');
        for (let i = 0; i < length; i++) put(out[n - dist]!);
      }
    }
  }
  return { out: out.subarray(0, n), end: pos };
}

/** The bytes of one gzip member (RFC 1952), its CRC-32 and length checked. */
export function gunzip(data: Uint8Array): Uint8Array {
  if (data.length < 18 || data[0] !== 0x1f || data[1] !== 0x8b || data[2] !== 8) throw new BadData('not gzip');
  const flags = data[3]!;
  let pos = 10;
  if (flags & 4) pos += 2 + (data[pos]! | (data[pos + 1]! << 8));
  if (flags & 8) while (pos < data.length && data[pos++] !== 0);
  if (flags & 16) while (pos < data.length && data[pos++] !== 0);
  if (flags & 2) pos += 2;
  const { out, end } = inflate(data, pos);
  if (end + 8 > data.length) throw new BadData('truncated trailer');
  const word = (i: number) => (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24)) >>> 0;
  if (word(end) !== crc32(out) || word(end + 4) !== out.length >>> 0) throw new BadData('checksum');
  return out;
}

/** Text in stored DEFLATE blocks inside a gzip member with Kusto's header. */
export function gzipStored(bytes: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(bytes.length / 0xffff));
  const out = new Uint8Array(10 + blocks * 5 + bytes.length + 8);
  out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  let p = 10;
  for (let b = 0; b < blocks; b++) {
    const chunk = bytes.subarray(b * 0xffff, Math.min(bytes.length, (b + 1) * 0xffff));
    out[p++] = b === blocks - 1 ? 1 : 0;
    out[p++] = chunk.length & 0xff;
    out[p++] = chunk.length >>> 8;
    out[p++] = ~chunk.length & 0xff;
    out[p++] = (~chunk.length >>> 8) & 0xff;
    out.set(chunk, p);
    p += chunk.length;
  }
  const view = new DataView(out.buffer);
  view.setUint32(p, crc32(bytes), true);
  view.setUint32(p + 4, bytes.length >>> 0, true);
  return out;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array | undefined {
  try {
    const s = atob(text);
    return Uint8Array.from(s, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

export function gzipCompressToBase64(text: string | null): string | null {
  if (text === null) return null;
  return toBase64(gzipStored(new TextEncoder().encode(text)));
}

export function gzipDecompressFromBase64(text: string | null): string | null {
  if (text === null) return null;
  const bytes = fromBase64(text);
  if (!bytes) return '';
  try {
    return new TextDecoder().decode(gunzip(bytes));
  } catch (e) {
    if (e instanceof BadData) return '';
    throw e;
  }
}
