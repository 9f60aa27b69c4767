/**
 * `evaluate bag_unpack` and `evaluate pivot`: the examples of their Kusto reference pages
 * (bag-unpack-plugin.md, pivot-plugin.md, make-bag-aggregation-function.md) with the documented
 * results, and traps for what a naive translation gets wrong: columns that depend on the data,
 * conflicts, types, cells without rows, attacker-written keys.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../../src/kql/index.ts';
import { createHarness, type KqlHarness } from './harness.ts';
import { checkCase, type TableCase } from './table-cases.ts';

let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.engine.close());

const PEOPLE = `datatable(d:dynamic)
[
    dynamic({"Name": "John", "Age":20}),
    dynamic({"Name": "Dave", "Age":40}),
    dynamic({"Name": "Jasmine", "Age":30}),
]`;

/** The StormEvents rows the pivot examples need (State, EventType, DeathsDirect, Source). */
const STORMS = `datatable(State:string, EventType:string, DeathsDirect:long, Source:string)
[
  'ARKANSAS', 'Heavy Rain', 1, 'Emergency Manager',
  'ARIZONA', 'Lightning', 1, 'Newspaper',
  'ARKANSAS', 'Thunderstorm Wind', 1, 'Emergency Manager',
  'ARIZONA', 'Flash Flood', 2, 'Trained Spotter',
  'ARIZONA', 'Flash Flood', 3, 'Broadcast Media',
  'ARIZONA', 'Flash Flood', 1, 'Newspaper',
  'ARKANSAS', 'Strong Wind', 1, 'Law Enforcement',
  'ARKANSAS', 'Heat', 3, 'Newspaper',
]`;

