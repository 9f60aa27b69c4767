/**
 * KQL semantics the seed rule family relies on, as (KQL, expected rows) tables run through the
 * translator and DuckDB-WASM. Each case is a trap: the naive SQL translation gives other rows
 * (noted per case).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KqlError } from '../../../src/kql/index.ts';
import { createHarness, type KqlHarness } from './harness.ts';

let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
  h.table(
    'T',
    [
      { name: 'Name', type: 'string' },
      { name: 'Code', type: 'string' },
      { name: 'N', type: 'long' },
      { name: 'D', type: 'datetime' },
      { name: 'J', type: 'dynamic' },
    ],
    [
      `'Alice', '0', 5, TIMESTAMP '2026-03-01 09:30:00', '["a","b"]'`,
      `'alice', '00', -7, TIMESTAMP '2026-03-01 08:30:00', '{"k":1}'`,
      `NULL, '1', NULL, NULL, NULL`,
      `'Bob', '0', 5, TIMESTAMP '2026-03-01 09:59:00', '[1,2,3]'`,
    ],
  );
  h.table('M', [{ name: 'Msg', type: 'string' }], [`'foo-bar baz'`, `'foobar'`, `'FOO BAR'`]);
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
    ],
    [`'a', 'x'`, `'a', 'y'`, `'c', 'z'`],
  );
  h.setNow('2026-03-01T10:00:00Z');
});
afterAll(() => h.engine.close());

type Row = Record<string, unknown>;
const canon = (rows: Row[]) => rows.map((r) => JSON.stringify(r)).sort();

interface Case {
  /** The rule the case pins, and why the naive SQL fails it. */
  rule: string;
  kql: string;
  rows: Row[];
  /** Compare in order (the query sorts); otherwise as a multiset. */
  ordered?: boolean;
}

