/**
 * Aggregation functions of `summarize`. KQL aggregates ignore nulls; count() counts rows. Dynamic
 * results (make_set, make_list) are built in SQL as JSON text from per-value JSON encodings, so an
 * empty group gives `[]` and no JSON extension is needed.
 */
import { toJsonSql } from '../convert.ts';
import { constantDynamic } from '../predicates.ts';
import { expectType, namedAfterColumn, type AggregateFunction, type CallSite } from './registry.ts';
import type { Typed } from '../types.ts';
import { BAG_MERGE_ALL, SET_OF_ELEMENTS, TDIGEST_PERCENTILE } from '../runtime/arrays.ts';
import { BUILDSCHEMA } from '../runtime/buildschema.ts';

/** KQL's make_set/make_list default and maximum size. */
const MAX_ARRAY = 1_048_576;

/**
 * A JSON array text aggregated from per-row element texts. `order` (CallSite.rowOrder) puts the
 * elements in the rows' defined order, for the list aggregates Kusto documents as following a
 * sorted input. Sets (`distinct`) have no order in KQL; here they are sorted by their elements'
 * JSON text, so that a set is the same whatever engine and however many threads computed it
 * (multi-threaded native DuckDB merges partial DISTINCT states in no fixed order).
 */
function jsonArray(
  elements: string,
  distinct: boolean,
  maxSize: Typed | undefined,
  order?: string,
): string {
  const d = distinct ? 'DISTINCT ' : '';
  const o = distinct ? ` ORDER BY ${elements}` : order !== undefined ? ` ORDER BY ${order}` : '';
  if (!maxSize) return `('[' || coalesce(string_agg(${d}${elements}, ','${o}), '') || ']')`;
  // list() keeps NULLs (string_agg skips them): filter them out before slicing, or the rows an
  // `…if` predicate rejected (NULL elements) would take places among the first maxSize.
  return `('[' || coalesce(array_to_string(list_slice(list(${d}${elements}${o}) FILTER (WHERE ${elements} IS NOT NULL), 1, least(${maxSize.sql}, ${MAX_ARRAY})), ','), '') || ']')`;
}

/** An aggregate over an empty group is SQL NULL; a KQL string result is "" instead. */
function neverNullString(sql: string, arg: Typed): Typed {
  return arg.type === 'string' || arg.type === 'guid'
    ? { sql: `coalesce(${sql}, '')`, type: arg.type }
    : { sql, type: arg.type };
}

/** The predicate argument of an `…if` aggregate, as a FILTER clause (a null predicate counts as false). */
function filterWhere(a: readonly Typed[], i: number, s: CallSite): string {
  return ` FILTER (WHERE ${expectType(a, i, s, 'bool').sql})`;
}

const NUMBERS = ['long', 'int', 'real', 'decimal'] as const;

/** sum/avg/stdev/variance with an optional predicate (`sumif(x, p)`). */
function numeric(
  name: string,
  prefix: string,
  sql: (x: string, filter: string) => string,
  keepIntegral: boolean,
  withIf: boolean,
): AggregateFunction {
  return {
    name,
    minArgs: withIf ? 2 : 1,
    maxArgs: withIf ? 2 : 1,
    defaultName: namedAfterColumn(prefix),
    translate: (a, s) => {
      const x = expectType(a, 0, s, ...NUMBERS);
      const filter = withIf ? filterWhere(a, 1, s) : '';
      const integral = keepIntegral && (x.type === 'long' || x.type === 'int');
      const v = sql(integral ? x.sql : `CAST(${x.sql} AS DOUBLE)`, filter);
      return integral ? { sql: `CAST(${v} AS BIGINT)`, type: 'long' } : { sql: v, type: 'real' };
    },
  };
}

/**
 * Kusto's stdev/variance of a single value is 0 (DuckDB's sample functions give NULL for fewer
 * than two values), and so is their default over no values (summarize docs, "Default values of
 * aggregations": count, dcount, sum, variance, stdev and their -if forms give 0).
 */
const sample = (fn: string) => (x: string, f: string) => `coalesce(${fn}(${x})${f}, 0)`;

/** A dynamic value's JSON as an aggregated JSON array text (in the rows' order, if defined), for the UDFs that merge bags. */
function bagList(x: string, filter: string, order?: string): string {
  return `('[' || coalesce(string_agg(${x}, ','${order !== undefined ? ` ORDER BY ${order}` : ''})${filter}, '') || ']')`;
}

