/**
 * Series filters over dynamic numeric arrays (Kusto docs: series_iir, series_fir, series_seasonal).
 * Non-numeric and null elements count as 0; values before the series' start (and, for a centred
 * FIR, after its end) are 0. Results are JSON arrays of reals; null when the input is not an array.
 */
import { udf } from './udf.ts';
import { parseDynamic } from './dynamic.ts';
import { realText } from './json-reals.ts';
import { detectPeriods } from './series-analysis.ts';

function numbers(text: string | null): number[] | null {
  if (text === null) return null;
  const v = parseDynamic(text);
  return Array.isArray(v) ? v.map((x) => (typeof x === 'number' ? x : 0)) : null;
}

/**
 * series_iir(x, b, a): y[n] = (Σ b[k]·x[n−k] − Σ_{k≥1} a[k]·y[n−k]) / a[0] — the coefficients are
 * normalised by a[0] (which must not be 0; null otherwise).
 */
export function seriesIir(
  series: string | null,
  numerators: string | null,
  denominators: string | null,
): string | null {
  const x = numbers(series);
  const b = numbers(numerators);
  const a = numbers(denominators);
  if (!x || !b || !a || a.length === 0 || a[0] === 0) return null;
  const y: number[] = [];
  for (let n = 0; n < x.length; n++) {
    let acc = 0;
    for (let k = 0; k < b.length && k <= n; k++) acc += b[k]! * x[n - k]!;
    for (let k = 1; k < a.length && k <= n; k++) acc -= a[k]! * y[n - k]!;
    y.push(acc / a[0]!);
  }
  return JSON.stringify(y);
}

/**
 * series_fir(x, filter [, normalize = true [, center = false]]): y[n] = Σ f[k]·x[n−k], divided by
 * Σ f when normalising (a moving average); centred, the window is shifted by ⌊(m−1)/2⌋ so it
 * looks both ways.
 */
export function seriesFir(
  series: string | null,
  filter: string | null,
  normalize: number | null,
  center: number | null,
): string | null {
  const x = numbers(series);
  const f = numbers(filter);
  if (!x || !f || f.length === 0) return null;
  const sum = f.reduce((s, v) => s + v, 0);
  const scale = normalize !== 0 && sum !== 0 ? sum : 1;
  const shift = center ? Math.floor((f.length - 1) / 2) : 0;
  const y = x.map((_, n) => {
    let acc = 0;
    for (let k = 0; k < f.length; k++) {
      const i = n + shift - k;
      if (i >= 0 && i < x.length) acc += f[k]! * x[i]!;
    }
    return acc / scale;
  });
  return JSON.stringify(y);
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The score a detected period needs for series_seasonal (its page: "a threshold of 0.7"). */
const SEASONAL_THRESHOLD = 0.7;

/**
 * series_seasonal(x, period): each point's phase median (docs example: [1,3,5,1,3,5,2,4,6], 3 →
 * [1,3,5,…]). Period -1 (the default) detects it as series_decompose does: the best period
 * series_periods_detect finds between 4 points and half the series, if it scores at least 0.7,
 * else none (zeros: the page's third series, too short to show a period). Any other period below
 * 1 gives zeros. The result is reals (written 1.0).
 */
export function seriesSeasonal(series: string | null, period: number | null): string | null {
  const x = numbers(series);
  if (!x || period === null) return null;
  let p = Math.trunc(period);
  if (p === -1) {
    const d = detectPeriods(x, 4, x.length / 2, 1);
    p = d.scores[0]! >= SEASONAL_THRESHOLD ? d.periods[0]! : 0;
  }
  if (p < 1) return realsText(x.map(() => 0));
  const phase = Array.from({ length: p }, (_, i) => median(x.filter((_v, j) => j % p === i)));
  return realsText(x.map((_, j) => phase[j % p]!));
}

const realsText = (values: readonly number[]) => `[${values.map(realText).join(',')}]`;

// The UDFs of this module (registered by ./index.ts, called by the translator).
export const SERIES_IIR = udf(
  'kql_series_iir',
  ['VARCHAR', 'VARCHAR', 'VARCHAR'],
  'VARCHAR',
  seriesIir,
);
export const SERIES_FIR = udf(
  'kql_series_fir',
  ['VARCHAR', 'VARCHAR', 'INTEGER', 'INTEGER'],
  'VARCHAR',
  seriesFir,
);
export const SERIES_SEASONAL = udf(
  'kql_series_seasonal',
  ['VARCHAR', 'DOUBLE'],
  'VARCHAR',
  seriesSeasonal,
);
