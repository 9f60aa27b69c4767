import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/db/node-engine.ts';
import type { SqlEngine } from '../../../src/db/engine.ts';
import Papa from 'papaparse';
import { IngestError, listTables, loadFile } from '../../../src/ingest/index.ts';
import { FIXTURES, fixtureSource, papaRecords, portalExport, snapshot } from './helpers.ts';

/** "6/15/2026, 3:54:38.131 PM" (the portal's UTC form, as Excel's text export keeps it) → epoch ms. */
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

let db: SqlEngine;
beforeAll(async () => {
  db = await createNodeEngine();
});
afterAll(() => db.close());

describe('gzip, UTF-16 and Excel re-saves', () => {
  it('a gzip of the portal export loads like the export itself', async () => {
    const plain = portalExport();
    const { records } = papaRecords(plain.bytes!);
    const t = await loadFile(db, fixtureSource('AADNonInteractiveUserSignInLogs.csv.gz'));
    expect([t.name, t.format, t.rowCount]).toEqual([
      'AADNonInteractiveUserSignInLogs',
      'la-portal-csv+gzip',
      records.length,
    ]);
    const viaGzip = snapshot(db, 'AADNonInteractiveUserSignInLogs');
    await loadFile(db, plain);
    expect(snapshot(db, 'AADNonInteractiveUserSignInLogs')).toBe(viaGzip);
  });

  it('a gzip of diagnostic NDJSON (PT1H.json.gz) and a Blob source', async () => {
    const bytes = readFileSync(join(FIXTURES, 'PT1H.json.gz'));
    const t = await loadFile(db, { name: 'PT1H.json.gz', blob: new Blob([bytes]) });
    expect([t.name, t.format, t.rowCount]).toEqual([
      'AADNonInteractiveUserSignInLogs',
      'diagnostic-ndjson+gzip',
      5,
    ]);
  });

  it('a truncated gzip is refused, and the table loaded before stays', async () => {
    const before = snapshot(db, 'AADNonInteractiveUserSignInLogs');
    const bytes = readFileSync(join(FIXTURES, 'AADNonInteractiveUserSignInLogs.csv.gz'));
    const e = await loadFile(db, {
      name: 'AADNonInteractiveUserSignInLogs.csv.gz',
      bytes: bytes.subarray(0, bytes.length >> 1),
    }).catch((x) => x);
    expect(e).toBeInstanceOf(IngestError);
    expect((e as IngestError).code).toBe('bad-gzip');
    expect((e as IngestError).message).toMatch(
      /^AADNonInteractiveUserSignInLogs\.csv\.gz is a damaged or truncated gzip file \(.+\); expected a complete \.gz archive/,
    );
    expect(snapshot(db, 'AADNonInteractiveUserSignInLogs')).toBe(before);
  });

  it('gzipped JSON is inflated as it is read: progress counts compressed bytes; a truncated one is refused cleanly', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify({
        TimeGenerated: new Date(Date.UTC(2026, 5, 15) + i * 1000).toISOString(),
        UserPrincipalName: `u${i}@corp.local`,
        Note: 'x'.repeat(2000 + (i % 97)),
      }),
    );
    const gz = gzipSync(Buffer.from(lines.join('\n')));
    const seen: number[] = [];
    const t = await loadFile(
      db,
      { name: 'SigninLogs.ndjson.gz', bytes: gz },
      { onProgress: (p) => seen.push(p.bytesRead) },
    );
    expect([t.name, t.format, t.rowCount]).toEqual(['SigninLogs', 'ndjson+gzip', 3000]);
    expect(seen.at(-1)).toBe(gz.length);
    expect(seen.every((b) => b <= gz.length)).toBe(true);
    const before = snapshot(db, 'SigninLogs');
    const e = await loadFile(db, {
      name: 'SigninLogs.ndjson.gz',
      bytes: gz.subarray(0, gz.length - 5000),
    }).catch((x) => x);
    expect((e as IngestError).code).toBe('bad-gzip');
    expect(snapshot(db, 'SigninLogs')).toBe(before);
    expect(
      db.query(`SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'loupe_ingest%'`)
        .rows[0]![0],
    ).toBe(0);
  });

  it('Excel "Unicode text": UTF-16 LE with BOM, tab-separated, CRLF', async () => {
    const text = new TextDecoder('utf-16le').decode(
      readFileSync(join(FIXTURES, 'AADNonInteractiveUserSignInLogs_unicode.txt')).subarray(2),
    );
    const lines = text.split('\r\n').filter((l) => l !== '');
    const t = await loadFile(db, fixtureSource('AADNonInteractiveUserSignInLogs_unicode.txt'));
    expect([t.name, t.format, t.rowCount]).toEqual([
      'AADNonInteractiveUserSignInLogs',
      'la-portal-csv',
      lines.length - 1,
    ]);
    // The first record as the file holds it (tab-separated; the JSON cell quoted with doubled quotes).
    const header = lines[0]!.split('\t');
    const first = Papa.parse<string[]>(lines[1]!, { delimiter: '\t' }).data[0]!;
    const cell = (name: string) => first[header.indexOf(name)]!;
    const r = db.query(
      `SELECT TimeGenerated, LocationDetails FROM AADNonInteractiveUserSignInLogs WHERE Id = '${cell('Id')}'`,
    ).rows[0]!;
    expect(r[0]).toBe(portalTime(cell('TimeGenerated [UTC]')));
    expect(r[1]).toBe(cell('LocationDetails'));
    expect(JSON.parse(r[1] as string).city).toBe('Seattle');
  });

  it('UTF-16 BE with BOM', async () => {
    const csv =
      'TimeGenerated,UserPrincipalName,Type\r\n2026-06-15T10:00:00Z,zoë@corp.local,SigninLogs\r\n';
    const le = new Uint8Array(Buffer.from(csv, 'utf16le'));
    const be = new Uint8Array(le.length + 2);
    be.set([0xfe, 0xff]);
    for (let i = 0; i < le.length; i += 2) {
      be[i + 2] = le[i + 1]!;
      be[i + 3] = le[i]!;
    }
    const t = await loadFile(db, { name: 'x.csv', bytes: be });
    expect(t.rowCount).toBe(1);
    expect(db.query(`SELECT UserPrincipalName FROM SigninLogs`).rows).toEqual([['zoë@corp.local']]);
  });

  it('an Excel re-save (no seconds, TRUE/FALSE) loads with a warning about the lost seconds', async () => {
    const src = fixtureSource('SigninLogs_excel-resave.csv');
    const { records } = papaRecords(src.bytes!);
    const t = await loadFile(db, src);
    expect([t.name, t.format, t.rowCount]).toEqual(['SigninLogs', 'la-portal-csv', records.length]);
    expect(t.warnings.join(' ')).toMatch(/probably re-saved by Excel, which drops seconds/);
    const first = records[0]!;
    // "6/15/2026 15:07": Excel's display of the portal time, to the minute.
    const m = /^(\d+)\/(\d+)\/(\d{4}) (\d+):(\d\d)$/.exec(first['TimeGenerated [UTC]']!)!;
    expect(m).not.toBeNull();
    const r = db.query(
      `SELECT TimeGenerated, IsInteractive FROM SigninLogs WHERE Id = '${first.Id}'`,
    ).rows[0]!;
    expect(r).toEqual([
      Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]), Number(m[5])),
      first.IsInteractive === 'TRUE',
    ]);
    expect(first.IsInteractive).toBe('TRUE');
    expect(listTables(db).find((x) => x.name === 'SigninLogs')?.files).toEqual([
      'SigninLogs_excel-resave.csv',
    ]);
  });

  it('gzip of gzip is unwrapped too (a re-compressed download)', async () => {
    const inner = readFileSync(join(FIXTURES, 'PT1H.json.gz'));
    const t = await loadFile(db, { name: 'PT1H.json.gz.gz', bytes: gzipSync(inner) });
    expect(t.rowCount).toBe(5);
  });
});