/** The `[value, weight]` pairs of a weighted aggregate (`percentilew(x, w, …)`), as the JSON tdigest holds them. */
function weightedPairs(a: readonly Typed[], s: CallSite): string {
  const x = a[0]!;
  const w = expectType(a, 1, s, 'long', 'int');
  return jsonArray(
    `CASE WHEN ${x.sql} IS NOT NULL AND ${w.sql} IS NOT NULL THEN '[' || ${toJsonSql(x)} || ',' || CAST(${w.sql} AS VARCHAR) || ']' END`,
    false,
    undefined,
  );
}

/** Constant percentages from argument `from` on: numbers, or one dynamic array of numbers. */
function constantPercentages(a: readonly Typed[], from: number, s: CallSite): number[] {
  const ps: number[] = [];
  for (let i = from; i < a.length; i++) {
    const list = a[i]!.type === 'dynamic' ? constantDynamic(a[i]!) : a[i]!.literal;
    for (const p of Array.isArray(list) ? list : [list]) {
      if (typeof p !== 'number' || p < 0 || p > 100)
        return s.fail(`${s.name}() needs constant percentages between 0 and 100`, i);
      ps.push(p);
    }
  }
  return ps;
}

const CONDITIONAL_AGGREGATES: readonly AggregateFunction[] = [
  numeric('sumif', 'sumif', (x, f) => `coalesce(sum(${x})${f}, 0)`, true, true),
  numeric('avgif', 'avgif', (x, f) => `avg(${x})${f}`, false, true),
  numeric('stdev', 'stdev', sample('stddev_samp'), false, false),
  numeric('stdevif', 'stdevif', sample('stddev_samp'), false, true),
  numeric('stdevp', 'stdevp', (x, f) => `stddev_pop(${x})${f}`, false, false),
  numeric('stdevpif', 'stdevpif', (x, f) => `stddev_pop(${x})${f}`, false, true),
  numeric('variance', 'variance', sample('var_samp'), false, false),
  numeric('varianceif', 'varianceif', sample('var_samp'), false, true),
  numeric('variancep', 'variancep', (x, f) => `var_pop(${x})${f}`, false, false),
  numeric('variancepif', 'variancepif', (x, f) => `var_pop(${x})${f}`, false, true),
  ...(['min', 'max'] as const).map((m): AggregateFunction => ({
    name: `${m}if`,
    minArgs: 2,
    maxArgs: 2,
    defaultName: namedAfterColumn(`${m}if`),
    translate: (a, s) =>
      neverNullString(
        `${m}(${expectType(a, 0, s, ...NUMBERS, 'datetime', 'timespan', 'string').sql})${filterWhere(a, 1, s)}`,
        a[0]!,
      ),
  })),
  {
    // Exact, like dcount here (Kusto estimates).
    name: 'dcountif',
    minArgs: 2,
    maxArgs: 3,
    defaultName: namedAfterColumn('dcountif'),
    translate: (a, s) => ({
      sql: `CAST(count(DISTINCT ${a[0]!.sql})${filterWhere(a, 1, s)} AS BIGINT)`,
      type: 'long',
    }),
  },
  {
    name: 'count_distinct',
    minArgs: 1,
    maxArgs: 1,
    defaultName: namedAfterColumn('count_distinct'),
    translate: (a) => ({ sql: `CAST(count(DISTINCT ${a[0]!.sql}) AS BIGINT)`, type: 'long' }),
  },
  {
    name: 'count_distinctif',
    minArgs: 2,
    maxArgs: 2,
    defaultName: namedAfterColumn('count_distinctif'),
    translate: (a, s) => ({
      sql: `CAST(count(DISTINCT ${a[0]!.sql})${filterWhere(a, 1, s)} AS BIGINT)`,
      type: 'long',
    }),
  },
  {
    name: 'make_set_if',
    minArgs: 2,
    maxArgs: 3,
    defaultName: namedAfterColumn('set'),
    translate: (a, s) => {
      const max = a[2] && expectType(a, 2, s, 'long', 'int');
      const x = toJsonSql(a[0]!);
      return {
        sql: jsonArray(`CASE WHEN ${expectType(a, 1, s, 'bool').sql} THEN ${x} END`, true, max),
        type: 'dynamic',
      };
    },
  },
  {
    name: 'make_list_if',
    minArgs: 2,
    maxArgs: 3,
    defaultName: namedAfterColumn('list'),
    translate: (a, s) => {
      const max = a[2] && expectType(a, 2, s, 'long', 'int');
      const x = toJsonSql(a[0]!);
      return {
        sql: jsonArray(
          `CASE WHEN ${expectType(a, 1, s, 'bool').sql} THEN ${x} END`,
          false,
          max,
          s.rowOrder,
        ),
        type: 'dynamic',
      };
    },
  },
  {
    // Nulls are kept as JSON null elements.
    name: 'make_list_with_nulls',
    minArgs: 1,
    maxArgs: 1,
    defaultName: namedAfterColumn('list'),
    translate: (a, s) => ({
      sql: jsonArray(`coalesce(${toJsonSql(a[0]!)}, 'null')`, false, undefined, s.rowOrder),
      type: 'dynamic',
    }),
  },
  {
    // make_bag(bag): the union of the bags' properties; non-bags are ignored; a repeated key keeps its first value.
    name: 'make_bag',
    aliases: ['make_dictionary'],
    minArgs: 1,
    maxArgs: 2,
    defaultName: namedAfterColumn('bag'),
    translate: (a, s) => ({
      sql: BAG_MERGE_ALL.call(bagList(expectType(a, 0, s, 'dynamic').sql, '', s.rowOrder)),
      type: 'dynamic',
    }),
  },
  {
    name: 'make_bag_if',
    minArgs: 2,
    maxArgs: 3,
    defaultName: namedAfterColumn('bag'),
    translate: (a, s) => ({
      sql: BAG_MERGE_ALL.call(
        bagList(expectType(a, 0, s, 'dynamic').sql, filterWhere(a, 1, s), s.rowOrder),
      ),
      type: 'dynamic',
    }),
  },
  {
    // percentile(x, p): nearest rank, a value of the set (Kusto's estimate is exact for small sets).
    name: 'percentile',
    minArgs: 2,
    maxArgs: 2,
    defaultName: (args, constant) => {
      const [x, p] = args;
      const v = p?.kind === 'literal' ? p.value : p && constant?.(p);
      if (x?.kind !== 'name' || typeof v !== 'number') return undefined;
      return `percentile_${x.name}_${String(v).replace('.', '_')}`;
    },
    translate: (a, s) => {
      const x = expectType(a, 0, s, ...NUMBERS, 'datetime', 'timespan');
      const p = a[1]!.literal;
      if (typeof p !== 'number' || p < 0 || p > 100)
        return s.fail('percentile() needs a constant percentage between 0 and 100', 1);
      return {
        sql: `quantile_disc(${x.sql}, ${p / 100})`,
        type: x.type === 'int' ? 'int' : x.type,
      };
    },
  },
  ...(
    [
      ['covariance', 'covar_samp', false],
      ['covariancep', 'covar_pop', false],
      ['covarianceif', 'covar_samp', true],
      ['covariancepif', 'covar_pop', true],
    ] as const
  ).map(([name, fn, withIf]): AggregateFunction => ({
    name,
    minArgs: withIf ? 3 : 2,
    maxArgs: withIf ? 3 : 2,
    // Named after both columns: covariance_x_y.
    defaultName: (args) =>
      args[0]?.kind === 'name' && args[1]?.kind === 'name'
        ? `${name}_${args[0].name}_${args[1].name}`
        : undefined,
    translate: (a, s) => ({
      sql: `${fn}(CAST(${expectType(a, 0, s, ...NUMBERS).sql} AS DOUBLE), CAST(${expectType(a, 1, s, ...NUMBERS).sql} AS DOUBLE))${withIf ? filterWhere(a, 2, s) : ''}`,
      type: 'real',
    }),
  })),
  {
    // hll(x): Loupe's sketch is the exact JSON array of distinct values (dcount_hll counts it exactly).
    name: 'hll',
    minArgs: 1,
    maxArgs: 2,
    defaultName: namedAfterColumn('hll'),
    // Null over no values (summarize docs: aggregates other than counts, sums and make_* default to null).
    translate: (a) => ({
      sql: `CASE WHEN count(${a[0]!.sql}) > 0 THEN ${jsonArray(toJsonSql(a[0]!), true, undefined)} END`,
      type: 'dynamic',
    }),
  },
  {
    // tdigest(x[, weight]): the exact [value, weight] pairs (see runtime/arrays.ts digest).
    name: 'tdigest',
    minArgs: 1,
    maxArgs: 2,
    defaultName: namedAfterColumn('tdigest'),
    translate: (a, s) => {
      const x = expectType(a, 0, s, ...NUMBERS);
      const w = a[1] ? `CAST(${expectType(a, 1, s, 'long', 'int').sql} AS VARCHAR)` : `'1'`;
      return {
        sql: `CASE WHEN count(${x.sql}) > 0 THEN ${jsonArray(`CASE WHEN ${x.sql} IS NOT NULL THEN '[' || ${toJsonSql(x)} || ',' || ${w} || ']' END`, false, undefined)} END`,
        type: 'dynamic',
      };
    },
  },
  {
    // percentiles_array(x, p1, p2, …) / percentiles_array(x, dynamic([…])): the nearest-rank values as one array.
    name: 'percentiles_array',
    minArgs: 2,
    maxArgs: 64,
    defaultName: namedAfterColumn('percentiles'),
    translate: (a, s) => {
      const x = expectType(a, 0, s, ...NUMBERS, 'datetime', 'timespan');
      const ps: number[] = [];
      for (let i = 1; i < a.length; i++) {
        const lit = a[i]!.literal;
        const list = a[i]!.type === 'dynamic' ? constantDynamic(a[i]!) : lit;
        for (const p of Array.isArray(list) ? list : [list]) {
          if (typeof p !== 'number' || p < 0 || p > 100)
            return s.fail('percentiles_array() needs constant percentages between 0 and 100', i);
          ps.push(p);
        }
      }
      return {
        sql: `('[' || ${ps.map((p) => `coalesce(${toJsonSql({ sql: `quantile_disc(${x.sql}, ${p / 100})`, type: x.type })}, 'null')`).join(` || ',' || `)} || ']')`,
        type: 'dynamic',
      };
    },
  },
  {
    // percentilew(x, weight, p): nearest rank where each row counts `weight` times (Kusto docs:
    // weights are the number of occurrences). Computed over the exact [value, weight] pairs tdigest keeps.
    name: 'percentilew',
    minArgs: 3,
    maxArgs: 3,
    defaultName: (args, constant) => {
      const [x, , p] = args;
      const v = p?.kind === 'literal' ? p.value : p && constant?.(p);
      if (x?.kind !== 'name' || typeof v !== 'number') return undefined;
      return `percentile_${x.name}_${String(v).replace('.', '_')}`;
    },
    translate: (a, s) => {
      const x = expectType(a, 0, s, ...NUMBERS);
      const p = a[2]!.literal;
      if (typeof p !== 'number' || p < 0 || p > 100)
        return s.fail('percentilew() needs a constant percentage between 0 and 100', 2);
      const v = TDIGEST_PERCENTILE.call(weightedPairs(a, s), String(p));
      return x.type === 'long' || x.type === 'int'
        ? { sql: `CAST(${v} AS ${x.type === 'long' ? 'BIGINT' : 'INTEGER'})`, type: x.type }
        : { sql: `CAST(${v} AS DOUBLE)`, type: 'real' };
    },
  },
  {
    // percentilesw_array(x, weight, p1, p2, …) / (x, weight, dynamic([…])): the weighted nearest-rank values as one array.
    name: 'percentilesw_array',
    minArgs: 3,
    maxArgs: 64,
    defaultName: namedAfterColumn('percentiles'),
    translate: (a, s) => {
      expectType(a, 0, s, ...NUMBERS);
      const pairs = weightedPairs(a, s);
      const ps = constantPercentages(a, 2, s);
      return {
        sql: `('[' || ${ps.map((p) => `coalesce(${TDIGEST_PERCENTILE.call(pairs, String(p))}, 'null')`).join(` || ',' || `)} || ']')`,
        type: 'dynamic',
      };
    },
  },
  {
    // buildschema(d): the minimal schema admitting every value (runtime/buildschema.ts); null for no values.
    name: 'buildschema',
    minArgs: 1,
    maxArgs: 1,
    defaultName: namedAfterColumn('schema'),
    translate: (a, s) => ({
      sql: BUILDSCHEMA.call(bagList(expectType(a, 0, s, 'dynamic').sql, '')),
      type: 'dynamic',
    }),
  },
  ...(
    [
      ['binary_all_or', 'bit_or'],
      ['binary_all_and', 'bit_and'],
      ['binary_all_xor', 'bit_xor'],
    ] as const
  ).map(([name, fn]): AggregateFunction => ({
    name,
    minArgs: 1,
    maxArgs: 1,
    defaultName: namedAfterColumn(name),
    translate: (a, s) => ({
      sql: `${fn}(CAST(${expectType(a, 0, s, 'long', 'int').sql} AS BIGINT))`,
      type: 'long',
    }),
  })),
];

