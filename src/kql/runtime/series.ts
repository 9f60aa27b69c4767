/**
 * Series functions at run time, over dynamic arrays (JSON text); each returns its results packed
 * as one JSON array `[r0, r1, …]` that the translator unpacks into columns (`(a, b) = f(…)`).
 *
 * series_decompose_anomalies follows Kusto's documented algorithm (series_decompose then
 * series_outliers on the residual) with these documented choices where the docs leave freedom
 * (see docs/kql.md, "series functions"):
 * - seasonality -1 (auto-detect) is treated as "no seasonality" (Kusto runs series_periods_detect);
 *   a positive period gives the seasonal component as the mean of the detrended points of each phase;
 * - trend 'linefit' is the least-squares line over x = 1…n, 'avg' the mean, 'none' zero;
 * - outlier scores use the custom Tukey test on the residual with the 10th/90th percentiles
 *   (linear interpolation between ranks): (r - p90) / (p90 - p10) above, (r - p10) / (p90 - p10)
 *   below, 0 between; a zero range scores points outside it ±Infinity;
 * - non-numeric elements count as 0.
 */
import type { ScalarUdf } from '../../db/engine.ts';
import { parseDynamic } from './dynamic.ts';

function numbers(text: string | null): number[] | null {
  if (text === null) return null;
  const v = parseDynamic(text);
  if (!Array.isArray(v)) return null;
  return v.map((x) => (typeof x === 'number' ? x : 0));
}

/** Least squares over x = 1…n (Kusto's x axis for series_fit_line). */
export function fitLine(y: readonly number[]): { slope: number; intercept: number; rsquare: number; variance: number; rvariance: number; line: number[] } {
  const n = y.length;
  const xs = y.map((_, i) => i + 1);
  const mx = (n + 1) / 2;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (y[i]! - my);
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const intercept = my - slope * mx;
  const line = xs.map((x) => slope * x + intercept);
  let ssr = 0;
  let sst = 0;
  for (let i = 0; i < n; i++) {
    ssr += (y[i]! - line[i]!) ** 2;
    sst += (y[i]! - my) ** 2;
  }
  const rsquare = sst === 0 ? 1 : 1 - ssr / sst;
  const variance = n > 1 ? sst / (n - 1) : 0;
  const rvariance = n > 1 ? ssr / (n - 1) : 0;
  return { slope, intercept, rsquare, variance, rvariance, line };
}

function percentile(sorted: readonly number[], p: number): number {
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/** Custom Tukey scores of each point (series_outliers with kind "ctukey"). */
export function outlierScores(r: readonly number[], minPct = 10, maxPct = 90): number[] {
  if (r.length === 0) return [];
  const sorted = [...r].sort((a, b) => a - b);
  const low = percentile(sorted, minPct);
  const high = percentile(sorted, maxPct);
  const range = high - low;
  return r.map((x) => {
    if (x > high) return range === 0 ? Infinity : (x - high) / range;
    if (x < low) return range === 0 ? -Infinity : (x - low) / range;
    return 0;
  });
}

/** JSON with Kusto's spelling of non-finite reals (strings), as kql_json_real does. */
function json(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? (Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity') : x));
}

export function decomposeAnomalies(text: string | null, threshold: number | null, seasonality: number | null, trend: string | null): string | null {
  const y = numbers(text);
  if (y === null) return null;
  const n = y.length;
  const t = trend ?? 'linefit';
  const trendLine = t === 'linefit' && n > 0 ? fitLine(y).line : t === 'avg' && n > 0 ? y.map(() => y.reduce((a, b) => a + b, 0) / n) : y.map(() => 0);
  const period = seasonality !== null && seasonality > 1 ? Math.round(seasonality) : 0;
  const seasonal = y.map(() => 0);
  if (period > 1) {
    for (let phase = 0; phase < period; phase++) {
      let sum = 0;
      let count = 0;
      for (let i = phase; i < n; i += period) {
        sum += y[i]! - trendLine[i]!;
        count++;
      }
      for (let i = phase; i < n; i += period) seasonal[i] = count ? sum / count : 0;
    }
  }
  const baseline = y.map((_, i) => seasonal[i]! + trendLine[i]!);
  const scores = outlierScores(y.map((v, i) => v - baseline[i]!));
  const th = threshold ?? 1.5;
  const flags = scores.map((s) => (s > th ? 1 : s < -th ? -1 : 0));
  return json([flags, scores, baseline]);
}

export function seriesFitLine(text: string | null): string | null {
  const y = numbers(text);
  if (y === null || y.length === 0) return null;
  const f = fitLine(y);
  return json([f.rsquare, f.slope, f.variance, f.rvariance, f.intercept, f.line]);
}

export function seriesOutliers(text: string | null, minPct: number | null, maxPct: number | null): string | null {
  const y = numbers(text);
  return y === null ? null : json(outlierScores(y, minPct ?? 10, maxPct ?? 90));
}

export function seriesStats(text: string | null): string | null {
  const y = numbers(text);
  if (y === null || y.length === 0) return null;
  let min = 0;
  let max = 0;
  y.forEach((v, i) => {
    if (v < y[min]!) min = i;
    if (v > y[max]!) max = i;
  });
  const n = y.length;
  const avg = y.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? y.reduce((a, v) => a + (v - avg) ** 2, 0) / (n - 1) : 0;
  return json([y[min], min, y[max], max, avg, Math.sqrt(variance), variance]);
}

export const SERIES_UDFS: readonly ScalarUdf[] = [
  { name: 'kql_series_decompose_anomalies', returns: 'VARCHAR', fn: decomposeAnomalies },
  { name: 'kql_series_fit_line', returns: 'VARCHAR', fn: seriesFitLine },
  { name: 'kql_series_outliers', returns: 'VARCHAR', fn: seriesOutliers },
  { name: 'kql_series_stats', returns: 'VARCHAR', fn: seriesStats },
];
