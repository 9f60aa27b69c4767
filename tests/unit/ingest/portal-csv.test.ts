import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/db/node-engine.ts';
import type { SqlEngine } from '../../../src/db/engine.ts';
import { knownTable } from '../../../src/schema/catalog.ts';
import { sqlStorageType } from '../../../src/schema/kql-types.ts';
import { listTables, loadFile } from '../../../src/ingest/index.ts';
import type { LoadSource } from '../../../src/ingest/index.ts';
import { LA_EXPORT_BEC, missing } from '../../support/material.ts';
import { becSource, demoSource, papaRecords, sampleSource } from './helpers.ts';

let db: SqlEngine;
beforeAll(async () => {
  db = await createNodeEngine();
});
afterAll(() => db.close());

/** DuckDB's column types of a table, by column. */
function sqlTypes(table: string): Map<string, string> {
  return new Map(db.query(`DESCRIBE "${table}"`).rows.map((r) => [String(r[0]), String(r[1])]));
}

/** "6/15/2026, 3:54:38.131 PM" (the portal's UTC form) → epoch ms: an oracle independent of ingest. */
function portalTime(s: string): number {
  const m = /^(\d+)\/(\d+)\/(\d{4}), (\d+):(\d\d):(\d\d)\.(\d{3}) (AM|PM)$/.exec(s);
  if (!m) throw new Error(`not a portal time: ${s}`);
  const h = (Number(m[4]) % 12) + (m[8] === 'PM' ? 12 : 0);
  return Date.UTC(
    Number(m[3]),
    Number(m[1]) - 1,
    Number(m[2]),
    h,
    Number(m[5]),
    Number(m[6]),
    Number(m[7]),
  );
}

/**
 * The portal's "Export to CSV" read two ways: the real la-export-bec export (../shared; it may not
 * be shipped) and the demo generated in the same format (static/demo), so a clone without ../shared
 * still checks the format. `rows` pins the real export's record count.
 */
const EXPORTS: readonly {
  label: string;
  skip: boolean;
  file: (name: string) => LoadSource;
  rows?: number;
}[] = [
  {
    label: 'la-export-bec',
    skip: missing(LA_EXPORT_BEC, 'the portal CSV tests over the real la-export-bec export'),
    file: becSource,
    rows: 302,
  },
  { label: 'the generated demo', skip: false, file: demoSource },
];

