/**
 * join kinds beyond the seed rule's, and lookup, through the translator and DuckDB-WASM. Each
 * case notes what the naive SQL gets wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type KqlHarness } from './harness.ts';

let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
  h.table(
    'L',
    [
      { name: 'K', type: 'string' },
      { name: 'V', type: 'long' },
    ],
    [`'a', 1`, `'a', 2`, `'b', 3`],
  );
  h.table(
    'R',
    [
      { name: 'K', type: 'string' },
      { name: 'W', type: 'string' },
      { name: 'N', type: 'long' },
    ],
    [`'a', 'x', 10`, `'a', 'y', 20`, `'c', 'z', 30`],
  );
  h.table(
    'Dim',
    [
      { name: 'Code', type: 'long' },
      { name: 'Label', type: 'string' },
      { name: 'V', type: 'long' },
    ],
    [`1, 'one', 100`, `3, 'three', 300`],
  );
  h.table('NK', [{ name: 'X', type: 'long' }], [`1`, `NULL`]);
});
afterAll(() => h.engine.close());

type Row = Record<string, unknown>;
const sorted = (rows: Row[]) => rows.map((r) => JSON.stringify(r)).sort();

const CASES: { rule: string; kql: string; rows: Row[] }[] = [
  {
    rule: 'rightouter keeps unmatched right rows; the missing left string is "" and long null; left columns first',
    kql: 'L | join kind=rightouter R on K',
    rows: [
      { K: 'a', V: 1, K1: 'a', W: 'x', N: 10 },
      { K: 'a', V: 2, K1: 'a', W: 'x', N: 10 },
      { K: 'a', V: 1, K1: 'a', W: 'y', N: 20 },
      { K: 'a', V: 2, K1: 'a', W: 'y', N: 20 },
      { K: '', V: null, K1: 'c', W: 'z', N: 30 },
    ],
  },
  {
    rule: 'fullouter keeps both unmatched sides, filling strings with "" (naive SQL leaves NULL strings)',
    kql: 'L | where V != 2 | join kind=fullouter (R | where W != "y") on K',
    rows: [
      { K: 'a', V: 1, K1: 'a', W: 'x', N: 10 },
      { K: 'b', V: 3, K1: '', W: '', N: null },
      { K: '', V: null, K1: 'c', W: 'z', N: 30 },
    ],
  },
  {
    rule: 'rightsemi keeps only the right columns, each matching right row once (naive inner join repeats and adds left columns)',
    kql: 'L | join kind=rightsemi R on K',
    rows: [
      { K: 'a', W: 'x', N: 10 },
      { K: 'a', W: 'y', N: 20 },
    ],
  },
  {
    rule: 'rightanti keeps the right rows without a match, right columns only',
    kql: 'L | join kind=rightanti R on K',
    rows: [{ K: 'c', W: 'z', N: 30 }],
  },
  {
    rule: 'leftsemi does not repeat a left row matched twice',
    kql: 'L | join kind=leftsemi R on K',
    rows: [
      { K: 'a', V: 1 },
      { K: 'a', V: 2 },
    ],
  },
  {
    rule: 'innerunique keeps one left row per key but every right match (naive inner gives 4 rows)',
    kql: 'L | join R on K | project V, W',
    rows: [
      { V: 1, W: 'x' },
      { V: 1, W: 'y' },
    ],
  },
  {
    rule: 'a where on left columns right after an innerunique join filters the left side first, as Kusto pushes it down (filtering after the join finds no V == 2 row)',
    kql: 'L | join R on K | where V == 2 | project V, W',
    rows: [
      { V: 2, W: 'x' },
      { V: 2, W: 'y' },
    ],
  },
  {
    rule: 'a where reading a right column is not pushed: it filters the joined rows',
    kql: 'L | join R on K | where W == "y" and V > 0 | project V, W',
    rows: [{ V: 1, W: 'y' }],
  },
  {
    rule: 'null keys never match, even in an outer join',
    kql: 'NK | join kind=inner (NK) on X',
    rows: [{ X: 1, X1: 1 }],
  },
  {
    rule: 'hint.* properties are ignored; $left/$right conditions joined with "and"',
    kql: 'L | join hint.strategy=broadcast kind=inner (R | extend V = N / 10) on $left.K == $right.K and $left.V == $right.V | project K, V, W',
    rows: [
      { K: 'a', V: 1, W: 'x' },
      { K: 'a', V: 2, W: 'y' },
    ],
  },
  {
    rule: 'a long key joins an int key',
    kql: 'Dim | join kind=inner (L | extend C = toint(V)) on $left.Code == $right.C | project Label, K',
    rows: [
      { Label: 'one', K: 'a' },
      { Label: 'three', K: 'b' },
    ],
  },
  // lookup
  {
    rule: 'lookup defaults to leftouter and does not repeat the right key; a clashing name gets 1',
    kql: 'L | lookup (Dim | extend K = tostring(Code)) on $left.V == $right.Code',
    rows: [
      { K: 'a', V: 1, Label: 'one', V1: 100, K1: '1' },
      { K: 'a', V: 2, Label: '', V1: null, K1: '' },
      { K: 'b', V: 3, Label: 'three', V1: 300, K1: '3' },
    ],
  },
  {
    rule: 'lookup on a common column name: the key appears once',
    kql: 'L | lookup kind=inner (R | where W == "y" | project K, W) on K',
    rows: [
      { K: 'a', V: 1, W: 'y' },
      { K: 'a', V: 2, W: 'y' },
    ],
  },
];

describe('join kinds and lookup', () => {
  for (const c of CASES) {
    it(c.rule, () => {
      expect(sorted(h.run(c.kql))).toEqual(sorted(c.rows));
    });
  }
  it('column order of an outer join is left columns then right columns', () => {
    expect(h.translate('L | join kind=fullouter R on K').columns.map((c) => c.name)).toEqual([
      'K',
      'V',
      'K1',
      'W',
      'N',
    ]);
    expect(h.translate('L | join kind=rightanti R on K').columns.map((c) => c.name)).toEqual([
      'K',
      'W',
      'N',
    ]);
  });
  it('lookup with another kind is a syntax error at the kind', () => {
    expect(() => h.translate('L | lookup kind=fullouter (R) on K')).toThrow(
      /unknown lookup kind "fullouter"/,
    );
  });
});
