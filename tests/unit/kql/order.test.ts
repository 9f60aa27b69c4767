/**
 * A sort's order is carried as a value (the hidden rank column computed once), not by re-sorting
 * every later step: each consumer that depends on the order reads the rank. These tests run over
 * a table stored in an order unrelated to the sort key (a permutation of 0…N-1), large enough for
 * DuckDB's operators to work in several chunks, and pin that the order is still right after
 * where/extend/project/take, for prev()/next(), make_list and innerunique join's first row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type KqlHarness } from './harness.ts';

const N = 20_000;
let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
  // k is a permutation of 0…N-1 in storage order (7919 is prime, coprime with N); g groups by k % 5.
  h.engine.exec(
    `CREATE TABLE S AS SELECT CAST((i * 7919) % ${N} AS BIGINT) AS k, CAST(((i * 7919) % ${N}) % 5 AS BIGINT) AS g, 'r' || CAST(i AS VARCHAR) AS s FROM range(${N}) t(i)`,
  );
  h.schemas.set('S', {
    name: 'S',
    columns: [
      { name: 'k', type: 'long' },
      { name: 'g', type: 'long' },
      { name: 's', type: 'string' },
    ],
  });
  h.table(
    'G',
    [
      { name: 'g', type: 'long' },
      { name: 'label', type: 'string' },
    ],
    [`0, 'zero'`, `1, 'one'`, `2, 'two'`],
  );
});
afterAll(() => h.engine.close());

describe('order carried through later steps', () => {
  it('sort → where → extend → take keeps the sort order', () => {
    const rows = h.run(
      'S | sort by k asc | where k % 3 == 0 | extend w = k * 10 | project k, w | take 5',
    );
    expect(rows).toEqual([0, 3, 6, 9, 12].map((k) => ({ k, w: k * 10 })));
  });

  it('desc, then project away the key: the output keeps the order (Translation.ordered)', () => {
    const t = h.translate('S | sort by k desc | where g == 1 | project s');
    expect(t.ordered).toBe(true);
    const rows = h.run('S | sort by k desc | where g == 1 | extend kk = k | project kk');
    expect(rows.length).toBe(N / 5);
    const ks = rows.map((r) => r.kk as number);
    expect(ks.slice(0, 3)).toEqual([N - 4, N - 9, N - 14]);
    expect(ks.every((k, i) => i === 0 || k < ks[i - 1]!)).toBe(true);
  });

  it('prev()/next() after sort (and after a where) read the sorted neighbours', () => {
    const rows = h.run(
      'S | sort by k asc | where k < 8 | extend p = prev(k), n = next(k) | project k, p, n',
    );
    expect(rows).toEqual(
      [0, 1, 2, 3, 4, 5, 6, 7].map((k) => ({
        k,
        p: k === 0 ? null : k - 1,
        n: k === 7 ? null : k + 1,
      })),
    );
    const after = h.run(
      'S | sort by k desc | extend p = prev(k), n = next(k, 2) | take 3 | project k, p, n',
    );
    expect(after).toEqual([
      { k: N - 1, p: null, n: N - 3 },
      { k: N - 2, p: N - 1, n: N - 4 },
      { k: N - 3, p: N - 2, n: N - 5 },
    ]);
  });

  it('make_list over sorted rows lists the values in that order (Kusto: a sorted input gives a sorted list)', () => {
    const rows = h.run(
      'S | where k < 40 | sort by k desc | project k, g | summarize l = make_list(k), li = make_list_if(k, k > 30) by g | sort by g asc',
    );
    expect(rows[0]).toEqual({ g: 0, l: [35, 30, 25, 20, 15, 10, 5, 0], li: [35] });
    expect(rows[4]).toEqual({ g: 4, l: [39, 34, 29, 24, 19, 14, 9, 4], li: [39, 34] });
  });

  it('make_list over the rows of a summarize or join (order undefined, decided by DuckDB threads) lists them by the values of their columns', () => {
    // Kusto leaves this order undefined; Loupe fixes it by the rows' values so that a report is
    // the same on DuckDB-WASM and multi-threaded native DuckDB (Relation.arrivalEngineDependent).
    const agg = h.run(
      'S | summarize c = count() by k | where k < 10 | extend k2 = k | summarize l = make_list(k2), top3 = make_list(k2, 3), b = make_bag(bag_pack(tostring(k % 2), k))',
    );
    expect(agg).toEqual([
      { l: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], top3: [0, 1, 2], b: { '0': 0, '1': 1 } },
    ]);
    const joined = h.run(
      'S | where k < 12 | join kind=inner (G) on g | summarize l = make_list(strcat(label, k))',
    );
    expect(joined).toEqual([
      // By the joined rows' columns in order (k first), not by the listed value.
      { l: ['zero0', 'one1', 'two2', 'zero5', 'one6', 'two7', 'zero10', 'one11'] },
    ]);
  });

  it('innerunique join keeps the first left row per key in the sorted order', () => {
    const rows = h.run('S | sort by k asc | join (G) on g | project g, k, label | sort by g asc');
    expect(rows).toEqual([
      { g: 0, k: 0, label: 'zero' },
      { g: 1, k: 1, label: 'one' },
      { g: 2, k: 2, label: 'two' },
    ]);
    const desc = h.run('S | sort by k desc | join (G) on g | project g, k | sort by g asc');
    expect(desc.map((r) => r.k)).toEqual([N - 5, N - 4, N - 3]);
  });

  it('no step re-sorts: only take and the final SELECT order by the rank column', () => {
    const t = h.translate(
      'S | sort by k asc | where g == 1 | extend w = k * 2 | project k, w | take 10 | extend z = w + 1',
    );
    const bodies = t.steps.map((s) => [s.kql.split(/\s/)[0], s.sql!] as const);
    for (const [kql, sql] of bodies) {
      // ORDER BY inside OVER (…) computes the rank; a trailing one would re-sort the step's rows.
      const trailing = /ORDER BY "__loupe_order"(?![^(]*\))/.test(
        sql.replace(/OVER \([^)]*\)/g, ''),
      );
      expect([kql, trailing]).toEqual([kql, kql === 'take']);
    }
    expect(t.sql).toMatch(/ORDER BY "__loupe_order"$/);
  });
});