export const AGGREGATE_FUNCTIONS: readonly AggregateFunction[] = [
  {
    // count(x) counts rows like count() (Kusto docs: nulls included), named count_x.
    name: 'count',
    minArgs: 0,
    maxArgs: 1,
    defaultName: (args) => (args.length ? namedAfterColumn('count')(args) : 'count_'),
    translate: () => ({ sql: 'CAST(count(*) AS BIGINT)', type: 'long' }),
  },
  {
    name: 'countif',
    minArgs: 1,
    maxArgs: 1,
    defaultName: () => 'countif_',
    translate: (a, s) => ({
      sql: `CAST(count(*) FILTER (WHERE ${expectType(a, 0, s, 'bool').sql}) AS BIGINT)`,
      type: 'long',
    }),
  },
  {
    // Exact distinct count: KQL's dcount is an estimate, exact for small cardinalities.
    name: 'dcount',
    minArgs: 1,
    maxArgs: 2,
    defaultName: namedAfterColumn('dcount'),
    translate: (a) => ({ sql: `CAST(count(DISTINCT ${a[0]!.sql}) AS BIGINT)`, type: 'long' }),
  },
  {
    name: 'max',
    minArgs: 1,
    maxArgs: 1,
    defaultName: namedAfterColumn('max'),
    translate: (a, s) =>
      neverNullString(
        `max(${expectType(a, 0, s, 'long', 'int', 'real', 'decimal', 'datetime', 'timespan', 'string', 'bool').sql})`,
        a[0]!,
      ),
  },
  {
    name: 'min',
    minArgs: 1,
    maxArgs: 1,
    defaultName: namedAfterColumn('min'),
    translate: (a, s) =>
      neverNullString(
        `min(${expectType(a, 0, s, 'long', 'int', 'real', 'decimal', 'datetime', 'timespan', 'string', 'bool').sql})`,
        a[0]!,
      ),
  },
  {
    name: 'sum',
    minArgs: 1,
    maxArgs: 1,
    defaultName: namedAfterColumn('sum'),
    translate: (a, s) => {
      const x = expectType(a, 0, s, 'long', 'int', 'real', 'decimal');
      // 0 over no values (summarize docs' default values), not SQL's NULL.
      return x.type === 'real' || x.type === 'decimal'
        ? { sql: `coalesce(sum(${x.sql}), 0)`, type: 'real' }
        : { sql: `CAST(coalesce(sum(${x.sql}), 0) AS BIGINT)`, type: 'long' };
    },
  },
  {
    name: 'avg',
    minArgs: 1,
    maxArgs: 1,
    defaultName: namedAfterColumn('avg'),
    // Over no values the Kusto engine answers NaN (its sum 0 divided by count 0), not null.
    translate: (a, s) => ({
      sql: `coalesce(avg(CAST(${expectType(a, 0, s, 'long', 'int', 'real', 'decimal').sql} AS DOUBLE)), CAST('NaN' AS DOUBLE))`,
      type: 'real',
    }),
  },
  {
    // Distinct values, nulls ignored; order undefined in KQL too.
    name: 'make_set',
    aliases: ['makeset'],
    minArgs: 1,
    maxArgs: 2,
    defaultName: namedAfterColumn('set'),
    translate: (a, s) => {
      const max = a[1] && expectType(a, 1, s, 'long', 'int');
      // Kusto's make_set of dynamic arrays is the set of their elements (docs: make_set(Arr1) flattens).
      if (a[0]!.type === 'dynamic')
        return {
          sql: SET_OF_ELEMENTS.call(
            jsonArray(a[0]!.sql, true, undefined),
            max ? max.sql : String(MAX_ARRAY),
          ),
          type: 'dynamic',
        };
      return { sql: jsonArray(toJsonSql(a[0]!), true, max), type: 'dynamic' };
    },
  },
  {
    name: 'make_list',
    aliases: ['makelist'],
    minArgs: 1,
    maxArgs: 2,
    defaultName: namedAfterColumn('list'),
    translate: (a, s) => ({
      sql: jsonArray(
        toJsonSql(a[0]!),
        false,
        a[1] && expectType(a, 1, s, 'long', 'int'),
        s.rowOrder,
      ),
      type: 'dynamic',
    }),
  },
  {
    name: 'take_any',
    aliases: ['any'],
    minArgs: 1,
    maxArgs: 1,
    defaultName: namedAfterColumn('any'),
    translate: (a) => neverNullString(`any_value(${a[0]!.sql})`, a[0]!),
  },
  ...CONDITIONAL_AGGREGATES,
];
