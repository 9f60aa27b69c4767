/**
 * Series analysis (runtime/series-analysis.ts): series_fill_linear, series_stats_dynamic,
 * series_fit_2lines[_dynamic], series_fit_poly, series_fft, series_ifft, series_periods_detect,
 * series_periods_validate, series_decompose, series_decompose_forecast, series_decompose_anomalies.
 * The multi-result ones are
 * listed in SERIES_ANALYSIS_TUPLES (spread over columns by ../tuples.ts, through ./series.ts).
 */
import type { KqlType } from '../../schema/kql-types.ts';
import { expectType, type CallSite, type ScalarFunction } from './registry.ts';
import type { Typed } from '../types.ts';
import { toJsonSql } from '../convert.ts';
import {
  SERIES_DECOMPOSE,
  SERIES_DECOMPOSE_ANOMALIES,
  SERIES_DECOMPOSE_FORECAST,
  SERIES_FFT,
  SERIES_FILL_LINEAR,
  SERIES_FIT_2LINES,
  SERIES_FIT_2LINES_DYNAMIC,
  SERIES_FIT_POLY,
  SERIES_PERIODS_DETECT,
  SERIES_PERIODS_VALIDATE,
  SERIES_STATS,
  SERIES_STATS_DYNAMIC,
} from '../runtime/series-analysis.ts';

const real = { type: 'real' } as const;
const dyn = { type: 'dynamic' } as const;
const side = (s: string) => [
  { suffix: `${s}_rsquare`, ...real },
  { suffix: `${s}_slope`, ...real },
  { suffix: `${s}_interception`, ...real },
  { suffix: `${s}_variance`, ...real },
  { suffix: `${s}_rvariance`, ...real },
];

/** The results of each multi-result function: Kusto's column-name suffix and type, in order. */
export const SERIES_ANALYSIS_TUPLES: readonly [
  string,
  readonly { suffix: string; type: KqlType }[],
][] = [
  [
    'series_fit_2lines',
    [
      { suffix: 'rsquare', ...real },
      { suffix: 'split_idx', type: 'long' },
      { suffix: 'variance', ...real },
      { suffix: 'rvariance', ...real },
      { suffix: 'line_fit', ...dyn },
      ...side('right'),
      ...side('left'),
    ],
  ],
  [
    'series_fit_poly',
    [
      { suffix: 'rsquare', ...real },
      { suffix: 'coefficients', ...dyn },
      { suffix: 'variance', ...real },
      { suffix: 'rvariance', ...real },
      { suffix: 'poly_fit', ...dyn },
    ],
  ],
  [
    'series_fft',
    [
      { suffix: 'real', ...dyn },
      { suffix: 'imaginary', ...dyn },
    ],
  ],
  [
    'series_ifft',
    [
      { suffix: 'real', ...dyn },
      { suffix: 'imaginary', ...dyn },
    ],
  ],
  [
    'series_periods_detect',
    [
      { suffix: 'periods', ...dyn },
      { suffix: 'scores', ...dyn },
    ],
  ],
  [
    'series_periods_validate',
    [
      { suffix: 'periods', ...dyn },
      { suffix: 'scores', ...dyn },
    ],
  ],
  [
    'series_decompose',
    [
      { suffix: 'baseline', ...dyn },
      { suffix: 'seasonal', ...dyn },
      { suffix: 'trend', ...dyn },
      { suffix: 'residual', ...dyn },
    ],
  ],
];

const NUMBERS = ['long', 'int', 'real', 'decimal'] as const;
const NULL_TEXT = 'CAST(NULL AS VARCHAR)';

function num(a: readonly Typed[], i: number, s: CallSite, fallback: string): string {
  return a[i] ? `CAST(${expectType(a, i, s, ...NUMBERS).sql} AS DOUBLE)` : fallback;
}

function series(a: readonly Typed[], i: number, s: CallSite): string {
  return expectType(a, i, s, 'dynamic').sql;
}

const TRENDS = ['avg', 'linefit', 'none'];

function trendArg(a: readonly Typed[], i: number, s: CallSite): string {
  if (!a[i]) return NULL_TEXT;
  const t = expectType(a, i, s, 'string');
  if (typeof t.literal === 'string' && !TRENDS.includes(t.literal))
    s.fail(`unknown trend "${t.literal}" (expected avg, linefit or none)`, i);
  return t.sql;
}

/** A seasonality: -1 (detect), 0 (none) or a period of at least 2 bins. */
function seasonalityArg(a: readonly Typed[], i: number, s: CallSite): string {
  const x = a[i];
  if (x && typeof x.literal === 'number' && x.literal < -1)
    s.fail(`seasonality must be -1 (detect), 0 (none) or a period, not ${x.literal}`, i);
  return num(a, i, s, 'CAST(-1 AS DOUBLE)');
}

