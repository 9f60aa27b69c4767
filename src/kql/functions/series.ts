/**
 * Series functions over dynamic numeric arrays (make-series output). The algorithms run in
 * ../runtime/series.ts; functions with several results (series_fit_line, and series_stats and
 * series_decompose_anomalies of ./series-analysis.ts) return them packed, and ../tuples.ts spreads
 * them over columns.
 */
import type { KqlType } from '../../schema/kql-types.ts';
import { expectType, type CallSite, type ScalarFunction } from './registry.ts';
import type { Typed } from '../types.ts';
import { toJsonSql } from '../convert.ts';
import { sqlString } from '../sql.ts';
import { SERIES_ANALYSIS_TUPLES } from './series-analysis.ts';
import {
  SERIES_BINARY,
  SERIES_FILL,
  SERIES_FIT_LINE,
  SERIES_FIT_LINE_DYNAMIC,
  SERIES_OUTLIERS,
  SERIES_REDUCE,
  SERIES_UNARY,
} from '../runtime/series.ts';

/** The results of each multi-result function: Kusto's column-name suffix and type. */
export const TUPLE_RESULTS: ReadonlyMap<string, readonly { suffix: string; type: KqlType }[]> =
  new Map([
    [
      'series_decompose_anomalies',
      [
        { suffix: 'ad_flag', type: 'dynamic' },
        { suffix: 'ad_score', type: 'dynamic' },
        { suffix: 'baseline', type: 'dynamic' },
      ],
    ],
    [
      'series_fit_line',
      [
        { suffix: 'rsquare', type: 'real' },
        { suffix: 'slope', type: 'real' },
        { suffix: 'variance', type: 'real' },
        { suffix: 'rvariance', type: 'real' },
        { suffix: 'interception', type: 'real' },
        { suffix: 'line_fit', type: 'dynamic' },
      ],
    ],
    [
      'series_stats',
      [
        { suffix: 'min', type: 'real' },
        { suffix: 'min_idx', type: 'long' },
        { suffix: 'max', type: 'real' },
        { suffix: 'max_idx', type: 'long' },
        { suffix: 'avg', type: 'real' },
        { suffix: 'stdev', type: 'real' },
        { suffix: 'variance', type: 'real' },
      ],
    ],
    ...SERIES_ANALYSIS_TUPLES,
  ]);

const NUMBERS = ['long', 'int', 'real', 'decimal'] as const;

function num(a: readonly Typed[], i: number, s: CallSite, fallback: string): string {
  return a[i] ? `CAST(${expectType(a, i, s, ...NUMBERS).sql} AS DOUBLE)` : fallback;
}

export const SERIES_FUNCTIONS: readonly ScalarFunction[] = [
  {
    name: 'series_fit_line',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({
      sql: SERIES_FIT_LINE.call(expectType(a, 0, s, 'dynamic').sql),
      type: 'dynamic',
    }),
  },
  {
    // series_fit_line's results in one dynamic bag (rsquare, slope, variance, rvariance, interception, line_fit).
    name: 'series_fit_line_dynamic',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({
      sql: SERIES_FIT_LINE_DYNAMIC.call(expectType(a, 0, s, 'dynamic').sql),
      type: 'dynamic',
    }),
  },
  {
    // (series, kind='ctukey', ignore_val, min_percentile=10, max_percentile=90)
    name: 'series_outliers',
    minArgs: 1,
    maxArgs: 5,
    translate: (a, s) => {
      if (a[1] && a[1].literal !== 'ctukey') s.fail('only the "ctukey" kind is supported', 1);
      if (a[2] && a[2].type !== 'null')
        s.fail('series_outliers() with an ignore value is not supported', 2);
      return {
        sql: SERIES_OUTLIERS.call(
          expectType(a, 0, s, 'dynamic').sql,
          num(a, 3, s, 'CAST(10 AS DOUBLE)'),
          num(a, 4, s, 'CAST(90 AS DOUBLE)'),
        ),
        type: 'dynamic',
      };
    },
  },
];

/** A series argument: a dynamic array, or a number applied to every element. */
function seriesArg(a: readonly Typed[], i: number, s: CallSite): string {
  const x = expectType(a, i, s, 'dynamic', ...NUMBERS);
  return x.type === 'dynamic' ? x.sql : toJsonSql(x);
}

const BINARY_OPS = [
  'add',
  'subtract',
  'multiply',
  'divide',
  'pow',
  'equals',
  'not_equals',
  'greater',
  'greater_equals',
  'less',
  'less_equals',
];
const UNARY_OPS = [
  'abs',
  'acos',
  'asin',
  'atan',
  'ceiling',
  'cos',
  'exp',
  'floor',
  'log',
  'sign',
  'sin',
  'tan',
];

/** Element-wise and reducing series functions (runtime/series.ts): arrays in, an array or a real out. */
export const SERIES_ELEMENTWISE_FUNCTIONS: readonly ScalarFunction[] = [
  ...BINARY_OPS.map((op): ScalarFunction => ({
    name: `series_${op}`,
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => ({
      sql: SERIES_BINARY.call(seriesArg(a, 0, s), seriesArg(a, 1, s), sqlString(op)),
      type: 'dynamic',
    }),
  })),
  ...UNARY_OPS.map((op): ScalarFunction => ({
    name: `series_${op}`,
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({
      sql: SERIES_UNARY.call(expectType(a, 0, s, 'dynamic').sql, sqlString(op)),
      type: 'dynamic',
    }),
  })),
  ...['sum', 'product', 'magnitude'].map((op): ScalarFunction => ({
    name: `series_${op}`,
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({
      sql: `TRY_CAST(${SERIES_REDUCE.call(expectType(a, 0, s, 'dynamic').sql, `CAST(NULL AS VARCHAR)`, sqlString(op))} AS DOUBLE)`,
      type: 'real',
    }),
  })),
  ...['dot_product', 'cosine_similarity', 'pearson_correlation'].map((op): ScalarFunction => ({
    name: `series_${op}`,
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => ({
      sql: `TRY_CAST(${SERIES_REDUCE.call(expectType(a, 0, s, 'dynamic').sql, seriesArg(a, 1, s), sqlString(op))} AS DOUBLE)`,
      type: 'real',
    }),
  })),
  ...['forward', 'backward'].map((mode): ScalarFunction => ({
    // series_fill_forward(series [, missing_value_placeholder])
    name: `series_fill_${mode}`,
    minArgs: 1,
    maxArgs: 2,
    translate: (a, s) => ({
      sql: SERIES_FILL.call(
        expectType(a, 0, s, 'dynamic').sql,
        sqlString(mode),
        `CAST(NULL AS VARCHAR)`,
        a[1] ? toJsonSql(a[1]) : 'CAST(NULL AS VARCHAR)',
      ),
      type: 'dynamic',
    }),
  })),
  {
    // series_fill_const(series, constant [, missing_value_placeholder])
    name: 'series_fill_const',
    minArgs: 2,
    maxArgs: 3,
    translate: (a, s) => ({
      sql: SERIES_FILL.call(
        expectType(a, 0, s, 'dynamic').sql,
        `'const'`,
        toJsonSql(a[1]!),
        a[2] ? toJsonSql(a[2]) : 'CAST(NULL AS VARCHAR)',
      ),
      type: 'dynamic',
    }),
  },
];
