/**
 * Relational operators — union, distinct, top, count, project-away/-keep/-rename/-reorder, as,
 * getschema, sample — as (KQL → columns, types, rows) tables run through the translator and
 * DuckDB-WASM. Trap cases say what the naive SQL translation gets wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KqlError } from '../../../src/kql/index.ts';
import { createHarness, type KqlHarness } from './harness.ts';
import { checkCase, type TableCase } from './table-cases.ts';

let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
  h.table(
    'A',
    [
      { name: 'K', type: 'string' },
      { name: 'N', type: 'long' },
    ],
    [`'a', 1`, `'b', NULL`],
  );
  h.table(
    'B',
    [
      { name: 'K', type: 'string' },
      { name: 'N', type: 'int' },
      { name: 'W', type: 'string' },
    ],
    [`'c', 3, 'w'`],
  );
});
afterAll(() => h.engine.close());

const CASES: TableCase[] = [
  // union
  {
    rule: 'union outer: column superset, missing strings "" and missing numbers null (naive UNION ALL needs equal columns)',
    kql: 'union (print a = 1, s = "x"), (print b = 2.5)',
    columns: 'a:long, s:string, b:real',
    rows: [
      { a: 1, s: 'x', b: null },
      { a: null, s: '', b: 2.5 },
    ],
  },
  {
    rule: 'union outer: a name with two types becomes name_type columns (naive UNION casts them into one)',
    kql: 'A | union B',
    columns: 'K:string, N_long:long, N_int:int, W:string',
    rows: [
      { K: 'a', N_long: 1, N_int: null, W: '' },
      { K: 'b', N_long: null, N_int: null, W: '' },
      { K: 'c', N_long: null, N_int: 3, W: 'w' },
    ],
  },
  {
    rule: 'union: a suffixed name already used as a plain name takes a number (x_long1), as Kusto does',
    kql: 'let V1 = print x = 1; let V2 = print x = toint(2); let V3 = print x_long = 3;\nunion withsource=TableName V1, V2, V3',
    columns: 'TableName:string, x_long1:long, x_int:int, x_long:long',
    rows: [
      { TableName: 'V1', x_long1: 1, x_int: null, x_long: null },
      { TableName: 'V2', x_long1: null, x_int: 2, x_long: null },
      { TableName: 'V3', x_long1: null, x_int: null, x_long: 3 },
    ],
  },
  {
    rule: 'union of sign-in tables whose DeviceDetail is dynamic in one and string in the other gives DeviceDetail_dynamic and DeviceDetail_string, as in Sentinel',
    kql: 'union (print DeviceDetail = dynamic({"browser": "Edge"})), (print DeviceDetail = \'{"browser":"Chrome"}\') | extend b = tostring(coalesce(DeviceDetail_dynamic, todynamic(DeviceDetail_string)).browser) | project b',
    columns: 'b:string',
    rows: [{ b: 'Edge' }, { b: 'Chrome' }],
  },
  {
    rule: 'union kind=inner keeps only the columns every leg has',
    kql: 'union kind=inner (print a = 1, b = 2), (print b = 3, c = 4)',
    columns: 'b:long',
    rows: [{ b: 2 }, { b: 3 }],
  },
  {
    rule: 'withsource names a leg by its table, or by the as name a parenthesised leg ends with',
    kql: 'union withsource=Src A, (range x from 1 to 1 step 1 | as R)',
    columns: 'Src:string, K:string, N:long, x:long',
    rows: [
      { Src: 'A', K: 'a', N: 1, x: null },
      { Src: 'A', K: 'b', N: null, x: null },
      { Src: 'R', K: '', N: null, x: 1 },
    ],
  },
  {
    rule: 'union of views (let … = view () { … }) named like tables; withsource gives the view name',
    kql: 'let V1 = view () { print x = 1 };\nlet V2 = view () { print x = 2 };\nunion withsource=S V1, V2',
    columns: 'S:string, x:long',
    rows: [
      { S: 'V1', x: 1 },
      { S: 'V2', x: 2 },
    ],
  },
  {
    rule: 'isfuzzy=true skips a parenthesised leg over a missing view',
    kql: 'let V1 = view () { print x = 1 };\nunion isfuzzy=true (V1 | where x > 0), (V3 | where x > 0) | count',
    columns: 'Count:long',
    rows: [{ Count: 1 }],
  },
  {
    rule: 'isfuzzy=true leaves out legs whose tables do not exist',
    kql: 'union isfuzzy=true A, Nope, (Nope2 | where x > 0) | count',
    columns: 'Count:long',
    rows: [{ Count: 2 }],
  },
  {
    rule: 'isfuzzy=True (as Sentinel rules write it) is read case-insensitively',
    kql: 'union isfuzzy=True A, Nope | count',
    columns: 'Count:long',
    rows: [{ Count: 2 }],
  },
  {
    rule: 'union keeps duplicate rows (UNION ALL, not UNION)',
    kql: 'union (print x = 1), (print x = 1)',
    columns: 'x:long',
    rows: [{ x: 1 }, { x: 1 }],
  },
  {
    rule: 'union with a pipe after it filters the union, not its last leg',
    kql: 'union A, B | where K != "a" | project K',
    columns: 'K:string',
    rows: [{ K: 'b' }, { K: 'c' }],
  },
  {
    rule: 'union hints are accepted',
    kql: 'union hint.concurrency=2 (print x = 1), (print x = 2) | count',
    columns: 'Count:long',
    rows: [{ Count: 2 }],
  },
  {
    rule: 'union of dynamic columns',
    kql: 'print s = dynamic([1]) | union (print s = dynamic({"a": 2}))',
    columns: 's:dynamic',
    rows: [{ s: [1] }, { s: { a: 2 } }],
  },
  // as
  {
    rule: 'as names the rows for later in the query',
    kql: 'range x from 1 to 3 step 1 | as T | union T | count',
    columns: 'Count:long',
    rows: [{ Count: 6 }],
  },
  {
    rule: 'as with hint.materialized',
    kql: 'print x = 1 | as hint.materialized=true T | join kind=inner (T | extend y = 2) on x',
    columns: 'x:long, x1:long, y:long',
    rows: [{ x: 1, x1: 1, y: 2 }],
  },
  // distinct
  {
    rule: 'distinct of listed columns, in the listed order',
    kql: 'datatable(a:long, b:string)[1, "x", 1, "x", 2, "x"] | distinct b, a',
    columns: 'b:string, a:long',
    rows: [
      { b: 'x', a: 1 },
      { b: 'x', a: 2 },
    ],
  },
  {
    rule: 'distinct * de-duplicates whole rows',
    kql: 'datatable(a:long, b:string)[1, "x", 1, "x", 1, "y"] | distinct *',
    columns: 'a:long, b:string',
    rows: [
      { a: 1, b: 'x' },
      { a: 1, b: 'y' },
    ],
  },
  {
    rule: 'distinct of dynamic values compares values, not spellings (naive text DISTINCT keeps [1, 2] and [1,2] apart)',
    kql: 'datatable(d:dynamic)[dynamic([1, 2]), dynamic([1,2]), dynamic({"a": 1}), dynamic({ "a":1 })] | distinct d',
    columns: 'd:dynamic',
    rows: [{ d: [1, 2] }, { d: { a: 1 } }],
  },
  {
    rule: 'distinct of expressions, named as extend names them (published rules: distinct Id, tostring(Urls), U = tolower(U))',
    kql: 'datatable(u:string, d:dynamic)["A", dynamic(1), "a", dynamic(1), "b", dynamic(2)] | distinct u = tolower(u), tostring(d)',
    columns: 'u:string, d:string',
    rows: [
      { u: 'a', d: '1' },
      { u: 'b', d: '2' },
    ],
  },
  {
    rule: 'distinct is case-sensitive on strings (naive case-insensitive collation merges them)',
    kql: 'datatable(s:string)["a", "A", "a"] | distinct s',
    columns: 's:string',
    rows: [{ s: 'a' }, { s: 'A' }],
  },
  // top
  {
    rule: 'top defaults to desc, nulls last',
    kql: 'datatable(x:long)[3, long(null), 1, 2] | top 3 by x',
    columns: 'x:long',
    rows: [{ x: 3 }, { x: 2 }, { x: 1 }],
    ordered: true,
  },
  {
    rule: 'top asc puts nulls first (naive DuckDB ORDER BY x ASC puts them last)',
    kql: 'datatable(x:long)[3, long(null), 1, 2] | top 2 by x asc',
    columns: 'x:long',
    rows: [{ x: null }, { x: 1 }],
    ordered: true,
  },
  {
    rule: 'top asc nulls last',
    kql: 'datatable(x:long)[3, long(null), 1, 2] | top 2 by x asc nulls last',
    columns: 'x:long',
    rows: [{ x: 1 }, { x: 2 }],
    ordered: true,
  },
  {
    rule: 'top by an expression keeps the input columns and its order through project',
    kql: 'datatable(s:string, n:long)["bb", 1, "a", 2, "ccc", 3] | top 2 by strlen(s) | project n',
    columns: 'n:long',
    rows: [{ n: 3 }, { n: 1 }],
    ordered: true,
  },
  // count
  {
    rule: 'count on empty input is one row with 0 (naive GROUP BY gives no row)',
    kql: 'A | where false | count',
    columns: 'Count:long',
    rows: [{ Count: 0 }],
  },
  {
    rule: 'count counts rows with nulls too',
    kql: 'A | count',
    columns: 'Count:long',
    rows: [{ Count: 2 }],
  },
  // project-away / keep / rename / reorder
  {
    rule: 'project-away *1 removes names ending in 1 only (not A10, not A)',
    kql: 'datatable(A:long, A1:long, B1:long, A10:long)[1, 2, 3, 4] | project-away *1',
    columns: 'A:long, A10:long',
    rows: [{ A: 1, A10: 4 }],
  },
  {
    rule: 'project-away Prefix* and a plain name',
    kql: 'print Src1 = 1, Src2 = 2, Other = 3, NotSrc = 4 | project-away Src*, Other',
    columns: 'NotSrc:long',
    rows: [{ NotSrc: 4 }],
  },
  {
    rule: 'project-away is case-sensitive',
    kql: 'print ab = 1, Xb = 2 | project-away a*',
    columns: 'Xb:long',
    rows: [{ Xb: 2 }],
  },
  {
    rule: 'project-keep keeps input order, not list order',
    kql: 'print a = 1, b = 2, c = 3 | project-keep c, a',
    columns: 'a:long, c:long',
    rows: [{ a: 1, c: 3 }],
  },
  {
    rule: 'project-rename renames in place',
    kql: 'print a = 1, b = "x" | project-rename z = a, ["the b"] = b',
    columns: 'z:long, the b:string',
    rows: [{ z: 1, 'the b': 'x' }],
  },
  {
    rule: 'project-reorder puts the listed columns first, the rest after in input order',
    kql: "print a='a', b='b', c='c' | project-reorder b",
    columns: 'b:string, a:string, c:string',
    rows: [{ b: 'b', a: 'a', c: 'c' }],
  },
  {
    rule: 'project-reorder wildcard with desc sorts its matches by name',
    kql: 'print a1 = 1, z = 0, a3 = 3, a2 = 2 | project-reorder a* desc',
    columns: 'a3:long, a2:long, a1:long, z:long',
    rows: [{ a3: 3, a2: 2, a1: 1, z: 0 }],
  },
  {
    rule: 'project-reorder *, X moves X to the end (a wildcard does not take explicitly listed columns)',
    kql: 'print Tags = 1, a = 2, Type = 3, b = 4 | project-reorder *, Tags, Type',
    columns: 'a:long, b:long, Tags:long, Type:long',
    rows: [{ a: 2, b: 4, Tags: 1, Type: 3 }],
  },
  {
    rule: 'project-* keep a sort order',
    kql: 'range x from 1 to 3 step 1 | extend y = -x | sort by y asc | project-away y | project-rename v = x',
    columns: 'v:long',
    rows: [{ v: 3 }, { v: 2 }, { v: 1 }],
    ordered: true,
  },
  // Kusto's names for unnamed extend/project expressions
  {
    rule: "unnamed project expressions are Column1, Column2…; a conversion keeps its argument's name (naive: refused or SQL text as name)",
    kql: 'range x from 1 to 2 step 1 | project x * 2, tostring(x), pack_array(x, x)',
    columns: 'Column1:long, x:string, Column2:dynamic',
    rows: [
      { Column1: 2, x: '1', Column2: [1, 1] },
      { Column1: 4, x: '2', Column2: [2, 2] },
    ],
  },
  {
    // Names as Kusto's binder gives them (Kusto.Language): strlen is a function named after its
    // prefix and first argument (strlen("qq") → strlen_), tolower is not (→ ColumnN, skipping taken names).
    rule: 'unnamed extend of a dynamic path is named after the path (a.b.c → a_b_c); ColumnN skips taken names',
    kql: 'print a = dynamic({"b": {"c": 1}}), Column1 = 0 | extend a.b.c, a["b"], strlen("qq"), tolower("Q")',
    columns: 'a:dynamic, Column1:long, a_b_c:dynamic, a_b:dynamic, strlen_:long, Column2:string',
    rows: [{ a: { b: { c: 1 } }, Column1: 0, a_b_c: 1, a_b: { c: 1 }, strlen_: 2, Column2: 'q' }],
  },
  {
    rule: 'dcount_hll(m) is named dcount_hll_m',
    kql: 'range x from 1 to 3 step 1 | summarize m = hll(x) | project dcount_hll(m)',
    columns: 'dcount_hll_m:long',
    rows: [{ dcount_hll_m: 3 }],
  },
  // getschema
  {
    rule: 'getschema lists name, ordinal, .NET type and KQL type',
    kql: 'datatable(s:string, n:int, d:dynamic, t:datetime)[] | getschema',
    columns: 'ColumnName:string, ColumnOrdinal:long, DataType:string, ColumnType:string',
    rows: [
      { ColumnName: 's', ColumnOrdinal: 0, DataType: 'System.String', ColumnType: 'string' },
      { ColumnName: 'n', ColumnOrdinal: 1, DataType: 'System.Int32', ColumnType: 'int' },
      { ColumnName: 'd', ColumnOrdinal: 2, DataType: 'System.Object', ColumnType: 'dynamic' },
      { ColumnName: 't', ColumnOrdinal: 3, DataType: 'System.DateTime', ColumnType: 'datetime' },
    ],
    ordered: true,
  },
  // take / sample
  { rule: 'take 0 gives no rows', kql: 'A | take 0', columns: 'K:string, N:long', rows: [] },
  {
    rule: 'take more than there are gives all rows',
    kql: 'A | take 100 | count',
    columns: 'Count:long',
    rows: [{ Count: 2 }],
  },
  {
    rule: 'limit with a let count',
    kql: 'let n = 1; range x from 1 to 5 step 1 | limit n | count',
    columns: 'Count:long',
    rows: [{ Count: 1 }],
  },
  {
    rule: 'sample N picks N rows',
    kql: 'range x from 1 to 10 step 1 | sample 3 | count',
    columns: 'Count:long',
    rows: [{ Count: 3 }],
  },
  {
    rule: 'sample more than there are gives all rows',
    kql: 'range x from 1 to 3 step 1 | sample 10 | summarize s = sum(x)',
    columns: 's:long',
    rows: [{ s: 6 }],
  },
];

describe('relational operators', () => {
  for (const c of CASES) it(c.rule, () => checkCase(h, c));
});

describe('relational refusals name the problem and its position', () => {
  const refuse = (kql: string): KqlError => {
    try {
      h.translate(kql);
    } catch (e) {
      if (e instanceof KqlError) return e;
      throw e;
    }
    throw new Error('expected a KqlError');
  };
  it.each([
    ['A | project-away Nope', 'unknown-column', 1, 18, /project-away: no column "Nope"/],
    ['A | project-rename X = Nope', 'unknown-column', 1, 24, /no column "Nope"/],
    ['A | distinct Nope', 'unknown-column', 1, 14, /unknown column or variable "Nope"/],
    ['A | top 2 by K desc | top "x" by N', 'type', 1, 27, /top needs a long/],
    ['union A, Nope', 'unknown-table', 1, 10, /Nope/],
    ['union kind=left A, B', 'syntax', 1, 12, /inner or outer/],
    ['union Nothing*', 'unknown-table', 1, 1, /none of its tables/],
    ['A | project-away *', 'unsupported', 1, 5, /removes every column/],
  ] as const)('%s → %s at %i:%i', (kql, code, line, column, msg) => {
    const e = refuse(kql);
    expect(e.code).toBe(code);
    expect(e.position).toMatchObject({ line, column });
    expect(e.message).toMatch(msg);
  });
});
