/**
 * find over the loaded tables (Kusto docs, find operator: the page's EventsTable1/EventsTable2
 * examples), and fork/facet, refused because they return several tables.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type KqlHarness } from './harness.ts';

let h: KqlHarness;
const S1 = 'acbd207d-51aa-4df7-bfa7-be70eb68f04e';
beforeAll(async () => {
  h = await createHarness();
  const s = (n: string) => ({ name: n, type: 'string' as const });
  h.table(
    'EventsTable1',
    [s('Session_Id'), s('Level'), s('EventText'), s('Version')],
    [
      `'${S1}', 'Information', 'Some Text1', 'v1.0.0'`,
      `'${S1}', 'Error', 'Some Text2', 'v1.0.0'`,
      `'28b8e46e-3c31-43cf-83cb-48921c3986fc', 'Error', 'Some Text3', 'v1.0.1'`,
      `'8f057b11-3281-45c3-a856-05ebb18a3c59', 'Information', 'Some Text4', 'v1.1.0'`,
    ],
  );
  h.table(
    'EventsTable2',
    [s('Session_Id'), s('Level'), s('EventText'), s('EventName')],
    [
      `'f7d5f95f-f580-4ea6-830b-5776c8d64fdd', 'Information', 'Some Other Text1', 'Event1'`,
      `'${S1}', 'Information', 'Some Other Text2', 'Event2'`,
      `'${S1}', 'Error', 'Some Other Text3', 'Event3'`,
      `'15eaeab5-8576-4b58-8fc6-478f75d8fee4', 'Error', 'Some Other Text4', 'Event4'`,
    ],
  );
  h.table(
    'Counters',
    [
      { name: 'N', type: 'long' },
      { name: 'Level', type: 'long' },
    ],
    ['1, 5', '2, 7'],
  );
});
afterAll(() => h.engine.close());

type Row = Record<string, unknown>;
const sorted = (rows: Row[]) =>
  [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('find', () => {
  it('searches every loaded table with the columns; project-smart: predicate and common columns, the rest in pack_ (page example)', () => {
    const rows = h.run(`find Session_Id == '${S1}'`);
    expect(sorted(rows)).toEqual(
      sorted([
        {
          source_: 'EventsTable1',
          Session_Id: S1,
          Level: 'Information',
          EventText: 'Some Text1',
          pack_: { Version: 'v1.0.0' },
        },
        {
          source_: 'EventsTable1',
          Session_Id: S1,
          Level: 'Error',
          EventText: 'Some Text2',
          pack_: { Version: 'v1.0.0' },
        },
        {
          source_: 'EventsTable2',
          Session_Id: S1,
          Level: 'Information',
          EventText: 'Some Other Text2',
          pack_: { EventName: 'Event2' },
        },
        {
          source_: 'EventsTable2',
          Session_Id: S1,
          Level: 'Error',
          EventText: 'Some Other Text3',
          pack_: { EventName: 'Event3' },
        },
      ]),
    );
  });

  it('a condition on a column a table lacks is false there: each table is filtered by its own column (page example)', () => {
    const rows = h.run(
      "find Version == 'v1.0.0' or EventName == 'Event1' project Session_Id, EventText, Version, EventName",
    );
    expect(sorted(rows)).toEqual(
      sorted([
        {
          source_: 'EventsTable1',
          Session_Id: S1,
          EventText: 'Some Text1',
          Version: 'v1.0.0',
          EventName: '',
        },
        {
          source_: 'EventsTable1',
          Session_Id: S1,
          EventText: 'Some Text2',
          Version: 'v1.0.0',
          EventName: '',
        },
        {
          source_: 'EventsTable2',
          Session_Id: 'f7d5f95f-f580-4ea6-830b-5776c8d64fdd',
          EventText: 'Some Other Text1',
          Version: '',
          EventName: 'Event1',
        },
      ]),
    );
  });

  it('in (…) limits the tables; withsource renames the source column; a table with none of the columns is left out', () => {
    const rows = h.run(`find withsource=T in (EventsTable1, Counters) where EventText has "Text2"`);
    expect(rows).toEqual([
      {
        T: 'EventsTable1',
        Session_Id: S1,
        Level: 'Error',
        EventText: 'Some Text2',
        Version: 'v1.0.0',
      },
    ]);
  });

  it('a table pattern in in (…) matches the loaded tables; * has "term" searches every string column', () => {
    const rows = h.run(`find in (Events*) where * has "Text4" project source_, EventText`);
    expect(sorted(rows)).toEqual(
      sorted([
        { source_: 'EventsTable1', EventText: 'Some Text4' },
        { source_: 'EventsTable2', EventText: 'Some Other Text4' },
      ]),
    );
  });

  it('a column with different types in the tables takes the type Kusto.Language gives it (dynamic), each value converted', () => {
    const kql = 'find in (Counters, EventsTable1) where Level == 7 or Level == "Error"';
    expect(h.translate(kql).columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'source_:string',
      'Level:dynamic',
      'pack_:dynamic',
    ]);
    expect(sorted(h.run(kql))).toEqual(
      sorted([
        { source_: 'Counters', Level: 7, pack_: { N: 2 } },
        {
          source_: 'EventsTable1',
          Level: 'Error',
          pack_: { Session_Id: S1, EventText: 'Some Text2', Version: 'v1.0.0' },
        },
        {
          source_: 'EventsTable1',
          Level: 'Error',
          pack_: {
            Session_Id: '28b8e46e-3c31-43cf-83cb-48921c3986fc',
            EventText: 'Some Text3',
            Version: 'v1.0.1',
          },
        },
      ]),
    );
  });

  it('a projected column a table lacks is null there', () => {
    const rows = h.run(
      'find in (Counters, EventsTable1) where Level == 7 or EventText == "Some Text3" project source_, N',
    );
    expect(sorted(rows)).toEqual(
      sorted([
        { source_: 'Counters', N: 2 },
        { source_: 'EventsTable1', N: null },
      ]),
    );
  });

  it('project with a type converts the column', () => {
    const rows = h.run('find in (Counters) where N > 1 project N:string');
    expect(rows).toEqual([{ source_: 'Counters', N: '2' }]);
  });

  it('no matching row gives the columns and no rows', () => {
    expect(h.run('find in (Counters) where N > 100')).toEqual([]);
  });
});

describe('fork and facet', () => {
  it.each([
    'EventsTable1 | fork (where Level == "Error") (take 1)',
    'EventsTable1 | facet by Level',
  ])('are refused with the multiple-results reason: %s', (kql) => {
    const e = h.translationError(kql);
    expect(e.code).toBe('unsupported');
    expect(e.message).toMatch(/returns several tables/);
  });
});
