/**
 * Series analysis functions (Kusto docs: series_fill_linear, series_stats_dynamic,
 * series_fit_2lines[_dynamic], series_fit_poly, series_fft, series_ifft, series_periods_detect,
 * series_periods_validate, series_decompose, series_decompose_forecast), through the translator
 * and DuckDB-WASM. Expected values come from the pages' examples or are worked out by hand.
 */
import { functionCases, printed } from './function-cases.ts';

/** Within 1e-9 of v (sums of sines and cosines round differently in the last bits). */
const close = (v: number) => ({
  asymmetricMatch: (x: unknown) => typeof x === 'number' && Math.abs(x - v) <= 1e-9,
  toString: () => `close(${v})`,
  toAsymmetricMatcher: () => `close(${v})`,
});
const near = (xs: number[]) => xs.map(close);
/** The traffic series of the series_periods_detect/validate pages (12-hour bins, weekly pattern). */
const TRAFFIC =
  'dynamic([80, 139, 87, 110, 68, 54, 50, 51, 53, 133, 86, 141, 97, 156, 94, 149, 95, 140, 77, 61, 50, 54, 47, 133, 72, 152, 94, 148, 105, 162, 101, 160, 87, 63, 53, 55, 54, 151, 103, 189, 108, 183, 113, 175, 113, 178, 90, 71, 62, 62, 65, 165, 109, 181, 115, 182, 121, 178, 114, 170])';

