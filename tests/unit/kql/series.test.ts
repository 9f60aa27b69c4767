/**
 * make-series and the series functions Sentinel anomaly rules use, through the translator and
 * DuckDB-WASM.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type KqlHarness } from './harness.ts';

let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
  h.table(
    'S',
    [
      { name: 'U', type: 'string' },
      { name: 'T', type: 'datetime' },
      { name: 'N', type: 'long' },
    ],
    [
      `'a', TIMESTAMP '2026-01-01 10:00:00', 1`,
      `'a', TIMESTAMP '2026-01-01 11:00:00', 2`,
      `'a', TIMESTAMP '2026-01-03 09:00:00', 5`,
      `'b', TIMESTAMP '2026-01-02 00:00:00', 7`,
      `'b', TIMESTAMP '2025-12-20 00:00:00', 100`,
    ],
  );
});
afterAll(() => h.engine.close());

type Row = Record<string, unknown>;
const sorted = (rows: Row[]) => rows.map((r) => JSON.stringify(r)).sort();
const day = (d: string) => `2026-01-0${d}T00:00:00.0000000Z`;

describe('make-series', () => {
  it('fills empty bins with 0, bins from `from`, excludes rows outside [from, to); by columns, aggregates, then the axis', () => {
    const rows = h.run(
      'S | make-series c = count(), s = sum(N) on T from datetime(2026-01-01) to datetime(2026-01-04) step 1d by U',
    );
    expect(sorted(rows)).toEqual(
      sorted([
        { U: 'a', c: [2, 0, 1], s: [3, 0, 5], T: [day('1'), day('2'), day('3')] },
        { U: 'b', c: [0, 1, 0], s: [0, 7, 0], T: [day('1'), day('2'), day('3')] },
      ]),
    );
    expect(
      h.translate('S | make-series c = count() on T step 1d by U').columns.map((c) => c.name),
    ).toEqual(['U', 'c', 'T']);
  });
  it('default = fills empty bins with that value; unnamed aggregates get summarize names', () => {
    const rows = h.run(
      'S | where U == "a" | make-series avg(N) default = -1 on T from datetime(2026-01-01) to datetime(2026-01-04) step 1d',
    );
    expect(rows).toEqual([{ avg_N: [1.5, -1, 5], T: [day('1'), day('2'), day('3')] }]);
  });
  it('without from/to the range runs from the bin of the first row to the bin after the last', () => {
    const rows = h.run('S | where U == "a" | make-series c = count() on T step 1d');
    expect(rows).toEqual([{ c: [2, 0, 1], T: [day('1'), day('2'), day('3')] }]);
  });
  it('a from that is not aligned to the step starts the bins there (not at epoch boundaries)', () => {
    const rows = h.run(
      'S | where U == "a" | make-series c = count() on T from datetime(2026-01-01 10:30) to datetime(2026-01-02 10:30) step 12h',
    );
    expect(rows).toEqual([
      { c: [1, 0], T: ['2026-01-01T10:30:00.0000000Z', '2026-01-01T22:30:00.0000000Z'] },
    ]);
  });
  it('a numeric axis', () => {
    const rows = h.run('S | where U == "a" | make-series c = count() on N from 0 to 6 step 2');
    expect(rows).toEqual([{ c: [1, 1, 1], N: [0, 2, 4] }]);
  });
});

describe('series functions', () => {
  it('series_iir: y[n] = (Σ b·x − Σ a[k≥1]·y) / a[0]; b = [1], a = [1, -1] is a running sum (Kusto docs)', () => {
    const r = h.run(
      'print y = series_iir(dynamic([1, 2, 3, 4, 5]), dynamic([1]), dynamic([1, -1])), h = series_iir(dynamic([2, 2]), dynamic([1]), dynamic([2, -1]))',
    )[0]!;
    expect(r.y).toEqual([1, 3, 6, 10, 15]);
    // Normalised by a[0] = 2: y0 = 2/2, y1 = (2 + y0) / 2.
    expect(r.h).toEqual([1, 1.5]);
  });
  it('series_fir: moving sums, normalised to averages by default, centred on request (Kusto docs example)', () => {
    const r = h.run(
      'let v = dynamic([0, 0, 10, 20, 40, 0]); print a = series_fir(v, dynamic([1, 1, 1])), c = series_fir(v, dynamic([1, 1, 1]), true, true), d = series_fir(v, dynamic([1, -1]), false, false)',
    )[0]!;
    expect(r.a).toEqual([0, 0, 10 / 3, 10, 70 / 3, 20]);
    expect(r.c).toEqual([0, 10 / 3, 10, 70 / 3, 20, 40 / 3]);
    expect(r.d).toEqual([0, 0, 10, 10, 20, -40]);
  });
  it("series_seasonal: each phase's median (Kusto docs: [1,3,5,1,3,5,2,4,6] with period 3 gives 1, 3, 5), not its mean; a period below 1 gives zeros", () => {
    const r = h.run(
      'print s = series_seasonal(dynamic([1, 3, 5, 1, 3, 5, 2, 4, 6]), 3), e = series_seasonal(dynamic([1, 3, 2, 4]), 2), z = series_seasonal(dynamic([1, 3, 2, 4]), 0), t = tostring(series_seasonal(dynamic([1, 3, 5, 1, 3, 5, 2, 4, 6]), 3))',
    )[0]!;
    expect(r.s).toEqual([1, 3, 5, 1, 3, 5, 1, 3, 5]);
    expect(r.e).toEqual([1.5, 3.5, 1.5, 3.5]);
    expect(r.z).toEqual([0, 0, 0, 0]);
    expect(r.t).toBe('[1.0,3.0,5.0,1.0,3.0,5.0,1.0,3.0,5.0]');
  });
  it('series_seasonal without a period (or -1) detects it with series_periods_detect, score ≥ 0.7; none detected gives zeros (Kusto docs: periods 6 and 5, the 12-point series too short)', () => {
    const rows = h.run(
      'print s = dynamic([2, 5, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1]) | union (print s = dynamic([8, 12, 14, 12, 10, 10, 12, 14, 12, 10, 10, 12, 14, 12, 10, 10, 12, 14, 12, 10])) | union (print s = dynamic([1, 3, 5, 2, 4, 6, 1, 3, 5, 2, 4, 6])) | extend a = series_seasonal(s), b = series_seasonal(s, -1) | project n = array_length(s), a, b',
    );
    const byLength = new Map(rows.map((r) => [r.n, r]));
    const six = [1, 2, 3, 4, 3, 2];
    const five = [10, 12, 14, 12, 10];
    expect(byLength.get(25)!.a).toEqual(Array.from({ length: 25 }, (_, i) => six[i % 6]));
    expect(byLength.get(20)!.a).toEqual(Array.from({ length: 20 }, (_, i) => five[i % 5]));
    expect(byLength.get(12)!.a).toEqual(Array(12).fill(0));
    for (const r of rows) expect(r.b).toEqual(r.a);
  });
  it("series_fit_line: least squares over x = 1…n (Kusto's documented example values)", () => {
    const rows = h.run(
      'print y = dynamic([2, 5, 6, 8, 11, 15, 17, 18, 25, 26, 30, 30]) | extend (RSquare, Slope, Variance, RVariance, Interception, LineFit) = series_fit_line(y) | project RSquare, Slope, Variance, RVariance, Interception, f0 = todouble(LineFit[0])',
    );
    const r = rows[0]!;
    expect(r.RSquare).toBeCloseTo(0.982900730884447, 12);
    expect(r.Slope).toBeCloseTo(2.730769230769231, 12);
    expect(r.Variance).toBeCloseTo(98.62878787878789, 10);
    expect(r.RVariance).toBeCloseTo(1.686480186480187, 12);
    expect(r.Interception).toBeCloseTo(-1.6666666666666716, 10);
    expect(r.f0).toBeCloseTo(1.0641025641025592, 10);
  });
  it('series_fit_line_dynamic: the same fit as a bag (series-fit-line-dynamic-function.md example)', () => {
    const rows = h.run(
      'print y = dynamic([2, 5, 6, 8, 11, 15, 17, 18, 25, 26, 30, 30]) | extend fit = series_fit_line_dynamic(y) | extend RSquare = todouble(fit.rsquare), Slope = todouble(fit.slope), Variance = todouble(fit.variance), RVariance = todouble(fit.rvariance), Interception = todouble(fit.interception), LineFit = fit.line_fit | project RSquare, Slope, Variance, RVariance, Interception, LineFit, keys = bag_keys(fit)',
    );
    const r = rows[0]!;
    expect(r.RSquare).toBeCloseTo(0.982900730884447, 12);
    expect(r.Slope).toBeCloseTo(2.730769230769231, 12);
    expect(r.Variance).toBeCloseTo(98.62878787878789, 10);
    expect(r.RVariance).toBeCloseTo(1.686480186480187, 12);
    expect(r.Interception).toBeCloseTo(-1.6666666666666716, 10);
    // The page prints the line to 3–4 decimals: 1.064, 3.7945, 6.526 … 31.102.
    const line = r.LineFit as number[];
    expect(line).toHaveLength(12);
    [
      1.064, 3.7945, 6.526, 9.256, 11.987, 14.718, 17.449, 20.18, 22.91, 25.641, 28.371, 31.102,
    ].forEach((v, i) => expect(Math.abs(line[i]! - v)).toBeLessThan(0.001));
    expect(r.keys).toEqual([
      'rsquare',
      'slope',
      'variance',
      'rvariance',
      'interception',
      'line_fit',
    ]);
  });
  it("series_stats unnamed: columns series_stats_x_min … (Kusto's documented example)", () => {
    const t = h.translate(
      'print x = dynamic([23, 46, 23, 87, 4, 8, 3, 75, 2, 56, 13, 75, 32, 16, 29]) | project series_stats(x)',
    );
    expect(t.columns.map((c) => c.name)).toEqual([
      'series_stats_x_min',
      'series_stats_x_min_idx',
      'series_stats_x_max',
      'series_stats_x_max_idx',
      'series_stats_x_avg',
      'series_stats_x_stdev',
      'series_stats_x_variance',
    ]);
    const r = h.run(
      'print x = dynamic([23, 46, 23, 87, 4, 8, 3, 75, 2, 56, 13, 75, 32, 16, 29]) | project series_stats(x)',
    )[0]!;
    expect([
      r.series_stats_x_min,
      r.series_stats_x_min_idx,
      r.series_stats_x_max,
      r.series_stats_x_max_idx,
      r.series_stats_x_avg,
    ]).toEqual([2, 8, 87, 3, 32.8]);
    expect(r.series_stats_x_stdev).toBeCloseTo(28.50363385354827, 10);
    expect(r.series_stats_x_variance).toBeCloseTo(812.4571428571429, 9);
  });
  it('series_decompose_anomalies flags a spike over a linear trend (+1), a dip (-1), nothing else; baseline is the fitted line', () => {
    // y = 10 + i, with a spike at 6 and a dip at 14: the residuals of the line fit are small except there.
    const ys = Array.from({ length: 20 }, (_, i) => 10 + i + (i === 6 ? 30 : i === 14 ? -30 : 0));
    const rows = h.run(
      `print y = dynamic([${ys.join(',')}]) | extend (a, s, b) = series_decompose_anomalies(y, 1.5, -1, 'linefit') | project a, s, b`,
    );
    const { a, s, b } = rows[0] as { a: number[]; s: number[]; b: number[] };
    expect(a.map((x, i) => (x !== 0 ? `${i}:${x}` : '')).filter(Boolean)).toEqual(['6:1', '14:-1']);
    expect(s[6]).toBeGreaterThan(1.5);
    expect(s[14]).toBeLessThan(-1.5);
    expect(b).toHaveLength(20);
    // With no seasonality the baseline is the fitted line: equal steps between points.
    const step = b[1]! - b[0]!;
    for (let i = 1; i < 20; i++) expect(b[i]! - b[i - 1]!).toBeCloseTo(step, 9);
  });
  it('the Sentinel pattern: make-series, decompose, mv-expand to typed columns, filter anomalies', () => {
    h.table(
      'Daily',
      [
        { name: 'U', type: 'string' },
        { name: 'T', type: 'datetime' },
      ],
      [
        ...Array.from({ length: 14 }, (_, d) =>
          Array.from(
            { length: d === 10 ? 40 : 3 + (d % 2) },
            () => `'u', TIMESTAMP '2026-02-${String(d + 1).padStart(2, '0')} 12:00:00'`,
          ),
        ).flat(),
      ],
    );
    const rows = h.run(
      'Daily | make-series DailyCount=count() on T from datetime(2026-02-01) to datetime(2026-02-15) step 1d by U ' +
        "| extend (anomalies, score, baseline) = series_decompose_anomalies(DailyCount, 3, -1, 'linefit') " +
        '| mv-expand DailyCount to typeof(double), T to typeof(datetime), anomalies to typeof(double), score to typeof(double), baseline to typeof(long) ' +
        '| where anomalies > 0 | project U, T, DailyCount',
    );
    expect(rows).toEqual([{ U: 'u', T: '2026-02-11T00:00:00.000Z', DailyCount: 40 }]);
  });
  it('a multi-result function assigned to one name is refused with the result names', () => {
    expect(() => h.translate('print y = dynamic([1,2]) | extend z = series_fit_line(y)')).toThrow(
      /\(rsquare, slope, variance, rvariance, interception, line_fit\) = /,
    );
  });
});

describe('make-series edge cases (Kusto documentation examples)', () => {
  const Q =
    'S | where U == "zzz" | make-series avg(N) default = 1.0 on T from datetime(2026-01-01) to datetime(2026-01-03) step 1d';
  it('empty input gives no row (naive: one row of defaults)', () => {
    expect(h.run(Q)).toEqual([]);
  });
  it('kind=nonempty gives one row of defaults for empty input', () => {
    expect(h.run(Q.replace('make-series', 'make-series kind=nonempty'))).toEqual([
      { avg_N: [1, 1], T: [day('1'), day('2')] },
    ]);
  });
  it('a named constant fills the bins that have rows, the default the others', () => {
    const rows = h.run(
      'S | where U == "a" | make-series c = count(), o = -1 default = -2 on T from datetime(2026-01-01) to datetime(2026-01-04) step 1d',
    );
    expect(rows).toEqual([{ c: [2, 0, 1], o: [-1, -2, -1], T: [day('1'), day('2'), day('3')] }]);
  });
});

describe('element-wise series functions (Kusto documentation examples)', () => {
  const one = (kql: string) => h.run(kql)[0]!;
  it('arithmetic and comparisons element by element; a scalar applies to every element', () => {
    expect(
      one(
        'print s1 = dynamic([1,2,4]), s2 = dynamic([4,2,1]) | project a = series_add(s1, s2), m = series_multiply(s1, s2), g = series_greater(s1, s2), e = series_equals(s1, s2), k = series_multiply(s1, 10)',
      ),
    ).toEqual({
      a: [5, 4, 5],
      m: [4, 4, 4],
      g: [false, false, true],
      e: [false, true, false],
      k: [10, 20, 40],
    });
    expect(
      one(
        'print x = dynamic([1, 2, 3, 4]), y = dynamic([1, 2, 3, 0.5]) | project p = series_pow(x, y)',
      ),
    ).toEqual({ p: [1, 4, 27, 2] });
  });
  it('unary functions; a non-number element gives null', () => {
    expect(
      one(
        'print s = dynamic([-1.5, 1, 2.5, "x"]) | project c = series_ceiling(s), f = series_floor(s), a = series_abs(s), g = series_sign(s)',
      ),
    ).toEqual({
      c: [-1, 1, 3, null],
      f: [-2, 1, 2, null],
      a: [1.5, 1, 2.5, null],
      g: [-1, 1, 1, null],
    });
  });
  it('reductions', () => {
    const r = one(
      'print a = dynamic([1,2,3,4]), b = dynamic([2,4,6,8]) | project s = series_sum(a), p = series_product(a), m = series_magnitude(a), c = series_pearson_correlation(a, b), d = series_dot_product(a, b)',
    );
    expect([r.s, r.p, r.d]).toEqual([10, 24, 60]);
    expect(r.m).toBeCloseTo(5.477225575051661, 12);
    expect(r.c).toBeCloseTo(1, 12);
  });
  it('fill forward, backward, const', () => {
    expect(
      one(
        'print a = dynamic([null, 111, null, 36, null]) | project f = series_fill_forward(a), b = series_fill_backward(a), c = series_fill_const(a, -1)',
      ),
    ).toEqual({
      f: [null, 111, 111, 36, 36],
      b: [111, 111, 36, 36, null],
      c: [-1, 111, -1, 36, -1],
    });
  });
});

describe('series functions with scalar arguments', () => {
  it('series_dot_product with a number as the second series (Kusto example)', () => {
    expect(h.run('print s1 = dynamic([1, 2, 4]) | project d = series_dot_product(s1, 1)')).toEqual([
      { d: 7 },
    ]);
  });
  it('series_decompose_anomalies with only the series uses the default threshold', () => {
    const rows = h.run(
      `print y = dynamic([${Array.from({ length: 20 }, (_, i) => (i === 9 ? 100 : 10)).join(',')}]) | extend (a, s, b) = series_decompose_anomalies(y) | project a`,
    );
    expect((rows[0]!.a as number[]).map((x, i) => (x ? i : -1)).filter((i) => i >= 0)).toEqual([9]);
  });
});

describe('make-series by an expression', () => {
  it('an unnamed conversion keeps the column name', () => {
    expect(
      h
        .translate('S | make-series c = count() on T step 1d by tostring(U)')
        .columns.map((c) => c.name),
    ).toEqual(['U', 'c', 'T']);
  });
});
