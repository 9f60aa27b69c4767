/**
 * Series functions at run time, over dynamic arrays (JSON text); each returns its results packed
 * as one JSON array `[r0, r1, …]` that the translator unpacks into columns (`(a, b) = f(…)`).
 * series_decompose and series_decompose_anomalies are in ./series-analysis.ts, built on fitLine
 * and outlierScores here.
 *
 * Documented choices where the docs leave freedom (see docs/kql.md, "series functions"):
 * - series_fit_line is the least-squares line over x = 1…n;
 * - outlier scores use the custom Tukey test with the 10th/90th percentiles (linear interpolation
 *   between ranks): (r - p90) / (p90 - p10) above, (r - p10) / (p90 - p10) below, 0 between; a
 *   zero range scores points outside it ±Infinity;
 * - non-numeric elements count as 0.
 */
import { udf } from './udf.ts';
import { parseDynamic } from './dynamic.ts';

function numbers(text: string | null): number[] | null {
  if (text === null) return null;
  const v = parseDynamic(text);
  if (!Array.isArray(v)) return null;
  return v.map((x) => (typeof x === 'number' ? x : 0));
}

/** Least squares over x = 1…n (Kusto's x axis for series_fit_line). */
export function fitLine(y: readonly number[]): {
  slope: number;
  intercept: number;
  rsquare: number;
  variance: number;
  rvariance: number;
  line: number[];
} {
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
export function seriesJson(v: unknown): string {
  return JSON.stringify(v, (_k, x) =>
    typeof x === 'number' && !Number.isFinite(x)
      ? Number.isNaN(x)
        ? 'NaN'
        : x > 0
          ? 'Infinity'
          : '-Infinity'
      : x,
  );
}

export function seriesFitLine(text: string | null): string | null {
  const y = numbers(text);
  if (y === null || y.length === 0) return null;
  const f = fitLine(y);
  return seriesJson([f.rsquare, f.slope, f.variance, f.rvariance, f.intercept, f.line]);
}

/** series_fit_line_dynamic: the same fit as one bag, keyed as Kusto names its parts. */
export function seriesFitLineDynamic(text: string | null): string | null {
  const y = numbers(text);
  if (y === null || y.length === 0) return null;
  const f = fitLine(y);
  return seriesJson({
    rsquare: f.rsquare,
    slope: f.slope,
    variance: f.variance,
    rvariance: f.rvariance,
    interception: f.intercept,
    line_fit: f.line,
  });
}

export function seriesOutliers(
  text: string | null,
  minPct: number | null,
  maxPct: number | null,
): string | null {
  const y = numbers(text);
  return y === null ? null : seriesJson(outlierScores(y, minPct ?? 10, maxPct ?? 90));
}

// ---------- element-wise series functions (series_add, series_abs, series_greater, …) ----------

type Num = number | null;

/** The elements of a dynamic array as numbers (null for nulls and non-numbers); a scalar is a one-value "series". */
function elements(text: string | null): { values: Num[]; scalar: boolean } | null {
  if (text === null) return null;
  const v = parseDynamic(text);
  if (Array.isArray(v))
    return {
      values: v.map((x) => (typeof x === 'number' ? x : typeof x === 'boolean' ? Number(x) : null)),
      scalar: false,
    };
  if (typeof v === 'number') return { values: [v], scalar: true };
  return null;
}

const BINARY: Record<string, (a: number, b: number) => number | boolean> = {
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  multiply: (a, b) => a * b,
  divide: (a, b) => a / b,
  pow: (a, b) => a ** b,
  equals: (a, b) => a === b,
  not_equals: (a, b) => a !== b,
  greater: (a, b) => a > b,
  greater_equals: (a, b) => a >= b,
  less: (a, b) => a < b,
  less_equals: (a, b) => a <= b,
};

/** `series_<op>(a, b)`: element by element; a scalar applies to every element; missing elements give null. */
export function seriesBinary(a: string | null, b: string | null, op: string | null): string | null {
  const x = elements(a);
  const y = elements(b);
  const f = op === null ? undefined : BINARY[op];
  if (!x || !y || !f) return null;
  const n = x.scalar
    ? y.values.length
    : y.scalar
      ? x.values.length
      : Math.max(x.values.length, y.values.length);
  const out: (number | boolean | null)[] = [];
  for (let i = 0; i < n; i++) {
    const p = x.scalar ? x.values[0]! : (x.values[i] ?? null);
    const q = y.scalar ? y.values[0]! : (y.values[i] ?? null);
    out.push(p === null || q === null ? null : f(p, q));
  }
  return seriesJson(out);
}

const UNARY: Record<string, (a: number) => number> = {
  abs: Math.abs,
  acos: Math.acos,
  asin: Math.asin,
  atan: Math.atan,
  ceiling: Math.ceil,
  cos: Math.cos,
  exp: Math.exp,
  floor: Math.floor,
  log: Math.log,
  sign: Math.sign,
  sin: Math.sin,
  tan: Math.tan,
};

export function seriesUnary(a: string | null, op: string | null): string | null {
  const x = elements(a);
  const f = op === null ? undefined : UNARY[op];
  if (!x || x.scalar || !f) return null;
  return seriesJson(x.values.map((v) => (v === null ? null : f(v))));
}

/** Reductions to one real: sum, product, magnitude of one series; dot product, cosine similarity, Pearson correlation of two. */
export function seriesReduce(a: string | null, b: string | null, op: string | null): string | null {
  const x = elements(a);
  if (!x || x.scalar) return null;
  const xs = x.values.map((v) => v ?? 0);
  let r: number;
  if (op === 'sum') r = xs.reduce((p, v) => p + v, 0);
  else if (op === 'product') r = xs.reduce((p, v) => p * v, 1);
  else if (op === 'magnitude') r = Math.sqrt(xs.reduce((p, v) => p + v * v, 0));
  else {
    const y = elements(b);
    if (!y) return null;
    // A number as the second argument stands for a series of that number.
    const ys = y.scalar ? xs.map(() => y.values[0] ?? 0) : y.values.map((v) => v ?? 0);
    const n = Math.min(xs.length, ys.length);
    const dot = (p: number[], q: number[]) => p.slice(0, n).reduce((s, v, i) => s + v * q[i]!, 0);
    if (op === 'dot_product') r = dot(xs, ys);
    else if (op === 'cosine_similarity') r = dot(xs, ys) / Math.sqrt(dot(xs, xs) * dot(ys, ys));
    else if (op === 'pearson_correlation') {
      const mx = xs.slice(0, n).reduce((s, v) => s + v, 0) / n;
      const my = ys.slice(0, n).reduce((s, v) => s + v, 0) / n;
      const cx = xs.slice(0, n).map((v) => v - mx);
      const cy = ys.slice(0, n).map((v) => v - my);
      r = dot(cx, cy) / Math.sqrt(dot(cx, cx) * dot(cy, cy));
    } else return null;
  }
  return seriesJson(r);
}

/** series_fill_forward/backward/const: missing values (null, or `missing` when given) replaced. */
export function seriesFill(
  a: string | null,
  mode: string | null,
  constant: string | null,
  missing: string | null,
): string | null {
  if (a === null) return null;
  const v = parseDynamic(a);
  if (!Array.isArray(v)) return null;
  const miss = missing === null ? null : parseDynamic(missing);
  const isMissing = (x: unknown) => x === null || (miss !== null && x === miss);
  const out = [...v];
  if (mode === 'forward') {
    for (let i = 1; i < out.length; i++)
      if (isMissing(out[i]) && !isMissing(out[i - 1])) out[i] = out[i - 1]!;
  } else if (mode === 'backward') {
    for (let i = out.length - 2; i >= 0; i--)
      if (isMissing(out[i]) && !isMissing(out[i + 1])) out[i] = out[i + 1]!;
  } else if (mode === 'const') {
    const c = constant === null ? 0 : parseDynamic(constant);
    for (let i = 0; i < out.length; i++) if (isMissing(out[i])) out[i] = c;
  } else return null;
  return seriesJson(out);
}

// The UDFs of this module (registered by ./index.ts, called by the translator).
export const SERIES_BINARY = udf(
  'kql_series_binary',
  ['VARCHAR', 'VARCHAR', 'VARCHAR'],
  'VARCHAR',
  seriesBinary,
);
export const SERIES_UNARY = udf('kql_series_unary', ['VARCHAR', 'VARCHAR'], 'VARCHAR', seriesUnary);
export const SERIES_REDUCE = udf(
  'kql_series_reduce',
  ['VARCHAR', 'VARCHAR', 'VARCHAR'],
  'VARCHAR',
  seriesReduce,
);
export const SERIES_FILL = udf(
  'kql_series_fill',
  ['VARCHAR', 'VARCHAR', 'VARCHAR', 'VARCHAR'],
  'VARCHAR',
  seriesFill,
);
export const SERIES_FIT_LINE = udf('kql_series_fit_line', ['VARCHAR'], 'VARCHAR', seriesFitLine);
export const SERIES_FIT_LINE_DYNAMIC = udf(
  'kql_series_fit_line_dynamic',
  ['VARCHAR'],
  'VARCHAR',
  seriesFitLineDynamic,
);
export const SERIES_OUTLIERS = udf(
  'kql_series_outliers',
  ['VARCHAR', 'DOUBLE', 'DOUBLE'],
  'VARCHAR',
  seriesOutliers,
);
