/**
 * Series analysis at run time (Kusto docs: series_fill_linear, series_stats_dynamic,
 * series_fit_2lines[_dynamic], series_fit_poly, series_fft, series_ifft, series_periods_detect,
 * series_periods_validate, series_decompose, series_decompose_forecast,
 * series_decompose_anomalies). Arrays arrive as dynamic
 * JSON text; multi-result functions return their results packed as one JSON array `[r0, r1, …]`
 * that ../tuples.ts spreads over columns, as ./series.ts does.
 *
 * Where Kusto's pages leave the algorithm open, the choices are documented in docs/kql.md
 * ("series functions"):
 * - periods (Kusto does not document its scoring, so scores differ from Kusto's): the score of a
 *   period p is the autocorrelation at lag p of the series with its least-squares line removed
 *   (unbiased: each lag's sum divided by its number of pairs), capped at 1, and 0 unless lag p is
 *   a local maximum of the autocorrelation above the white-noise bound 2/√n; periods shorter than
 *   4 points or longer than half the series score 0 (the pages' bounds). Detection takes the peaks
 *   of the periodogram in range, refines each to its best autocorrelation lag among the periods nearer its frequency than the
 *   neighbouring ones, and drops multiples
 *   of a shorter period found (within a bin per repetition), and keeps the rest best first.
 * - series_fit_2lines: each segment is fitted as series_fit_line fits a series (x = 1…length of the
 *   segment), so slopes and interceptions are the segment's own; split_idx is the first index of
 *   the right segment; each segment has at least 2 points.
 * - non-numeric elements count as 0 (as ./series.ts reads series), except where a page gives null
 *   a meaning (series_fill_linear, series_stats_dynamic).
 */
import { udf, variadicUdf } from './udf.ts';
import { parseDynamic } from './dynamic.ts';
import { fitLine, outlierScores, seriesJson } from './series.ts';

function numbers(text: string | null): number[] | null {
  if (text === null) return null;
  const v = parseDynamic(text);
  if (!Array.isArray(v)) return null;
  return v.map((x) => (typeof x === 'number' ? x : 0));
}

/** A JSON number as a real: whole numbers keep a decimal point so they read back as reals. */
function realsJson(values: readonly (number | null)[]): string {
  return `[${values
    .map((v) =>
      v === null
        ? 'null'
        : !Number.isFinite(v)
          ? seriesJson(v)
          : Number.isInteger(v)
            ? `${v}.0`
            : String(v),
    )
    .join(',')}]`;
}

// ---------- series_fill_linear ----------

/** Whether every number of a flat JSON array is written as an integer (no '.', 'e'). */
function integerElements(text: string): boolean {
  const body = text.trim().replace(/^\[|\]$/g, '');
  if (body.trim() === '') return false;
  return body.split(',').every((t) => {
    const s = t.trim();
    return s === 'null' || /^-?\d+$/.test(s);
  });
}

/**
 * series_fill_linear(series, missing=null, fill_edges=true, constant=0): missing values between
 * two known ones are interpolated linearly; at the edges they take the nearest known value (or
 * stay missing without fill_edges); a series with no known value is filled with the constant
 * (the translator passes 0 when it is omitted; a null constant keeps the nulls). A series of integers keeps integers: interpolated values are truncated, as the
 * page's example shows (73.5 → 73).
 */
