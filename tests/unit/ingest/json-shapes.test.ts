import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/db/node-engine.ts';
import type { SqlEngine } from '../../../src/db/engine.ts';
import { IngestError, loadFile } from '../../../src/ingest/index.ts';
import { FIXTURES, fixtureSource, textSource } from './helpers.ts';

let db: SqlEngine;
beforeAll(async () => {
  db = await createNodeEngine();
});
afterAll(() => db.close());

const fixtureJson = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
const fixtureLines = (name: string) =>
  readFileSync(join(FIXTURES, name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
const typeOf = (t: { schema: { columns: readonly { name: string; type: string }[] } }, n: string) =>
  t.schema.columns.find((c) => c.name === n)?.type;
const iso = (ms: unknown) => new Date(ms as number).toISOString();
/** Microseconds since the epoch of an ISO-8601 UTC time with up to 7 fractional digits (below a microsecond dropped). */
function isoMicros(s: string): number {
  const m = /^(.{19})(?:\.(\d{1,7}))?Z$/.exec(s)!;
  return Date.parse(`${m[1]}Z`) * 1000 + Number((m[2] ?? '').padEnd(7, '0').slice(0, 6));
}

describe('Microsoft Graph JSON', () => {
  it('auditLogs/signIns, two pages concatenated → SigninLogs with ResultType from status.errorCode', async () => {
    const text = readFileSync(join(FIXTURES, 'graph-signIns-pages.json'), 'utf8');
    const pages = text.split(/\n(?=\{)/).map((p) => JSON.parse(p));
    const all = pages.flatMap((p) => p.value);
    const t = await loadFile(db, fixtureSource('graph-signIns-pages.json'));
    expect([t.name, t.format, t.rowCount]).toEqual(['SigninLogs', 'graph-json', all.length]);
    expect(t.warnings.join(' ')).toMatch(/TimeGenerated; it was taken from createdDateTime/);
    expect(typeOf(t, 'LocationDetails')).toBe('dynamic');
    const rows = db.query(
      `SELECT Id, ResultType, ResultDescription, TimeGenerated, CreatedDateTime, LocationDetails, Location, ConditionalAccessPolicies, IPAddress, UserPrincipalName FROM SigninLogs`,
    ).rows;
    for (const s of all) {
      const r = rows.find((x) => x[0] === s.id)!;
      expect(r[1]).toBe(String(s.status.errorCode));
      expect(iso(r[3])).toBe(s.createdDateTime.replace(/\d{4}Z$/, 'Z'));
      expect(r[3]).toBe(r[4]);
      expect(JSON.parse(r[5] as string)).toEqual(s.location);
      expect(r[6]).toBe(s.location.countryOrRegion);
      expect(JSON.parse(r[7] as string)).toEqual(s.appliedConditionalAccessPolicies);
      expect([r[8], r[9]]).toEqual([s.ipAddress, s.userPrincipalName]);
    }
    expect(rows.filter((r) => r[1] === '50126').map((r) => r[2])).toEqual([
      'Error validating credentials due to invalid username or password.',
    ]);
  });

  it('identityProtection/riskyUsers → AADRiskyUsers, a snapshot without TimeGenerated', async () => {
    const doc = fixtureJson('graph-riskyUsers.json');
    const t = await loadFile(db, fixtureSource('graph-riskyUsers.json'));
    expect([t.name, t.format, t.rowCount, t.timeRange]).toEqual([
      'AADRiskyUsers',
      'graph-json',
      doc.value.length,
      null,
    ]);
    expect(t.schema.columns.map((c) => c.name)).not.toContain('TimeGenerated');
    expect(typeOf(t, 'RiskLastUpdatedDateTime')).toBe('datetime');
    const r = db.query(
      `SELECT UserPrincipalName, RiskLevel, RiskState, IsProcessing, epoch_us(RiskLastUpdatedDateTime) FROM AADRiskyUsers ORDER BY UserPrincipalName`,
    ).rows;
    type RiskyUser = {
      userPrincipalName: string;
      riskLevel: string;
      riskState: string;
      isProcessing: boolean;
      riskLastUpdatedDateTime: string;
    };
    const users = [...(doc.value as RiskyUser[])].sort((a, b) =>
      a.userPrincipalName < b.userPrincipalName ? -1 : 1,
    );
    expect(r).toEqual(
      users.map((u) => [
        u.userPrincipalName,
        u.riskLevel,
        u.riskState,
        u.isProcessing,
        isoMicros(u.riskLastUpdatedDateTime),
      ]),
    );
    // Both boolean values and 7-digit times are in the file, so both are read.
    expect(new Set(users.map((u) => u.isProcessing))).toEqual(new Set([true, false]));
    expect(users.some((u) => /\.\d{7}Z$/.test(u.riskLastUpdatedDateTime))).toBe(true);
  });

  it('identityProtection/riskDetections → AADUserRiskEvents with catalog spellings', async () => {
    const doc = fixtureJson('graph-riskDetections.json');
    const t = await loadFile(db, fixtureSource('graph-riskDetections.json'));
    expect([t.name, t.rowCount]).toEqual(['AADUserRiskEvents', doc.value.length]);
    const r = db.query(
      `SELECT IpAddress, RiskEventType, Location, epoch_us(DetectedDateTime) FROM AADUserRiskEvents`,
    ).rows[0]!;
    expect([r[0], r[1]]).toEqual([doc.value[0].ipAddress, doc.value[0].riskEventType]);
    expect(JSON.parse(r[2] as string)).toEqual(doc.value[0].location);
    expect(r[3]).toBe(isoMicros(doc.value[0].detectedDateTime));
  });
});

describe('Entra admin center JSON download', () => {
  it('an array of non-interactive sign-ins → AADNonInteractiveUserSignInLogs (JSON columns stay strings here)', async () => {
    const doc = fixtureJson('NonInteractiveSignIns_2026-06-15_2026-06-16.json');
    const t = await loadFile(db, fixtureSource('NonInteractiveSignIns_2026-06-15_2026-06-16.json'));
    expect([t.name, t.format, t.rowCount]).toEqual([
      'AADNonInteractiveUserSignInLogs',
      'entra-json',
      doc.length,
    ]);
    expect(typeOf(t, 'LocationDetails')).toBe('string');
    const r = db.query(
      `SELECT LocationDetails, IsInteractive, ResultType FROM AADNonInteractiveUserSignInLogs WHERE Id = '${doc[0].id}'`,
    ).rows[0]!;
    expect(JSON.parse(r[0] as string)).toEqual(doc[0].location);
    expect([r[1], r[2]]).toEqual([false, '0']);
  });
});

describe('Diagnostic settings exports', () => {
  it('storage-account NDJSON (PT1H.json) → the table of its category, TimeGenerated from time', async () => {
    const recs = fixtureLines('PT1H.json');
    const t = await loadFile(db, fixtureSource('PT1H.json'));
    expect([t.name, t.format, t.rowCount]).toEqual([
      'AADNonInteractiveUserSignInLogs',
      'diagnostic-ndjson',
      recs.length,
    ]);
    const r = db.query(
      `SELECT TimeGenerated, CreatedDateTime, UserPrincipalName, IPAddress, ResultType, AADTenantId, ProcessingTimeInMs, Category FROM AADNonInteractiveUserSignInLogs WHERE Id = '${recs[0].properties.id}'`,
    ).rows[0]!;
    expect(iso(r[0])).toBe(recs[0].time.replace(/\d{4}Z$/, 'Z'));
    expect(iso(r[1])).toBe(recs[0].properties.createdDateTime.replace(/\d{4}Z$/, 'Z'));
    expect(r.slice(2)).toEqual([
      recs[0].properties.userPrincipalName,
      recs[0].properties.ipAddress,
      '0',
      recs[0].tenantId,
      String(recs[0].properties.processingTimeInMilliseconds),
      'NonInteractiveUserSignInLogs',
    ]);
  });

  it('Event Hub batch {"records":[…]} → SigninLogs', async () => {
    const doc = fixtureJson('eventhub-signinlogs.json');
    const t = await loadFile(db, fixtureSource('eventhub-signinlogs.json'));
    expect([t.name, t.format, t.rowCount]).toEqual([
      'SigninLogs',
      'event-hub-json',
      doc.records.length,
    ]);
    const r = db.query(`SELECT Status FROM SigninLogs WHERE Id = '${doc.records[0].properties.id}'`)
      .rows[0]!;
    expect(JSON.parse(r[0] as string)).toEqual(doc.records[0].properties.status);
  });

  it('the RiskyUsers category → AADRiskyUsers, with the record time as TimeGenerated', async () => {
    const rec = {
      time: '2026-06-15T13:10:00.1234567Z',
      category: 'RiskyUsers',
      operationName: 'Risky user',
      tenantId: 'a1b2c345-1a2b-1234-123a-123abcd12345',
      properties: {
        id: 'u1',
        isDeleted: false,
        isProcessing: false,
        riskDetail: 'none',
        riskLastUpdatedDateTime: '2026-06-15T13:05:41Z',
        riskLevel: 'high',
        riskState: 'atRisk',
        userDisplayName: 'Isaac Dunham',
        userPrincipalName: 'isaacdunham@corp.local',
      },
    };
    const t = await loadFile(db, textSource('PT1H.json', JSON.stringify(rec) + '\n'));
    expect([t.name, t.format, t.rowCount]).toEqual(['AADRiskyUsers', 'diagnostic-ndjson', 1]);
    const r = db.query(
      `SELECT epoch_us(TimeGenerated), UserPrincipalName, RiskLevel, RiskState, IsDeleted, Id FROM AADRiskyUsers`,
    ).rows[0]!;
    expect(r).toEqual([
      Date.UTC(2026, 5, 15, 13, 10, 0, 123) * 1000 + 456,
      'isaacdunham@corp.local',
      'high',
      'atRisk',
      false,
      'u1',
    ]);
  });

  it('records of two categories in one file are refused with the line of the first stranger', async () => {
    const a = JSON.stringify({
      time: '2026-06-15T10:00:00Z',
      category: 'SignInLogs',
      properties: { userPrincipalName: 'a@b' },
    });
    const b = JSON.stringify({
      time: '2026-06-15T10:00:01Z',
      category: 'NonInteractiveUserSignInLogs',
      properties: { userPrincipalName: 'a@b' },
    });
    const e = await loadFile(db, textSource('PT1H.json', [a, a, b].join('\n'))).catch((x) => x);
    expect(e).toBeInstanceOf(IngestError);
    expect((e as IngestError).describe()).toBe(
      'PT1H.json:3:1: this record belongs to AADNonInteractiveUserSignInLogs, the first one to SigninLogs; expected one table per file: split the file by category.',
    );
  });
});

describe('Flat records with Log Analytics column names', () => {
  it('NDJSON, table from the Type field', async () => {
    const recs = fixtureLines('AADNonInteractiveUserSignInLogs.ndjson');
    const t = await loadFile(db, fixtureSource('AADNonInteractiveUserSignInLogs.ndjson'));
    expect([t.name, t.format, t.rowCount]).toEqual([
      'AADNonInteractiveUserSignInLogs',
      'ndjson',
      recs.length,
    ]);
    const r = db.query(
      `SELECT Status, LocationDetails, DurationMs, IsInteractive FROM AADNonInteractiveUserSignInLogs ORDER BY TimeGenerated LIMIT 1`,
    ).rows[0]!;
    expect(r).toEqual([
      JSON.stringify(recs[0].Status),
      recs[0].LocationDetails,
      recs[0].DurationMs,
      recs[0].IsInteractive,
    ]);
  });

  it('a JSON array, table from the file name', async () => {
    const recs = fixtureJson('SigninLogs_array.json');
    const t = await loadFile(db, fixtureSource('SigninLogs_array.json'));
    expect([t.name, t.format, t.rowCount]).toEqual(['SigninLogs', 'json-array', recs.length]);
    expect(typeOf(t, 'Status')).toBe('dynamic');
  });

  it('a bad value in NDJSON names its line', async () => {
    const text = [
      '{"TimeGenerated":"2026-06-15T10:00:00Z","DurationMs":1}',
      '{"TimeGenerated":"2026-06-15T10:00:01Z","DurationMs":"slow"}',
    ].join('\n');
    const e = await loadFile(db, textSource('SigninLogs.ndjson', text)).catch((x) => x);
    expect((e as IngestError).describe()).toBe(
      'SigninLogs.ndjson:2: column DurationMs: "slow" is not a whole number. Nothing was loaded.',
    );
    expect((e as IngestError).position.line).toBe(2);
  });

  it('a syntax error in the 2nd NDJSON line names its line and column', async () => {
    const e = await loadFile(db, textSource('SigninLogs.ndjson', '{"a":1}\n{"a":1 "b":2}\n')).catch(
      (x) => x,
    );
    expect((e as IngestError).describe()).toBe(
      "SigninLogs.ndjson:2:8: invalid JSON: expected ',' or '}' after the property value.",
    );
  });
});

describe('Kusto / Azure Data Explorer JSON', () => {
  it('a v1 response {"Tables":[…]} reads like the Log Analytics API', async () => {
    const doc = fixtureJson('AADRiskyUsers_kusto_v1.json');
    const [table] = doc.Tables as { Columns: { ColumnName: string }[]; Rows: unknown[][] }[];
    const t = await loadFile(db, fixtureSource('AADRiskyUsers_kusto_v1.json'));
    expect([t.name, t.format, t.rowCount]).toEqual([
      'AADRiskyUsers',
      'la-api-json',
      table!.Rows.length,
    ]);
    expect(t.schema.columns.map((c) => c.name)).toEqual(table!.Columns.map((c) => c.ColumnName));
    const r = db.query(
      `SELECT epoch_us(TimeGenerated), UserPrincipalName, RiskLevel, RiskState FROM AADRiskyUsers ORDER BY TimeGenerated`,
    ).rows;
    expect(r).toEqual(
      table!.Rows.map((row) => [isoMicros(row[0] as string), row[1], row[2], row[3]]),
    );
  });

  it('a v2 response (frames) uses the PrimaryResult DataTable', async () => {
    const frames = [
      { FrameType: 'DataSetHeader', IsProgressive: false, Version: 'v2.0' },
      {
        FrameType: 'DataTable',
        TableId: 0,
        TableKind: 'QueryProperties',
        TableName: '@ExtendedProperties',
        Columns: [{ ColumnName: 'Value', ColumnType: 'dynamic' }],
        Rows: [['{}']],
      },
      {
        FrameType: 'DataTable',
        TableId: 1,
        TableKind: 'PrimaryResult',
        TableName: 'PrimaryResult',
        Columns: [
          { ColumnName: 'TimeGenerated', ColumnType: 'datetime' },
          { ColumnName: 'RiskLevel', ColumnType: 'string' },
        ],
        Rows: [['2026-06-15T13:05:41Z', 'low']],
      },
      { FrameType: 'DataSetCompletion', HasErrors: false, Cancelled: false },
    ];
    const t = await loadFile(db, textSource('AADRiskyUsers.json', JSON.stringify(frames)));
    expect([t.name, t.format, t.rowCount]).toEqual(['AADRiskyUsers', 'la-api-json', 1]);
    expect(db.query(`SELECT RiskLevel FROM AADRiskyUsers`).rows).toEqual([['low']]);
  });
});
