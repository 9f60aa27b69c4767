/**
 * Scalar functions over tdigest values (Loupe's exact `[[value, weight], …]` pairs, see
 * functions/aggregates.ts and runtime/arrays.ts `digest`): tdigest_merge (the scalar alias of
 * merge_tdigest), percentiles_array_tdigest and percentrank_tdigest. Like percentile_tdigest and
 * rank_tdigest, they give Kusto's answer exactly where Kusto estimates it.
 */
import { constantDynamic } from '../predicates.ts';
import { ARR_CONCAT, TDIGEST_PERCENTILE, TDIGEST_RANK } from '../runtime/arrays.ts';
import { expectType, type CallSite, type ScalarFunction } from './registry.ts';
import type { Typed } from '../types.ts';

const digestArg = (a: readonly Typed[], s: CallSite) =>
  `CAST(${expectType(a, 0, s, 'dynamic').sql} AS VARCHAR)`;
const double = (sql: string) => `CAST(${sql} AS DOUBLE)`;
const isTypeLiteral = (x: Typed) =>
  typeof x.literal === 'string' && x.literal.startsWith('typeof:');

export const TDIGEST_FUNCTIONS: readonly ScalarFunction[] = [
  {
    // tdigest_merge(t1, t2, …): one digest holding every pair (merge_tdigest's other name).
    name: 'tdigest_merge',
    minArgs: 1,
    maxArgs: 64,
    translate: (a, s) => ({
      sql: ARR_CONCAT.call(
        ...a.map((_, i) => `CAST(${expectType(a, i, s, 'dynamic').sql} AS VARCHAR)`),
      ),
      type: 'dynamic',
    }),
  },
  {
    // percentiles_array_tdigest(t, p1, p2, …) / (t, dynamic([p1, p2, …]) [, typeof(T)]): the array
    // of percentile_tdigest(t, p) for each p (null elements for an empty digest), null for a null
    // digest. The array may be computed (`range(0, 100, 50)`); typeof(long|int|real) gives its
    // elements that type (integers rounded, as percentile_tdigest does).
    name: 'percentiles_array_tdigest',
    minArgs: 2,
    maxArgs: 64,
    translate: (a, s) => {
      const t = digestArg(a, s);
      const typed = a.length === 3 && a[1]!.type === 'dynamic' && isTypeLiteral(a[2]!);
      if ((a.length === 2 || typed) && a[1]!.type === 'dynamic') {
        const elementType = typed ? String(a[2]!.literal).replace(/^typeof:/, '') : 'dynamic';
        const element = (p: string) => {
          const v = TDIGEST_PERCENTILE.call(t, p);
          if (elementType === 'long' || elementType === 'int')
            return `CAST(CAST(round(CAST(${v} AS DOUBLE)) AS BIGINT) AS VARCHAR)`;
          if (elementType === 'real' || elementType === 'double')
            return `CAST(CAST(${v} AS DOUBLE) AS VARCHAR)`;
          if (elementType === 'dynamic') return v;
          return undefined;
        };
        if (element('0') === undefined)
          return s.fail(`percentiles_array_tdigest() cannot return ${elementType} elements`, 2);
        const list = constantDynamic(a[1]!);
        if (list !== undefined) {
          if (!Array.isArray(list) || list.some((p) => typeof p !== 'number'))
            return s.fail('percentiles_array_tdigest() takes an array of percentages', 1);
          const elements = (list as number[]).map((p) => `coalesce(${element(String(p))}, 'null')`);
          return {
            sql: `CASE WHEN ${t} IS NOT NULL THEN ('[' || ${elements.length ? elements.join(` || ',' || `) : "''"} || ']') END`,
            type: 'dynamic',
          };
        }
        // A computed array of numbers (its JSON text split at the commas; an element that is not
        // a number is a null percentage, so a null element).
        const ps = `list_transform(list_filter(string_split(trim(CAST(${a[1]!.sql} AS VARCHAR), '[] '), ','), e -> trim(e) <> ''), e -> TRY_CAST(trim(e) AS DOUBLE))`;
        return {
          sql: `CASE WHEN ${t} IS NOT NULL THEN ('[' || coalesce(array_to_string(list_transform(${ps}, p -> coalesce(${element('p')}, 'null')), ','), '') || ']') END`,
          type: 'dynamic',
        };
      }
      const ps: string[] = [];
      for (let i = 1; i < a.length; i++)
        ps.push(double(expectType(a, i, s, 'long', 'int', 'real', 'decimal').sql));
      const elements = ps.map((p) => `coalesce(${TDIGEST_PERCENTILE.call(t, p)}, 'null')`);
      return {
        sql: `CASE WHEN ${t} IS NOT NULL THEN ('[' || ${elements.join(` || ',' || `)} || ']') END`,
        type: 'dynamic',
      };
    },
  },
  {
    // percentrank_tdigest(t, v): the percentage of the digest's weight at or below v (the inverse
    // of percentile_tdigest); null for an empty or null digest or a null v.
    name: 'percentrank_tdigest',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => {
      const t = digestArg(a, s);
      const v = double(expectType(a, 1, s, 'long', 'int', 'real', 'decimal').sql);
      const total = double(TDIGEST_RANK.call(t, `CAST('Infinity' AS DOUBLE)`));
      return {
        sql: `(100.0 * ${double(TDIGEST_RANK.call(t, v))} / nullif(${total}, 0))`,
        type: 'real',
      };
    },
  },
];