export function seriesFillLinear(
  text: string | null,
  missing: string | null,
  fillEdges: number | null,
  constant: string | null,
): string | null {
  if (text === null) return null;
  const v = parseDynamic(text);
  if (!Array.isArray(v)) return null;
  const miss = missing === null ? null : parseDynamic(missing);
  const known = (x: unknown): x is number =>
    typeof x === 'number' && !(miss !== null && x === miss);
  const ints = integerElements(text);
  const out: unknown[] = [...v];
  const idx: number[] = [];
  v.forEach((x, i) => {
    if (known(x)) idx.push(i);
  });
  if (idx.length === 0) {
    const c = constant === null ? null : parseDynamic(constant);
    return typeof c === 'number' ? realsJson(out.map(() => c)) : seriesJson(out.map(() => c));
  }
  for (let k = 0; k + 1 < idx.length; k++) {
    const a = idx[k]!;
    const b = idx[k + 1]!;
    const ya = v[a] as number;
    const yb = v[b] as number;
    for (let i = a + 1; i < b; i++) {
      const y = ya + ((yb - ya) * (i - a)) / (b - a);
      out[i] = ints ? Math.trunc(y) : y;
    }
  }
  if (fillEdges !== 0) {
    const first = idx[0]!;
    const last = idx[idx.length - 1]!;
    for (let i = 0; i < first; i++) out[i] = v[first];
    for (let i = last + 1; i < v.length; i++) out[i] = v[last];
  }
  // A series of reals stays reals (`111.0`); one of integers keeps integers.
  const plain = out.every((x) => x === null || typeof x === 'number');
  return !ints && plain ? realsJson(out as (number | null)[]) : seriesJson(out);
}

// ---------- series_stats_dynamic ----------

/**
 * series_stats_dynamic(series, ignore_nonfinite=false) and series_stats: min, min_idx, max, max_idx, avg, variance
 * and stdev (sample), sum and len in one bag. With a non-finite element (null, NaN, ±inf, a
 * non-number) and ignore_nonfinite false, every statistic is null; ignoring them, the statistics
 * cover the finite elements (indexes stay those of the whole array; len is the array's length).
 */
interface Stats {
  min: number | null;
  min_idx: number | null;
  max: number | null;
  max_idx: number | null;
  avg: number | null;
  stdev: number | null;
  variance: number | null;
  sum: number | null;
  len: number | null;
}

/** The statistics of series_stats and series_stats_dynamic; null when the input is not an array. */
function stats(text: string | null, ignore: number | null): Stats | null {
  if (text === null) return null;
  const v = parseDynamic(text);
  if (!Array.isArray(v)) return null;
  const finite: [number, number][] = [];
  let skipped = false;
  v.forEach((x, i) => {
    if (typeof x === 'number' && Number.isFinite(x)) finite.push([x, i]);
    else skipped = true;
  });
  if ((skipped && !ignore) || finite.length === 0)
    return {
      min: null,
      min_idx: null,
      max: null,
      max_idx: null,
      avg: null,
      stdev: null,
      variance: null,
      sum: null,
      len: null,
    };
  let min = finite[0]!;
  let max = finite[0]!;
  let sum = 0;
  for (const p of finite) {
    if (p[0] < min[0]) min = p;
    if (p[0] > max[0]) max = p;
    sum += p[0];
  }
  const n = finite.length;
  const avg = sum / n;
  const variance = n > 1 ? finite.reduce((a, [x]) => a + (x - avg) ** 2, 0) / (n - 1) : 0;
  return {
    min: min[0],
    min_idx: min[1],
    max: max[0],
    max_idx: max[1],
    avg,
    stdev: Math.sqrt(variance),
    variance,
    sum,
    len: v.length,
  };
}

export function seriesStatsDynamic(text: string | null, ignore: number | null): string | null {
  const s = stats(text, ignore);
  return s === null ? null : seriesJson(s);
}

/** series_stats(series, ignore_nonfinite=false): [min, min_idx, max, max_idx, avg, stdev, variance]. */
export function seriesStats(text: string | null, ignore: number | null): string | null {
  const s = stats(text, ignore);
  return s === null
    ? null
    : seriesJson([s.min, s.min_idx, s.max, s.max_idx, s.avg, s.stdev, s.variance]);
}

// ---------- series_fit_2lines, series_fit_2lines_dynamic ----------

type LineFit = ReturnType<typeof fitLine>;

interface TwoLines {
  rsquare: number;
  split: number;
  variance: number;
  rvariance: number;
  line: number[];
  left: LineFit;
  right: LineFit;
}

function sumSquares(y: readonly number[], around: number): number {
  return y.reduce((a, v) => a + (v - around) ** 2, 0);
}

