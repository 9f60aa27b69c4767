import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/db/node-engine.ts';
import type { SqlEngine } from '../../../src/db/engine.ts';
import { IngestError, listTables, loadFile, type LoadSource } from '../../../src/ingest/index.ts';
import { demoSource, fixtureSource, snapshot, textSource, userTables } from './helpers.ts';

let db: SqlEngine;
let before: string;
let tablesBefore: string[];

beforeAll(async () => {
  db = await createNodeEngine();
  await loadFile(db, fixtureSource('SigninLogs_2026-06-15_iso.csv'));
  before = snapshot(db, 'SigninLogs');
  tablesBefore = userTables(db);
});
afterAll(() => db.close());

async function failure(src: LoadSource, options = {}): Promise<IngestError> {
  try {
    await loadFile(db, src, options);
  } catch (e) {
    expect(e).toBeInstanceOf(IngestError);
    return e as IngestError;
  }
  throw new Error(`${src.name} loaded, but it should have been refused`);
}

/** The earlier table is byte-for-byte unchanged and no staging table or file was left behind. */
function expectNothingLost(): void {
  expect(snapshot(db, 'SigninLogs')).toBe(before);
  expect(userTables(db)).toEqual(tablesBefore);
  expect(listTables(db).map((t) => t.name)).toEqual(['SigninLogs']);
}

const HEADER = 'TimeGenerated,UserPrincipalName,IPAddress,ResultType,Type';
const ok = (n: number) => `2026-06-15T10:0${n}:00Z,u${n}@corp.local,10.0.0.${n},0,SigninLogs`;

