import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/db/node-engine.ts';
import type { SqlEngine } from '../../../src/db/engine.ts';
import { dropTable, listTables, loadFile } from '../../../src/ingest/index.ts';
import { textSource } from './helpers.ts';

let db: SqlEngine;
beforeAll(async () => {
  db = await createNodeEngine();
});
afterAll(() => db.close());

const day1 = [
  'TimeGenerated,UserPrincipalName,DurationMs',
  '2026-06-15T10:00:00Z,a@corp.local,1',
  '2026-06-15T11:00:00Z,b@corp.local,2',
].join('\n');
const day2 = [
  'TimeGenerated,UserPrincipalName,IPAddress',
  '2026-06-16T10:00:00Z,c@corp.local,10.0.0.3',
].join('\n');

describe('replace and append', () => {
  it('replaces by default', async () => {
    await loadFile(db, textSource('SigninLogs_day1.csv', day1));
    const t = await loadFile(db, textSource('SigninLogs_day2.csv', day2));
    expect(t.rowCount).toBe(1);
    expect(t.files).toEqual(['SigninLogs_day2.csv']);
    expect(t.schema.columns.map((c) => c.name)).toEqual([
      'TimeGenerated',
      'UserPrincipalName',
      'IPAddress',
    ]);
  });

  it('appends, widening the table; missing strings are "" and missing numbers null', async () => {
    await loadFile(db, textSource('SigninLogs_day1.csv', day1));
    const t = await loadFile(db, textSource('SigninLogs_day2.csv', day2), { mode: 'append' });
    expect(t.rowCount).toBe(3);
    expect(t.files).toEqual(['SigninLogs_day1.csv', 'SigninLogs_day2.csv']);
    expect(t.schema.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'TimeGenerated:datetime',
      'UserPrincipalName:string',
      'DurationMs:long',
      'IPAddress:string',
    ]);
    expect(t.timeRange).toEqual({ min: Date.UTC(2026, 5, 15, 10), max: Date.UTC(2026, 5, 16, 10) });
    const rows = db.query(
      `SELECT UserPrincipalName, DurationMs, IPAddress FROM SigninLogs ORDER BY TimeGenerated`,
    ).rows;
    expect(rows).toEqual([
      ['a@corp.local', 1, ''],
      ['b@corp.local', 2, ''],
      ['c@corp.local', null, '10.0.0.3'],
    ]);
  });

  it('refuses to append a column with another type, leaving the table as it was', async () => {
    await loadFile(
      db,
      textSource('Custom_CL.csv', 'TimeGenerated,Count\n2026-06-15T10:00:00Z,abc\n'),
    );
    const api = {
      tables: [
        {
          name: 'PrimaryResult',
          columns: [
            { name: 'TimeGenerated', type: 'datetime' },
            { name: 'Count', type: 'long' },
          ],
          rows: [['2026-06-16T10:00:00Z', 5]],
        },
      ],
    };
    await expect(
      loadFile(db, textSource('Custom_CL.json', JSON.stringify(api)), { mode: 'append' }),
    ).rejects.toThrow(/column Count is long here but string in the loaded Custom_CL/);
    expect(db.query(`SELECT * FROM Custom_CL`).rows).toEqual([[Date.UTC(2026, 5, 15, 10), 'abc']]);
  });

  it('lists and drops tables', async () => {
    expect(listTables(db).map((t) => t.name)).toEqual(['Custom_CL', 'SigninLogs']);
    dropTable(db, 'Custom_CL');
    expect(listTables(db).map((t) => t.name)).toEqual(['SigninLogs']);
    expect(() => db.query('SELECT * FROM Custom_CL')).toThrow();
  });
});