/**
 * The best two-segment fit: each split, a series_fit_line of each side, the highest total r-square.
 * Each split's residual sum of squares comes from prefix sums (O(1) a split); the best split is
 * then fitted exactly.
 */
export function fit2Lines(y: readonly number[]): TwoLines | null {
  const n = y.length;
  if (n < 4) return null;
  // Prefix sums of y, y² and i·y (i = 0…n−1).
  const sy = [0];
  const syy = [0];
  const siy = [0];
  for (let i = 0; i < n; i++) {
    sy.push(sy[i]! + y[i]!);
    syy.push(syy[i]! + y[i]! * y[i]!);
    siy.push(siy[i]! + i * y[i]!);
  }
  /** The residual sum of squares of the least-squares line over y[a…b) (x = 1…b−a). */
  const ssrOf = (a: number, b: number): number => {
    const m = b - a;
    const tot = sy[b]! - sy[a]!;
    const my = tot / m;
    const mx = (m + 1) / 2;
    const sxy = siy[b]! - siy[a]! - (a - 1) * tot - m * mx * my;
    const sxx = (m * (m * m - 1)) / 12;
    const s2 = syy[b]! - syy[a]! - m * my * my;
    return Math.max(0, s2 - (sxx === 0 ? 0 : (sxy * sxy) / sxx));
  };
  let split = 2;
  let bestSsr = Infinity;
  for (let k = 2; k <= n - 2; k++) {
    const ssr = ssrOf(0, k) + ssrOf(k, n);
    // A split must be better by more than rounding to replace an earlier one.
    if (k === 2 || ssr < bestSsr - 1e-9 * Math.max(1, bestSsr)) {
      bestSsr = ssr;
      split = k;
    }
  }
  const left = fitLine(y.slice(0, split));
  const right = fitLine(y.slice(split));
  const line = [...left.line, ...right.line];
  const mean = sy[n]! / n;
  const sst = sumSquares(y, mean);
  const ssr = y.reduce((a, v, i) => a + (v - line[i]!) ** 2, 0);
  return {
    rsquare: sst === 0 ? 1 : 1 - ssr / sst,
    split,
    variance: sst / (n - 1),
    rvariance: ssr / (n - 1),
    line,
    left,
    right,
  };
}

export function seriesFit2Lines(text: string | null): string | null {
  const y = numbers(text);
  const f = y && fit2Lines(y);
  if (!f) return null;
  const side = (s: LineFit) => [s.rsquare, s.slope, s.intercept, s.variance, s.rvariance];
  return seriesJson([
    f.rsquare,
    f.split,
    f.variance,
    f.rvariance,
    f.line,
    ...side(f.right),
    ...side(f.left),
  ]);
}

export function seriesFit2LinesDynamic(text: string | null): string | null {
  const y = numbers(text);
  const f = y && fit2Lines(y);
  if (!f) return null;
  const side = (s: LineFit) => ({
    rsquare: s.rsquare,
    slope: s.slope,
    interception: s.intercept,
    variance: s.variance,
    rvariance: s.rvariance,
  });
  return seriesJson({
    rsquare: f.rsquare,
    split_idx: f.split,
    variance: f.variance,
    rvariance: f.rvariance,
    line_fit: f.line,
    right: side(f.right),
    left: side(f.left),
  });
}

// ---------- series_fit_poly ----------

/** Solves A·c = b (A square) by Gaussian elimination with partial pivoting; null when singular. */
function solve(a: number[][], b: number[]): number[] | null {
  const m = b.length;
  const A = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < m; col++) {
    let pivot = col;
    for (let r = col + 1; r < m; r++)
      if (Math.abs(A[r]![col]!) > Math.abs(A[pivot]![col]!)) pivot = r;
    if (Math.abs(A[pivot]![col]!) < 1e-300) return null;
    [A[col], A[pivot]] = [A[pivot]!, A[col]!];
    for (let r = 0; r < m; r++) {
      if (r === col) continue;
      const f = A[r]![col]! / A[col]![col]!;
      if (f === 0) continue;
      for (let c = col; c <= m; c++) A[r]![c]! -= f * A[col]![c]!;
    }
  }
  return A.map((row, i) => row[m]! / row[i]!);
}

