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
  if (sqlType !== 'DOUBLE' && (x.type === 'real' || x.type === 'decimal')) return `TRY_CAST(trunc(${x.sql}) AS ${sqlType})`;
  return `TRY_CAST(${x.sql} AS ${sqlType})`;
}

export const CONVERSION_FUNCTIONS: readonly ScalarFunction[] = [
  { name: 'tostring', minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: toStringSql(a[0]!), type: 'string' }) },
  { name: 'tolong', minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: toNumber(a[0]!, 'BIGINT'), type: 'long' }) },
  { name: 'toint', minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: toNumber(a[0]!, 'INTEGER'), type: 'int' }) },
  { name: 'toreal', aliases: ['todouble', 'todecimal'], minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: toNumber(a[0]!, 'DOUBLE'), type: 'real' }) },
  {
    // tobool: "true"/"false" in any case, numbers (non-zero is true); anything else null.
    name: 'tobool', aliases: ['toboolean'], minArgs: 1, maxArgs: 1,
    translate: (a) => {
      const x = a[0]!;
      if (x.type === 'bool') return x;
      if (x.type === 'long' || x.type === 'int' || x.type === 'real' || x.type === 'decimal') return { sql: `(${x.sql} <> 0)`, type: 'bool' };
      if (x.type !== 'string' && x.type !== 'dynamic') return { sql: 'CAST(NULL AS BOOLEAN)', type: 'bool' };
      const t = `lower(${toStringSql(x)})`;
      return { sql: `CASE ${t} WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE ELSE CAST(NULL AS BOOLEAN) END`, type: 'bool' };
    },
  },
  {
    // toguid: text in the 8-4-4-4-12 hex form, else the empty guid (Loupe's guids, like strings, are never null).
    name: 'toguid', minArgs: 1, maxArgs: 1,
    translate: (a) => {
      const t = toStringSql(a[0]!);
      return { sql: `CASE WHEN regexp_matches(${t}, '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$') THEN lower(${t}) ELSE '' END`, type: 'guid' };
    },
  },
  {
    // tohex(x[, minLength]): two's complement of the type's width for negatives (long 64, int 32 bits).
    name: 'tohex', minArgs: 1, maxArgs: 2,
    translate: (a, s) => {
      const x = expectType(a, 0, s, 'long', 'int');
      const min = a[1] ? `CAST(${expectType(a, 1, s, 'long', 'int').sql} AS DOUBLE)` : 'CAST(NULL AS DOUBLE)';
      return { sql: `coalesce(${TOHEX.call(x.sql, x.type === 'int' ? '32' : '64', min)}, '')`, type: 'string' };
    },
  },
  // Non-deterministic like Kusto's: a new guid per row.
  { name: 'new_guid', minArgs: 0, maxArgs: 0, translate: () => ({ sql: 'CAST(gen_random_uuid() AS VARCHAR)', type: 'guid' }) },
];