describe('bad input: a clear message naming file, line and expectation; nothing already loaded is lost', () => {
  it('ragged row', async () => {
    const e = await failure(
      textSource('SigninLogs.csv', [HEADER, ok(1), ok(2), `${ok(3)},extra`, ok(4)].join('\n')),
    );
    expect(e.code).toBe('ragged-row');
    expect(e.position).toMatchObject({ file: 'SigninLogs.csv', line: 4 });
    // The message says what; the position says where (the CLI prints file:line:column: message).
    expect(e.message).toBe(
      'this row has 6 fields; expected 5, one per header column (nothing was loaded).',
    );
    expect(e.describe()).toBe(
      'SigninLogs.csv:4:1: this row has 6 fields; expected 5, one per header column (nothing was loaded).',
    );
    expectNothingLost();
  });

  it('ragged row after a multi-line cell: the line is the physical line', async () => {
    const text = [
      HEADER,
      `2026-06-15T10:01:00Z,"a\nb\nc",10.0.0.1,0,SigninLogs`,
      `${ok(2)},x`,
    ].join('\r\n');
    const e = await failure(textSource('SigninLogs.csv', text));
    expect(e.code).toBe('ragged-row');
    expect(e.position.line).toBe(5);
    expectNothingLost();
  });

  it('unbalanced quotes', async () => {
    const e = await failure(
      textSource(
        'SigninLogs.csv',
        [HEADER, ok(1), `2026-06-15T10:02:00Z,"u2@corp.local,10.0.0.2,0,SigninLogs`, ok(3)].join(
          '\n',
        ),
      ),
    );
    expect(e.code).toBe('unbalanced-quote');
    expect(e.position).toMatchObject({ file: 'SigninLogs.csv', line: 3 });
    expect(e.describe()).toMatch(
      /^SigninLogs\.csv:3:\d+: a quoted value that starts here never ends: expected a closing double quote/,
    );
    expectNothingLost();
  });

  it('a JSON syntax error, with line and column', async () => {
    const text =
      '{"tables":[{"name":"PrimaryResult",\n "columns":[{"name":"TimeGenerated","type":"datetime"}],\n "rows":[["2026-06-15T10:00:00Z"],,]}]}';
    const e = await failure(textSource('SigninLogs.json', text));
    expect(e.code).toBe('bad-json');
    expect(e.position).toMatchObject({ file: 'SigninLogs.json', line: 3, column: 35 });
    expect(e.describe()).toBe(
      'SigninLogs.json:3:35: invalid JSON: expected a value (string, number, object, array, true, false or null).',
    );
    expectNothingLost();
  });

  it('a datetime in an unknown format names the line, column, value and the accepted forms', async () => {
    const text = [
      HEADER,
      ok(1),
      ok(2),
      `"15.06.2026 10:03",u3@corp.local,10.0.0.3,0,SigninLogs`,
      `"16.06.2026 10:04",u4@corp.local,10.0.0.4,0,SigninLogs`,
    ].join('\n');
    const e = await failure(textSource('SigninLogs.csv', text));
    expect(e.code).toBe('bad-datetime');
    expect(e.position).toMatchObject({ file: 'SigninLogs.csv', line: 4 });
    expect(e.describe()).toBe(
      'SigninLogs.csv:4: column TimeGenerated: "15.06.2026 10:03" is not a datetime: M/D/YYYY, h:mm:ss.fff AM/PM (Log Analytics export, UTC) or ISO-8601 such as 2026-06-15T09:56:49.975Z. 2 rows in all have such values; nothing was loaded.',
    );
    expectNothingLost();
  });

  it('a bad datetime in API JSON names the row', async () => {
    const text = JSON.stringify({
      tables: [
        {
          name: 'PrimaryResult',
          columns: [
            { name: 'TimeGenerated', type: 'datetime' },
            { name: 'Type', type: 'string' },
          ],
          rows: [
            ['2026-06-15T10:00:00Z', 'SigninLogs'],
            ['yesterday', 'SigninLogs'],
          ],
        },
      ],
    });
    const e = await failure(textSource('x.json', text));
    expect(e.code).toBe('bad-datetime');
    expect(e.describe()).toMatch(
      /^x\.json: tables\[0\]\.rows\[1\], column TimeGenerated: "yesterday" is not a datetime/,
    );
    expectNothingLost();
  });

  it('a number that is not a number', async () => {
    const e = await failure(
      textSource(
        'SigninLogs.csv',
        [
          'TimeGenerated,DurationMs,Type',
          '2026-06-15T10:00:00Z,12,SigninLogs',
          '2026-06-15T10:01:00Z,12ms,SigninLogs',
        ].join('\n'),
      ),
    );
    expect(e.code).toBe('bad-value');
    expect(e.describe()).toBe(
      'SigninLogs.csv:3: column DurationMs: "12ms" is not a whole number. Nothing was loaded.',
    );
    expectNothingLost();
  });

  it('ragged rows in API JSON', async () => {
    const text = JSON.stringify({
      tables: [
        {
          name: 'PrimaryResult',
          columns: [
            { name: 'A', type: 'string' },
            { name: 'B', type: 'string' },
          ],
          rows: [['1', '2'], ['3']],
        },
      ],
    });
    const e = await failure(textSource('SigninLogs.json', text));
    expect(e.code).toBe('ragged-row');
    expect(e.describe()).toBe(
      'SigninLogs.json: tables[0].rows[1] has 1 values; expected 2 values, one per column.',
    );
    expectNothingLost();
  });

  it('an empty file, a binary file, a header-only file', async () => {
    expect((await failure(textSource('SigninLogs.csv', ''))).describe()).toBe(
      'SigninLogs.csv is empty: expected a CSV header row or a JSON document.',
    );
    const bin = await failure({
      name: 'SigninLogs.csv',
      bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08]),
    });
    expect(bin.code).toBe('binary-file');
    const headerOnly = await failure(textSource('SigninLogs.csv', `${HEADER}\r\n`));
    expect(headerOnly.code).toBe('header-only');
    expect(headerOnly.describe()).toBe(
      'SigninLogs.csv:2: the file has column names but no rows: expected at least one record after the header.',
    );
    expectNothingLost();
  });

  it('a header row that is not CSV', async () => {
    const e = await failure(
      textSource(
        'SigninLogs.csv',
        '"TimeGenerated,UserPrincipalName\n2026-06-15T10:00:00Z,a@b.c\n',
      ),
    );
    expect(e.code).toBe('bad-csv');
    expect(e.position).toMatchObject({ file: 'SigninLogs.csv', line: 1 });
    expect(e.describe()).toMatch(
      /^SigninLogs\.csv:1: the header row cannot be read as CSV \(.+\); expected comma- or tab-separated column names\.$/,
    );
    expectNothingLost();
  });

  it('duplicate column names', async () => {
    const e = await failure(
      textSource(
        'SigninLogs.csv',
        [
          'TimeGenerated [UTC],IPAddress,TimeGenerated',
          '"6/15/2026, 9:56:49.975 AM",1.2.3.4,x',
        ].join('\n'),
      ),
    );
    expect(e.code).toBe('duplicate-column');
    expect(e.describe()).toBe(
      'SigninLogs.csv:1: fields 1 ("TimeGenerated [UTC]") and 3 ("TimeGenerated") of the header name the same column "TimeGenerated"; expected each column once.',
    );
    expectNothingLost();
  });

  it('a file whose table cannot be told asks for the table', async () => {
    const e = await failure(
      textSource('export.csv', 'TimeGenerated,UserPrincipalName\n2026-06-15T10:00:00Z,a@b.c\n'),
    );
    expect(e.code).toBe('unknown-table');
    expect(e.describe()).toMatch(
      /^export\.csv: Cannot tell which Sentinel table this file holds: .*Choose the table/,
    );
    expectNothingLost();
  });

  it('a file mixing several tables', async () => {
    const e = await failure(
      textSource(
        'mixed.csv',
        [
          HEADER,
          ok(1),
          '2026-06-15T10:05:00Z,u5@corp.local,10.0.0.5,0,AADNonInteractiveUserSignInLogs',
        ].join('\n'),
      ),
    );
    expect(e.code).toBe('mixed-tables');
    expectNothingLost();
  });

  it('truncated JSON says where it ends', async () => {
    const e = await failure(
      textSource(
        'SigninLogs.json',
        '{"tables":[{"name":"PrimaryResult","columns":[{"name":"A","type":"string"}],\n"rows":[["x"',
      ),
    );
    expect(e.code).toBe('bad-json');
    expect(e.describe()).toBe(
      'SigninLogs.json:2:13: invalid JSON: expected more JSON: the file ends inside a value (truncated?).',
    );
    expectNothingLost();
  });

  it('a file of another table: no column in common with the table it would fill', async () => {
    const e = await failure(textSource('SigninLogs.json', '{"something":[1,2,3]}'));
    expect(e.code).toBe('other-table');
    expect(e.describe()).toMatch(
      /^SigninLogs\.json: none of its columns \(Something\) is a column of SigninLogs; expected a SigninLogs export/,
    );
    expectNothingLost();
  });

  it('a file of another table appended to a chosen table', async () => {
    const e = await failure(demoSource('AuditLogs.csv'), { table: 'SigninLogs', mode: 'append' });
    expect(e.code).toBe('other-table');
    expect(e.message).toBe(
      'AuditLogs.csv holds AuditLogs records (its Type column); expected SigninLogs records to append to SigninLogs.',
    );
    expectNothingLost();
  });

  it('an aborted load changes nothing', async () => {
    const ac = new AbortController();
    ac.abort();
    const e = await failure(textSource('SigninLogs.csv', [HEADER, ok(1)].join('\n')), {
      signal: ac.signal,
    });
    expect(e.code).toBe('cancelled');
    expectNothingLost();
  });
});