/**
 * series_fit_poly(y, x=[1…n], degree=1): the least-squares polynomial, returned as rsquare,
 * coefficients (highest power first), variance, rvariance, poly_fit. A degree of n or more (an
 * under-determined fit) or a singular system gives nulls.
 */
export function seriesFitPoly(
  yText: string | null,
  xText: string | null,
  degree: number | null,
): string | null {
  const y = numbers(yText);
  if (y === null || y.length === 0) return null;
  const n = y.length;
  const x = xText === null ? y.map((_, i) => i + 1) : numbers(xText);
  const d = degree === null ? 1 : Math.trunc(degree);
  if (x === null || x.length !== n || d < 0 || d >= n)
    return seriesJson([null, null, null, null, null]);
  // Normal equations over the powers 0…d, centred and scaled x for conditioning.
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const sx = Math.max(...x.map((v) => Math.abs(v - mx))) || 1;
  const u = x.map((v) => (v - mx) / sx);
  const m = d + 1;
  const ata = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  const aty = new Array<number>(m).fill(0);
  for (let i = 0; i < n; i++) {
    const pw = [1];
    for (let k = 1; k < m; k++) pw.push(pw[k - 1]! * u[i]!);
    for (let r = 0; r < m; r++) {
      aty[r]! += pw[r]! * y[i]!;
      for (let c = 0; c < m; c++) ata[r]![c]! += pw[r]! * pw[c]!;
    }
  }
  const cu = solve(ata, aty);
  if (cu === null) return seriesJson([null, null, null, null, null]);
  // Back to powers of x: Σ cu_k ((x - mx)/sx)^k expanded with binomial coefficients.
  const cx = new Array<number>(m).fill(0);
  for (let k = 0; k < m; k++) {
    let binom = 1;
    for (let j = 0; j <= k; j++) {
      // term: cu_k / sx^k · C(k, j) · x^j · (−mx)^(k−j)
      cx[j]! += (cu[k]! / sx ** k) * binom * (-mx) ** (k - j);
      binom = (binom * (k - j)) / (j + 1);
    }
  }
  const fit = u.map((v) => cu.reduce((a, c, k) => a + c * v ** k, 0));
  const mean = y.reduce((a, b) => a + b, 0) / n;
  const sst = sumSquares(y, mean);
  const ssr = y.reduce((a, v, i) => a + (v - fit[i]!) ** 2, 0);
  return seriesJson([
    sst === 0 ? 1 : 1 - ssr / sst,
    [...cx].reverse(),
    n > 1 ? sst / (n - 1) : 0,
    n > 1 ? ssr / (n - 1) : 0,
    fit,
  ]);
}

// ---------- series_fft, series_ifft ----------

/** In-place iterative radix-2 Cooley–Tukey (n a power of two), unnormalised both ways. */
function radix2(r: number[], m: number[], inverse: boolean): void {
  const n = r.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [r[i], r[j]] = [r[j]!, r[i]!];
      [m[i], m[j]] = [m[j]!, m[i]!];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = ((inverse ? 2 : -2) * Math.PI) / len;
    for (let k = 0; k < len / 2; k++) {
      const wr = Math.cos(ang * k);
      const wi = Math.sin(ang * k);
      for (let i = 0; i < n; i += len) {
        const a = i + k;
        const b = a + len / 2;
        const tr = r[b]! * wr - m[b]! * wi;
        const ti = r[b]! * wi + m[b]! * wr;
        r[b] = r[a]! - tr;
        m[b] = m[a]! - ti;
        r[a] = r[a]! + tr;
        m[a] = m[a]! + ti;
      }
    }
  }
}

/**
 * The discrete Fourier transform (sign −1) or its inverse (sign +1, divided by n): radix 2 for a
 * power of two, else Bluestein's chirp-z (kt = (k² + t² − (k−t)²)/2 turns the sum into a
 * convolution done with radix-2 transforms), O(n log n) either way.
 */