const CASES: Case[] = [
  // Strings: `==` and `in` are case-sensitive, `=~`/`in~` not; strings are never null.
  {
    rule: '== is case-sensitive (naive: a case-insensitive collation matches Alice too)',
    kql: 'T | where Name == "alice" | project Name',
    rows: [{ Name: 'alice' }],
  },
  {
    rule: '=~ ignores case',
    kql: 'T | where Name =~ "ALICE" | project Name',
    rows: [{ Name: 'Alice' }, { Name: 'alice' }],
  },
  {
    rule: '!~ ignores case',
    kql: 'T | where Name !~ "alice" | project Name',
    rows: [{ Name: '' }, { Name: 'Bob' }],
  },
  {
    rule: 'in is case-sensitive',
    kql: 'T | where Name in ("alice", "bob") | project Name',
    rows: [{ Name: 'alice' }],
  },
  {
    rule: 'in~ ignores case',
    kql: 'T | where Name in~ ("alice", "bob") | project Name',
    rows: [{ Name: 'Alice' }, { Name: 'alice' }, { Name: 'Bob' }],
  },
  {
    rule: '!in keeps the missing string "" (naive: NULL NOT IN drops it)',
    kql: 'T | where Name !in ("alice") | project Name',
    rows: [{ Name: 'Alice' }, { Name: '' }, { Name: 'Bob' }],
  },
  {
    rule: 'a missing string is "" (naive: NULL = \'\' is null)',
    kql: 'T | where Name == "" | project Code',
    rows: [{ Code: '1' }],
  },
  {
    rule: 'isempty of a missing string',
    kql: 'T | where isempty(Name) | project Code',
    rows: [{ Code: '1' }],
  },
  // ResultType == 0: string column against a long literal compares with tostring(0) = "0".
  {
    rule: 'string == 0 matches "0" only (naive CAST(Code AS BIGINT) = 0 also matches "00")',
    kql: 'T | where Code == 0 | project Name',
    rows: [{ Name: 'Alice' }, { Name: 'Bob' }],
  },
  // Time: ago() is relative to the run time, not the wall clock.
  {
    rule: 'ago() counts from loupe_now (naive: now() is the wall clock, 2026-11)',
    kql: 'T | where D > ago(1h) | project Name',
    rows: [{ Name: 'Alice' }, { Name: 'Bob' }],
  },
  // Numbers and nulls.
  {
    rule: 'long / long truncates towards zero (naive: DuckDB / gives -3.5)',
    kql: 'T | where Code == "00" | project q = N / 2',
    rows: [{ q: -3 }],
  },
  {
    rule: 'null != 5 is true (naive: SQL gives null and drops the row)',
    kql: 'T | where N != 5 | project Code',
    rows: [{ Code: '00' }, { Code: '1' }],
  },
  // Columns: extend replaces in place, project picks and orders.
  {
    rule: 'extend of an existing name replaces it in place',
    kql: 'T | where Code == "00" | extend N = N + 1 | extend Z = N * 2',
    rows: [
      { Name: 'alice', Code: '00', N: -6, D: '2026-03-01T08:30:00.000Z', J: { k: 1 }, Z: -12 },
    ],
  },
  {
    rule: 'extend sees its own earlier assignments',
    kql: 'T | where Code == "00" | extend a = N, b = a * 2 | project b',
    rows: [{ b: -14 }],
  },
  // summarize: names, empty input, nulls.
  {
    rule: 'summarize auto-names count_, set_X, max_X; by columns first',
    kql: 'T | summarize count(), make_set(Name), max(N) by Code',
    rows: [
      {
        Code: '0',
        count_: 2,
        set_Name: expect.toSatisfy((v: string[]) => [...v].sort().join() === 'Alice,Bob'),
        max_N: 5,
      },
      { Code: '00', count_: 1, set_Name: ['alice'], max_N: -7 },
      { Code: '1', count_: 1, set_Name: [''], max_N: null },
    ],
  },
  {
    rule: 'summarize name clash gets a numeric suffix',
    kql: 'T | where Code == "00" | summarize make_set(Code), make_set(Code)',
    rows: [{ set_Code: ['00'], set_Code1: ['00'] }],
  },
  {
    rule: 'make_set ignores nulls and repeats',
    kql: 'T | summarize s = make_set(N)',
    rows: [{ s: expect.toSatisfy((v: number[]) => [...v].sort().join() === '-7,5') }],
  },
  {
    rule: 'make_set of dynamic values is distinct on their JSON',
    kql: 'T | extend e = J[0] | summarize s = make_set(e)',
    rows: [
      {
        s: expect.toSatisfy(
          (v: unknown[]) => JSON.stringify([...v].map(String).sort()) === '["1","a"]',
        ),
      },
    ],
  },
  {
    rule: 'empty input without by: one row (count 0, make_set [], max null)',
    kql: 'T | where false | summarize c = count(), s = make_set(Name), m = max(N)',
    rows: [{ c: 0, s: [], m: null }],
  },
  {
    rule: 'empty input with by: no rows',
    kql: 'T | where false | summarize c = count() by Code',
    rows: [],
  },
  // dynamic access.
  {
    rule: 'array index, negative index, out of range gives "" after tostring (naive list index gives error or null)',
    kql: 'T | where Name == "Alice" | project a = tostring(J[0]), b = tostring(J[-1]), c = tostring(J[5]), d = J[1]',
    rows: [{ a: 'a', b: 'b', c: '', d: 'b' }],
  },
  {
    rule: 'property access and tostring of a bag',
    kql: 'T | where Code == "00" | project k = J.k, t = tostring(J), n = tostring(J["nope"])',
    rows: [{ k: 1, t: '{"k":1}', n: '' }],
  },
  {
    rule: 'indexing a bag or a missing value gives null',
    kql: 'T | where Code != "0" | project x = J[0]',
    rows: [{ x: null }, { x: null }],
  },
  {
    rule: 'a dynamic number compares as a number (naive text comparison puts "10" before "9")',
    kql: 'T | where Name == "Bob" | project big = J[2] > 2, small = J[0] < 1, eq = J[1] == 2',
    rows: [{ big: true, small: false, eq: true }],
  },
  {
    rule: 'max of strings over an empty group is "" (strings are never null)',
    kql: 'T | where false | summarize m = max(Name) | where m == ""',
    rows: [{ m: '' }],
  },
  // Sorting: default desc, KQL null order.
  {
    rule: 'order by defaults to desc with nulls last (naive SQL: asc)',
    kql: 'T | order by N | project Code',
    rows: [{ Code: '0' }, { Code: '0' }, { Code: '00' }, { Code: '1' }],
    ordered: true,
  },
  {
    rule: 'asc puts nulls first',
    kql: 'T | order by N asc | project Code',
    rows: [{ Code: '1' }, { Code: '00' }, { Code: '0' }, { Code: '0' }],
    ordered: true,
  },
  {
    rule: 'the order survives projecting the sort key away',
    kql: 'T | order by D asc | project Name',
    rows: [{ Name: '' }, { Name: 'alice' }, { Name: 'Alice' }, { Name: 'Bob' }],
    ordered: true,
  },
  {
    rule: 'the order survives where and extend',
    kql: 'T | sort by D | where N == 5 | extend x = 1 | project Name',
    rows: [{ Name: 'Bob' }, { Name: 'Alice' }],
    ordered: true,
  },
  {
    rule: 'take after sort takes the first rows of that order',
    kql: 'T | sort by D asc | take 2 | project Code',
    rows: [{ Code: '1' }, { Code: '00' }],
    ordered: true,
  },
  // let.
  {
    rule: 'let scalar and let table',
    kql: 'let x = 5;\nlet Big = T | where N == x;\nBig | project Code',
    rows: [{ Code: '0' }, { Code: '0' }],
  },
  {
    rule: 'let alias of a table',
    kql: 'let X = M; X | where Msg has "bar" | project Msg',
    rows: [{ Msg: 'foo-bar baz' }, { Msg: 'FOO BAR' }],
  },
  // String predicates.
  {
    rule: 'has is a whole-term match (naive contains matches foobar)',
    kql: 'M | where Msg has "bar" | project Msg',
    rows: [{ Msg: 'foo-bar baz' }, { Msg: 'FOO BAR' }],
  },
  {
    rule: 'has_cs is case-sensitive',
    kql: 'M | where Msg has_cs "bar" | project Msg',
    rows: [{ Msg: 'foo-bar baz' }],
  },
  {
    rule: 'contains ignores case',
    kql: 'M | where Msg contains "oBa" | project Msg',
    rows: [{ Msg: 'foobar' }],
  },
  // join.
  {
    rule: 'join kind=inner: every pair; right clashes renamed K1',
    kql: 'L | join kind=inner R on K',
    rows: [
      { K: 'a', V: 1, K1: 'a', W: 'x' },
      { K: 'a', V: 1, K1: 'a', W: 'y' },
      { K: 'a', V: 2, K1: 'a', W: 'x' },
      { K: 'a', V: 2, K1: 'a', W: 'y' },
    ],
  },
  {
    rule: 'default join is innerunique: left de-duplicated on the key, first row kept (naive SQL join gives 4 rows)',
    kql: 'L | join R on K',
    rows: [
      { K: 'a', V: 1, K1: 'a', W: 'x' },
      { K: 'a', V: 1, K1: 'a', W: 'y' },
    ],
  },
  {
    rule: '$left.X == $right.Y keys',
    kql: 'L | join kind=inner (R | project K2 = K, W) on $left.K == $right.K2 | where V == 1',
    rows: [
      { K: 'a', V: 1, K2: 'a', W: 'x' },
      { K: 'a', V: 1, K2: 'a', W: 'y' },
    ],
  },
  {
    rule: 'leftanti keeps unmatched left rows',
    kql: 'L | join kind=leftanti R on K',
    rows: [{ K: 'b', V: 3 }],
  },
  {
    rule: 'leftouter fills missing right strings with ""',
    kql: 'L | join kind=leftouter R on K | where V == 3',
    rows: [{ K: 'b', V: 3, K1: '', W: '' }],
  },
];

