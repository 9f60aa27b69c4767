/**
 * Kusto column names are case-sensitive: `AppId` and `AppID` are two columns (published Sentinel
 * rules carry both, e.g. a sign-in's AppId next to a summarized AppID). DuckDB's identifiers
 * ignore case even quoted, so the naive translation (each column's SQL name = its Kusto name)
 * fails with a duplicate-column error or silently merges the two. Trap cases through the real
 * translator and DuckDB-WASM (src/kql/sql-names.ts).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createHarness, type KqlHarness } from './harness.ts';
import { checkCase, type TableCase } from './table-cases.ts';

let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
  h.table(
    'S',
    [
      { name: 'AppId', type: 'string' },
      { name: 'Name', type: 'string' },
    ],
    [`'a1', 'x'`, `'a2', 'y'`],
  );
  h.table(
    'R',
    [
      { name: 'AppID', type: 'string' },
      { name: 'name', type: 'long' },
    ],
    [`'a1', 10`, `'a3', 30`],
  );
});
afterAll(() => h.engine.close());

const CASES: TableCase[] = [
  {
    rule: 'print keeps a and A apart (naive: DuckDB refuses the duplicate name)',
    kql: 'print a = 1, A = 2',
    columns: 'a:long, A:long',
    rows: [{ a: 1, A: 2 }],
  },
  {
    rule: 'extend adds name beside Name instead of replacing it (naive: the new column overwrites or clashes)',
    kql: 'S | extend name = strlen(Name) | project AppId, Name, name',
    columns: 'AppId:string, Name:string, name:long',
    rows: [
      { AppId: 'a1', Name: 'x', name: 1 },
      { AppId: 'a2', Name: 'y', name: 1 },
    ],
  },
  {
    rule: 'a join keeps the left AppId and the right AppID as two columns, reading each from its side',
    kql: 'S | join kind=inner (R) on $left.AppId == $right.AppID | project AppId, AppID, Name, name',
    columns: 'AppId:string, AppID:string, Name:string, name:long',
    rows: [{ AppId: 'a1', AppID: 'a1', Name: 'x', name: 10 }],
  },
  {
    rule: 'summarize by two case-twin columns, then reading each back by its exact name',
    kql: 'S | extend APPID = toupper(AppId) | summarize n = count() by AppId, APPID | project APPID, AppId, n',
    columns: 'APPID:string, AppId:string, n:long',
    rows: [
      { APPID: 'A1', AppId: 'a1', n: 1 },
      { APPID: 'A2', AppId: 'a2', n: 1 },
    ],
  },
  {
    rule: 'union lines up case twins by exact name (AppId from S, AppID from R are different columns)',
    kql: 'union (S | project AppId), (R | project AppID)',
    columns: 'AppId:string, AppID:string',
    rows: [
      { AppId: 'a1', AppID: '' },
      { AppId: 'a2', AppID: '' },
      { AppId: '', AppID: 'a1' },
      { AppId: '', AppID: 'a3' },
    ],
  },
  {
    rule: 'project-rename to a case twin of another column, then sort and where still read the right one',
    kql: 'S | extend appid = "z" | project-rename APPID = AppId | where APPID == "a2" | sort by appid | project APPID, appid',
    columns: 'APPID:string, appid:string',
    rows: [{ APPID: 'a2', appid: 'z' }],
    ordered: true,
  },
];

describe('case-sensitive column names', () => {
  for (const c of CASES) it(c.rule, () => checkCase(h, c));
});
