/** Conversions. KQL conversions return null (or "" for strings) instead of failing. */
import { toStringSql } from '../convert.ts';
import type { ScalarFunction } from './registry.ts';
import type { Typed } from '../types.ts';

function toNumber(x: Typed, sqlType: 'BIGINT' | 'INTEGER' | 'DOUBLE'): string {
  if (x.type === 'dynamic') return `TRY_CAST(kql_dyn_tostring(${x.sql}) AS ${sqlType})`;
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
  { name: 'toreal', aliases: ['todouble'], minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: toNumber(a[0]!, 'DOUBLE'), type: 'real' }) },
];