export function dft(
  re: readonly number[],
  im: readonly number[],
  inverse: boolean,
): [number[], number[]] {
  const n = re.length;
  const scale = inverse && n > 0 ? 1 / n : 1;
  if (n === 0) return [[], []];
  if ((n & (n - 1)) === 0) {
    const r = [...re];
    const m = [...im];
    radix2(r, m, inverse);
    return [r.map((v) => v * scale), m.map((v) => v * scale)];
  }
  const sign = inverse ? 1 : -1;
  // Chirp w_k = e^(sign·πi·k²/n), k² taken modulo 2n to keep the angle exact.
  const wr: number[] = [];
  const wi: number[] = [];
  for (let k = 0; k < n; k++) {
    const ang = (sign * Math.PI * ((k * k) % (2 * n))) / n;
    wr.push(Math.cos(ang));
    wi.push(Math.sin(ang));
  }
  let size = 1;
  while (size < 2 * n - 1) size <<= 1;
  const ar = new Array<number>(size).fill(0);
  const ai = new Array<number>(size).fill(0);
  for (let t = 0; t < n; t++) {
    ar[t] = re[t]! * wr[t]! - im[t]! * wi[t]!;
    ai[t] = re[t]! * wi[t]! + im[t]! * wr[t]!;
  }
  // b_j = conj(w_|j|) for j in (−n, n), stored circularly.
  const br = new Array<number>(size).fill(0);
  const bi = new Array<number>(size).fill(0);
  for (let j = 0; j < n; j++) {
    br[j] = wr[j]!;
    bi[j] = -wi[j]!;
    if (j > 0) {
      br[size - j] = wr[j]!;
      bi[size - j] = -wi[j]!;
    }
  }
  radix2(ar, ai, false);
  radix2(br, bi, false);
  for (let i = 0; i < size; i++) {
    const r = ar[i]! * br[i]! - ai[i]! * bi[i]!;
    ai[i] = ar[i]! * bi[i]! + ai[i]! * br[i]!;
    ar[i] = r;
  }
  radix2(ar, ai, true);
  const outRe: number[] = [];
  const outIm: number[] = [];
  for (let k = 0; k < n; k++) {
    const cr = ar[k]! / size;
    const ci = ai[k]! / size;
    outRe.push((cr * wr[k]! - ci * wi[k]!) * scale);
    outIm.push((cr * wi[k]! + ci * wr[k]!) * scale);
  }
  return [outRe, outIm];
}

/** series_fft / series_ifft: [real, imaginary]; a missing imaginary part (or element) is 0. */
export function seriesFft(
  reText: string | null,
  imText: string | null,
  inverse: number | null,
): string | null {
  const re = numbers(reText);
  if (re === null) return null;
  const im0 = imText === null ? [] : numbers(imText);
  if (im0 === null) return null;
  const im = re.map((_, i) => im0[i] ?? 0);
  const [r, i] = dft(re, im, inverse === 1);
  return `[${realsJson(r)},${realsJson(i)}]`;
}

// ---------- series_periods_detect, series_periods_validate ----------

/** The series with its least-squares line removed. */
function detrend(y: readonly number[]): number[] {
  const line = fitLine(y).line;
  return y.map((v, i) => v - line[i]!);
}

/**
 * Autocorrelation of a (detrended) series at every lag 0…n−1 (unbiased, lag 0 = 1), through the
 * power spectrum of the series padded with zeros to twice its length (O(n log n)).
 */
function autocorrelation(d: readonly number[]): number[] {
  const n = d.length;
  let size = 1;
  while (size < 2 * n) size <<= 1;
  const re = [...d, ...new Array<number>(size - n).fill(0)];
  const [fr, fi] = dft(re, new Array<number>(size).fill(0), false);
  const power = fr.map((v, i) => v * v + fi[i]! * fi[i]!);
  const [sums] = dft(power, new Array<number>(size).fill(0), true);
  const c0 = sums[0]! / n;
  const r: number[] = [];
  for (let lag = 0; lag < n; lag++) r.push(c0 <= 1e-300 ? 0 : sums[lag]! / (n - lag) / c0);
  return r;
}

