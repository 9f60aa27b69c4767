/**
 * `top-hitters` (exact counts or sums, the docs' equivalent summarize + top) and
 * `sample-distinct` (distinct values at random: only what does not depend on the draw is pinned).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type KqlHarness } from './harness.ts';
import { checkCase, type TableCase } from './table-cases.ts';

let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
  h.table(
    'E',
    [
      { name: 'Type', type: 'string' },
      { name: 'Cost', type: 'long' },
    ],
    [`'Hail', 1`, `'Hail', 1`, `'Hail', 1`, `'Wind', 10`, `'Wind', 10`, `'Flood', 50`],
  );
});
afterAll(() => h.engine.close());

const CASES: TableCase[] = [
  {
    rule: 'top-hitters N of V: the N most frequent values with approximate_count_V, most first (Kusto docs)',
    kql: 'E | top-hitters 2 of Type',
    columns: 'Type:string, approximate_count_Type:long',
    rows: [
      { Type: 'Hail', approximate_count_Type: 3 },
      { Type: 'Wind', approximate_count_Type: 2 },
    ],
    ordered: true,
  },
  {
    rule: 'top-hitters … by S ranks by the sum of S, not the count (approximate_sum_V)',
    kql: 'E | top-hitters 2 of Type by Cost',
    columns: 'Type:string, approximate_sum_Type:long',
    rows: [
      { Type: 'Flood', approximate_sum_Type: 50 },
      { Type: 'Wind', approximate_sum_Type: 20 },
    ],
    ordered: true,
  },
  {
    rule: 'sample-distinct N of V never repeats a value and gives all of them when there are fewer than N',
    kql: 'E | sample-distinct 10 of Type',
    columns: 'Type:string',
    rows: [{ Type: 'Hail' }, { Type: 'Wind' }, { Type: 'Flood' }],
  },
];

describe('top-hitters and sample-distinct', () => {
  for (const c of CASES) it(c.rule, () => checkCase(h, c));

  it('sample-distinct takes N distinct values', () => {
    const rows = h.run('E | sample-distinct 2 of Type');
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.Type)).size).toBe(2);
  });
});
