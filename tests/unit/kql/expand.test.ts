/**
 * mv-expand and mv-apply through the translator and DuckDB-WASM, with the cases a naive
 * UNNEST gets wrong: parallel expansion padding with null, empty arrays dropping the row, null
 * and scalars giving one row, bags expanding to one-key bags, casts that do not convert.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type KqlHarness } from './harness.ts';

let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
  h.table(
    'T',
    [
      { name: 'Id', type: 'long' },
      { name: 'A', type: 'dynamic' },
      { name: 'B', type: 'dynamic' },
    ],
    [`1, '[1,2,3]', '["x","y"]'`, `2, '[]', '[]'`, `3, NULL, '["z"]'`, `4, '{"k":1,"m":"v"}', '5'`],
  );
  h.table(
    'S',
    [
      { name: 'Id', type: 'long' },
      { name: 'Tags', type: 'dynamic' },
      { name: 'When', type: 'dynamic' },
    ],
    [`1, '["a","b","a"]', '["2024-01-02T03:04:05Z","bad",7]'`, `2, '{"p":{"q":[10,20]}}', '[]'`],
  );
});
afterAll(() => h.engine.close());

type Row = Record<string, unknown>;
const sorted = (rows: Row[]) => rows.map((r) => JSON.stringify(r)).sort();

const CASES: { rule: string; kql: string; rows: Row[] }[] = [
  {
    rule: 'an empty array drops the row; null gives one null row; a scalar gives itself; a bag gives one-key bags',
    kql: 'T | mv-expand A | project Id, A',
    rows: [
      { Id: 1, A: 1 },
      { Id: 1, A: 2 },
      { Id: 1, A: 3 },
      { Id: 3, A: null },
      { Id: 4, A: { k: 1 } },
      { Id: 4, A: { m: 'v' } },
    ],
  },
  {
    rule: 'several columns expand in parallel, the shorter padded with null (naive: a cross product of 6 rows)',
    kql: 'T | where Id == 1 | mv-expand A, B | project A, B',
    rows: [
      { A: 1, B: 'x' },
      { A: 2, B: 'y' },
      { A: 3, B: null },
    ],
  },
  {
    rule: 'bagexpansion=array gives [key, value] pairs; a scalar beside it pads',
    kql: 'T | where Id == 4 | mv-expand bagexpansion=array A, B | project A, B',
    rows: [
      { A: ['k', 1], B: 5 },
      { A: ['m', 'v'], B: null },
    ],
  },
  {
    rule: 'with_itemindex numbers elements from 0; limit caps rows per input row',
    kql: 'T | where Id == 1 | mv-expand with_itemindex=Ix A limit 2 | project Ix, A',
    rows: [
      { Ix: 0, A: 1 },
      { Ix: 1, A: 2 },
    ],
  },
  {
    rule: 'to typeof(string) gives the string elements, "" for others (cast, not conversion)',
    kql: 'S | where Id == 1 | mv-expand W = When to typeof(string) | project W',
    rows: [{ W: '2024-01-02T03:04:05Z' }, { W: 'bad' }, { W: '' }],
  },
  {
    rule: 'to typeof(datetime) reads ISO strings; not-a-datetime is null',
    kql: 'S | where Id == 1 | mv-expand W = When to typeof(datetime) | project W',
    rows: [{ W: '2024-01-02T03:04:05.000Z' }, { W: null }, { W: null }],
  },
  {
    rule: 'to typeof(long) casts numbers only (the string "bad" and the datetime string are null)',
    kql: 'S | where Id == 1 | mv-expand W = When to typeof(long) | project W',
    rows: [{ W: null }, { W: null }, { W: 7 }],
  },
  {
    rule: 'an unnamed member path is named with underscores, and expands next to the other columns',
    kql: 'S | where Id == 2 | mv-expand Tags.p.q | project Id, Tags_p_q',
    rows: [
      { Id: 2, Tags_p_q: 10 },
      { Id: 2, Tags_p_q: 20 },
    ],
  },
  {
    rule: 'each element is a row of its own (repeated elements too)',
    kql: 'S | where Id == 1 | mv-expand t = Tags | summarize c = count() by t = tostring(t)',
    rows: [
      { t: 'a', c: 2 },
      { t: 'b', c: 1 },
    ],
  },
  {
    rule: 'legacy mvexpand works the same',
    kql: 'T | where Id == 1 | mvexpand B | project B',
    rows: [{ B: 'x' }, { B: 'y' }],
  },
];

describe('mv-expand', () => {
  for (const c of CASES) {
    it(c.rule, () => {
      expect(sorted(h.run(c.kql))).toEqual(sorted(c.rows));
    });
  }
  it('column order: replaced in place, new ones at the end, then the index', () => {
    expect(
      h
        .translate('T | mv-expand with_itemindex=I B, X = A')
        .columns.map((c) => `${c.name}:${c.type}`),
    ).toEqual(['Id:long', 'A:dynamic', 'B:dynamic', 'X:dynamic', 'I:long']);
  });
  it('keeps a sort order, elements in array order', () => {
    const rows = h.run('T | where Id in (1, 3) | sort by Id desc | mv-expand B | project Id, B');
    expect(rows).toEqual([
      { Id: 3, B: 'z' },
      { Id: 1, B: 'x' },
      { Id: 1, B: 'y' },
    ]);
    expect(h.translate('T | sort by Id | mv-expand B').ordered).toBe(true);
  });
  it('an unnamed expression that is not a path is named Column1', () => {
    const t = h.translate('S | mv-expand split("a,b", ",")');
    expect(t.columns.map((c) => c.name)).toEqual(['Id', 'Tags', 'When', 'Column1']);
    expect(h.run('S | where Id == 1 | mv-expand split("a,b", ",") | project Column1')).toEqual([
      { Column1: 'a' },
      { Column1: 'b' },
    ]);
  });
  it('elements keep their JSON: a real stays 1.0; null, empty arrays and scalars as before; typed datetimes read natively', () => {
    expect(
      h.run(
        "print a = dynamic([1.0, 2, null, 'x', {'k': 2.5}]) | mv-expand a | project t = tostring(a), n = isnull(a)",
      ),
    ).toEqual([
      { t: '1.0', n: false },
      { t: '2', n: false },
      { t: '', n: true },
      { t: 'x', n: false },
      { t: '{"k":2.5}', n: false },
    ]);
    expect(h.run('print a = dynamic([]), b = 1 | mv-expand a')).toEqual([]);
    expect(h.run('print a = dynamic(null), b = 1 | mv-expand a')).toEqual([{ a: null, b: 1 }]);
    expect(
      h.run(
        `print a = dynamic(['2017-01-01T00:00:00.0000000Z', 'x', 3, '2017-01-02T03:04:05Z']) | mv-expand a to typeof(datetime) | project ok = isnotnull(a), t = tostring(a)`,
      ),
    ).toEqual([
      { ok: true, t: '2017-01-01T00:00:00Z' },
      { ok: false, t: '' },
      { ok: false, t: '' },
      { ok: true, t: '2017-01-02T03:04:05Z' },
    ]);
  });
  it('refuses a non-dynamic value with a type error', () => {
    expect(() => h.translate('T | mv-expand Id')).toThrow(/needs a dynamic value/);
  });
});

describe('mv-apply', () => {
  beforeAll(() => {
    h.table(
      'Sign',
      [
        { name: 'User', type: 'string' },
        { name: 'Policies', type: 'string' },
      ],
      [
        `'ann', '[{"displayName":"P1","result":"failure"},{"displayName":"P2","result":"success"},{"displayName":"P3","result":"FAILURE"}]'`,
        `'bob', '[{"displayName":"P1","result":"success"}]'`,
        `'cid', '[]'`,
      ],
    );
  });
  it("the Sentinel pattern: project inside the subquery keeps the row's columns; where filters the elements", () => {
    const rows = h.run(
      'Sign | mv-apply CAP = parse_json(Policies) on (project Name = tostring(CAP.displayName), result = tostring(CAP.result) | where result =~ "failure") | project User, Name, result',
    );
    expect(sorted(rows)).toEqual(
      sorted([
        { User: 'ann', Name: 'P1', result: 'failure' },
        { User: 'ann', Name: 'P3', result: 'FAILURE' },
      ]),
    );
  });
  it("output columns: the input columns, then the subquery's", () => {
    const t = h.translate(
      'Sign | mv-apply CAP = parse_json(Policies) on (extend n = tostring(CAP.displayName))',
    );
    expect(t.columns.map((c) => c.name)).toEqual(['User', 'Policies', 'CAP', 'n']);
    expect(t.columns.some((c) => c.name.startsWith('__'))).toBe(false);
  });
  it('summarize, top, take and sort work per input row (naive: across all rows)', () => {
    h.table(
      'Arr',
      [
        { name: 'index', type: 'int' },
        { name: 'A', type: 'dynamic' },
        { name: 'B', type: 'dynamic' },
      ],
      [`0, '[5,1,3]', '["A1","A2"]'`, `1, '[4,10,8,7]', '["C1"]'`, `2, '[]', '[]'`],
    );
    // Kusto's documented examples.
    expect(
      sorted(
        h.run(
          'Arr | mv-apply A2 = A to typeof(long) on (top 2 by A2 | summarize Top2 = make_list(A2)) | project index, Top2',
        ),
      ),
    ).toEqual(
      sorted([
        { index: 0, Top2: [5, 3] },
        { index: 1, Top2: [10, 8] },
      ]),
    );
    expect(
      sorted(h.run('Arr | mv-apply A2 = A to typeof(long) on (take 2) | project index, A2')),
    ).toEqual(
      sorted([
        { index: 0, A2: 5 },
        { index: 0, A2: 1 },
        { index: 1, A2: 4 },
        { index: 1, A2: 10 },
      ]),
    );
    // Parallel expansion pads B with null, which tostring-casts to "" in the string column.
    const rows = h.run(
      'Arr | mv-apply x = A to typeof(long), y = B to typeof(string) on (summarize n = count(), s = sum(x), m = make_set(y)) | project index, n, s, m',
    );
    expect(
      rows
        .sort((p, q) => (p.index as number) - (q.index as number))
        .map((r) => [r.index, r.n, r.s, [...(r.m as string[])].sort()]),
    ).toEqual([
      [0, 3, 9, ['', 'A1', 'A2']],
      [1, 4, 29, ['', 'C1']],
    ]);
  });
  it('identical input rows each get their own subquery result', () => {
    h.table('Dup', [{ name: 'A', type: 'dynamic' }], [`'[1,2]'`, `'[1,2]'`]);
    expect(
      h.run('Dup | mv-apply x = A to typeof(long) on (summarize s = sum(x)) | project s'),
    ).toEqual([{ s: 3 }, { s: 3 }]);
  });
  it('mv-expand and parse inside the subquery work per input row (mv-apply docs: removing bag keys by value)', () => {
    expect(
      sorted(
        h.run(
          `datatable(Source: string, Target: string, Count: long) ['555-1234', '555-1212', 46, '555-2424', '', int(null)] | extend Pack = pack_all() | mv-apply removeProperties = Pack on (mv-expand kind = array Pack | where Pack[1] !startswith "555" | summarize propsToRemove = make_set(Pack[0])) | extend values = bag_remove_keys(Pack, propsToRemove) | project Source, values`,
        ),
      ),
    ).toEqual(
      sorted([
        { Source: '555-1234', values: { Source: '555-1234', Target: '555-1212' } },
        { Source: '555-2424', values: { Source: '555-2424' } },
      ]),
    );
    const rows = h.run(
      'datatable(id: long, a: dynamic) [1, dynamic([[1, 2], [3]]), 2, dynamic([[4]])] | mv-apply e = a on (mv-expand e | summarize s = sum(tolong(e)), n = count()) | project id, s, n',
    );
    expect(sorted(rows)).toEqual(
      sorted([
        { id: 1, s: 6, n: 3 },
        { id: 2, s: 4, n: 1 },
      ]),
    );
    expect(
      sorted(
        h.run(
          'datatable(id: long, a: dynamic) [1, dynamic(["k=1", "k=22"]), 2, dynamic(["k=4"])] | mv-apply e = a to typeof(string) on (parse e with "k=" v: long | summarize s = sum(v)) | project id, s',
        ),
      ),
    ).toEqual(
      sorted([
        { id: 1, s: 23 },
        { id: 2, s: 4 },
      ]),
    );
  });
  it('refuses operators it cannot run per row, naming them', () => {
    expect(() =>
      h.translate('Sign | mv-apply CAP = parse_json(Policies) on (distinct CAP)'),
    ).toThrow(/"distinct" inside mv-apply/);
  });
});
