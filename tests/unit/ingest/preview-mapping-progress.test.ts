import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/db/node-engine.ts';
import type { SqlEngine } from '../../../src/db/engine.ts';
import {
  IngestError,
  listTables,
  loadFile,
  previewFile,
  PREVIEW_ROWS,
  type LoadProgress,
} from '../../../src/ingest/index.ts';
import {
  demoSource,
  fixtureSource,
  papaRecords,
  portalExport,
  snapshot,
  textSource,
} from './helpers.ts';

let db: SqlEngine;
beforeAll(async () => {
  db = await createNodeEngine();
});
afterAll(() => db.close());

describe('mapping as data, shown before loading and overridable', () => {
  it('previews a portal CSV: table, each field → column → type with its reason, first rows', async () => {
    const src = demoSource('SigninLogs.csv');
    const { header, records } = papaRecords(src.bytes!);
    const p = await previewFile(db, src);
    expect([p.file, p.format, p.table, p.tableSource, p.existing]).toEqual([
      'SigninLogs.csv',
      'la-portal-csv',
      'SigninLogs',
      'type-column',
      undefined,
    ]);
    expect(p.mapping.map((m) => m.source)).toEqual(header);
    expect(p.mapping.find((m) => m.source === 'TimeGenerated [UTC]')).toEqual({
      source: 'TimeGenerated [UTC]',
      index: 0,
      column: 'TimeGenerated',
      type: 'datetime',
      origin: 'catalog',
    });
    expect(p.mapping.find((m) => m.column === 'LocationDetails')).toMatchObject({
      type: 'dynamic',
      origin: 'catalog',
    });
    expect(p.mapping.find((m) => m.column === 'SessionId')).toMatchObject({
      type: 'string',
      origin: 'unknown-string',
    });
    expect(p.sampleRows.length).toBe(Math.min(PREVIEW_ROWS, records.length));
    expect(p.sampleRows[0]![0]).toBe(records[0]!['TimeGenerated [UTC]']);
    expect(listTables(db)).toEqual([]); // a preview loads nothing
  });

  it('previews a diagnostic export with its source paths, and says what a load would replace', async () => {
    await loadFile(db, portalExport());
    const p = await previewFile(db, fixtureSource('PT1H.json'));
    expect([p.format, p.table, p.tableSource]).toEqual([
      'diagnostic-ndjson',
      'AADNonInteractiveUserSignInLogs',
      'type-column',
    ]);
    expect(p.existing?.files).toEqual(['AADNonInteractiveUserSignInLogs.csv']);
    const by = (col: string) => p.mapping.find((m) => m.column === col);
    expect(by('TimeGenerated')).toMatchObject({ source: 'time', type: 'datetime' });
    expect(by('UserPrincipalName')).toMatchObject({
      source: 'properties.userPrincipalName',
      type: 'string',
    });
    expect(by('LocationDetails')).toMatchObject({ source: 'properties.location', type: 'string' });
    expect(by('ResultType')).toMatchObject({ source: 'resultType', type: 'string' });
  });

  it('previews an Entra download: built columns name all their sources', async () => {
    const p = await previewFile(db, fixtureSource('InteractiveSignIns_2026-06-15_2026-06-16.csv'));
    expect([p.format, p.table, p.tableSource]).toEqual(['entra-csv', 'SigninLogs', 'type-column']);
    const by = (col: string) => p.mapping.find((m) => m.column === col);
    expect(by('UserPrincipalName')).toMatchObject({
      source: 'Username',
      type: 'string',
      origin: 'catalog',
    });
    expect(by('Status')).toMatchObject({
      source: 'Sign-in error code + Failure reason',
      type: 'dynamic',
    });
    expect(by('DeviceDetail')).toMatchObject({
      source: 'Device ID + Browser + Operating System + Compliant + Managed + Join Type',
      type: 'dynamic',
    });
    expect(by('TokenProtectionSignInSession')).toMatchObject({
      source: 'Token Protection - Sign In Session',
      type: 'string',
      origin: 'unknown-string',
    });
  });

  it('the analyst overrides the table and renames a column', async () => {
    const text = 'When,Who,Type\n2026-06-15T10:00:00Z,a@corp.local,x\n';
    const p = await previewFile(db, textSource('export.csv', text), {
      table: 'SigninLogs',
      columns: { When: 'TimeGenerated', Who: 'UserPrincipalName' },
    });
    expect(p.mapping.map((m) => [m.source, m.column, m.type, m.origin])).toEqual([
      ['When', 'TimeGenerated', 'datetime', 'override'],
      ['Who', 'UserPrincipalName', 'string', 'override'],
      ['Type', 'Type', 'string', 'catalog'],
    ]);
    const t = await loadFile(db, textSource('export.csv', text), {
      table: 'SigninLogs',
      columns: { When: 'TimeGenerated', Who: 'UserPrincipalName' },
    });
    expect(t.timeRange).toEqual({ min: Date.UTC(2026, 5, 15, 10), max: Date.UTC(2026, 5, 15, 10) });
    expect(t.mapping?.map((m) => m.column)).toEqual(['TimeGenerated', 'UserPrincipalName', 'Type']);
    await expect(
      loadFile(db, textSource('export.csv', text), { table: 'SigninLogs', columns: { Whom: 'X' } }),
    ).rejects.toThrow(/the rename of "Whom" names no field of this file/);
  });
});

describe('progress and cancel', () => {
  it('reports bytes and rows, ending with the whole file', async () => {
    const src = portalExport();
    const seen: LoadProgress[] = [];
    const t = await loadFile(db, src, { onProgress: (p) => seen.push(p) });
    expect(seen[0]).toEqual({
      file: 'AADNonInteractiveUserSignInLogs.csv',
      bytesRead: 0,
      bytesTotal: src.bytes!.length,
      rows: 0,
    });
    expect(seen.at(-1)).toEqual({
      file: 'AADNonInteractiveUserSignInLogs.csv',
      bytesRead: src.bytes!.length,
      bytesTotal: src.bytes!.length,
      rows: t.rowCount,
    });
    for (let i = 1; i < seen.length; i++)
      expect(seen[i]!.bytesRead).toBeGreaterThanOrEqual(seen[i - 1]!.bytesRead);
  });

  it('cancelling during a load leaves every table as it was', async () => {
    const before = snapshot(db, 'AADNonInteractiveUserSignInLogs');
    const ac = new AbortController();
    const e = await loadFile(db, fixtureSource('PT1H.json'), {
      signal: ac.signal,
      onProgress: () => ac.abort(),
    }).catch((x) => x);
    expect(e).toBeInstanceOf(IngestError);
    expect((e as IngestError).code).toBe('cancelled');
    expect((e as IngestError).message).toBe(
      'Loading PT1H.json was cancelled; the tables already loaded are unchanged.',
    );
    expect(snapshot(db, 'AADNonInteractiveUserSignInLogs')).toBe(before);
    expect(
      db.query(`SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'loupe_ingest%'`)
        .rows[0]![0],
    ).toBe(0);
  });
});
