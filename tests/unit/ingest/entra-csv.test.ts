import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/db/node-engine.ts';
import type { SqlEngine } from '../../../src/db/engine.ts';
import { loadFile } from '../../../src/ingest/index.ts';
import { entraTableOfFile, mapEntraRow, pascalHeader } from '../../../src/ingest/entra-csv.ts';
import { FIXTURES, fixtureSource } from './helpers.ts';

let db: SqlEngine;
beforeAll(async () => {
  db = await createNodeEngine();
});
afterAll(() => db.close());

const NAME = 'InteractiveSignIns_2026-06-15_2026-06-16.csv';
const CA_STATUS: Record<string, string> = {
  'Not Applied': 'notApplied',
  Success: 'success',
  Failure: 'failure',
};

function fixtureRows(): string[][] {
  const text = readFileSync(join(FIXTURES, NAME), 'utf8').replace(/^\uFEFF/, '');
  return Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
}

describe('Entra admin center sign-in download (CSV)', () => {
  it('maps display-name columns onto SigninLogs, building Status, LocationDetails and DeviceDetail', async () => {
    const [header, ...rows] = fixtureRows();
    const col = (row: string[], h: string) => row[header!.indexOf(h)]!;
    const t = await loadFile(db, fixtureSource(NAME));
    expect([t.name, t.format, t.rowCount]).toEqual(['SigninLogs', 'entra-csv', rows.length]);
    expect(t.warnings.join(' ')).toMatch(/no TimeGenerated; it was taken from "Date \(UTC\)"/);
    const typeOf = (n: string) => t.schema.columns.find((c) => c.name === n)?.type;
    expect([
      typeOf('TimeGenerated'),
      typeOf('Status'),
      typeOf('LocationDetails'),
      typeOf('DeviceDetail'),
      typeOf('ResultType'),
    ]).toEqual(['datetime', 'dynamic', 'dynamic', 'dynamic', 'string']);
    const got = db.query(
      `SELECT Id, TimeGenerated, UserPrincipalName, UserDisplayName, IPAddress, AppId, ResourceIdentity, ResultType, Status, Location, LocationDetails, DeviceDetail, ConditionalAccessStatus, AutonomousSystemNumber, IncomingTokenType, IncomingTokenType_48, TokenProtectionSignInSession FROM SigninLogs`,
    ).rows;
    for (const row of rows) {
      const r = got.find((x) => x[0] === col(row, 'Request ID'))!;
      const [city, state, country] = col(row, 'Location').split(', ');
      expect(new Date(r[1] as number).toISOString().replace('.000Z', 'Z')).toBe(
        col(row, 'Date (UTC)'),
      );
      expect(r.slice(2, 8)).toEqual([
        col(row, 'Username'),
        col(row, 'User'),
        col(row, 'IP address'),
        col(row, 'Application ID '),
        col(row, 'Resource ID '),
        col(row, 'Sign-in error code'),
      ]);
      expect(JSON.parse(r[8] as string)).toEqual({
        errorCode: Number(col(row, 'Sign-in error code')),
        failureReason: col(row, 'Failure reason'),
      });
      expect(r[9]).toBe(country);
      expect(JSON.parse(r[10] as string)).toEqual({ city, state, countryOrRegion: country });
      expect(JSON.parse(r[11] as string)).toMatchObject({
        browser: col(row, 'Browser'),
        operatingSystem: col(row, 'Operating System'),
        isCompliant: col(row, 'Compliant') === 'true',
        isManaged: col(row, 'Managed') === 'true',
      });
      // "Not Applied" / "Success" / "Failure" → notApplied / success / failure, as Log Analytics spells it.
      expect(r[12]).toBe(CA_STATUS[col(row, 'Conditional Access')]);
      expect(r[13]).toBe(col(row, 'Autonomous system  number'));
      expect([r[14], r[15]]).toEqual([row[9], row[47]]); // the two "Incoming token type" columns, both kept
      expect(r[16]).toBe(col(row, 'Token Protection - Sign In Session'));
    }
    expect(got.filter((r) => r[7] === '50126')).toHaveLength(1);
    // The download holds both a sign-in that Conditional Access did not apply to and ones it did.
    expect(new Set(rows.map((row) => col(row, 'Conditional Access')))).toEqual(
      new Set(['Not Applied', 'Success']),
    );
  });

  it('maps the non-interactive download (same header as the interactive one) onto AADNonInteractiveUserSignInLogs, JSON columns as strings', async () => {
    // Column set: identical to the interactive download's (see docs/ingest.md, "Entra CSV"); only the file name differs.
    const name = 'NonInteractiveSignIns_2026-06-15_2026-06-16.csv';
    const text = readFileSync(join(FIXTURES, name), 'utf8').replace(/^\uFEFF/, '');
    const [header, ...rows] = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    expect(header).toEqual(fixtureRows()[0]);
    const col = (row: string[], h: string) => row[header!.indexOf(h)]!;
    const t = await loadFile(db, fixtureSource(name));
    expect([t.name, t.format, t.rowCount]).toEqual([
      'AADNonInteractiveUserSignInLogs',
      'entra-csv',
      rows.length,
    ]);
    const typeOf = (n: string) => t.schema.columns.find((c) => c.name === n)?.type;
    // The catalog keeps these JSON columns as strings in this table (dynamic in SigninLogs).
    expect([
      typeOf('TimeGenerated'),
      typeOf('Status'),
      typeOf('LocationDetails'),
      typeOf('DeviceDetail'),
      typeOf('ResultType'),
      typeOf('UserPrincipalName'),
    ]).toEqual(['datetime', 'string', 'string', 'string', 'string', 'string']);
    const got = db.query(
      `SELECT Id, UserPrincipalName, IPAddress, ResultType, Status, LocationDetails, Location, AuthenticationRequirement FROM AADNonInteractiveUserSignInLogs ORDER BY Id`,
    ).rows;
    for (const row of rows) {
      const r = got.find((x) => x[0] === col(row, 'Request ID'))!;
      const [city, state, country] = col(row, 'Location').split(', ');
      expect(r.slice(1, 4)).toEqual([
        col(row, 'Username'),
        col(row, 'IP address'),
        col(row, 'Sign-in error code'),
      ]);
      expect(JSON.parse(r[4] as string)).toEqual({
        errorCode: Number(col(row, 'Sign-in error code')),
        failureReason: col(row, 'Failure reason'),
      });
      expect(JSON.parse(r[5] as string)).toEqual({ city, state, countryOrRegion: country });
      expect([r[6], r[7]]).toEqual([country, col(row, 'Authentication requirement')]);
    }
  });

  it('maps the service principal columns of an application or managed identity download', () => {
    const header = [
      'Date (UTC)',
      'Request ID',
      'Service principal ID',
      'Service principal name',
      'Credential key ID',
      'Credential thumbprint',
    ];
    const mapped = mapEntraRow(header, [
      '2026-06-15T12:00:00Z',
      'r1',
      'sp1',
      'backup-job',
      'k1',
      'AB12',
    ]);
    expect(Object.fromEntries(mapped.map((m) => [m.column, m.value]))).toMatchObject({
      Id: 'r1',
      ServicePrincipalId: 'sp1',
      ServicePrincipalName: 'backup-job',
      ServicePrincipalCredentialKeyId: 'k1',
      ServicePrincipalCredentialThumbprint: 'AB12',
    });
  });

  it('reads the download from a Blob too', async () => {
    const src = fixtureSource(NAME);
    const t = await loadFile(db, {
      name: NAME,
      blob: new Blob([src.bytes! as Uint8Array<ArrayBuffer>]),
    });
    expect([t.name, t.rowCount]).toEqual(['SigninLogs', fixtureRows().length - 1]);
  });

  it('knows the download file names', () => {
    expect(entraTableOfFile('NonInteractiveSignIns_2026-06-01_2026-06-02.csv')).toBe(
      'AADNonInteractiveUserSignInLogs',
    );
    expect(entraTableOfFile('ApplicationSignIns_x.csv')).toBe('AADServicePrincipalSignInLogs');
    expect(entraTableOfFile('MSISignIns_x.csv')).toBe('AADManagedIdentitySignInLogs');
    expect(entraTableOfFile('InteractiveSignIns_AuthDetails_x.csv')).toBeUndefined();
    expect(pascalHeader('Token Protection - Sign In Session StatusCode')).toBe(
      'TokenProtectionSignInSessionStatusCode',
    );
  });
});