describe('KQL semantics (trap cases)', () => {
  for (const c of CASES) {
    it(c.rule, () => {
      const rows = h.run(c.kql);
      if (c.ordered) expect(rows).toEqual(c.rows);
      else {
        expect(rows).toHaveLength(c.rows.length);
        // Multiset comparison: match every expected row to a distinct actual row.
        const left = [...rows];
        for (const want of c.rows) {
          const i = left.findIndex((r) => {
            try {
              expect(r).toEqual(want);
              return true;
            } catch {
              return false;
            }
          });
          expect(
            i,
            `row ${JSON.stringify(want)} among ${JSON.stringify(rows)}`,
          ).toBeGreaterThanOrEqual(0);
          left.splice(i, 1);
        }
      }
    });
  }

  it('marks a query whose last operator sorts as ordered, and one that does not as unordered', () => {
    expect(h.translate('T | order by N | project Code').ordered).toBe(true);
    expect(h.translate('T | order by N | summarize count()').ordered).toBe(false);
    expect(h.translate('T | order by N | project X = N + 1').ordered).toBe(true);
    expect(h.translate('T | order by N | join kind=inner T on Code').ordered).toBe(false);
  });
});

describe('refusals name the construct and its position', () => {
  const refuse = (kql: string) => {
    try {
      h.translate(kql);
    } catch (e) {
      if (e instanceof KqlError) return e;
      throw e;
    }
    throw new Error('expected a KqlError');
  };
  it.each([
    ['T\n| reduce by Name', 'unsupported', 2, 3, /reduce/],
    ['T | where Nope == 1', 'unknown-column', 1, 11, /Nope/],
    ['Nope | take 1', 'unknown-table', 1, 1, /Nope/],
    ['L | evaluate frobnicate(J)', 'unsupported', 1, 14, /plugin "frobnicate"/],
    ['T | where frobnicate(N)', 'unknown-function', 1, 11, /frobnicate/],
    ['T | where N == "x" and D', 'type', 1, 11, /bool/],
    ['T | summarize count() by J', 'unsupported', 1, 26, /dynamic/],
    ['let f = (a:string) { T | where Name == a };\nf()', 'type', 2, 1, /without its parameter "a"/],
  ] as const)('%s → %s at %i:%i', (kql, code, line, column, msg) => {
    const e = refuse(kql);
    expect(e.code).toBe(code);
    expect(e.stage).toBe('kql');
    expect(e.position).toMatchObject({ line, column });
    expect(e.message).toMatch(msg);
  });
});
