/**
 * Query structure: user-defined functions (inlined with parameters bound), table("Name"),
 * materialize(), toscalar(), tabular right sides of in/!in, externaldata through the caller's
 * file mapping. Each case runs through the translator and DuckDB-WASM.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KqlError, translate } from '../../../src/kql/index.ts';
import { createHarness, type KqlHarness } from './harness.ts';

let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
  h.table(
    'A',
    [
      { name: 'U', type: 'string' },
      { name: 'N', type: 'long' },
    ],
    [`'x', 1`, `'y', 2`, `'z', 3`],
  );
  h.table(
    'B',
    [
      { name: 'U', type: 'string' },
      { name: 'N', type: 'long' },
    ],
    [`'p', 10`, `'q', 20`],
  );
  h.table(
    'Bad',
    [
      { name: 'U', type: 'string' },
      { name: 'N', type: 'long' },
    ],
    [`'y', NULL`, `'Z', 3`],
  );
  h.table(
    'Ext',
    [
      { name: 'ip', type: 'string' },
      { name: 'n', type: 'string' },
      { name: 'extra', type: 'long' },
    ],
    [`'10.0.0.1', '5', 1`, `'10.0.0.2', 'x', 2`],
  );
});
afterAll(() => h.engine.close());

type Row = Record<string, unknown>;
const sorted = (rows: Row[]) => rows.map((r) => JSON.stringify(r)).sort();

const CASES: { rule: string; kql: string; rows: Row[] }[] = [
  {
    rule: 'a tabular function reads the table its string parameter names (the Sentinel aadFunc pattern)',
    kql: 'let f = (tableName:string) { table(tableName) | where N > 1 | project U }; f("A")',
    rows: [{ U: 'y' }, { U: 'z' }],
  },
  {
    rule: 'each call inlines the body again with its own argument',
    kql: 'let f = (t:string) { table(t) | summarize c = count() }; let a = f("A"); let b = f("B"); a | join kind=inner (b | extend c2 = c) on $left.c == $right.c2 | project c, c1',
    rows: [],
  },
  {
    rule: 'lets inside a function body see the parameters',
    kql: 'let f = (t:string, lim:long) { let base = table(t) | where N >= lim; base | summarize s = sum(N) }; f("A", 2)',
    rows: [{ s: 5 }],
  },
  {
    rule: 'a tabular parameter binds to the table passed',
    kql: 'let f = (T:(N:long)) { T | where N < 15 | project N }; f(B)',
    rows: [{ N: 10 }],
  },
  {
    rule: 'a scalar function is inlined per row with its argument',
    kql: 'let dbl = (x:long) { x * 2 }; A | project d = dbl(N)',
    rows: [{ d: 2 }, { d: 4 }, { d: 6 }],
  },
  {
    rule: 'a scalar function body sees outer lets',
    kql: 'let k = 100; let addk = (x:long) { x + k }; A | where U == "x" | project v = addk(N)',
    rows: [{ v: 101 }],
  },
  {
    rule: 'function parameters shadow outer lets of the same name inside the body only',
    kql: 'let x = 7; let f = (x:long) { x + 1 }; A | where U == "x" | project a = f(N), b = x',
    rows: [{ a: 2, b: 7 }],
  },
  {
    rule: 'table("Name") reads a table',
    kql: 'table("B") | project N',
    rows: [{ N: 10 }, { N: 20 }],
  },
  {
    rule: 'materialize() gives the same rows wherever the let is used',
    kql: 'let m = materialize(A | where N >= 2); m | join kind=inner (m) on U | project U, N1',
    rows: [
      { U: 'y', N1: 2 },
      { U: 'z', N1: 3 },
    ],
  },
  {
    rule: 'toscalar() is the first column of the first row',
    kql: 'let mx = toscalar(A | summarize max(N)); A | where N == mx | project U',
    rows: [{ U: 'z' }],
  },
  {
    rule: 'toscalar() of an empty table is null (so == matches nothing)',
    kql: 'let mx = toscalar(A | where false | summarize by N); A | where N == mx | project U',
    rows: [],
  },
  {
    rule: 'in with a tabular let: the set is its single column, case-sensitive',
    kql: 'let bad = Bad | project U; A | where U in (bad) | project U',
    rows: [{ U: 'y' }],
  },
  {
    rule: 'in~ with a pipeline right side ignores case',
    kql: 'A | where U in~ (Bad | project U) | project U',
    rows: [{ U: 'y' }, { U: 'z' }],
  },
  {
    rule: '!in of a long set with a null in it keeps the other rows (naive NOT IN gives null and drops all)',
    kql: 'A | where N !in (Bad | project N) | project U',
    rows: [{ U: 'x' }, { U: 'y' }],
  },
  {
    rule: '!in with a table name: its first column is the set',
    kql: 'A | where U !in (Bad) | project U',
    rows: [{ U: 'x' }, { U: 'z' }],
  },
];

describe('query structure', () => {
  for (const c of CASES) {
    it(c.rule, () => {
      expect(sorted(h.run(c.kql))).toEqual(sorted(c.rows));
    });
  }

  it('a function call as a join right side and in a union-free pipeline source', () => {
    const rows = h.run(
      'let f = (t:string) { table(t) | project U, N }; f("A") | join kind=leftanti (f("Bad")) on U | project U',
    );
    expect(sorted(rows)).toEqual(sorted([{ U: 'x' }, { U: 'z' }]));
  });

  it('a missing argument and an unknown function are typed errors with positions', () => {
    expect(() =>
      h.translate('let f = (t:string, n:long) { table(t) | where N > n }; f("A")'),
    ).toThrow(KqlError);
    try {
      h.translate('let f = (t:string, n:long) { table(t) | where N > n };\nf("A")');
    } catch (e) {
      expect((e as KqlError).position.line).toBe(2);
      expect((e as KqlError).message).toContain('"n"');
    }
    expect(() => h.translate('table("Nope")')).toThrow(/unknown table "Nope"/);
  });

  it('a left-out parameter takes its default value', () => {
    expect(
      h.run('let f = (t:string, lim:long = 2) { table(t) | where N >= lim | count }; f("A")'),
    ).toEqual([{ Count: 2 }]);
    expect(
      h.run('let f = (t:string, lim:long = 2) { table(t) | where N >= lim | count }; f("A", 3)'),
    ).toEqual([{ Count: 1 }]);
  });

  it('a let keeps the names of where it was written (lexical scope), even when first used inside a function with a parameter of the same name', () => {
    // Naive lazy translation would read p = 2 (the parameter) and count 1 row.
    expect(
      h.run('let p = 1; let T = A | where N > p; let f = (p:long) { T | count }; f(2)'),
    ).toEqual([{ Count: 2 }]);
  });

  it('named arguments bind the parameter they name; the positional ones fill the rest in order (Kusto docs: checkLength(len = 3, input))', () => {
    // Naive positional binding would compare against "x" as the limit and fail typing.
    expect(
      h.run('let f = (lim:long, s:string) { strlen(s) > lim }; A | where f(lim = 0, U) | count'),
    ).toEqual([{ Count: 3 }]);
    expect(
      h.run(
        'let f = (t:string, lim:long = 1, hi:long = 9) { table(t) | where N > lim and N < hi | count }; f(hi = 3, t = "A")',
      ),
    ).toEqual([{ Count: 1 }]);
    expect(() => h.translate('let f = (s:string) { strlen(s) }; print f(nope = "a")')).toThrow(
      /no parameter "nope"/,
    );
  });

  it("assert() is true when its condition holds and fails the query with Kusto's message when it does not", () => {
    const q = (len: number) =>
      `let check = (len:long, s:string) { assert(len > 0, "Length must be greater than zero") and strlen(s) > len }; A | where check(len = ${len}, U) | count`;
    expect(h.run(q(0 + 1))).toEqual([{ Count: 0 }]);
    expect(() => h.run(q(-1))).toThrow(
      /assert\(\) has failed with message: 'Length must be greater than zero'/,
    );
    expect(() => h.translate('print assert(true, strcat("a", "b"))')).toThrow(/string literal/);
  });

  it('body lets do not leak to the caller', () => {
    expect(() =>
      h.translate(
        'let f = (t:string) { let inner = 5; table(t) | where N > inner }; f("A") | where N > inner',
      ),
    ).toThrow(/inner/);
  });
});

describe('externaldata', () => {
  const q =
    'let r = externaldata(ip:string, n:long, absent:string) ["https://example.test/r.csv"] with (format="csv"); r | project ip, n, absent';
  it('reads the declared columns from the table the caller maps the URL to, converting types', () => {
    const t = translate(q, {
      resolveTable: (n) => h.schemas.get(n),
      externalData: (url) =>
        url === 'https://example.test/r.csv'
          ? { name: 'Ext', schema: h.schemas.get('Ext')! }
          : undefined,
    });
    expect(t.tables).toContain('Ext');
    const res = h.engine.query(t.sql);
    expect(sorted(res.rows.map((r) => ({ ip: r[0], n: r[1], missing: r[2] })))).toEqual(
      sorted([
        { ip: '10.0.0.1', n: 5, missing: '' },
        { ip: '10.0.0.2', n: null, missing: '' },
      ]),
    );
  });
  it('an obfuscated verbatim URL h@"…" is the plain URL', () => {
    const asked: string[] = [];
    translate('externaldata(ip:string) [h@"https://example.test/a\\b.csv"]', {
      resolveTable: (n) => h.schemas.get(n),
      externalData: (url) => {
        asked.push(url);
        return { name: 'Ext', schema: h.schemas.get('Ext')! };
      },
    });
    expect(asked).toEqual(['https://example.test/a\\b.csv']);
  });
  it('without a supplied file the error names the URL and points at it', () => {
    try {
      translate(q, { resolveTable: (n) => h.schemas.get(n) });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(KqlError);
      expect((e as KqlError).message).toContain('https://example.test/r.csv');
      expect((e as KqlError).position.column).toBe(q.indexOf('"https') + 1);
    }
  });
});

describe('parameterless functions', () => {
  it('a scalar function without parameters can be named without parentheses', () => {
    expect(h.run('let k = () { 40 + 2 }; print a = k, b = k()')).toEqual([{ a: 42, b: 42 }]);
  });
  it('a function with a required parameter named without parentheses is an error naming the parameter', () => {
    expect(() => h.translate('let f = (n:long) { n }; print f')).toThrow(
      /without its parameter "n"/,
    );
  });
});
