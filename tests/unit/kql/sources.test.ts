/**
 * Tabular sources with their own syntax — print, datatable, range — as (KQL → columns, types,
 * rows) tables run through the translator and DuckDB-WASM.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KqlError } from '../../../src/kql/index.ts';
import { createHarness, type KqlHarness } from './harness.ts';
import { checkCase, type TableCase } from './table-cases.ts';

let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.engine.close());

const CASES: TableCase[] = [
  // print
  {
    rule: 'print names unnamed columns print_<position>',
    kql: 'print 1, x = "a", 2.5',
    columns: 'print_0:long, x:string, print_2:real',
    rows: [{ print_0: 1, x: 'a', print_2: 2.5 }],
  },
  {
    rule: 'print of a let scalar is still print_0 (a let is not a column)',
    kql: 'let v = 7; print v * 2, v',
    columns: 'print_0:long, print_1:long',
    rows: [{ print_0: 14, print_1: 7 }],
  },
  // Kusto has no bare `null` literal: the null of a type is `T(null)` (Kusto docs, null values).
  {
    rule: 'print dynamic(null) is a dynamic null',
    kql: 'print n = dynamic(null)',
    columns: 'n:dynamic',
    rows: [{ n: null }],
  },
  {
    rule: 'print datetime and timespan',
    kql: 'print d = datetime(2024-01-02 03:04:05), t = 90m',
    columns: 'd:datetime, t:timespan',
    rows: [{ d: '2024-01-02T03:04:05.000Z', t: '01:30:00' }],
  },
  {
    rule: 'print feeds a pipeline',
    kql: 'print a = 1 | extend b = a + 1 | project b',
    columns: 'b:long',
    rows: [{ b: 2 }],
  },
  // datatable
  {
    rule: 'datatable fills columns row by row with their declared types',
    kql: 'datatable(Name:string, N:long, R:real, B:bool)["a", 1, 2, true, "b", -3, 4.5, false]',
    columns: 'Name:string, N:long, R:real, B:bool',
    rows: [
      { Name: 'a', N: 1, R: 2, B: true },
      { Name: 'b', N: -3, R: 4.5, B: false },
    ],
  },
  {
    rule: 'datatable type aliases (double, boolean, date, time) and int columns',
    kql: 'datatable(a:double, b:boolean, c:date, d:time, e:int)[1, true, datetime(2020-05-06), 1d, 7]',
    columns: 'a:real, b:bool, c:datetime, d:timespan, e:int',
    rows: [{ a: 1, b: true, c: '2020-05-06T00:00:00.000Z', d: '1.00:00:00', e: 7 }],
  },
  {
    rule: 'a typed null in a datatable is a null of the column type; strings are never null',
    kql: 'datatable(s:string, n:long, d:datetime)["", long(null), datetime(null)] | extend e = isempty(s), nn = isnull(n)',
    columns: 's:string, n:long, d:datetime, e:bool, nn:bool',
    rows: [{ s: '', n: null, d: null, e: true, nn: true }],
  },
  {
    rule: 'guid(…) literals (raw hex that would lex as numbers) in a guid column and in comparisons; guid(null) is the empty guid',
    kql: 'datatable(g:guid, s:string)[guid(74BE27DE-1e4e-49d9-b579-fe0b331d3642), "a", guid(null), "b"] | where g == guid(74be27de-1e4e-49d9-b579-fe0b331d3642) or s == "b"',
    columns: 'g:guid, s:string',
    rows: [
      { g: '74be27de-1e4e-49d9-b579-fe0b331d3642', s: 'a' },
      { g: '', s: 'b' },
    ],
  },
  {
    rule: 'print of a guid literal is a guid column',
    kql: 'print g = guid(00000000-0000-0000-0000-0000000000ff)',
    columns: 'g:guid',
    rows: [{ g: '00000000-0000-0000-0000-0000000000ff' }],
  },
  {
    rule: 'datatable accepts a trailing comma',
    kql: 'datatable(x:long)[1, 2, 3,]',
    columns: 'x:long',
    rows: [{ x: 1 }, { x: 2 }, { x: 3 }],
  },
  {
    rule: 'an empty datatable has its columns and no rows',
    kql: 'datatable(x:long, s:string)[]',
    columns: 'x:long, s:string',
    rows: [],
  },
  {
    rule: 'an empty datatable counts 0 in summarize',
    kql: 'datatable(x:long)[] | summarize c = count(), m = max(x)',
    columns: 'c:long, m:long',
    rows: [{ c: 0, m: null }],
  },
  {
    rule: 'scalars in a dynamic column become JSON values',
    kql: 'datatable(d:dynamic)[1, "a", true]',
    columns: 'd:dynamic',
    rows: [{ d: 1 }, { d: 'a' }, { d: true }],
  },
  {
    rule: "datatable as a let table, with ['quoted'] column names",
    kql: "let T = datatable(['the name']:string, v:long)['x', 1, 'y', 2];\nT | where v > 1 | project ['the name']",
    columns: 'the name:string',
    rows: [{ 'the name': 'y' }],
  },
  {
    rule: 'string values keep quotes and backslashes',
    kql: `datatable(s:string)["it's", @"C:\\x", 'say "hi"']`,
    columns: 's:string',
    rows: [{ s: "it's" }, { s: 'C:\\x' }, { s: 'say "hi"' }],
  },
  // range
  {
    rule: 'range includes its stop',
    kql: 'range x from 1 to 5 step 2',
    columns: 'x:long',
    rows: [{ x: 1 }, { x: 3 }, { x: 5 }],
  },
  {
    rule: 'range with a negative step counts down',
    kql: 'range x from 5 to 1 step -2',
    columns: 'x:long',
    rows: [{ x: 5 }, { x: 3 }, { x: 1 }],
  },
  {
    rule: 'range whose stop is behind its start is empty',
    kql: 'range x from 5 to 1 step 1',
    columns: 'x:long',
    rows: [],
  },
  {
    rule: 'range of reals keeps a stop that is a decimal multiple of the step (naive floor((1-0)/0.1) drifts)',
    kql: 'range x from 0 to 0.3 step 0.1 | summarize c = count()',
    columns: 'c:long',
    rows: [{ c: 4 }],
  },
  {
    rule: 'range of datetimes with a timespan step',
    kql: 'range t from datetime(2020-01-01) to datetime(2020-01-02) step 12h',
    columns: 't:datetime',
    rows: [
      { t: '2020-01-01T00:00:00.000Z' },
      { t: '2020-01-01T12:00:00.000Z' },
      { t: '2020-01-02T00:00:00.000Z' },
    ],
  },
  {
    rule: 'range output is serialized: ordered, and row_number() works on it (naive generate_series gives no defined order)',
    kql: 'range x from 10 to 4 step -3 | extend r = row_number()',
    columns: 'x:long, r:long',
    rows: [
      { x: 10, r: 1 },
      { x: 7, r: 2 },
      { x: 4, r: 3 },
    ],
    ordered: true,
  },
  {
    rule: 'range of timespans',
    kql: 'range t from 1s to 3s step 1s',
    columns: 't:timespan',
    rows: [{ t: '00:00:01' }, { t: '00:00:02' }, { t: '00:00:03' }],
  },
  {
    rule: 'range bounds from let scalars, then a pipeline',
    kql: 'let n = 4; range i from 1 to n step 1 | where i % 2 == 0 | extend sq = i * i',
    columns: 'i:long, sq:long',
    rows: [
      { i: 2, sq: 4 },
      { i: 4, sq: 16 },
    ],
  },
];

describe('tabular sources', () => {
  for (const c of CASES) it(c.rule, () => checkCase(h, c));
});

describe('source refusals name the problem and its position', () => {
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
    ['datatable(a:long, b:long)[1, 2, 3]', 'syntax', 1, 33, /2 column\(s\) but 3 value\(s\)/],
    ['datatable(a:long)["x"]', 'type', 1, 19, /string value in the long column/],
    ['datatable(a:frob)[1]', 'syntax', 1, 13, /'frob' is not a valid type/],
    ['range x from 1 to 5 step 0', 'type', 1, 26, /step cannot be zero/],
    ['range x from "a" to 5 step 1', 'type', 1, 1, /range needs numbers/],
  ] as const)('%s → %s at %i:%i', (kql, code, line, column, msg) => {
    const e = refuse(kql);
    expect(e.code).toBe(code);
    expect(e.position).toMatchObject({ line, column });
    expect(e.message).toMatch(msg);
  });
});

/** A KQL string literal for any text: printable ASCII as is, everything else as \\uXXXX escapes. */
function kqlLiteral(text: string): string {
  let out = '"';
  for (const ch of text) {
    for (let i = 0; i < ch.length; i++) {
      const code = ch.charCodeAt(i);
      if (ch[i] === '"' || ch[i] === '\\') out += `\\${ch[i]}`;
      else if (code >= 0x20 && code < 0x7f) out += ch[i];
      else out += `\\u${code.toString(16).padStart(4, '0')}`;
    }
  }
  return `${out}"`;
}

describe('datatable and union quote every name and value', () => {
  const nasty = fc.constantFrom(
    '\'; DROP TABLE "A"; --',
    '"',
    "'",
    '\\',
    '\n',
    '\u2028',
    '👍🏽',
    '\0',
    ')) OR 1=1 --',
    'x" || "y',
  );
  const text = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 16 }),
    fc.string({ unit: 'binary', maxLength: 16 }),
    nasty,
  );
  it('a datatable column named and holding arbitrary text gives back exactly that text, through union withsource', () => {
    fc.assert(
      fc.property(
        text.filter((n) => n.length > 0 && !n.includes('\0') && n.toLowerCase() !== 'src'),
        text,
        (name, value) => {
          const kql = `union withsource=Src (datatable([${kqlLiteral(name)}]:string)[${kqlLiteral(value)}] | as ${'T'})`;
          const t = h.translate(kql);
          expect(t.columns).toEqual([
            { name: 'Src', type: 'string' },
            { name, type: 'string' },
          ]);
          expect(h.run(kql)).toEqual([{ Src: 'T', [name]: value }]);
        },
      ),
      { numRuns: 60 },
    );
  });
});
