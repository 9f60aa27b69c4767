import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/db/node-engine.ts';
import type { SqlEngine } from '../../../src/db/engine.ts';
import { loadFile } from '../../../src/ingest/index.ts';
import { textSource, userTables } from './helpers.ts';

let db: SqlEngine;
beforeAll(async () => {
  db = await createNodeEngine();
  db.exec(`CREATE TABLE x (keep INTEGER); INSERT INTO x VALUES (1)`);
});
afterAll(() => db.close());

const HOSTILE = [
  `'; DROP TABLE x; --`,
  `<script>alert(1)</script>`,
  `"); DROP TABLE x; --`,
  `=HYPERLINK("http://evil.invalid","click")`,
];

function csvCell(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}

describe('cell content is data, never SQL or markup', () => {
  it('CSV cells holding SQL and HTML are loaded verbatim and run nothing', async () => {
    const rows = HOSTILE.map(
      (h, i) => `2026-06-15T10:0${i}:00Z,${csvCell(h)},${csvCell(h)},SigninLogs`,
    );
    const t = await loadFile(
      db,
      textSource(
        'SigninLogs.csv',
        ['TimeGenerated,UserPrincipalName,LocationDetails,Type', ...rows].join('\n'),
      ),
    );
    expect(t.rowCount).toBe(HOSTILE.length);
    const got = db.query(
      `SELECT UserPrincipalName, LocationDetails FROM SigninLogs ORDER BY TimeGenerated`,
    ).rows;
    expect(got.map((r) => r[0])).toEqual(HOSTILE);
    // LocationDetails is dynamic in SigninLogs: text that is not JSON becomes a JSON string of that text.
    expect(got.map((r) => JSON.parse(r[1] as string))).toEqual(HOSTILE);
    expect(db.query(`SELECT keep FROM x`).rows).toEqual([[1]]);
  });

  it('API JSON values holding SQL are bound as parameters, and hostile column names are quoted', async () => {
    const doc = {
      tables: [
        {
          name: 'PrimaryResult',
          columns: [
            { name: 'TimeGenerated', type: 'datetime' },
            { name: 'Note"; DROP TABLE x; --', type: 'string' },
            { name: 'Type', type: 'string' },
          ],
          rows: HOSTILE.map((h, i) => [`2026-06-15T10:0${i}:00.0000000Z`, h, 'AuditLogs']),
        },
      ],
    };
    const t = await loadFile(db, textSource('audit.json', JSON.stringify(doc)));
    expect(t.name).toBe('AuditLogs');
    expect(t.schema.columns.map((c) => c.name)).toEqual([
      'TimeGenerated',
      'Note"; DROP TABLE x; --',
      'Type',
    ]);
    const got = db
      .query(`SELECT "Note""; DROP TABLE x; --" FROM AuditLogs ORDER BY TimeGenerated`)
      .rows.map((r) => r[0]);
    expect(got).toEqual(HOSTILE);
    expect(userTables(db)).toContain('x');
    expect(db.query(`SELECT keep FROM x`).rows).toEqual([[1]]);
  });

  it('a hostile Type value is refused as a table name instead of reaching SQL', async () => {
    const text = ['TimeGenerated,Type', `2026-06-15T10:00:00Z,${csvCell('x; DROP TABLE x')}`].join(
      '\n',
    );
    await expect(loadFile(db, textSource('SigninLogs.csv', text))).rejects.toThrow(
      /is not a table name/,
    );
    expect(db.query(`SELECT keep FROM x`).rows).toEqual([[1]]);
  });
});
