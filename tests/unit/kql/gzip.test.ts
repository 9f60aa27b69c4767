/**
 * gzip_compress_to_base64_string / gzip_decompress_from_base64_string: the gzip reader (fflate plus
 * Kusto's checks) and stored-block writer (runtime/gzip.ts) checked against Node's zlib on texts that exercise
 * every DEFLATE block type, and Kusto's documented answers.
 */
import { gzipSync, gunzipSync, constants } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc32, gunzip, gzipCompressToBase64, gzipDecompressFromBase64 } from '../../../src/kql/runtime/gzip.ts';
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
  ['wide alphabet', text(2, 70000, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ;:,.')],
  ['unicode', 'Grüße, 東京 🙂 '.repeat(300)],
];

describe('gzip runtime', () => {
  it.each(SAMPLES)('reads what zlib writes at every level and strategy: %s', (_name, s) => {
    const bytes = Buffer.from(s, 'utf8');
    for (const options of [{ level: 0 }, { level: 1 }, { level: 6 }, { level: 9 }, { strategy: constants.Z_FIXED }, { strategy: constants.Z_HUFFMAN_ONLY }]) {
      expect(Buffer.from(gunzip(new Uint8Array(gzipSync(bytes, options)))).toString('utf8')).toBe(s);
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

describe('gzip functions in KQL', () => {
  let h: KqlHarness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.engine.close());

  it('give Kusto\'s documented answers and round-trip', () => {
    expect(h.run('print c = gzip_compress_to_base64_string("1234567890qwertyuiop"), d = gzip_decompress_from_base64_string("H4sIAAAAAAAA/wEUAOv/MTIzNDU2Nzg5MHF3ZXJ0eXVpb3A6m7f2FAAAAA=="), r = gzip_decompress_from_base64_string(gzip_compress_to_base64_string("été")), bad = gzip_decompress_from_base64_string("x0x0x0")')).toEqual([
      { c: 'H4sIAAAAAAAA/wEUAOv/MTIzNDU2Nzg5MHF3ZXJ0eXVpb3A6m7f2FAAAAA==', d: '1234567890qwertyuiop', r: 'été', bad: '' },
    ]);
  });
});
