import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/db/node-engine.ts';
import type { SqlEngine } from '../../../src/db/engine.ts';
import { loadFile } from '../../../src/ingest/index.ts';
import { FIXTURES, fixtureSource } from './helpers.ts';

let db: SqlEngine;
beforeAll(async () => {
  db = await createNodeEngine();
});
afterAll(() => db.close());

/** Microseconds since the epoch of a TIMESTAMP column, exact (epoch ms as returned loses the last digits). */
function micros(table: string, column: string, where: string): number {
  return db.query(`SELECT epoch_us("${column}") FROM "${table}" WHERE ${where}`)
    .rows[0]![0] as number;
}

describe('CSV with plain headers and ISO-8601 datetimes', () => {
  it('names the table from the file name and reads Z, offsets, spaces and 7-digit fractions as UTC', async () => {
    const t = await loadFile(db, fixtureSource('SigninLogs_2026-06-15_iso.csv'));
    expect(t.name).toBe('SigninLogs');
    expect(t.format).toBe('csv');
    expect(t.rowCount).toBe(3);
    // 2026-06-15T09:56:49.9751234Z: 100-ns ticks kept to the microsecond (the 7th digit is below DuckDB's resolution).
    expect(
      micros('SigninLogs', 'TimeGenerated', `UserPrincipalName = 'isaacdunham@corp.local'`),
    ).toBe(Date.UTC(2026, 5, 15, 9, 56, 49, 975) * 1000 + 123);
    // "2026-06-15 10:01:02.5" (no zone: UTC) and "2026-06-15T12:01:02+02:00" (an offset: 10:01:02 UTC).
    const r = db.query(
      `SELECT TimeGenerated, CreatedDateTime, ResultType, IsInteractive, DurationMs, ExtraNote FROM SigninLogs WHERE IPAddress = '203.0.113.7'`,
    ).rows[0]!;
    expect(r).toEqual([
      Date.UTC(2026, 5, 15, 10, 1, 2, 500),
      Date.UTC(2026, 5, 15, 10, 1, 2),
      '50126',
      false,
      12,
      'two\nlines',
    ]);
  });

  it('types known columns by the catalog and keeps unknown ones as strings', async () => {
    const t = await loadFile(db, fixtureSource('SigninLogs_2026-06-15_iso.csv'));
    const typeOf = (n: string) => t.schema.columns.find((c) => c.name === n)?.type;
    expect([
      typeOf('LocationDetails'),
      typeOf('Status'),
      typeOf('ExtraNote'),
      typeOf('RiskLevelDuringSignIn'),
    ]).toEqual(['dynamic', 'dynamic', 'string', 'string']);
    // Dynamic cells become compact JSON; empty ones are null; '[]'/'{}' stay.
    const rows = db.query(
      `SELECT LocationDetails, Status, DurationMs, RiskLevelDuringSignIn FROM SigninLogs ORDER BY TimeGenerated`,
    ).rows;
    expect(rows[1]![0]).toBe('{"city":"Lagos","countryOrRegion":"NG"}');
    expect(rows[2]).toEqual(['[]', '{}', null, '']);
  });
});

describe('Log Analytics query API JSON', () => {
  it('loads rows with declared types, 7-digit datetimes and JSON values as data', async () => {
    const doc = JSON.parse(
      readFileSync(join(FIXTURES, 'AADNonInteractiveUserSignInLogs_api.json'), 'utf8'),
    );
    const t = await loadFile(db, fixtureSource('AADNonInteractiveUserSignInLogs_api.json'));
    expect(t.name).toBe('AADNonInteractiveUserSignInLogs'); // from the Type column
    expect(t.format).toBe('la-api-json');
    expect(t.rowCount).toBe(doc.tables[0].rows.length);
    expect(t.schema.columns.map((c) => c.name)).toEqual(
      doc.tables[0].columns.map((c: { name: string }) => c.name),
    );
    const typeOf = (n: string) => t.schema.columns.find((c) => c.name === n)?.type;
    expect([
      typeOf('TimeGenerated'),
      typeOf('DurationMs'),
      typeOf('IsInteractive'),
      typeOf('LocationDetails'),
      typeOf('AppliedEventListeners'),
      typeOf('_BilledSize'),
    ]).toEqual(['datetime', 'long', 'bool', 'string', 'dynamic', 'real']);
    const cols = doc.tables[0].columns.map((c: { name: string }) => c.name) as string[];
    const first = doc.tables[0].rows[0] as unknown[];
    const id = first[cols.indexOf('Id')] as string;
    // 100-ns ticks (7 digits), kept to the microsecond: the 7th digit is below DuckDB's resolution.
    const time = first[cols.indexOf('TimeGenerated')] as string;
    const m = /^(.{19})\.(\d{7})Z$/.exec(time)!;
    expect(m, time).not.toBeNull();
    expect(micros('AADNonInteractiveUserSignInLogs', 'TimeGenerated', `Id = '${id}'`)).toBe(
      Date.parse(`${m[1]}Z`) * 1000 + Number(m[2]!.slice(0, 6)),
    );
    const r = db.query(
      `SELECT LocationDetails, IsRisky, _BilledSize, AppliedEventListeners, ResultType FROM AADNonInteractiveUserSignInLogs WHERE Id = '${id}'`,
    ).rows[0]!;
    expect(r[0]).toBe(first[cols.indexOf('LocationDetails')]); // a string column holding JSON text, unchanged
    expect(first[cols.indexOf('IsRisky')]).toBeNull();
    expect(r[1]).toBeNull(); // a null bool stays null
    expect(r[2]).toBe(first[cols.indexOf('_BilledSize')]);
    expect(first[cols.indexOf('AppliedEventListeners')]).toBeNull();
    expect(r[3]).toBeNull(); // a null dynamic stays KQL's dynamic null
    expect(r[4]).toBe(first[cols.indexOf('ResultType')]);
    expect(r[4]).toBe('0');
  });
});