const REFERENCE: TableCase[] = [
  {
    rule: 'bag-unpack-plugin.md "Expand a bag": a column per property, sorted by name, typed by the values',
    kql: `${PEOPLE} | evaluate bag_unpack(d)`,
    columns: 'Age:long, Name:string',
    rows: [
      { Age: 20, Name: 'John' },
      { Age: 40, Name: 'Dave' },
      { Age: 30, Name: 'Jasmine' },
    ],
  },
  {
    rule: 'bag-unpack-plugin.md OutputColumnPrefix',
    kql: `${PEOPLE} | evaluate bag_unpack(d, 'Property_')`,
    columns: 'Property_Age:long, Property_Name:string',
    rows: [
      { Property_Age: 20, Property_Name: 'John' },
      { Property_Age: 40, Property_Name: 'Dave' },
      { Property_Age: 30, Property_Name: 'Jasmine' },
    ],
  },
  {
    rule: 'bag-unpack-plugin.md columnsConflict=\'replace_source\': the property replaces the column where it stands; a row without it holds ""',
    kql: `datatable(Name:string, d:dynamic)
[
    'James', dynamic({"Name": "John", "Age":20}),
    'David', dynamic({ "Age":40}),
    'Emily', dynamic({"Name": "Jasmine", "Age":30}),
]
| evaluate bag_unpack(d, columnsConflict='replace_source')`,
    columns: 'Name:string, Age:long',
    rows: [
      { Name: 'John', Age: 20 },
      { Name: '', Age: 40 },
      { Name: 'Jasmine', Age: 30 },
    ],
  },
  {
    rule: "bag-unpack-plugin.md columnsConflict='keep_source': the input's column stays",
    kql: `datatable(Name:string, d:dynamic)
[
    'James', dynamic({"Name": "John", "Age":20}),
    'David', dynamic({"Name": "Dave", "Age":40}),
    'Emily', dynamic({"Name": "Jasmine", "Age":30}),
]
| evaluate bag_unpack(d, columnsConflict='keep_source')`,
    columns: 'Name:string, Age:long',
    rows: [
      { Name: 'James', Age: 20 },
      { Name: 'David', Age: 40 },
      { Name: 'Emily', Age: 30 },
    ],
  },
  {
    rule: 'bag-unpack-plugin.md ignoredProperties',
    kql: `datatable(d:dynamic)
[
    dynamic({"Name": "John", "Age":20, "Address": "Address-1" }),
    dynamic({"Name": "Dave", "Age":40, "Address": "Address-2"}),
    dynamic({"Name": "Jasmine", "Age":30, "Address": "Address-3"}),
]
| evaluate bag_unpack(d, ignoredProperties=dynamic(['Address', 'Age']))`,
    columns: 'Name:string',
    rows: [{ Name: 'John' }, { Name: 'Dave' }, { Name: 'Jasmine' }],
  },
  {
    rule: 'bag-unpack-plugin.md: a property only some bags hold is null elsewhere',
    kql: `datatable(d:dynamic)
[
    dynamic({"Name": "John", "Age":20}),
    dynamic({ "Name": "Dave", "Height": 170, "Age":40}),
    dynamic({"Name": "Jasmine", "Age":30}),
]
| evaluate bag_unpack(d)`,
    columns: 'Age:long, Height:long, Name:string',
    rows: [
      { Age: 20, Height: null, Name: 'John' },
      { Age: 40, Height: 170, Name: 'Dave' },
      { Age: 30, Height: null, Name: 'Jasmine' },
    ],
  },
  {
    rule: 'bag-unpack-plugin.md OutputSchema with *: the input columns, then the declared ones only',
    kql: `datatable(d:dynamic, Description: string)
[
    dynamic({"Name": "John", "Age":20, "height":180}), "Student",
    dynamic({"Name": "Dave", "Age":40, "height":160}), "Teacher",
    dynamic({"Name": "Jasmine", "Age":30, "height":172}), "Student",
]
| evaluate bag_unpack(d) : (*, Name:string, Age:long)`,
    columns: 'Description:string, Name:string, Age:long',
    rows: [
      { Description: 'Student', Name: 'John', Age: 20 },
      { Description: 'Teacher', Name: 'Dave', Age: 40 },
      { Description: 'Student', Name: 'Jasmine', Age: 30 },
    ],
  },
  {
    rule: 'make-bag-aggregation-function.md: make_bag then bag_unpack',
    kql: `let T = datatable(prop:string, value:string)
[
    "prop01", "val_a",
    "prop02", "val_b",
    "prop03", "val_c",
];
T
| extend p = bag_pack(prop, value)
| summarize bag=make_bag(p)
| evaluate bag_unpack(bag)`,
    columns: 'prop01:string, prop02:string, prop03:string',
    rows: [{ prop01: 'val_a', prop02: 'val_b', prop03: 'val_c' }],
  },
  {
    rule: 'make-bag-if-aggregation-function.md: make_bag_if then bag_unpack',
    kql: `let T = datatable(prop:string, value:string, predicate:bool)
[
    "prop01", "val_a", true,
    "prop02", "val_b", false,
    "prop03", "val_c", true
];
T
| extend p = bag_pack(prop, value)
| summarize bag=make_bag_if(p, predicate)
| evaluate bag_unpack(bag)`,
    columns: 'prop01:string, prop03:string',
    rows: [{ prop01: 'val_a', prop03: 'val_c' }],
  },
  {
    rule: 'pivot-plugin.md "Pivot by a column": count() by default, 0 where a combination has no rows, values in order of appearance',
    kql: `${STORMS} | project State, EventType | evaluate pivot(State)`,
    columns: 'EventType:string, ARKANSAS:long, ARIZONA:long',
    rows: [
      { EventType: 'Heavy Rain', ARKANSAS: 1, ARIZONA: 0 },
      { EventType: 'Lightning', ARKANSAS: 0, ARIZONA: 1 },
      { EventType: 'Thunderstorm Wind', ARKANSAS: 1, ARIZONA: 0 },
      { EventType: 'Flash Flood', ARKANSAS: 0, ARIZONA: 3 },
      { EventType: 'Strong Wind', ARKANSAS: 1, ARIZONA: 0 },
      { EventType: 'Heat', ARKANSAS: 1, ARIZONA: 0 },
    ],
  },
  {
    rule: 'pivot-plugin.md "with aggregation function": sum, the aggregated column is not a grouping column',
    kql: `${STORMS} | project State, EventType, DeathsDirect | where DeathsDirect > 0 | evaluate pivot(State, sum(DeathsDirect))`,
    columns: 'EventType:string, ARKANSAS:long, ARIZONA:long',
    rows: [
      { EventType: 'Heavy Rain', ARKANSAS: 1, ARIZONA: 0 },
      { EventType: 'Lightning', ARKANSAS: 0, ARIZONA: 1 },
      { EventType: 'Thunderstorm Wind', ARKANSAS: 1, ARIZONA: 0 },
      { EventType: 'Flash Flood', ARKANSAS: 0, ARIZONA: 6 },
      { EventType: 'Strong Wind', ARKANSAS: 1, ARIZONA: 0 },
      { EventType: 'Heat', ARKANSAS: 3, ARIZONA: 0 },
    ],
  },
  {
    rule: 'pivot-plugin.md "and a single additional column": the same result',
    kql: `${STORMS} | project State, EventType, DeathsDirect | where DeathsDirect > 0 | evaluate pivot(State, sum(DeathsDirect), EventType)`,
    columns: 'EventType:string, ARKANSAS:long, ARIZONA:long',
    rows: [
      { EventType: 'Heavy Rain', ARKANSAS: 1, ARIZONA: 0 },
      { EventType: 'Lightning', ARKANSAS: 0, ARIZONA: 1 },
      { EventType: 'Thunderstorm Wind', ARKANSAS: 1, ARIZONA: 0 },
      { EventType: 'Flash Flood', ARKANSAS: 0, ARIZONA: 6 },
      { EventType: 'Strong Wind', ARKANSAS: 1, ARIZONA: 0 },
      { EventType: 'Heat', ARKANSAS: 3, ARIZONA: 0 },
    ],
  },
  {
    rule: 'pivot-plugin.md "multiple additional columns": grouped by EventType and Source',
    kql: `${STORMS} | where DeathsDirect > 0 | evaluate pivot(State, sum(DeathsDirect), EventType, Source)`,
    columns: 'EventType:string, Source:string, ARKANSAS:long, ARIZONA:long',
    rows: [
      { EventType: 'Heavy Rain', Source: 'Emergency Manager', ARKANSAS: 1, ARIZONA: 0 },
      { EventType: 'Thunderstorm Wind', Source: 'Emergency Manager', ARKANSAS: 1, ARIZONA: 0 },
      { EventType: 'Lightning', Source: 'Newspaper', ARKANSAS: 0, ARIZONA: 1 },
      { EventType: 'Flash Flood', Source: 'Trained Spotter', ARKANSAS: 0, ARIZONA: 2 },
      { EventType: 'Flash Flood', Source: 'Broadcast Media', ARKANSAS: 0, ARIZONA: 3 },
      { EventType: 'Flash Flood', Source: 'Newspaper', ARKANSAS: 0, ARIZONA: 1 },
      { EventType: 'Strong Wind', Source: 'Law Enforcement', ARKANSAS: 1, ARIZONA: 0 },
      { EventType: 'Heat', Source: 'Newspaper', ARKANSAS: 3, ARIZONA: 0 },
    ],
  },
  {
    rule: 'pivot-plugin.md "query-defined output schema": only the declared values, 0 where none; nothing read first',
    kql: `${STORMS} | project State, EventType | where EventType has "Flash" or EventType has "Heat" | evaluate pivot(State): (EventType:string, ARIZONA:long, ALASKA:long)`,
    columns: 'EventType:string, ARIZONA:long, ALASKA:long',
    rows: [
      { EventType: 'Flash Flood', ARIZONA: 3, ALASKA: 0 },
      { EventType: 'Heat', ARIZONA: 0, ALASKA: 0 },
    ],
  },
];