functionCases(
  'KQL series analysis functions',
  [
    {
      rule: 'series_fill_linear of reals written 111.0 interpolates as reals (page: 73.5, not 73) and returns reals',
      kql: 'print a = dynamic([null, 111.0, null, 36.0, 41.0, null, null, 16.0, 61.0, 33.0, null, null]) | project w = tostring(series_fill_linear(a)), wo = tostring(series_fill_linear(a, double(null), false)), c = tostring(series_fill_linear(dynamic([null, null])))',
      rows: [
        {
          w: '[111.0,111.0,73.5,36.0,41.0,32.666666666666664,24.333333333333332,16.0,61.0,33.0,33.0,33.0]',
          wo: '[null,111.0,73.5,36.0,41.0,32.666666666666664,24.333333333333332,16.0,61.0,33.0,null,null]',
          c: '[0.0,0.0]',
        },
      ],
    },
    {
      rule: 'series_fill_linear of longs interpolates and keeps longs (page: 73.5 → 73), fills the edges with the nearest value unless fill_edges is false',
      kql: 'print a = dynamic([null, 111, null, 36, 41, null, null, 16, 61, 33, null, null]) | project w = series_fill_linear(a), wo = series_fill_linear(a, double(null), false)',
      rows: [
        {
          w: [111, 111, 73, 36, 41, 32, 24, 16, 61, 33, 33, 33],
          wo: [null, 111, 73, 36, 41, 32, 24, 16, 61, 33, null, null],
        },
      ],
    },
    {
      rule: 'series_fill_linear of reals interpolates exactly; a placeholder value marks the missing elements',
      kql: 'print a = series_fill_linear(dynamic([null, 1.5, null, 2.5, null])), b = series_fill_linear(dynamic([1, -1, -1, 4]), -1)',
      rows: [{ a: [1.5, 1.5, 2, 2.5, 2.5], b: [1, 2, 3, 4] }],
    },
    {
      rule: 'series_fill_linear of only nulls gives the constant: 0 by default, the given one, nulls for double(null)',
      kql: 'print a = series_fill_linear(dynamic([null, null])), b = series_fill_linear(dynamic([null, null]), double(null), true, 3.14159), c = series_fill_linear(dynamic([null, null]), double(null), true, double(null))',
      rows: [{ a: [0, 0], b: [3.14159, 3.14159], c: [null, null] }],
    },
    {
      rule: 'series_stats_dynamic: the page example (sample variance and stdev, first index of min and max, sum, len)',
      kql: 'print x=dynamic([23, 46, 23, 87, 4, 8, 3, 75, 2, 56, 13, 75, 32, 16, 29]) | project s = series_stats_dynamic(x)',
      rows: [
        {
          s: {
            min: 2,
            min_idx: 8,
            max: 87,
            max_idx: 3,
            avg: printed(32.8),
            stdev: printed(28.5036338535483),
            variance: printed(812.457142857143),
            sum: 492,
            len: 15,
          },
        },
      ],
    },
    {
      rule: 'series_stats_dynamic with a null: every statistic null, unless ignore_nonfinite skips it (indexes stay the array positions)',
      kql: 'print x=dynamic([5, null, 1, 3]) | project a = series_stats_dynamic(x).min, b = series_stats_dynamic(x, true)',
      rows: [
        {
          a: null,
          b: {
            min: 1,
            min_idx: 2,
            max: 5,
            max_idx: 0,
            avg: 3,
            stdev: 2,
            variance: 4,
            sum: 9,
            len: 4,
          },
        },
      ],
    },
    {
      rule: 'series_stats with a null gives null statistics (page: non-finite values give null) unless ignore_nonfinite (naive: the null counts as 0, min 0)',
      kql: 'print x = dynamic([5, null, 1, 3]) | extend (mn, mi) = series_stats(x), (mn2, mi2, mx2, xi2, avg2) = series_stats(x, true) | project-away x',
      rows: [{ mn: null, mi: null, mn2: 1, mi2: 2, mx2: 5, xi2: 0, avg2: 3 }],
    },
    {
      rule: 'series_fit_2lines finds the split that maximises r-square; each side is a series_fit_line of its segment',
      kql: 'print y = dynamic([1, 2, 3, 4, 10, 9, 8, 7]) | extend (rs, si, v, rv, lf, r_rs, r_slope, r_icpt) = series_fit_2lines(y) | project-away y',
      rows: [
        {
          rs: 1,
          si: 4,
          v: printed(82 / 7),
          rv: 0,
          lf: [1, 2, 3, 4, 10, 9, 8, 7],
          r_rs: 1,
          r_slope: -1,
          r_icpt: 11,
        },
      ],
    },
    {
      rule: 'series_fit_2lines unnamed gives Kusto names series_fit_2lines_<column>_<result>',
      kql: 'print y = dynamic([1, 2, 3, 4, 10, 9, 8, 7]) | project series_fit_2lines(y) | project series_fit_2lines_y_split_idx, series_fit_2lines_y_left_slope, series_fit_2lines_y_left_interception',
      rows: [
        {
          series_fit_2lines_y_split_idx: 4,
          series_fit_2lines_y_left_slope: 1,
          series_fit_2lines_y_left_interception: 0,
        },
      ],
    },
    {
      rule: 'series_fit_2lines_dynamic returns the same fit as one bag with right/left bags',
      kql: 'print d = series_fit_2lines_dynamic(dynamic([1, 2, 3, 4, 10, 9, 8, 7])) | project si = d.split_idx, lf = d.line_fit, rs = d.right.slope, li = d.left.interception',
      rows: [{ si: 4, lf: [1, 2, 3, 4, 10, 9, 8, 7], rs: -1, li: 0 }],
    },
    {
      rule: 'series_fit_poly: degree 2 on x = 1…n recovers y = x², coefficients highest power first',
      kql: 'print y = dynamic([1, 4, 9, 16, 25]) | extend (rs, c, v, rv, f) = series_fit_poly(y, dynamic(null), 2) | project rs, c, rv, f',
      rows: [
        {
          rs: close(1),
          c: near([1, 0, 0]),
          rv: close(0),
          f: near([1, 4, 9, 16, 25]),
        },
      ],
    },
    {
      rule: 'series_fit_poly with an x series and the default degree 1 is a line fit; unnamed it gives series_fit_poly_y_<result>',
      kql: 'print y = dynamic([3, 5, 7]), x = dynamic([1, 2, 3]) | extend series_fit_poly(y, x) | project series_fit_poly_y_coefficients, series_fit_poly_y_poly_fit',
      rows: [
        {
          series_fit_poly_y_coefficients: near([2, 1]),
          series_fit_poly_y_poly_fit: near([3, 5, 7]),
        },
      ],
    },
    {
      rule: 'series_fft of a real series (radix 2): the DFT with e^(−2πikn/N), unnormalised',
      kql: 'print (re, im) = series_fft(dynamic([1, 2, 3, 4]))',
      rows: [{ re: near([10, -2, -2, -2]), im: near([0, 2, 0, -2]) }],
    },
    {
      rule: 'series_fft of a length that is not a power of two, with an imaginary part',
      kql: 'print (re, im) = series_fft(dynamic([1, 2, 3]), dynamic([0, 0, 0]))',
      rows: [
        {
          re: near([6, -1.5, -1.5]),
          im: near([0, Math.sqrt(3) / 2, -Math.sqrt(3) / 2]),
        },
      ],
    },
    {
      rule: 'series_ifft inverts series_fft (divided by N)',
      kql: 'print (re, im) = series_fft(dynamic([1, 2, 3, 4, 5]), dynamic([0, 1, 0, 1, 0])) | extend (r2, i2) = series_ifft(re, im) | project r2, i2',
      rows: [
        {
          r2: near([1, 2, 3, 4, 5]),
          i2: [printed(0), printed(1), printed(0), printed(1), printed(0)],
        },
      ],
    },
    {
      rule: 'series_periods_detect finds the weekly (14-bin) period of the page example and pads with 0 (the 2-bin daily one is below the 4-point minimum)',
      kql: `print y = ${TRAFFIC} | project series_periods_detect(y, 0.0, 50.0, 2) | project p = series_periods_detect_y_periods, good = todouble(series_periods_detect_y_scores[0]) > 0.6, none = series_periods_detect_y_scores[1]`,
      rows: [{ p: [14, 0], good: true, none: 0 }],
    },
    {
      rule: 'series_periods_detect reports a period once, not its multiples (16, 24… correlate as well as 8 on a sine)',
      kql: 'range i from 0 to 199 step 1 | summarize y = make_list(sin(2 * pi() * i / 8) + i / 50.0) | project (p, s) = series_periods_detect(y, 0.0, 100.0, 3) | project p, good = todouble(s[0]) > 0.9',
      rows: [{ p: [8, 0, 0], good: true }],
    },
    {
      rule: 'series_periods_validate: the weekly period scores high, 10 bins scores 0, periods outside [4, n/2] score 0',
      kql: `print y = ${TRAFFIC} | project (p, s) = series_periods_validate(y, 14.0, 10.0, 2, 31) | project p, hi = todouble(s[0]) > 0.6, rest = array_slice(s, 1, 3)`,
      rows: [{ p: [14, 10, 2, 31], hi: true, rest: [0, 0, 0] }],
    },
    {
      rule: 'series_decompose with a given period and no trend: the seasonal component is the phase median, the residual what is left',
      kql: 'print y = dynamic([1, 2, 3, 1, 2, 9, 1, 2, 3]) | extend series_decompose(y, 3, "none") | project-away y',
      rows: [
        {
          series_decompose_y_baseline: [1, 2, 3, 1, 2, 3, 1, 2, 3],
          series_decompose_y_seasonal: [1, 2, 3, 1, 2, 3, 1, 2, 3],
          series_decompose_y_trend: [0, 0, 0, 0, 0, 0, 0, 0, 0],
          series_decompose_y_residual: [0, 0, 0, 0, 0, 6, 0, 0, 0],
        },
      ],
    },
    {
      rule: 'series_decompose trend "avg" (the default) is the mean of the deseasonalised series; "linefit" a line learnt without the test points',
      kql: 'print y = dynamic([1, 2, 3, 4, 100]) | extend (b, s, t) = series_decompose(y, 0), (b2, s2, t2, r2) = series_decompose(y, 0, "linefit", 1) | project t, t2, r2',
      rows: [
        {
          t: near([22, 22, 22, 22, 22]),
          t2: near([1, 2, 3, 4, 5]),
          r2: near([0, 0, 0, 0, 95]),
        },
      ],
    },
    {
      rule: 'series_decompose detects the period by default (seasonality -1): the page traffic series repeats every 14 bins',
      kql: `print y = ${TRAFFIC} | extend (b, s) = series_decompose(y) | project same = s[0] == s[14] and s[1] == s[15], seasonal = s[0] != s[1]`,
      rows: [{ same: true, seasonal: true }],
    },
    {
      rule: 'series_decompose_forecast predicts the last points from the rest (a line here)',
      kql: 'print f = series_decompose_forecast(dynamic([1, 2, 3, 4, 0, 0]), 2, 0, "linefit")',
      rows: [{ f: near([1, 2, 3, 4, 5, 6]) }],
    },
    {
      rule: 'series_decompose_forecast with a period: seasonal medians of the learnt points plus the mean trend',
      kql: 'print f = series_decompose_forecast(dynamic([1, 5, 1, 5, 1, 5, 0, 0]), 2, 2)',
      rows: [{ f: near([1, 5, 1, 5, 1, 5, 1, 5]) }],
    },
    {
      rule: 'series_decompose_anomalies runs series_decompose (phase medians first, then the trend) and scores the residual',
      kql: "print y = dynamic([1, 5, 1, 5, 1, 5, 1, 50, 1, 5, 1, 5]) | extend (f, s, b) = series_decompose_anomalies(y, 1.5, 2, 'none'), (f2, s2, b2) = series_decompose_anomalies(y, 1.5, 2, 'avg', 0, 'tukey') | project f, b, f2",
      rows: [
        {
          f: [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0],
          b: [1, 5, 1, 5, 1, 5, 1, 5, 1, 5, 1, 5],
          f2: [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0],
        },
      ],
    },
  ],
  [
    {
      rule: 'series_decompose rejects an unknown trend',
      kql: 'print (b) = series_decompose(dynamic([1, 2, 3]), 0, "cubic")',
      code: 'type',
      message: /unknown trend "cubic"/,
    },
    {
      rule: 'series_decompose_anomalies rejects an unknown method',
      kql: "print (f) = series_decompose_anomalies(dynamic([1, 2, 3]), 1.5, 0, 'avg', 0, 'zscore')",
      code: 'type',
      message: /unknown anomaly detection method "zscore"/,
    },
  ],
);
