/**
 * gzip_compress_to_base64_string / gzip_decompress_from_base64_string. UDFs are synchronous and the
 * browser's own gzip (CompressionStream) is asynchronous, so DEFLATE comes from fflate's
 * synchronous codec; what is Kusto's own is here:
 *
 * - Decompression checks the member's CRC-32 and length (fflate does not), so that a damaged
 *   value gives "" rather than garbled text; anything that is not valid gzip gives "" (as Kusto
 *   answers for "x0x0x0").
 * - Compression writes stored (uncompressed) DEFLATE blocks with Kusto's header (mtime 0, XFL 0,
 *   OS byte 0xff). For short texts this is exactly what Kusto returns (its docs example); for
 *   longer ones Kusto compresses, so the base64 differs while decompressing to the same text.
 */
import { gunzipSync, gzipSync } from 'fflate';
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
  if (data.length < 18 || data[0] !== 0x1f || data[1] !== 0x8b || data[2] !== 8) throw new Error('not gzip');
  const out = gunzipSync(data);
  const word = (i: number) => (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24)) >>> 0;
  if (word(data.length - 8) !== crc32(out) || word(data.length - 4) !== out.length >>> 0) throw new Error('gzip checksum mismatch');
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
  } catch {
    // Not gzip, damaged or truncated: Kusto answers "".
    return '';
  }
}

// The UDFs of this module (registered by ./index.ts, called by the translator).
export const GZIP_COMPRESS = udf('kql_gzip_compress', ['VARCHAR'], 'VARCHAR', gzipCompressToBase64);
export const GZIP_DECOMPRESS = udf('kql_gzip_decompress', ['VARCHAR'], 'VARCHAR', gzipDecompressFromBase64);
