/** gzip_compress_to_base64_string / gzip_decompress_from_base64_string (runtime/gzip.ts). */
import { expectType, type ScalarFunction } from './registry.ts';
import { GZIP_COMPRESS, GZIP_DECOMPRESS } from '../runtime/gzip.ts';

export const COMPRESSION_FUNCTIONS: readonly ScalarFunction[] = [
  {
    name: 'gzip_compress_to_base64_string', minArgs: 1, maxArgs: 1,
    translate: (a, s) => ({ sql: `coalesce(${GZIP_COMPRESS.call(expectType(a, 0, s, 'string').sql)}, '')`, type: 'string' }),
  },
  {
    // Kusto: text that is not base64 of gzip decompresses to "".
    name: 'gzip_decompress_from_base64_string', minArgs: 1, maxArgs: 1,
    translate: (a, s) => ({ sql: `coalesce(${GZIP_DECOMPRESS.call(expectType(a, 0, s, 'string').sql)}, '')`, type: 'string' }),
  },
];