export const SERIES_ANALYSIS_FUNCTIONS: readonly ScalarFunction[] = [
  {
    // series_fill_linear(series [, missing_value_placeholder [, fill_edges [, constant_value]]])
    name: 'series_fill_linear',
    minArgs: 1,
    maxArgs: 4,
    translate: (a, s) => ({
      sql: SERIES_FILL_LINEAR.call(
        series(a, 0, s),
        a[1] ? toJsonSql(a[1]) : NULL_TEXT,
        a[2] ? `CAST(${expectType(a, 2, s, 'bool').sql} AS INTEGER)` : 'CAST(1 AS INTEGER)',
        a[3] ? toJsonSql(expectType(a, 3, s, ...NUMBERS)) : `'0'`,
      ),
      type: 'dynamic',
    }),
  },
  ...(['series_stats', 'series_stats_dynamic'] as const).map((name): ScalarFunction => ({
    // series_stats (its 7 results packed, TUPLE_RESULTS of ./series.ts) and series_stats_dynamic (a bag), (series [, ignore_nonfinite])
    name,
    minArgs: 1,
    maxArgs: 2,
    translate: (a, s) => ({
      sql: (name === 'series_stats' ? SERIES_STATS : SERIES_STATS_DYNAMIC).call(
        series(a, 0, s),
        a[1] ? `CAST(${expectType(a, 1, s, 'bool').sql} AS INTEGER)` : 'CAST(0 AS INTEGER)',
      ),
      type: 'dynamic',
    }),
  })),
  {
    name: 'series_fit_2lines',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({ sql: SERIES_FIT_2LINES.call(series(a, 0, s)), type: 'dynamic' }),
  },
  {
    name: 'series_fit_2lines_dynamic',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({
      sql: SERIES_FIT_2LINES_DYNAMIC.call(series(a, 0, s)),
      type: 'dynamic',
    }),
  },
  {
    // series_fit_poly(y_series [, x_series [, degree]])
    name: 'series_fit_poly',
    minArgs: 1,
    maxArgs: 3,
    translate: (a, s) => {
      const d = a[2];
      if (d && typeof d.literal === 'number' && d.literal < 0)
        s.fail(`the degree must not be negative, not ${d.literal}`, 2);
      return {
        sql: SERIES_FIT_POLY.call(
          series(a, 0, s),
          a[1] && a[1].type !== 'null' ? series(a, 1, s) : NULL_TEXT,
          num(a, 2, s, 'CAST(1 AS DOUBLE)'),
        ),
        type: 'dynamic',
      };
    },
  },
  ...(['series_fft', 'series_ifft'] as const).map((name): ScalarFunction => ({
    // series_fft(x_real [, x_imaginary]), series_ifft(fft_real [, fft_imaginary])
    name,
    minArgs: 1,
    maxArgs: 2,
    translate: (a, s) => ({
      sql: SERIES_FFT.call(
        series(a, 0, s),
        a[1] ? series(a, 1, s) : NULL_TEXT,
        `CAST(${name === 'series_ifft' ? 1 : 0} AS INTEGER)`,
      ),
      type: 'dynamic',
    }),
  })),
  {
    // series_periods_detect(series, min_period, max_period, num_periods)
    name: 'series_periods_detect',
    minArgs: 4,
    maxArgs: 4,
    translate: (a, s) => ({
      sql: SERIES_PERIODS_DETECT.call(
        series(a, 0, s),
        num(a, 1, s, ''),
        num(a, 2, s, ''),
        num(a, 3, s, ''),
      ),
      type: 'dynamic',
    }),
  },
  {
    // series_periods_validate(series, period1 [, period2, …]) — up to 16 periods.
    name: 'series_periods_validate',
    minArgs: 2,
    maxArgs: 17,
    translate: (a, s) => {
      const [first, ...rest] = a.slice(1).map((_, i) => num(a, i + 1, s, ''));
      return {
        sql: SERIES_PERIODS_VALIDATE.call(series(a, 0, s), first!, ...rest),
        type: 'dynamic',
      };
    },
  },
  {
    // series_decompose(series [, seasonality=-1 [, trend='avg' [, test_points=0 [, seasonality_threshold=0.6]]]])
    name: 'series_decompose',
    minArgs: 1,
    maxArgs: 5,
    translate: (a, s) => ({
      sql: SERIES_DECOMPOSE.call(
        series(a, 0, s),
        seasonalityArg(a, 1, s),
        trendArg(a, 2, s),
        num(a, 3, s, 'CAST(0 AS DOUBLE)'),
        num(a, 4, s, 'CAST(0.6 AS DOUBLE)'),
      ),
      type: 'dynamic',
    }),
  },
  {
    // series_decompose_forecast(series, points [, seasonality=-1 [, trend='avg' [, seasonality_threshold=0.6]]])
    name: 'series_decompose_forecast',
    minArgs: 2,
    maxArgs: 5,
    translate: (a, s) => ({
      sql: SERIES_DECOMPOSE_FORECAST.call(
        series(a, 0, s),
        num(a, 1, s, ''),
        seasonalityArg(a, 2, s),
        trendArg(a, 3, s),
        num(a, 4, s, 'CAST(0.6 AS DOUBLE)'),
      ),
      type: 'dynamic',
    }),
  },
  {
    // series_decompose_anomalies(series [, threshold=1.5 [, seasonality=-1 [, trend='avg'
    //   [, test_points=0 [, ad_method='ctukey' [, seasonality_threshold=0.6]]]]]])
    name: 'series_decompose_anomalies',
    minArgs: 1,
    maxArgs: 7,
    translate: (a, s) => {
      const m = a[5];
      if (m && m.type !== 'null') {
        expectType(a, 5, s, 'string');
        if (typeof m.literal === 'string' && !['ctukey', 'tukey'].includes(m.literal))
          s.fail(`unknown anomaly detection method "${m.literal}" (expected ctukey or tukey)`, 5);
      }
      return {
        sql: SERIES_DECOMPOSE_ANOMALIES.call(
          series(a, 0, s),
          num(a, 1, s, 'CAST(1.5 AS DOUBLE)'),
          seasonalityArg(a, 2, s),
          trendArg(a, 3, s),
          num(a, 4, s, 'CAST(0 AS DOUBLE)'),
          m && m.type !== 'null' ? m.sql : NULL_TEXT,
          num(a, 6, s, 'CAST(0.6 AS DOUBLE)'),
        ),
        type: 'dynamic',
      };
    },
  },
];
