/** String functions. KQL strings are never null, so every string result is coalesced to "". */
import { toStringSql } from '../convert.ts';
import { expectType, type ScalarFunction } from './registry.ts';

export const STRING_FUNCTIONS: readonly ScalarFunction[] = [
  {
    name: 'strlen', minArgs: 1, maxArgs: 1,
    translate: (a, s) => ({ sql: `CAST(length(${toStringSql(expectType(a, 0, s, 'string', 'guid', 'dynamic'))}) AS BIGINT)`, type: 'long' }),
  },
  { name: 'tolower', minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: `lower(${toStringSql(a[0]!)})`, type: 'string' }) },
  { name: 'toupper', minArgs: 1, maxArgs: 1, translate: (a) => ({ sql: `upper(${toStringSql(a[0]!)})`, type: 'string' }) },
  // strcat converts every argument with tostring, so a null never turns the result into null.
  { name: 'strcat', minArgs: 1, maxArgs: 64, translate: (a) => ({ sql: `(${a.map(toStringSql).join(' || ')})`, type: 'string' }) },
  {
    name: 'isempty', minArgs: 1, maxArgs: 1,
    translate: (a) => {
      const x = a[0]!;
      if (x.type === 'string' || x.type === 'guid') return { sql: `(${x.sql} = '')`, type: 'bool' };
      if (x.type === 'dynamic') return { sql: `(${x.sql} IS NULL OR ${x.sql} = '""')`, type: 'bool' };
      return { sql: `(${x.sql} IS NULL)`, type: 'bool' };
    },
  },
  {
    name: 'isnotempty', aliases: ['notempty'], minArgs: 1, maxArgs: 1,
    translate: (a) => {
      const x = a[0]!;
      if (x.type === 'string' || x.type === 'guid') return { sql: `(${x.sql} <> '')`, type: 'bool' };
      if (x.type === 'dynamic') return { sql: `(${x.sql} IS NOT NULL AND ${x.sql} <> '""')`, type: 'bool' };
      return { sql: `(${x.sql} IS NOT NULL)`, type: 'bool' };
    },
  },
  {
    // substring(text, start[, length]): 0-based start in KQL, 1-based in SQL.
    name: 'substring', minArgs: 2, maxArgs: 3,
    translate: (a, s) => {
      const text = toStringSql(a[0]!);
      const start = expectType(a, 1, s, 'long', 'int').sql;
      const len = a[2] ? `, greatest(${expectType(a, 2, s, 'long', 'int').sql}, 0)` : '';
      return { sql: `coalesce(substring(${text}, greatest(${start}, 0) + 1${len}), '')`, type: 'string' };
    },
  },
];
