/**
 * Small tabular operators and statements (render, consume, declare query_parameters), as (KQL → columns, types, rows)
 * tables run through the translator and DuckDB-WASM.
 */
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
  // render: Kusto docs, render operator: it must be the last operator and only says how to draw the result.
  {
    rule: 'render changes neither the columns nor the rows',
    kql: 'range x from 1 to 3 step 1 | extend y = x * 2 | render timechart',
    columns: 'x:long, y:long',
    rows: [
      { x: 1, y: 2 },
      { x: 2, y: 4 },
      { x: 3, y: 6 },
    ],
  },
  {
    rule: 'render with properties is dropped too',
    kql: 'print a = 1 | render barchart with (title="t", xcolumn=a)',
    columns: 'a:long',
    rows: [{ a: 1 }],
  },
  // consume: reads the input and returns no row.
  {
    rule: 'consume returns no row and keeps the columns',
    kql: 'range x from 1 to 10 step 1 | extend y = tostring(x) | consume',
    columns: 'x:long, y:string',
    rows: [],
  },
  {
    rule: 'consume decodeblocks = true is the same',
    kql: 'print a = 1 | consume decodeblocks = true',
    columns: 'a:long',
    rows: [],
  },
  // declare query_parameters: a parameter with a default is bound to it (Loupe sends no values).
  {
    rule: 'declare query_parameters binds each parameter to its default',
    kql: 'declare query_parameters(UserName:string = "alice", MaxCount:long = 3);\nrange x from 1 to 10 step 1 | where x <= MaxCount | extend u = UserName',
    columns: 'x:long, u:string',
    rows: [
      { x: 1, u: 'alice' },
      { x: 2, u: 'alice' },
      { x: 3, u: 'alice' },
    ],
  },
  // invoke: Kusto docs, invoke operator: `T | invoke f(a)` is `f(T, a)`.
  {
    rule: 'invoke passes the piped rows as the first argument',
    kql: 'let f = (T:(x:long), k:long) { T | where x > k | extend y = x * 10 };\nrange x from 1 to 4 step 1 | invoke f(2)',
    columns: 'x:long, y:long',
    rows: [
      { x: 3, y: 30 },
      { x: 4, y: 40 },
    ],
  },
  {
    rule: 'invoke of a function with a default and a named argument',
    kql: 'let g = (T:(*), k:long = 1) { T | take k };\nrange x from 5 to 9 step 1 | sort by x asc | invoke g(k = 2)',
    columns: 'x:long',
    rows: [{ x: 5 }, { x: 6 }],
  },
  // project-by-names: Kusto docs, project-by-names operator.
  {
    rule: 'project-by-names keeps the named columns in the order given',
    kql: "datatable(Name:string, Age:int, City:string, Country:string)['Peter', 39, 'New York', 'USA'] | project-by-names \"Country\", \"Name\"",
    columns: 'Country:string, Name:string',
    rows: [{ Country: 'USA', Name: 'Peter' }],
  },
  {
    rule: 'project-by-names reads dynamic arrays and wildcards, ignores unknown names and repeats',
    kql: "datatable(Name:string, Age:int, City:string, Country:string)['Peter', 39, 'New York', 'USA'] | project-by-names dynamic(['Age', 'Nope']), 'C*', 'Age'",
    columns: 'Age:int, City:string, Country:string',
    rows: [{ Age: 39, City: 'New York', Country: 'USA' }],
  },
];

describe('render, consume, invoke, declare query_parameters', () => {
  for (const c of CASES) it(c.rule, () => checkCase(h, c));
});

describe('declare query_parameters', () => {
  it('refuses a parameter without a default, naming it at its place', () => {
    let e: unknown;
    try {
      h.translate('declare query_parameters(a:long = 1, Needed:string);\nprint a, Needed');
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(KqlError);
    expect((e as KqlError).code).toBe('unsupported');
    expect((e as KqlError).message).toMatch(/query parameter "Needed" has no value/);
    expect((e as KqlError).position).toMatchObject({ line: 1, column: 38 });
  });
});

describe('reduce', () => {
  it('is refused with its typed reason: Kusto does not document how it clusters strings', () => {
    let e: unknown;
    try {
      h.translate('print s = "a1" | reduce by s');
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(KqlError);
    expect((e as KqlError).code).toBe('unsupported');
    expect((e as KqlError).detail).toEqual({
      kind: 'builtin-refused',
      builtin: { kind: 'operator', name: 'reduce' },
      reason: 'undocumented-algorithm',
    });
  });
});

describe('row_rank', () => {
  it('is refused as undocumented (obsolete, hidden, no page: row_rank_dense and row_rank_min are documented)', () => {
    let e: unknown;
    try {
      h.translate('range x from 1 to 3 step 1 | sort by x asc | extend r = row_rank(x)');
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(KqlError);
    expect((e as KqlError).detail).toEqual({
      kind: 'builtin-refused',
      builtin: { kind: 'window', name: 'row_rank' },
      reason: 'undocumented',
    });
  });
});

describe('refused built-ins that start a query', () => {
  // Each was "the operator … as a source is not supported yet", or a crash, before.
  it.each([
    [
      'a network plugin as the first operator',
      "let q = 'select 1';\nevaluate sql_request('Server=tcp:x', q) : (Id:long)",
      { kind: 'plugin', name: 'sql_request' },
      'needs-network-service',
      { line: 2, column: 10 },
    ],
    [
      'inline_external_table',
      'inline_external_table(A:string) kind=storage dataformat=csv (h@"https://x/y.csv") | count',
      { kind: 'operator', name: 'inline_external_table' },
      'needs-network-service',
      { line: 1, column: 1 },
    ],
    [
      'a graph function as a source',
      'graph("G") | count',
      { kind: 'function', name: 'graph' },
      'graph',
      { line: 1, column: 1 },
    ],
    [
      'a query Kusto.Language cannot analyse: the refused operator in it (its binder throws on graph_time_travel … graph-match)',
      'graph_time_travel(datetime(2022-06-01))\n| graph-match (a)-[e*2..5]-(b)\n  where a.name == "Bob"\n  project a = a.name',
      { kind: 'operator', name: 'graph-match' },
      'graph',
      { line: 2, column: 3 },
    ],
  ])('%s: the typed refusal at its place', (_what, kql, builtin, reason, position) => {
    const e = h.translationError(kql);
    expect(e.code).toBe('unsupported');
    expect(e.detail).toEqual({ kind: 'builtin-refused', builtin, reason });
    expect(e.position).toMatchObject(position);
  });
});