for (const x of EXPORTS)
  describe.skipIf(x.skip)(`Log Analytics portal CSV export (${x.label})`, () => {
    it('loads AADNonInteractiveUserSignInLogs with every record, typed by the catalog', async () => {
      const src = x.file('AADNonInteractiveUserSignInLogs.csv');
      const { header, records } = papaRecords(src.bytes!);
      const t = await loadFile(db, src);
      expect(t.name).toBe('AADNonInteractiveUserSignInLogs');
      expect(t.format).toBe('la-portal-csv');
      expect(t.rowCount).toBe(records.length);
      if (x.rows !== undefined) expect(t.rowCount).toBe(x.rows);
      expect(t.rejectedRows).toBe(0);
      // The table keeps the file's columns, in file order, without the portal's " [UTC]" suffix.
      expect(t.schema.columns.map((c) => c.name)).toEqual(
        header.map((h) => h.replace(' [UTC]', '')),
      );
      const catalog = knownTable('AADNonInteractiveUserSignInLogs')!;
      const types = sqlTypes(t.name);
      for (const c of t.schema.columns) {
        const expected = catalog.columns.find((k) => k.name === c.name)?.type ?? 'string';
        expect({ column: c.name, type: c.type }).toEqual({ column: c.name, type: expected });
        expect({ column: c.name, sql: types.get(c.name) }).toEqual({
          column: c.name,
          sql: sqlStorageType(expected),
        });
      }
      // Here the JSON-looking columns are strings per the schema; AppliedEventListeners is dynamic.
      const typeOf = (n: string) => t.schema.columns.find((c) => c.name === n)?.type;
      expect([
        typeOf('LocationDetails'),
        typeOf('DeviceDetail'),
        typeOf('Status'),
        typeOf('ResultType'),
      ]).toEqual(['string', 'string', 'string', 'string']);
      expect([
        typeOf('TimeGenerated'),
        typeOf('CreatedDateTime'),
        typeOf('DurationMs'),
        typeOf('IsInteractive'),
        typeOf('AppliedEventListeners'),
      ]).toEqual(['datetime', 'datetime', 'long', 'bool', 'dynamic']);
    });

    it('reads the portal datetimes as UTC, exact to the millisecond', () => {
      // Every record's TimeGenerated and CreatedDateTime ("6/15/2026, 9:56:49.975 AM"), read independently.
      const { records } = papaRecords(x.file('AADNonInteractiveUserSignInLogs.csv').bytes!);
      const r = db.query(
        `SELECT Id, TimeGenerated, CreatedDateTime FROM AADNonInteractiveUserSignInLogs`,
      ).rows;
      const loaded = new Set(r.map((row) => JSON.stringify(row)));
      for (const rec of records) {
        expect(
          loaded.has(
            JSON.stringify([
              rec.Id,
              portalTime(rec['TimeGenerated [UTC]']!),
              portalTime(rec['CreatedDateTime [UTC]']!),
            ]),
          ),
        ).toBe(true);
      }
      expect(records.some((rec) => rec['TimeGenerated [UTC]']!.endsWith(' PM'))).toBe(true);
      const pm = db.query(
        `SELECT count(*) FROM AADNonInteractiveUserSignInLogs WHERE hour(TimeGenerated) >= 12`,
      ).rows[0]![0];
      expect(pm).toBeGreaterThan(0); // PM values landed after noon, not at h AM
    });

    it('keeps JSON text cells byte for byte, ResultType as the string "0", strings never null', async () => {
      const src = x.file('AADNonInteractiveUserSignInLogs.csv');
      const { records } = papaRecords(src.bytes!);
      const r = db.query(
        `SELECT LocationDetails, DeviceDetail, Status, AuthenticationDetails, ResultType FROM AADNonInteractiveUserSignInLogs`,
      );
      const loaded = new Set(r.rows.map((x) => JSON.stringify(x)));
      for (const rec of records) {
        expect(
          loaded.has(
            JSON.stringify([
              rec.LocationDetails,
              rec.DeviceDetail,
              rec.Status,
              rec.AuthenticationDetails,
              rec.ResultType,
            ]),
          ),
        ).toBe(true);
      }
      expect(r.rows.some((x) => x[4] === '0')).toBe(true);
      const nulls = db.query(
        `SELECT count(*) FILTER (WHERE MfaDetail IS NULL OR Level IS NULL OR RiskEventTypes_V2 IS NULL) FROM AADNonInteractiveUserSignInLogs`,
      ).rows[0]![0];
      expect(nulls).toBe(0);
    });

    it('loads SigninLogs with its JSON columns as dynamic (canonical JSON text) and reports the time range', async () => {
      const src = x.file('SigninLogs.csv');
      const { records } = papaRecords(src.bytes!);
      const t = await loadFile(db, src);
      expect(t.name).toBe('SigninLogs');
      expect(t.rowCount).toBe(records.length);
      for (const n of [
        'LocationDetails',
        'DeviceDetail',
        'Status',
        'ConditionalAccessPolicies',
        'MfaDetail',
      ]) {
        expect(t.schema.columns.find((c) => c.name === n)?.type).toBe('dynamic');
      }
      const rows = db.query(`SELECT Id, LocationDetails, Status, MfaDetail FROM SigninLogs`).rows;
      for (const rec of records) {
        const row = rows.find((x) => x[0] === rec.Id)!;
        expect(JSON.parse(row[1] as string)).toEqual(JSON.parse(rec.LocationDetails!));
        expect(row[2]).toBe(rec.Status); // already compact JSON: unchanged
        expect(row[3]).toBe(rec.MfaDetail === '' ? null : rec.MfaDetail); // an empty dynamic cell is KQL's null
      }
      const times = records.map((rec) => portalTime(rec['TimeGenerated [UTC]']!));
      expect(t.timeRange).toEqual({ min: Math.min(...times), max: Math.max(...times) });
      const first = records[0]!;
      const exact = db.query(
        `SELECT count(*) FROM SigninLogs WHERE Id = '${first.Id}' AND TimeGenerated = make_timestamp(${portalTime(first['TimeGenerated [UTC]']!)}::BIGINT * 1000)`,
      ).rows[0]![0];
      expect(exact).toBe(1);
    });

    it('loads AuditLogs (quoted headers, dynamic InitiatedBy/TargetResources, empty ResultType stays "")', async () => {
      const src = x.file('AuditLogs.csv');
      const { records } = papaRecords(src.bytes!);
      const t = await loadFile(db, src);
      expect(t.name).toBe('AuditLogs');
      expect(t.rowCount).toBe(records.length);
      expect(t.schema.columns.find((c) => c.name === 'ActivityDateTime')?.type).toBe('datetime');
      const r = db.query(
        `SELECT ResultType, TargetResources FROM AuditLogs WHERE Id = ?`.replace(
          '?',
          `'${records[0]!.Id}'`,
        ),
      ).rows[0]!;
      expect(r[0]).toBe('');
      expect(JSON.parse(r[1] as string)).toEqual(JSON.parse(records[0]!.TargetResources!));
    });
  });