const TRAPS: TableCase[] = [
  {
    rule: 'bag_unpack: a property whose values differ in type is dynamic; null values are ignored (no column from nulls only)',
    kql: `datatable(d:dynamic)[dynamic({"a": 1, "b": null}), dynamic({"a": "x", "b": null})] | evaluate bag_unpack(d)`,
    columns: 'a:dynamic',
    rows: [{ a: 1 }, { a: 'x' }],
  },
  {
    rule: 'bag_unpack: reals, bools and nested values keep their types; a row that is not a bag gives nulls',
    kql: `datatable(k:long, d:dynamic)[1, dynamic({"r": 1.5, "b": true, "n": {"x": [1]}}), 2, dynamic([1, 2])] | evaluate bag_unpack(d) | sort by k asc`,
    columns: 'k:long, b:bool, n:dynamic, r:real',
    rows: [
      { k: 1, b: true, n: { x: [1] }, r: 1.5 },
      { k: 2, b: null, n: null, r: null },
    ],
    ordered: true,
  },
  {
    rule: 'bag_unpack: a key named __proto__ is a column like any other (attacker-written logs)',
    kql: `datatable(d:dynamic)[dynamic({"__proto__": "x", "constructor": 1})] | evaluate bag_unpack(d)`,
    columns: '__proto__:string, constructor:long',
    // JSON.parse makes __proto__ an own property, as a decoded result row must hold it.
    rows: [JSON.parse('{"__proto__": "x", "constructor": 1}') as Record<string, unknown>],
  },
  {
    rule: 'bag_unpack: keys that differ only in case are two columns (Kusto names are case-sensitive)',
    kql: `datatable(d:dynamic)[dynamic({"AppId": "a", "AppID": "b"})] | evaluate bag_unpack(d)`,
    columns: 'AppID:string, AppId:string',
    rows: [{ AppID: 'b', AppId: 'a' }],
  },
  {
    rule: 'bag_unpack keeps the order of sorted input',
    kql: `datatable(k:long, d:dynamic)[2, dynamic({"a": 2}), 1, dynamic({"a": 1}), 3, dynamic({"a": 3})] | sort by k asc | evaluate bag_unpack(d)`,
    columns: 'k:long, a:long',
    rows: [
      { k: 1, a: 1 },
      { k: 2, a: 2 },
      { k: 3, a: 3 },
    ],
    ordered: true,
  },
  {
    rule: 'bag_unpack over no rows adds no column; column_ifexists then takes its default',
    kql: `datatable(k:long, d:dynamic)[1, dynamic({"a": 1})] | where k > 5 | evaluate bag_unpack(d) | extend a = column_ifexists("a", "none") | project k, a`,
    columns: 'k:long, a:string',
    rows: [],
  },
  {
    rule: 'pivot: make_set over a value without rows is [] (the aggregate over no rows), the AuditLogs AdditionalDetails pattern',
    kql: `datatable(Id:string, AdditionalDetails:dynamic)
[
  'a', dynamic([{"key":"ipaddr","value":"1.2.3.4"},{"key":"User-Agent","value":"x"}]),
  'b', dynamic([{"key":"User-Agent","value":"y"}]),
]
| mv-expand bagexpansion=array AdditionalDetails
| evaluate bag_unpack(AdditionalDetails)
| evaluate pivot(key, make_set(value))`,
    columns: 'Id:string, ipaddr:dynamic, User-Agent:dynamic',
    rows: [
      { Id: 'a', ipaddr: ['1.2.3.4'], 'User-Agent': ['x'] },
      { Id: 'b', ipaddr: [], 'User-Agent': ['y'] },
    ],
  },
  {
    rule: 'pivot: min over no rows is null; a value named like a grouping column takes a suffix',
    kql: `datatable(g:string, p:string, x:long)['a', 'g', 5, 'a', 'h', 7, 'b', 'h', 1] | evaluate pivot(p, min(x))`,
    columns: 'g:string, g1:long, h:long',
    rows: [
      { g: 'a', g1: 5, h: 7 },
      { g: 'b', g1: null, h: 1 },
    ],
  },
  {
    rule: 'pivot of a long column names its columns by the values as text',
    kql: `datatable(g:string, n:long)['a', 1, 'a', 2, 'b', 2] | evaluate pivot(n)`,
    columns: 'g:string, 1:long, 2:long',
    rows: [
      { g: 'a', 1: 1, 2: 1 },
      { g: 'b', 1: 0, 2: 1 },
    ],
  },
];

