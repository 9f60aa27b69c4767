/** Conversions. KQL conversions return null (or "" for strings) instead of failing. */
import { toStringSql } from '../convert.ts';
import { expectType, type ScalarFunction } from './registry.ts';
import type { Typed } from '../types.ts';
import { DYN_TOSTRING } from '../runtime/dynamic.ts';
import { TOHEX } from '../runtime/text.ts';

function toNumber(x: Typed, sqlType: 'BIGINT' | 'INTEGER' | 'DOUBLE'): string {
  if (x.type === 'dynamic') return `TRY_CAST(${DYN_TOSTRING.call(x.sql)} AS ${sqlType})`;
  if (x.type === 'bool') return `CAST(CAST(${x.sql} AS INTEGER) AS ${sqlType})`;
  if (x.type === 'string') return `TRY_CAST(${x.sql} AS ${sqlType})`;
  if (x.type === 'null') return `CAST(NULL AS ${sqlType})`;
  if (x.type === 'datetime' || x.type === 'timespan') return `CAST(NULL AS ${sqlType})`;
  // KQL truncates reals towards zero when converting to integers.
  if (sqlType !== 'DOUBLE' && (x.type === 'real' || x.type === 'decimal'))
    return `TRY_CAST(trunc(${x.sql}) AS ${sqlType})`;
  return `TRY_CAST(${x.sql} AS ${sqlType})`;
}

export const CONVERSION_FUNCTIONS: readonly ScalarFunction[] = [
  {
    name: 'tostring',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: toStringSql(a[0]!), type: 'string' }),
  },
  {
    name: 'tolong',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: toNumber(a[0]!, 'BIGINT'), type: 'long' }),
  },
  {
    name: 'toint',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: toNumber(a[0]!, 'INTEGER'), type: 'int' }),
  },
  {
    name: 'toreal',
    aliases: ['todouble', 'todecimal'],
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({ sql: toNumber(a[0]!, 'DOUBLE'), type: 'real' }),
  },
  {
    // tobool: "true"/"false" in any case, numbers (non-zero is true); anything else null.
    name: 'tobool',
    aliases: ['toboolean'],
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => {
      const x = a[0]!;
      if (x.type === 'bool') return x;
      if (x.type === 'long' || x.type === 'int' || x.type === 'real' || x.type === 'decimal')
        return { sql: `(${x.sql} <> 0)`, type: 'bool' };
      if (x.type !== 'string' && x.type !== 'dynamic')
        return { sql: 'CAST(NULL AS BOOLEAN)', type: 'bool' };
      const t = `lower(${toStringSql(x)})`;
      return {
        sql: `CASE ${t} WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE ELSE CAST(NULL AS BOOLEAN) END`,
        type: 'bool',
      };
    },
  },
  {
    // toguid: the first 32 characters of the text, hyphens ignored, must be hex digits (toguid docs:
    // "0123456789abcdef0123456789abcdef" and "0123456789ab-cdef-0123-456789abcdef" both give
    // 01234567-89ab-cdef-0123-456789abcdef; the rest of the text is ignored); else the empty guid
    // (Loupe's guids, like strings, are never null).
    name: 'toguid',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => {
      const x = a[0]!;
      if (x.type === 'guid') return x;
      const hex = `lower(left(replace(${toStringSql(x)}, '-', ''), 32))`;
      const guid = `substr(${hex}, 1, 8) || '-' || substr(${hex}, 9, 4) || '-' || substr(${hex}, 13, 4) || '-' || substr(${hex}, 17, 4) || '-' || substr(${hex}, 21, 12)`;
      return {
        sql: `CASE WHEN regexp_matches(${hex}, '^[0-9a-f]{32}$') THEN ${guid} ELSE '' END`,
        type: 'guid',
      };
    },
  },
  {
    // tohex(x[, minLength]): two's complement of the type's width for negatives (long 64, int 32 bits).
    name: 'tohex',
    minArgs: 1,
    maxArgs: 2,
    translate: (a, s) => {
      const x = expectType(a, 0, s, 'long', 'int');
      const min = a[1]
        ? `CAST(${expectType(a, 1, s, 'long', 'int').sql} AS DOUBLE)`
        : 'CAST(NULL AS DOUBLE)';
      return {
        sql: `coalesce(${TOHEX.call(x.sql, x.type === 'int' ? '32' : '64', min)}, '')`,
        type: 'string',
      };
    },
  },
  // Non-deterministic like Kusto's: a new guid per row.
  {
    name: 'new_guid',
    minArgs: 0,
    maxArgs: 0,
    translate: () => ({ sql: 'CAST(gen_random_uuid() AS VARCHAR)', type: 'guid' }),
  },
];
