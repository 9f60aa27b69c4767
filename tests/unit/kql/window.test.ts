/**
 * serialize and the window functions over serialized rows (prev, next, row_number,
 * row_window_session), through the translator and DuckDB-WASM.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type KqlHarness } from './harness.ts';

let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
  h.table(
    'E',
    [
      { name: 'U', type: 'string' },
      { name: 'T', type: 'datetime' },
      { name: 'N', type: 'long' },
      { name: 'Ok', type: 'bool' },
    ],
    [
      `'a', TIMESTAMP '2026-01-01 00:00:00', 1, false`,
      `'a', TIMESTAMP '2026-01-01 00:05:00', 2, false`,
      `'a', TIMESTAMP '2026-01-01 00:50:00', 3, true`,
      `'a', TIMESTAMP '2026-01-01 00:55:00', 4, false`,
      `'b', TIMESTAMP '2026-01-01 00:06:00', 5, false`,
      `'b', TIMESTAMP '2026-01-01 00:40:00', 6, false`,
      `'b', TIMESTAMP '2026-01-01 01:20:00', 7, false`,
      `'b', TIMESTAMP '2026-01-01 02:00:00', 8, false`,
    ],
  );
});
afterAll(() => h.engine.close());

describe('window functions', () => {
  it('prev/next over a sort, with offsets and defaults; a missing string is ""', () => {
    const rows = h.run(
      'E | where U == "a" | sort by N asc | extend p = prev(N), nx = next(N, 2), d = prev(N, 1, -1), s = prev(U) | project N, p, nx, d, s',
    );
    expect(rows).toEqual([
      { N: 1, p: null, nx: 3, d: -1, s: '' },
      { N: 2, p: 1, nx: 4, d: 1, s: 'a' },
      { N: 3, p: 2, nx: null, d: 2, s: 'a' },
      { N: 4, p: 3, nx: null, d: 3, s: 'a' },
    ]);
  });
  it('row_number counts in order, from start, restarting where asked', () => {
    const rows = h.run(
      'E | sort by N asc | extend r = row_number(), r0 = row_number(0), g = row_number(1, U != prev(U)) | project N, r, r0, g',
    );
    expect(rows.map((r) => [r.N, r.r, r.r0, r.g])).toEqual([
      [1, 1, 0, 1],
      [2, 2, 1, 2],
      [3, 3, 2, 3],
      [4, 4, 3, 4],
      [5, 5, 4, 1],
      [6, 6, 5, 2],
      [7, 7, 6, 3],
      [8, 8, 7, 4],
    ]);
  });
  it('serialize keeps the current order and allows window functions; serialize Name = … extends', () => {
    const rows = h.run(
      'E | where N <= 3 | sort by N desc | serialize k = row_number() | project N, k',
    );
    expect(rows).toEqual([
      { N: 3, k: 1 },
      { N: 2, k: 2 },
      { N: 1, k: 3 },
    ]);
    expect(h.translate('E | serialize').ordered).toBe(true);
  });
  it('a window function over unordered rows is refused with a hint', () => {
    expect(() => h.translate('E | extend p = prev(N)')).toThrow(/prev\(\) needs serialized rows/);
  });
  it('row_window_session: gap, restart, and the limit from the session start (which depends on where the session started)', () => {
    // Per user (restart when U changes), max 1h from the first row, max 30m between neighbours.
    const rows = h.run(
      'E | sort by U asc, T asc | extend S = row_window_session(T, 1h, 30m, U != prev(U)) | project U, N, S',
    );
    const at = (hm: string) => `2026-01-01T${hm}:00.000Z`;
    expect(rows).toEqual([
      { U: 'a', N: 1, S: at('00:00') },
      { U: 'a', N: 2, S: at('00:00') },
      // 45 minutes after the previous row: a gap, a new session.
      { U: 'a', N: 3, S: at('00:50') },
      { U: 'a', N: 4, S: at('00:50') },
      // a new user restarts.
      { U: 'b', N: 5, S: at('00:06') },
      // 34 minutes after: a gap.
      { U: 'b', N: 6, S: at('00:40') },
      // 40 minutes after 00:40: a gap again.
      { U: 'b', N: 7, S: at('01:20') },
      // 40 minutes after 01:20: a gap.
      { U: 'b', N: 8, S: at('02:00') },
    ]);
  });
  it('row_window_session splits a session running past MaxDistanceFromFirst (naive gap-only sessions do not)', () => {
    // Neighbours 25 minutes apart never exceed the 30m gap, but 00:00 → 00:50 exceeds 45m from the first.
    const rows = h.run(
      'range i from 0 to 4 step 1 | extend T = datetime(2026-01-01) + i * 25m | sort by T asc | extend S = row_window_session(T, 45m, 30m) | project i, S',
    );
    const at = (hm: string) => `2026-01-01T${hm}:00.000Z`;
    expect(rows).toEqual([
      { i: 0, S: at('00:00') },
      { i: 1, S: at('00:00') },
      { i: 2, S: at('00:50') },
      { i: 3, S: at('00:50') },
      { i: 4, S: at('01:40') },
    ]);
  });
});

describe('row ranks (Kusto documentation examples)', () => {
  it('row_rank_dense: +1 when the term changes, restarting per airport', () => {
    const rows = h.run(
      'datatable (Airport:string, Airline:string, Departures:long) ["SEA","LH",3, "SEA","LY",100, "SEA","UA",3, "SEA","BA",2, "SEA","EL",3, "AMS","EL",1, "AMS","BA",1] ' +
        '| sort by Airport desc, Departures asc | extend Rank=row_rank_dense(Departures, prev(Airport) != Airport) | project Airport, Departures, Rank',
    );
    expect(rows.map((r) => [r.Airport, r.Departures, r.Rank])).toEqual([
      ['SEA', 2, 1],
      ['SEA', 3, 2],
      ['SEA', 3, 2],
      ['SEA', 3, 2],
      ['SEA', 100, 3],
      ['AMS', 1, 1],
      ['AMS', 1, 1],
    ]);
  });
  it('row_rank_min: the row number where the run of equal terms started', () => {
    const rows = h.run(
      'datatable(Category:string, Item:string, Value:int) ["A","item1",10, "A","item2",10, "A","item3",5, "A","item4",20, "B","item2",5, "B","item1",7] ' +
        '| sort by Category asc, Value asc | extend rank = row_rank_min(Value, Category != prev(Category)) | project Category, Value, rank',
    );
    expect(rows.map((r) => [r.Category, r.Value, r.rank])).toEqual([
      ['A', 5, 1],
      ['A', 10, 2],
      ['A', 10, 2],
      ['A', 20, 4],
      ['B', 5, 1],
      ['B', 7, 2],
    ]);
  });
});

describe('toscalar of a scalar', () => {
  it('is the scalar itself', () => {
    expect(h.run('print a = toscalar(2), b = toscalar(E | summarize count())')).toEqual([
      { a: 2, b: 8 },
    ]);
  });
});

describe('window functions in where', () => {
  it('filters on prev() (a SQL window function cannot sit in WHERE; naive SQL fails)', () => {
    expect(h.run('E | sort by N asc | where U != prev(U) | project N')).toEqual([
      { N: 1 },
      { N: 5 },
    ]);
  });
});

describe('row_cumsum (row-cumsum-function.md)', () => {
  it('the running sum of the first even integers', () => {
    const rows = h.run(
      'datatable (a:long) [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] | where a % 2 == 0 | serialize cs = row_cumsum(a)',
    );
    expect(rows).toEqual([
      { a: 2, cs: 2 },
      { a: 4, cs: 6 },
      { a: 6, cs: 12 },
      { a: 8, cs: 20 },
      { a: 10, cs: 30 },
    ]);
  });
  it('restarting where the partition changes (salary per name)', () => {
    const rows = h.run(
      'datatable (name:string, month:int, salary:long) ["Alice", 1, 1000, "Bob", 1, 1000, "Alice", 2, 2000, "Bob", 2, 1950, "Alice", 3, 1400, "Bob", 3, 1450] ' +
        '| order by name asc, month asc | extend total = row_cumsum(salary, name != prev(name))',
    );
    expect(rows.map((r) => [r.name, r.month, r.salary, r.total])).toEqual([
      ['Alice', 1, 1000, 1000],
      ['Alice', 2, 2000, 3000],
      ['Alice', 3, 1400, 4400],
      ['Bob', 1, 1000, 1000],
      ['Bob', 2, 1950, 2950],
      ['Bob', 3, 1450, 4400],
    ]);
  });
  it('a real term sums as a real; it needs serialized rows and a number', () => {
    expect(
      h.run('datatable (x:real) [0.5, 1.25] | serialize s = row_cumsum(x) | project s'),
    ).toEqual([{ s: 0.5 }, { s: 1.75 }]);
    expect(() => h.translate('datatable (x:real) [0.5] | extend s = row_cumsum(x)')).toThrow(
      /serialize/,
    );
    expect(() => h.translate('datatable (x:string) ["a"] | serialize s = row_cumsum(x)')).toThrow(
      /row_cumsum\(\) needs/,
    );
  });
});
