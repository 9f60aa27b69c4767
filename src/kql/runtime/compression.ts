/**
 * gzip_compress_to_base64_string / gzip_decompress_from_base64_string and their zlib twins
 * (zlib_compress_to_base64_string / zlib_decompress_from_base64_string): DEFLATE in a gzip member
 * (RFC 1952) or a zlib stream (RFC 1950). UDFs are synchronous and the browser's own codecs
 * (CompressionStream) are asynchronous, so DEFLATE comes from fflate's synchronous codec; what is
 * Kusto's own is here:
 *
 * - Decompression checks the checksum (gzip: CRC-32 and length; zlib: Adler-32), which fflate
 *   does not, so that a damaged value gives "" rather than garbled text; anything that is not
 *   valid gives "" (as Kusto answers for "x0x0x0").
 * - Compression writes stored (uncompressed) DEFLATE blocks with Kusto's header (gzip: mtime 0,
 *   XFL 0, OS byte 0xff; zlib: 78 01). For short texts this is exactly what Kusto returns (both
 *   docs examples); for longer ones Kusto compresses, so the base64 differs while decompressing
 *   to the same text.
 */
import { gunzipSync, gzipSync, unzlibSync, zlibSync } from 'fflate';
import { udf } from './udf.ts';

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

/** The bytes of one gzip member (RFC 1952); throws unless its CRC-32 and length match. */
export function gunzip(data: Uint8Array): Uint8Array {
  if (data.length < 18 || data[0] !== 0x1f || data[1] !== 0x8b || data[2] !== 8)
    throw new Error('not gzip');
  const out = gunzipSync(data);
  const word = (i: number) =>
    (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24)) >>> 0;
  if (word(data.length - 8) !== crc32(out) || word(data.length - 4) !== out.length >>> 0)
    throw new Error('gzip checksum mismatch');
  return out;
}

/** Text in stored DEFLATE blocks inside a gzip member with Kusto's header. */
export function gzipStored(bytes: Uint8Array): Uint8Array {
  const out = gzipSync(bytes, { level: 0, mtime: 0 });
  out[8] = 0; // XFL: fflate marks level 0 as "fastest"
  out[9] = 0xff; // OS: unknown, as Kusto writes it
  return out;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
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
  } catch {
    // Not gzip, damaged or truncated: Kusto answers "".
    return '';
  }
}

export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length;) {
    // 5552 bytes keep the sums below 2^53 between reductions (RFC 1950's NMAX).
    const end = Math.min(bytes.length, i + 5552);
    for (; i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** The bytes of a zlib stream (RFC 1950); throws unless its header and Adler-32 check. */
export function unzlib(data: Uint8Array): Uint8Array {
  if (data.length < 6 || (data[0]! & 0x0f) !== 8 || ((data[0]! << 8) | data[1]!) % 31 !== 0)
    throw new Error('not zlib');
  const out = unzlibSync(data);
  const n = data.length;
  const sum =
    ((data[n - 4]! << 24) | (data[n - 3]! << 16) | (data[n - 2]! << 8) | data[n - 1]!) >>> 0;
  if (sum !== adler32(out)) throw new Error('zlib checksum mismatch');
  return out;
}

export function zlibCompressToBase64(text: string | null): string | null {
  if (text === null) return null;
  // fflate's level 0 writes Kusto's header, 78 01.
  return toBase64(zlibSync(new TextEncoder().encode(text), { level: 0 }));
}

export function zlibDecompressFromBase64(text: string | null): string | null {
  if (text === null) return null;
  const bytes = fromBase64(text);
  if (!bytes) return '';
  try {
    return new TextDecoder().decode(unzlib(bytes));
  } catch {
    return '';
  }
}

// The UDFs of this module (registered by ./index.ts, called by the translator).
export const GZIP_COMPRESS = udf('kql_gzip_compress', ['VARCHAR'], 'VARCHAR', gzipCompressToBase64);
export const GZIP_DECOMPRESS = udf(
  'kql_gzip_decompress',
  ['VARCHAR'],
  'VARCHAR',
  gzipDecompressFromBase64,
);
export const ZLIB_COMPRESS = udf('kql_zlib_compress', ['VARCHAR'], 'VARCHAR', zlibCompressToBase64);
export const ZLIB_DECOMPRESS = udf(
  'kql_zlib_decompress',
  ['VARCHAR'],
  'VARCHAR',
  zlibDecompressFromBase64,
);