/**
 * The score of a period p (see the module comment): the autocorrelation at lag round(p) when it
 * is a local maximum above the white-noise bound 2/√n, else 0; 0 outside [4, n/2].
 */
function periodScore(r: readonly number[], n: number, p: number): number {
  if (!Number.isFinite(p) || p < 4 || p > n / 2) return 0;
  const q = Math.round(p);
  const v = r[q]!;
  if (!(v >= (r[q - 1] ?? -Infinity) && v >= (r[q + 1] ?? -Infinity))) return 0;
  if (v < 2 / Math.sqrt(n)) return 0;
  return Math.min(1, v);
}

/**
 * The best periods between min and max, at most count of them, with their scores; zeros pad.
 * Candidates are the peaks of the periodogram of the detrended series; each is refined to the lag
 * of highest autocorrelation among the periods its frequency bin covers, then scored.
 */
export function detectPeriods(
  y: readonly number[],
  minPeriod: number,
  maxPeriod: number,
  count: number,
): { periods: number[]; scores: number[] } {
  const n = y.length;
  const periods: number[] = [];
  const scores: number[] = [];
  const lo = Math.max(4, Math.ceil(minPeriod));
  const hi = Math.min(Math.floor(maxPeriod), Math.floor(n / 2));
  if (n >= 8 && lo <= hi) {
    const d = detrend(y);
    const r = autocorrelation(d);
    const [re, im] = dft(
      d,
      d.map(() => 0),
      false,
    );
    const half = Math.floor(n / 2);
    const power = (f: number) => (f < 1 || f > half ? -Infinity : re[f]! ** 2 + im[f]! ** 2);
    const found = new Map<number, number>();
    for (let f = 1; f <= half; f++) {
      if (!(power(f) > power(f - 1) && power(f) >= power(f + 1))) continue;
      // The lags whose frequency is nearer f than its neighbours (at least the nearest lag).
      const from = Math.max(lo, Math.min(Math.ceil(n / (f + 0.5)), Math.round(n / f)));
      const to = Math.min(hi, Math.max(Math.floor(n / (f - 0.5)), Math.round(n / f)));
      let best = 0;
      for (let p = from; p <= to; p++) if (best === 0 || r[p]! > r[best]!) best = p;
      if (best === 0) continue;
      const score = periodScore(r, n, best);
      if (score > 0) found.set(best, score);
    }
    // A multiple of a shorter period found (within a bin per repetition) is that period again.
    const kept: [number, number][] = [];
    for (const [p, s] of [...found].sort((a, b) => a[0] - b[0])) {
      const harmonic = kept.some(([k]) => Math.abs(p - k * Math.round(p / k)) <= Math.round(p / k));
      if (!harmonic) kept.push([p, s]);
    }
    for (const [p, s] of kept.sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, count)) {
      periods.push(p);
      scores.push(s);
    }
  }
  while (periods.length < count) {
    periods.push(0);
    scores.push(0);
  }
  return { periods, scores };
}

export function seriesPeriodsDetect(
  text: string | null,
  minPeriod: number | null,
  maxPeriod: number | null,
  count: number | null,
): string | null {
  const y = numbers(text);
  if (y === null || minPeriod === null || maxPeriod === null || count === null) return null;
  const { periods, scores } = detectPeriods(y, minPeriod, maxPeriod, Math.max(0, count));
  return `[${seriesJson(periods)},${realsJson(scores)}]`;
}

/** series_periods_validate(series, p1, p2, …): each period as given, with its score. */
export function seriesPeriodsValidate(
  text: string | null,
  ...periods: (number | null)[]
): string | null {
  const y = numbers(text);
  if (y === null) return null;
  const n = y.length;
  const r = n >= 8 ? autocorrelation(detrend(y)) : [];
  const scores = periods.map((p) => (p === null || n < 8 ? 0 : periodScore(r, n, p)));
  return `[${realsJson(periods)},${realsJson(scores)}]`;
}

