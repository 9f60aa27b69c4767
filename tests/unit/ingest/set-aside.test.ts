import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/db/node-engine.ts';
import type { SqlEngine } from '../../../src/db/engine.ts';
import { dropTable, loadFile, rejectedRowsOf } from '../../../src/ingest/index.ts';
import { textSource } from './helpers.ts';

let db: SqlEngine;
beforeAll(async () => {
  db = await createNodeEngine();
});
afterAll(() => db.close());

const HEADER = 'TimeGenerated,UserPrincipalName,DurationMs,Type';

describe("badRows: 'set-aside' loads the readable rows and keeps the others, counted and viewable", () => {
  it('CSV: a ragged row and a bad datetime are set aside with their lines', async () => {
    const text = [
      HEADER,
      '2026-06-15T10:00:00Z,a@corp.local,1,SigninLogs',
      '2026-06-15T10:01:00Z,b@corp.local,2,SigninLogs,extra',
      '2026-06-15T10:02:00Z,"c@corp\nlocal",3,SigninLogs',
      'yesterday,d@corp.local,4,SigninLogs',
      '2026-06-15T10:04:00Z,e@corp.local,5,SigninLogs',
    ].join('\n');
    const t = await loadFile(db, textSource('SigninLogs.csv', text), { badRows: 'set-aside' });
    expect([t.rowCount, t.rejectedRows]).toEqual([3, 2]);
    expect(
      db
        .query(`SELECT UserPrincipalName FROM SigninLogs ORDER BY TimeGenerated`)
        .rows.map((r) => r[0]),
    ).toEqual(['a@corp.local', 'c@corp\nlocal', 'e@corp.local']);
    expect(t.warnings.join(' ')).toMatch(/2 rows could not be read or typed and were set aside/);
    const rejected = rejectedRowsOf(db, 'SigninLogs');
    expect(rejected).toEqual([
      {
        file: 'SigninLogs.csv',
        line: 3,
        column: 'field 5',
        error: 'this row has 5 fields; expected 4, one per header column',
        text: '2026-06-15T10:01:00Z,b@corp.local,2,SigninLogs,extra',
      },
      {
        file: 'SigninLogs.csv',
        line: 6,
        column: 'TimeGenerated',
        error: `"yesterday" is not a datetime: M/D/YYYY, h:mm:ss.fff AM/PM (Log Analytics export, UTC) or ISO-8601 such as 2026-06-15T09:56:49.975Z`,
        text: 'yesterday',
      },
    ]);
  });

  it('a malformed first record does not hide the Type column', async () => {
    const text = [
      HEADER,
      '2026-06-15T10:00:00Z,a@corp.local,1,AuditLogs,extra',
      '2026-06-15T10:01:00Z,b@corp.local,2,AuditLogs',
    ].join('\n');
    const t = await loadFile(db, textSource('export.csv', text), { badRows: 'set-aside' });
    expect([t.name, t.rowCount, t.rejectedRows]).toEqual(['AuditLogs', 1, 1]);
    dropTable(db, 'AuditLogs');
  });

  it('NDJSON: a value that does not convert is set aside with its line', async () => {
    const text = [
      '{"TimeGenerated":"2026-06-15T10:00:00Z","DurationMs":1}',
      '{"TimeGenerated":"2026-06-15T10:00:01Z","DurationMs":"slow"}',
      '{"TimeGenerated":"2026-06-15T10:00:02Z","DurationMs":3}',
    ].join('\n');
    const t = await loadFile(db, textSource('SigninLogs.ndjson', text), { badRows: 'set-aside' });
    expect([t.rowCount, t.rejectedRows]).toEqual([2, 1]);
    expect(rejectedRowsOf(db, 'SigninLogs')).toEqual([
      {
        file: 'SigninLogs.ndjson',
        line: 2,
        column: 'DurationMs',
        error: '"slow" is not a whole number',
        text: 'slow',
      },
    ]);
  });

  it('appending keeps counting; a file with no readable row is still refused; dropping forgets the rejects', async () => {
    const more = [
      HEADER,
      '2026-06-16T10:00:00Z,f@corp.local,x,SigninLogs',
      '2026-06-16T10:01:00Z,g@corp.local,7,SigninLogs',
    ].join('\n');
    const t = await loadFile(db, textSource('SigninLogs_2.csv', more), {
      badRows: 'set-aside',
      mode: 'append',
    });
    expect([t.rowCount, t.rejectedRows]).toEqual([3, 2]);
    expect(rejectedRowsOf(db, 'SigninLogs').map((r) => [r.file, r.line])).toEqual([
      ['SigninLogs.ndjson', 2],
      ['SigninLogs_2.csv', 2],
    ]);
    await expect(
      loadFile(db, textSource('SigninLogs.csv', [HEADER, 'never,a,1,SigninLogs'].join('\n')), {
        badRows: 'set-aside',
      }),
    ).rejects.toThrow(
      /^none of its 1 records could be read; the first, at line 2: "never" is not a datetime/,
    );
    expect(db.query(`SELECT count(*) FROM SigninLogs`).rows[0]![0]).toBe(3);
    dropTable(db, 'SigninLogs');
    expect(rejectedRowsOf(db, 'SigninLogs')).toEqual([]);
  });
});