describe('bag_unpack and pivot, from their reference pages', () => {
  it.each(REFERENCE)('$rule', (c) => checkCase(h, c));
});

describe('bag_unpack and pivot traps', () => {
  it.each(TRAPS)('$rule', (c) => checkCase(h, c));

  it('columnsConflict=error (the default) refuses a property named like an input column', () => {
    const e = h.translationError(
      `datatable(Name:string, d:dynamic)['x', dynamic({"Name": "y"})] | evaluate bag_unpack(d)`,
    );
    expect(e.code).toBe('type');
    expect(e.message).toMatch(/"Name" is already a column/);
  });

  it('without a way to read the data, a data-dependent schema is refused with the remedy (an output schema)', () => {
    const kql = `datatable(d:dynamic)[dynamic({"a": 1})] | evaluate bag_unpack(d)`;
    expect(() => translate(kql, { resolveTable: () => undefined })).toThrow(
      /bag_unpack\(\) decides its columns from the data.*: \(\*, Name:type/,
    );
    const declared = translate(`${kql} : (a:long)`, { resolveTable: () => undefined });
    expect(declared.columns).toEqual([{ name: 'a', type: 'long' }]);
  });

  it('the discovery question is keyed by the call and asked once per translation of it', () => {
    const keys: string[] = [];
    const kql = `let f = (T:(d:dynamic)) { T | evaluate bag_unpack(d) }; let A = datatable(d:dynamic)[dynamic({"a": 1})]; let B = datatable(d:dynamic)[dynamic({"b": 2})]; union f(A), f(B)`;
    const t = translate(kql, {
      resolveTable: () => undefined,
      discoverRows: (r) => {
        keys.push(r.key);
        return h.engine.query(r.sql).rows;
      },
    });
    const at = kql.indexOf('evaluate');
    expect(keys).toEqual([`bag_unpack@${at}#0`, `bag_unpack@${at}#1`]);
    expect(t.columns.map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('bags with more distinct keys than the limit end in a typed limit error', () => {
    const e = h.translationError(
      `range i from 1 to 10001 step 1 | extend d = bag_pack(strcat("k", i), i) | evaluate bag_unpack(d)`,
    );
    expect(e.code).toBe('limit');
  });

  it('pivot with an aggregation outside the documented list is refused by name', () => {
    expect(
      h.translationError(
        `datatable(p:string, x:long)['a', 1] | evaluate pivot(p, percentile(x, 50))`,
      ).message,
    ).toMatch(/percentile/);
  });
});