// ---------- series_decompose, series_decompose_forecast ----------

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export interface Decomposition {
  baseline: number[];
  seasonal: number[];
  trend: number[];
  residual: number[];
}

/**
 * Kusto's decomposition (series_decompose page): the seasonal component is the median of the
 * learning points of each phase (period −1: the best period series_periods_detect finds between 4
 * and half the learning points, if its score reaches the threshold; 0: none); the trend is fitted
 * to the deseasonalised learning points ('avg' their mean, 'linefit' their least-squares line
 * extended over the test points, 'none' zero); baseline = seasonal + trend; residual = x − baseline.
 * The learning points are all but the last test_points.
 */
export function decompose(
  y: readonly number[],
  seasonality: number,
  trend: string,
  testPoints: number,
  threshold: number,
): Decomposition {
  const n = y.length;
  const learn = Math.max(0, n - Math.max(0, Math.trunc(testPoints)));
  const ys = y.slice(0, learn);
  let period = Math.trunc(seasonality);
  if (seasonality < 0) {
    const d = detectPeriods(ys, 4, ys.length / 2, 1);
    period = d.scores[0]! >= threshold ? d.periods[0]! : 0;
  }
  const seasonal = y.map(() => 0);
  if (period > 1) {
    const phase = Array.from({ length: period }, (_, k) =>
      median(ys.filter((_v, i) => i % period === k)),
    );
    for (let i = 0; i < n; i++) seasonal[i] = phase[i % period]!;
  }
  const deseasonal = ys.map((v, i) => v - seasonal[i]!);
  let trendLine = y.map(() => 0);
  if (trend === 'avg' && learn > 0) {
    const m = deseasonal.reduce((a, b) => a + b, 0) / learn;
    trendLine = y.map(() => m);
  } else if (trend === 'linefit' && learn > 0) {
    const f = fitLine(deseasonal);
    trendLine = y.map((_, i) => f.slope * (i + 1) + f.intercept);
  }
  const baseline = y.map((_, i) => seasonal[i]! + trendLine[i]!);
  return { baseline, seasonal, trend: trendLine, residual: y.map((v, i) => v - baseline[i]!) };
}

export function seriesDecompose(
  text: string | null,
  seasonality: number | null,
  trend: string | null,
  testPoints: number | null,
  threshold: number | null,
): string | null {
  const y = numbers(text);
  if (y === null) return null;
  const d = decompose(y, seasonality ?? -1, trend ?? 'avg', testPoints ?? 0, threshold ?? 0.6);
  return `[${realsJson(d.baseline)},${realsJson(d.seasonal)},${realsJson(d.trend)},${realsJson(d.residual)}]`;
}

/** series_decompose_forecast: the baseline of a decomposition that learns from all but the last `points`. */
export function seriesDecomposeForecast(
  text: string | null,
  points: number | null,
  seasonality: number | null,
  trend: string | null,
  threshold: number | null,
): string | null {
  const y = numbers(text);
  if (y === null || points === null) return null;
  const d = decompose(y, seasonality ?? -1, trend ?? 'avg', points, threshold ?? 0.6);
  return realsJson(d.baseline);
}

/**
 * series_decompose_anomalies (its page's algorithm): series_decompose with the same parameters,
 * series_outliers of the residual ('ctukey': 10th–90th percentiles, 'tukey': 25th–75th) as
 * ad_score, and ad_flag +1 / −1 / 0 where the score is above threshold / below −threshold /
 * between. Returns [ad_flag, ad_score, baseline].
 */
