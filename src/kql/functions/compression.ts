/** gzip_* and zlib_* compression to and from base64 strings (runtime/compression.ts). */
import {
  GZIP_COMPRESS,
  GZIP_DECOMPRESS,
  ZLIB_COMPRESS,
  ZLIB_DECOMPRESS,
} from '../runtime/compression.ts';
import type { KqlUdf } from '../runtime/udf.ts';
import { expectType, type ScalarFunction } from './registry.ts';

/** A string → string codec; text that does not decode gives "" (docs: "x0x0x0" decompresses to ""). */
function codec(name: string, fn: KqlUdf): ScalarFunction {
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({
      sql: `coalesce(${fn.call(expectType(a, 0, s, 'string').sql)}, '')`,
      type: 'string',
    }),
  };
}

export const COMPRESSION_FUNCTIONS: readonly ScalarFunction[] = [
  codec('gzip_compress_to_base64_string', GZIP_COMPRESS),
  codec('gzip_decompress_from_base64_string', GZIP_DECOMPRESS),
  codec('zlib_compress_to_base64_string', ZLIB_COMPRESS),
  codec('zlib_decompress_from_base64_string', ZLIB_DECOMPRESS),
];
