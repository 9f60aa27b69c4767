/**
 * gzip_* and zlib_*_base64_string: the gzip and zlib readers (fflate plus Kusto's checks) and
 * stored-block writers (runtime/compression.ts) checked against Node's zlib on texts that exercise
 * every DEFLATE block type, and Kusto's documented answers.
 */
import { gzipSync, gunzipSync, constants, deflateSync, inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adler32,
  crc32,
  gunzip,
  gzipCompressToBase64,
  gzipDecompressFromBase64,
  unzlib,
  zlibCompressToBase64,
  zlibDecompressFromBase64,
} from '../../../src/kql/runtime/compression.ts';
import { createHarness, type KqlHarness } from './harness.ts';

/** Deterministic pseudo-random text (no Math.random: failures must reproduce). */
function text(seed: number, length: number, alphabet: string): string {
  let x = seed;
  let s = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    s += alphabet[(x >>> 16) % alphabet.length];
  }
  return s;
}

const SAMPLES: [string, string][] = [
  ['empty', ''],
  ['short', '1234567890qwertyuiop'],
  ['repetitive (long back-references)', 'abcabcabc'.repeat(5000)],
  ['small alphabet (dynamic Huffman)', text(1, 20000, 'ab c\n')],
  [
    'wide alphabet',
    text(2, 70000, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ;:,.'),
  ],
  ['unicode', 'Grüße, 東京 🙂 '.repeat(300)],
];

describe('gzip runtime', () => {
  it.each(SAMPLES)('reads what zlib writes at every level and strategy: %s', (_name, s) => {
    const bytes = Buffer.from(s, 'utf8');
    for (const options of [
      { level: 0 },
      { level: 1 },
      { level: 6 },
      { level: 9 },
      { strategy: constants.Z_FIXED },
      { strategy: constants.Z_HUFFMAN_ONLY },
    ]) {
      expect(Buffer.from(gunzip(new Uint8Array(gzipSync(bytes, options)))).toString('utf8')).toBe(
        s,
      );
    }
  });

  it.each(SAMPLES)('writes gzip zlib reads back: %s', (_name, s) => {
    const b64 = gzipCompressToBase64(s)!;
    expect(gunzipSync(Buffer.from(b64, 'base64')).toString('utf8')).toBe(s);
    expect(gzipDecompressFromBase64(b64)).toBe(s);
  });

  it('CRC-32 of "123456789" is the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('corrupt or truncated input gives "" (a flipped byte fails the CRC, not a garbled text)', () => {
    const good = Buffer.from(gzipCompressToBase64('hello world')!, 'base64');
    const flipped = Buffer.from(good);
    flipped[20] = flipped[20]! ^ 1;
    expect(gzipDecompressFromBase64(flipped.toString('base64'))).toBe('');
    expect(gzipDecompressFromBase64(good.subarray(0, good.length - 3).toString('base64'))).toBe('');
    expect(gzipDecompressFromBase64('x0x0x0')).toBe('');
    expect(gzipDecompressFromBase64('not base64 at all!')).toBe('');
  });
});

describe('zlib runtime', () => {
  it.each(SAMPLES)('reads what zlib writes at every level and strategy: %s', (_name, s) => {
    const bytes = Buffer.from(s, 'utf8');
    for (const options of [
      { level: 0 },
      { level: 1 },
      { level: 6 },
      { level: 9 },
      { strategy: constants.Z_FIXED },
      { strategy: constants.Z_HUFFMAN_ONLY },
    ]) {
      expect(
        Buffer.from(unzlib(new Uint8Array(deflateSync(bytes, options)))).toString('utf8'),
      ).toBe(s);
    }
  });

  it.each(SAMPLES)('writes zlib that zlib reads back: %s', (_name, s) => {
    const b64 = zlibCompressToBase64(s)!;
    expect(inflateSync(Buffer.from(b64, 'base64')).toString('utf8')).toBe(s);
    expect(zlibDecompressFromBase64(b64)).toBe(s);
  });

  it('Adler-32 of "Wikipedia" is the textbook value', () => {
    expect(adler32(new TextEncoder().encode('Wikipedia'))).toBe(0x11e60398);
  });

  it('corrupt or truncated input gives "" (a flipped checksum byte fails, where fflate alone decodes it)', () => {
    const good = Buffer.from(zlibCompressToBase64('hello world')!, 'base64');
    const flipped = Buffer.from(good);
    flipped[flipped.length - 1] = flipped[flipped.length - 1]! ^ 1;
    expect(zlibDecompressFromBase64(flipped.toString('base64'))).toBe('');
    expect(zlibDecompressFromBase64(good.subarray(0, good.length - 3).toString('base64'))).toBe('');
    expect(zlibDecompressFromBase64(gzipCompressToBase64('hello world'))).toBe('');
  });
});

describe('gzip functions in KQL', () => {
  let h: KqlHarness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.engine.close());

  it("give Kusto's documented answers and round-trip", () => {
    expect(
      h.run(
        'print c = gzip_compress_to_base64_string("1234567890qwertyuiop"), d = gzip_decompress_from_base64_string("H4sIAAAAAAAA/wEUAOv/MTIzNDU2Nzg5MHF3ZXJ0eXVpb3A6m7f2FAAAAA=="), r = gzip_decompress_from_base64_string(gzip_compress_to_base64_string("été")), bad = gzip_decompress_from_base64_string("x0x0x0")',
      ),
    ).toEqual([
      {
        c: 'H4sIAAAAAAAA/wEUAOv/MTIzNDU2Nzg5MHF3ZXJ0eXVpb3A6m7f2FAAAAA==',
        d: '1234567890qwertyuiop',
        r: 'été',
        bad: '',
      },
    ]);
  });

  it("zlib: Kusto's documented answers (zlib-base64-compress-function.md, zlib-base64-decompress-function.md) and a round trip", () => {
    expect(
      h.run(
        'print zcomp = zlib_compress_to_base64_string("1234567890qwertyuiop"), valid = zlib_decompress_from_base64_string("eJwLSS0uUSguKcrMS1cwNDIGACxqBQ4="), invalid = zlib_decompress_from_base64_string("x0x0x0"), r = zlib_decompress_from_base64_string(zlib_compress_to_base64_string("été"))',
      ),
    ).toEqual([
      {
        zcomp: 'eAEBFADr/zEyMzQ1Njc4OTBxd2VydHl1aW9wOAkGdw==',
        valid: 'Test string 123',
        invalid: '',
        r: 'été',
      },
    ]);
  });
});
