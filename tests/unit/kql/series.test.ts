/**
 * make-series and the series functions Sentinel anomaly rules use, through the translator and
 * DuckDB-WASM.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type KqlHarness } from './harness.ts';

let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
  h.table('S', [{ name: 'U', type: 'string' }, { name: 'T', type: 'datetime' }, { name: 'N', type: 'long' }], [
    `'a', TIMESTAMP '2026-01-01 10:00:00', 1`,
    `'a', TIMESTAMP '2026-01-01 11:00:00', 2`,
    `'a', TIMESTAMP '2026-01-03 09:00:00', 5`,
    `'b', TIMESTAMP '2026-01-02 00:00:00', 7`,
    `'b', TIMESTAMP '2025-12-20 00:00:00', 100`,
  ]);
});
afterAll(() => h.engine.close());

type Row = Record<string, unknown>;
const sorted = (rows: Row[]) => rows.map((r) => JSON.stringify(r)).sort();
const day = (d: string) => `2026-01-0${d}T00:00:00.0000000Z`;

describe('make-series', () => {
  it('fills empty bins with 0, bins from `from`, excludes rows outside [from, to); by columns, aggregates, then the axis', () => {
    const rows = h.run('S | make-series c = count(), s = sum(N) on T from datetime(2026-01-01) to datetime(2026-01-04) step 1d by U');
    expect(sorted(rows)).toEqual(
      sorted([
        { U: 'a', c: [2, 0, 1], s: [3, 0, 5], T: [day('1'), day('2'), day('3')] },
        { U: 'b', c: [0, 1, 0], s: [0, 7, 0], T: [day('1'), day('2'), day('3')] },
      ]),
    );
    expect(h.translate('S | make-series c = count() on T step 1d by U').columns.map((c) => c.name)).toEqual(['U', 'c', 'T']);
  });
  it('default = fills empty bins with that value; unnamed aggregates get summarize names', () => {
    const rows = h.run('S | where U == "a" | make-series avg(N) default = -1 on T from datetime(2026-01-01) to datetime(2026-01-04) step 1d');
    expect(rows).toEqual([{ avg_N: [1.5, -1, 5], T: [day('1'), day('2'), day('3')] }]);
  });
  it('without from/to the range runs from the bin of the first row to the bin after the last', () => {
    const rows = h.run('S | where U == "a" | make-series c = count() on T step 1d');
    expect(rows).toEqual([{ c: [2, 0, 1], T: [day('1'), day('2'), day('3')] }]);
  });
  it('a from that is not aligned to the step starts the bins there (not at epoch boundaries)', () => {
    const rows = h.run('S | where U == "a" | make-series c = count() on T from datetime(2026-01-01 10:30) to datetime(2026-01-02 10:30) step 12h');
    expect(rows).toEqual([{ c: [1, 0], T: ['2026-01-01T10:30:00.0000000Z', '2026-01-01T22:30:00.0000000Z'] }]);
  });
  it('a numeric axis', () => {
    const rows = h.run('S | where U == "a" | make-series c = count() on N from 0 to 6 step 2');
    expect(rows).toEqual([{ c: [1, 1, 1], N: [0, 2, 4] }]);
  });
});