describe('Training-lab export (BOM, CRLF, multi-line JSON cells, TRUE booleans)', () => {
  it('loads every record, names the table from the Type column and keeps multi-line cells intact', async () => {
    const src = sampleSource('training-lab/sign-in_adelete.csv');
    expect(Array.from(src.bytes!.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    const { header, records } = papaRecords(src.bytes!);
    const t = await loadFile(db, src, { table: undefined });
    expect(t.name).toBe('SigninLogs'); // from Type, not from the file name "sign-in_adelete.csv"
    expect(t.rowCount).toBe(records.length);
    expect(t.rowCount).toBe(56);
    expect(t.schema.columns[0]!.name).toBe('TenantId'); // the BOM is not part of the first name
    expect(t.schema.columns.map((c) => c.name)).toEqual(header.map((h) => h.replace(' [UTC]', '')));
    // No TimeGenerated in this export: a snapshot, said so, not invented from CreatedDateTime.
    expect(t.timeRange).toBeNull();
    expect(t.warnings.join('\n')).toMatch(/no TimeGenerated/);
    const rows = db.query(`SELECT Id, AuthenticationDetails, IsInteractive FROM SigninLogs`).rows;
    const multiLine = records.filter((rec) => rec.AuthenticationDetails!.includes('\r\n'));
    expect(multiLine.length).toBeGreaterThan(0);
    for (const rec of records) {
      const row = rows.find((x) => x[0] === rec.Id)!;
      expect(row[1]).toBe(rec.AuthenticationDetails); // a string column: CRLFs inside the cell kept
      expect(row[2]).toBe(rec.IsInteractive!.toLowerCase() === 'true');
    }
    expect(listTables(db).find((x) => x.name === 'SigninLogs')?.files).toEqual([
      'sign-in_adelete.csv',
    ]);
  });
});

describe('a Blob source (what the browser hands over)', () => {
  it('loads the same rows as bytes do', async () => {
    const src = demoSource('SigninLogs.csv');
    const t = await loadFile(db, {
      name: 'SigninLogs.csv',
      blob: new Blob([src.bytes! as Uint8Array<ArrayBuffer>]),
    });
    expect(t.rowCount).toBe(papaRecords(src.bytes!).records.length);
  });
});
