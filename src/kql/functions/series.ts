/**
 * Series functions over dynamic numeric arrays (make-series output). The algorithms run in
 * ../runtime/series.ts; functions with several results (series_decompose_anomalies,
 * series_fit_line, series_stats) return them packed, and ../tuples.ts spreads them over columns.
 */
import type { KqlType } from '../../schema/kql-types.ts';
import { expectType, type CallSite, type ScalarFunction } from './registry.ts';
import type { Typed } from '../types.ts';

/** The results of each multi-result function: Kusto's column-name suffix and type. */
export const TUPLE_RESULTS: ReadonlyMap<string, readonly { suffix: string; type: KqlType }[]> = new Map([
  ['series_decompose_anomalies', [{ suffix: 'ad_flag', type: 'dynamic' }, { suffix: 'ad_score', type: 'dynamic' }, { suffix: 'baseline', type: 'dynamic' }]],
  [
    'series_fit_line',
    [
      { suffix: 'rsquare', type: 'real' }, { suffix: 'slope', type: 'real' }, { suffix: 'variance', type: 'real' },
      { suffix: 'rvariance', type: 'real' }, { suffix: 'interception', type: 'real' }, { suffix: 'line_fit', type: 'dynamic' },
    ],
  ],
  [
    'series_stats',
    [
      { suffix: 'min', type: 'real' }, { suffix: 'min_idx', type: 'long' }, { suffix: 'max', type: 'real' }, { suffix: 'max_idx', type: 'long' },
      { suffix: 'avg', type: 'real' }, { suffix: 'stdev', type: 'real' }, { suffix: 'variance', type: 'real' },
    ],
  ],
]);

const NUMBERS = ['long', 'int', 'real', 'decimal'] as const;

function num(a: readonly Typed[], i: number, s: CallSite, fallback: string): string {
  return a[i] ? `CAST(${expectType(a, i, s, ...NUMBERS).sql} AS DOUBLE)` : fallback;
}

export const SERIES_FUNCTIONS: readonly ScalarFunction[] = [
  {
    // (series, threshold=1.5, seasonality=-1, trend='linefit', test_points=0, method='ctukey', seasonality_threshold=0.6)
    name: 'series_decompose_anomalies', minArgs: 1, maxArgs: 7,
    translate: (a, s) => {
      const y = expectType(a, 0, s, 'dynamic').sql;
      const trend = a[3] ? expectType(a, 3, s, 'string').sql : `'linefit'`;
      if (a[3] && typeof a[3].literal === 'string' && !['linefit', 'avg', 'none'].includes(a[3].literal)) s.fail(`unknown trend "${a[3].literal}" (expected linefit, avg or none)`, 3);
      if (a[5] && a[5].literal !== 'ctukey') s.fail('only the "ctukey" method is supported', 5);
      return { sql: `kql_series_decompose_anomalies(${y}, ${num(a, 1, s, '1.5')}, ${num(a, 2, s, '-1.0')}, ${trend})`, type: 'dynamic' };
    },
  },
  {
    name: 'series_fit_line', minArgs: 1, maxArgs: 1,
    translate: (a, s) => ({ sql: `kql_series_fit_line(${expectType(a, 0, s, 'dynamic').sql})`, type: 'dynamic' }),
  },
  {
    name: 'series_stats', minArgs: 1, maxArgs: 2,
    translate: (a, s) => {
      if (a[1]) s.fail('series_stats() with an ignore value is not supported', 1);
      return { sql: `kql_series_stats(${expectType(a, 0, s, 'dynamic').sql})`, type: 'dynamic' };
    },
  },
  {
    // (series, kind='ctukey', ignore_val, min_percentile=10, max_percentile=90)
    name: 'series_outliers', minArgs: 1, maxArgs: 5,
    translate: (a, s) => {
      if (a[1] && a[1].literal !== 'ctukey') s.fail('only the "ctukey" kind is supported', 1);
      if (a[2] && a[2].type !== 'null') s.fail('series_outliers() with an ignore value is not supported', 2);
      return { sql: `kql_series_outliers(${expectType(a, 0, s, 'dynamic').sql}, ${num(a, 3, s, '10.0')}, ${num(a, 4, s, '90.0')})`, type: 'dynamic' };
    },
  },
];
