/**
 * Aggregation functions of `summarize`. KQL aggregates ignore nulls; count() counts rows. Dynamic
 * results (make_set, make_list) are built in SQL as JSON text from per-value JSON encodings, so an
 * empty group gives `[]` and no JSON extension is needed.
 */
import { toJsonSql } from '../convert.ts';
import { expectType, namedAfterColumn, type AggregateFunction } from './registry.ts';
import type { Typed } from '../types.ts';

/** KQL's make_set/make_list default and maximum size. */
const MAX_ARRAY = 1_048_576;

function jsonArray(elements: string, distinct: boolean, maxSize: Typed | undefined): string {
  const d = distinct ? 'DISTINCT ' : '';
  if (!maxSize) return `('[' || coalesce(string_agg(${d}${elements}, ','), '') || ']')`;
  return `('[' || coalesce(array_to_string(list_slice(list(${d}${elements}), 1, least(${maxSize.sql}, ${MAX_ARRAY})), ','), '') || ']')`;
}

/** An aggregate over an empty group is SQL NULL; a KQL string result is "" instead. */
function neverNullString(sql: string, arg: Typed): Typed {
  return arg.type === 'string' || arg.type === 'guid' ? { sql: `coalesce(${sql}, '')`, type: arg.type } : { sql, type: arg.type };
}

export const AGGREGATE_FUNCTIONS: readonly AggregateFunction[] = [
  { name: 'count', minArgs: 0, maxArgs: 0, defaultName: () => 'count_', translate: () => ({ sql: 'CAST(count(*) AS BIGINT)', type: 'long' }) },
  {
    name: 'countif', minArgs: 1, maxArgs: 1, defaultName: () => 'countif_',
    translate: (a, s) => ({ sql: `CAST(count(*) FILTER (WHERE ${expectType(a, 0, s, 'bool').sql}) AS BIGINT)`, type: 'long' }),
  },
  {
    // Exact distinct count: KQL's dcount is an estimate, exact for small cardinalities.
    name: 'dcount', minArgs: 1, maxArgs: 2, defaultName: namedAfterColumn('dcount'),
    translate: (a) => ({ sql: `CAST(count(DISTINCT ${a[0]!.sql}) AS BIGINT)`, type: 'long' }),
  },
  {
    name: 'max', minArgs: 1, maxArgs: 1, defaultName: namedAfterColumn('max'),
    translate: (a, s) => neverNullString(`max(${expectType(a, 0, s, 'long', 'int', 'real', 'decimal', 'datetime', 'timespan', 'string', 'bool').sql})`, a[0]!),
  },
  {
    name: 'min', minArgs: 1, maxArgs: 1, defaultName: namedAfterColumn('min'),
    translate: (a, s) => neverNullString(`min(${expectType(a, 0, s, 'long', 'int', 'real', 'decimal', 'datetime', 'timespan', 'string', 'bool').sql})`, a[0]!),
  },
  {
    name: 'sum', minArgs: 1, maxArgs: 1, defaultName: namedAfterColumn('sum'),
    translate: (a, s) => {
      const x = expectType(a, 0, s, 'long', 'int', 'real', 'decimal');
      return x.type === 'real' || x.type === 'decimal' ? { sql: `sum(${x.sql})`, type: 'real' } : { sql: `CAST(sum(${x.sql}) AS BIGINT)`, type: 'long' };
    },
  },
  {
    name: 'avg', minArgs: 1, maxArgs: 1, defaultName: namedAfterColumn('avg'),
    translate: (a, s) => ({ sql: `avg(CAST(${expectType(a, 0, s, 'long', 'int', 'real', 'decimal').sql} AS DOUBLE))`, type: 'real' }),
  },
  {
    // Distinct values, nulls ignored; order undefined in KQL too.
    name: 'make_set', aliases: ['makeset'], minArgs: 1, maxArgs: 2, defaultName: namedAfterColumn('set'),
    translate: (a, s) => ({ sql: jsonArray(toJsonSql(a[0]!), true, a[1] && expectType(a, 1, s, 'long', 'int')), type: 'dynamic' }),
  },
  {
    name: 'make_list', aliases: ['makelist'], minArgs: 1, maxArgs: 2, defaultName: namedAfterColumn('list'),
    translate: (a, s) => ({ sql: jsonArray(toJsonSql(a[0]!), false, a[1] && expectType(a, 1, s, 'long', 'int')), type: 'dynamic' }),
  },
  {
    name: 'take_any', aliases: ['any'], minArgs: 1, maxArgs: 1, defaultName: namedAfterColumn('any'),
    translate: (a) => neverNullString(`any_value(${a[0]!.sql})`, a[0]!),
  },
];