export function seriesDecomposeAnomalies(
  text: string | null,
  threshold: number | null,
  seasonality: number | null,
  trend: string | null,
  testPoints: number | null,
  method: string | null,
  seasonalityThreshold: number | null,
): string | null {
  const y = numbers(text);
  if (y === null) return null;
  const d = decompose(
    y,
    seasonality ?? -1,
    trend ?? 'avg',
    testPoints ?? 0,
    seasonalityThreshold ?? 0.6,
  );
  const [lo, hi] = method === 'tukey' ? [25, 75] : [10, 90];
  const scores = outlierScores(d.residual, lo, hi);
  const th = threshold ?? 1.5;
  const flags = scores.map((s) => (s > th ? 1 : s < -th ? -1 : 0));
  return `[${seriesJson(flags)},${realsJson(scores)},${realsJson(d.baseline)}]`;
}

/**
 * A multi-result function is called once per result column with the same arguments (each column
 * reads one element of the packed result), so the results of recent calls are kept: the columns
 * of a chunk of rows reuse the first one's work instead of refitting every series.
 */
function remembered<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const cache = new Map<string, R>();
  return (...args: A) => {
    const key = JSON.stringify(args);
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit!;
    const v = fn(...args);
    if (cache.size >= 4096) cache.clear();
    cache.set(key, v);
    return v;
  };
}

// The UDFs of this module (registered by ./index.ts, called by the translator).
export const SERIES_FILL_LINEAR = udf(
  'kql_series_fill_linear',
  ['VARCHAR', 'VARCHAR', 'INTEGER', 'VARCHAR'],
  'VARCHAR',
  seriesFillLinear,
);
export const SERIES_STATS_DYNAMIC = udf(
  'kql_series_stats_dynamic',
  ['VARCHAR', 'INTEGER'],
  'VARCHAR',
  seriesStatsDynamic,
);
export const SERIES_STATS = udf(
  'kql_series_stats',
  ['VARCHAR', 'INTEGER'],
  'VARCHAR',
  remembered(seriesStats),
);
export const SERIES_FIT_2LINES = udf(
  'kql_series_fit_2lines',
  ['VARCHAR'],
  'VARCHAR',
  remembered(seriesFit2Lines),
);
export const SERIES_FIT_2LINES_DYNAMIC = udf(
  'kql_series_fit_2lines_dynamic',
  ['VARCHAR'],
  'VARCHAR',
  seriesFit2LinesDynamic,
);
export const SERIES_FIT_POLY = udf(
  'kql_series_fit_poly',
  ['VARCHAR', 'VARCHAR', 'DOUBLE'],
  'VARCHAR',
  remembered(seriesFitPoly),
);
export const SERIES_FFT = udf(
  'kql_series_fft',
  ['VARCHAR', 'VARCHAR', 'INTEGER'],
  'VARCHAR',
  remembered(seriesFft),
);
export const SERIES_PERIODS_DETECT = udf(
  'kql_series_periods_detect',
  ['VARCHAR', 'DOUBLE', 'DOUBLE', 'DOUBLE'],
  'VARCHAR',
  remembered(seriesPeriodsDetect),
);
export const SERIES_PERIODS_VALIDATE = variadicUdf(
  'kql_series_periods_validate',
  ['VARCHAR', 'DOUBLE'],
  'DOUBLE',
  'VARCHAR',
  remembered(seriesPeriodsValidate),
);
export const SERIES_DECOMPOSE = udf(
  'kql_series_decompose',
  ['VARCHAR', 'DOUBLE', 'VARCHAR', 'DOUBLE', 'DOUBLE'],
  'VARCHAR',
  remembered(seriesDecompose),
);
export const SERIES_DECOMPOSE_FORECAST = udf(
  'kql_series_decompose_forecast',
  ['VARCHAR', 'DOUBLE', 'DOUBLE', 'VARCHAR', 'DOUBLE'],
  'VARCHAR',
  seriesDecomposeForecast,
);
export const SERIES_DECOMPOSE_ANOMALIES = udf(
  'kql_series_decompose_anomalies',
  ['VARCHAR', 'DOUBLE', 'DOUBLE', 'VARCHAR', 'DOUBLE', 'VARCHAR', 'DOUBLE'],
  'VARCHAR',
  remembered(seriesDecomposeAnomalies),
);
