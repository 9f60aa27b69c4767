/**
 * More aggregates of `summarize`: take_anyif (and its obsolete alias anyif), cnt (obsolete count),
 * hll_if, and the sketch mergers hll_merge and tdigest_merge (alias merge_tdigest).
 *
 * Loupe's sketches are exact (functions/aggregates.ts): an hll is the JSON array of the distinct
 * values' JSON texts, a tdigest the JSON array of `[value, weight]` pairs. Merging hlls is the
 * union of their values, merging tdigests the concatenation of their pairs, so dcount_hll and
 * percentile_tdigest over a merged sketch give the exact answer over all the rows it describes
 * (Kusto estimates; its binary formats are its own, and only the results are comparable).
 * Over no values every sketch aggregate is null (summarize docs: default values of aggregations).
 *
 * The obsolete argmax/argmin and the multi-column percentilesw are in ./arg-extreme.ts.
 */
import { toJsonSql } from '../convert.ts';
import { SET_OF_ELEMENTS } from '../runtime/arrays.ts';
import { expectType, namedAfterColumn, type AggregateFunction } from './registry.ts';

/** The predicate of an `…if` aggregate as a FILTER clause (a null predicate counts as false). */
const filter = (p: string) => ` FILTER (WHERE ${p})`;

/** `'[' || e1 || ',' || e2 … || ']'` from per-row JSON texts (nulls skipped), ordered by text. */
const sortedSet = (element: string, f = '') =>
  `('[' || coalesce(string_agg(DISTINCT ${element}, ',' ORDER BY ${element})${f}, '') || ']')`;

/**
 * take_anyif(x, p): an arbitrary x of the rows where p holds, null when none does (a string ""
 * as for take_any). Kusto.Language names take_anyif's column after x (Column1 for an
 * expression) and the obsolete anyif's anyif_x.
 */
function takeAnyIf(name: string, defaultName: AggregateFunction['defaultName']): AggregateFunction {
  return {
    name,
    minArgs: 2,
    maxArgs: 2,
    defaultName,
    translate: (a, s) => {
      const x = a[0]!;
      const v = `any_value(${x.sql})${filter(expectType(a, 1, s, 'bool').sql)}`;
      if (x.type === 'string' || x.type === 'guid')
        return { sql: `coalesce(${v}, '')`, type: x.type };
      return { sql: v, type: x.type === 'null' ? 'dynamic' : x.type };
    },
  };
}

export const MORE_AGGREGATES: readonly AggregateFunction[] = [
  takeAnyIf('take_anyif', () => undefined),
  takeAnyIf('anyif', namedAfterColumn('anyif')),
  {
    name: 'cnt',
    minArgs: 0,
    maxArgs: 0,
    defaultName: () => 'cnt_',
    translate: () => ({ sql: 'CAST(count(*) AS BIGINT)', type: 'long' }),
  },
  {
    // hll_if(x, p[, accuracy]): the hll of the values of the rows where p holds.
    name: 'hll_if',
    minArgs: 2,
    maxArgs: 3,
    defaultName: namedAfterColumn('hll_if'),
    translate: (a, s) => {
      const x = a[0]!;
      if (x.type === 'real' || x.type === 'bool' || x.type === 'dynamic')
        return s.fail(`hll_if() cannot count ${x.type} values`, 0);
      if (a[2]) expectType(a, 2, s, 'long', 'int');
      const f = filter(expectType(a, 1, s, 'bool').sql);
      return {
        sql: `CASE WHEN count(${x.sql})${f} > 0 THEN ${sortedSet(toJsonSql(x), f)} END`,
        type: 'dynamic',
      };
    },
  },
  {
    // hll_merge(h): the union of the hll values of the group (non-array values are ignored).
    name: 'hll_merge',
    minArgs: 1,
    maxArgs: 1,
    defaultName: namedAfterColumn('hll_merge'),
    translate: (a, s) => {
      const h = expectType(a, 0, s, 'dynamic').sql;
      const arrays = `CASE WHEN ${h} LIKE '[%' THEN ${h} END`;
      return {
        sql: `CASE WHEN count(${arrays}) > 0 THEN ${SET_OF_ELEMENTS.call(sortedSet(arrays), '1048576')} END`,
        type: 'dynamic',
      };
    },
  },
  {
    // tdigest_merge(t) / merge_tdigest(t): every pair of the group's tdigests in one (Kusto.Language
    // names both merge_tdigests_t).
    name: 'tdigest_merge',
    aliases: ['merge_tdigest'],
    minArgs: 1,
    maxArgs: 1,
    defaultName: namedAfterColumn('merge_tdigests'),
    translate: (a, s) => {
      const t = expectType(a, 0, s, 'dynamic').sql;
      const inner = `CASE WHEN ${t} LIKE '[%]' AND ${t} <> '[]' THEN substr(${t}, 2, length(${t}) - 2) END`;
      return {
        sql: `CASE WHEN count(CASE WHEN ${t} LIKE '[%' THEN 1 END) > 0 THEN ('[' || coalesce(string_agg(${inner}, ','), '') || ']') END`,
        type: 'dynamic',
      };
    },
  },
];
