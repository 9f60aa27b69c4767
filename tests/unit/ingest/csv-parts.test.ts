/**
 * Large CSV files are typed part by part (src/ingest/csv-parts.ts), so that DuckDB compresses each
 * part before reading the next. Cutting must never change what is loaded or which error is
 * reported: these tests lower the part size to a few hundred bytes, so that the small fixtures are
 * cut inside JSON cells, doubled quotes and multi-line values, and compare with the file read whole.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { createNodeEngine } from '../../../src/db/node-engine.ts';
import type { SqlEngine } from '../../../src/db/engine.ts';
import {
  csvPartSize,
  guessedCsvRange,
  isCutInParts,
  provenCsvRange,
  type CsvRange,
} from '../../../src/ingest/csv-parts.ts';
import {
  IngestError,
  loadFile,
  rejectedRowsOf,
  type LoadProgress,
} from '../../../src/ingest/index.ts';
import { byteSource, type ByteSource } from '../../../src/ingest/source.ts';
import {
  failedQueries,
  papaRecords,
  partsReadCounter,
  portalExport,
  registeredSizes,
  snapshot,
  textSource,
  userTables,
} from './helpers.ts';

const DEFAULT_PART = { ...csvPartSize };
let db: SqlEngine;
beforeAll(async () => {
  db = await createNodeEngine();
});
afterAll(() => db.close());
afterEach(() => {
  Object.assign(csvPartSize, DEFAULT_PART);
});

/** A portal-style CSV whose cells hold JSON (doubled quotes), commas and line breaks. */
function trickyCsv(rows: number): string {
  const lines = [
    'TimeGenerated [UTC],UserPrincipalName,ResultType,LocationDetails,ResultDescription,Type',
  ];
  for (let i = 0; i < rows; i++) {
    const json = JSON.stringify({ city: `City ${i}`, note: 'a, b' }).replaceAll('"', '""');
    const description =
      i % 3 === 0 ? `"line one of ${i}\nline two, with ""quotes""\r\nline three"` : `plain ${i}`;
    lines.push(
      `"6/15/2026, ${(i % 12) + 1}:0${i % 10}:00.${String(i % 1000).padStart(3, '0')} AM",user${i}@corp.example,${i % 7},"${json}",${description},SigninLogs`,
    );
  }
  return lines.join('\r\n') + '\r\n';
}

/** The ranges a load in parts reads when every guess is checked against the proven end. */
async function rangesOf(
  src: ByteSource,
  partBytes: number,
  cut: typeof guessedCsvRange,
): Promise<CsvRange[]> {
  const ranges: CsvRange[] = [];
  for (let start = 0; start < src.size;) {
    const r = await cut(src, start, partBytes);
    ranges.push(r);
    start = r.end;
  }
  return ranges;
}

describe('cutting a CSV file at record boundaries', () => {
  it('proves an end by counting quotes: every part is whole records, together the file', async () => {
    const text = trickyCsv(60);
    const src = byteSource(textSource('SigninLogs_x.csv', text));
    const ranges = await rangesOf(src, 300, provenCsvRange);
    expect(ranges.length).toBeGreaterThan(5);
    expect(ranges[0]!.start).toBe(0);
    expect(ranges.at(-1)!.end).toBe(src.size);
    for (let k = 1; k < ranges.length; k++) expect(ranges[k]!.start).toBe(ranges[k - 1]!.end);
    const bytes = src.bytes!;
    const whole = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    const fromParts = ranges.flatMap(({ start, end }) => {
      const parsed = Papa.parse<string[]>(new TextDecoder().decode(bytes.subarray(start, end)), {
        skipEmptyLines: true,
      });
      expect(parsed.errors).toEqual([]);
      return parsed.data;
    });
    expect(fromParts).toEqual(whole);
  });

  it('guesses an end from a few bytes after the target, and the guess can fall inside a multi-line value', async () => {
    const src = byteSource(textSource('SigninLogs_x.csv', trickyCsv(60)));
    let bytesRead = 0;
    const counted: ByteSource = {
      ...src,
      read: (s, e) => ((bytesRead += Math.min(e, src.size) - s), src.read(s, e)),
    };
    const guess = await guessedCsvRange(counted, 0, 300);
    // A guess reads one window past the target, not the part itself.
    expect(bytesRead).toBeLessThanOrEqual(64 * 1024);
    expect(guess.end).toBeGreaterThan(300);
    expect(src.bytes![guess.end - 1]).toBe(0x0a);
    // Where the first newline after the target is outside quotes, the guess is the proven end;
    // in this file some are inside a quoted multi-line value, and only counting quotes finds the end.
    const pairs: [number, number][] = [];
    for (const size of [300, 400, 500, 600]) {
      for (const { start } of await rangesOf(src, size, provenCsvRange)) {
        pairs.push([
          (await guessedCsvRange(src, start, size)).end,
          (await provenCsvRange(src, start, size)).end,
        ]);
      }
    }
    expect(pairs.some(([g, p]) => g === p)).toBe(true);
    expect(pairs.some(([g, p]) => g !== p)).toBe(true);
  });

  it('leaves a file smaller than two parts whole', async () => {
    const src = byteSource(textSource('SigninLogs_x.csv', trickyCsv(5)));
    expect(isCutInParts(src, src.size)).toBe(false);
    expect(isCutInParts(src, src.size / 2)).toBe(true);
    expect(await guessedCsvRange(src, 0, src.size)).toEqual({
      start: 0,
      end: src.size,
      proven: true,
    });
  });
});

/**
 * Loads `text` whole, then cut in 500-byte parts: the second load must read parts all along (no
 * whole read after a failed part) and give the same table.
 */
async function expectSameInParts(name: string, text: string): Promise<void> {
  const whole = await loadFile(db, textSource(name, text));
  const expected = snapshot(db, whole.name);
  csvPartSize.bytes = 500;
  const partsRead = partsReadCounter();
  const parts = await loadFile(db, textSource(name, text), { onProgress: partsRead.onProgress });
  expect(partsRead.count).toBeGreaterThan(20);
  expect(snapshot(db, parts.name)).toBe(expected);
}

describe('loading in parts', () => {
  it('loads the same table as one read, with progress part by part', async () => {
    const src = portalExport();
    const whole = await loadFile(db, src);
    const expected = snapshot(db, whole.name);
    expect(whole.rowCount).toBe(papaRecords(src.bytes!).records.length);

    csvPartSize.bytes = 20_000;
    // Checkpoints (compression) every few parts: the table read back must not change.
    csvPartSize.checkpointBytes = 50_000;
    const progress: LoadProgress[] = [];
    // The whole file is never handed to DuckDB (Node copies registered bytes into the wasm heap).
    const { result: parts, sizes: registered } = await registeredSizes(db, () =>
      loadFile(db, src, { onProgress: (p) => progress.push(p) }),
    );
    expect(registered.length).toBeGreaterThan(10);
    expect(Math.max(...registered)).toBeLessThan(src.bytes!.byteLength / 10);
    expect(parts.rowCount).toBe(whole.rowCount);
    expect(snapshot(db, parts.name)).toBe(expected);
    const compressed = db.query(
      `SELECT count(*) FROM pragma_storage_info('AADNonInteractiveUserSignInLogs') WHERE compression NOT IN ('Uncompressed', 'Empty Validity')`,
    ).rows[0]![0];
    expect(compressed).toBeGreaterThan(0);
    // One report per part between the first (0) and the last (the whole file).
    const middle = progress.filter((p) => p.bytesRead > 0 && p.bytesRead < src.bytes!.byteLength);
    expect(middle.length).toBeGreaterThan(10);
    expect(middle.map((p) => p.rows)).toEqual([...middle.map((p) => p.rows)].sort((a, b) => a - b));
  });

  it('keeps multi-line cells, doubled quotes and row order across the cuts', async () => {
    const text = trickyCsv(200);
    const whole = await loadFile(db, textSource('SigninLogs_tricky.csv', text), {
      table: 'Tricky_CL',
    });
    const expected = snapshot(db, whole.name);
    const order = db.query(`SELECT UserPrincipalName FROM Tricky_CL`).rows;
    csvPartSize.bytes = 500;
    // Progress between 0 and the whole file comes only from parts read (not from a whole read after a failed part).
    const partsRead = partsReadCounter();
    // Reads that fail: parts whose guessed end fell inside a multi-line value, read again cut exactly.
    const { result: parts, failed } = await failedQueries(db, () =>
      loadFile(db, textSource('SigninLogs_tricky.csv', text), {
        table: 'Tricky_CL',
        onProgress: partsRead.onProgress,
      }),
    );
    expect(failed).toBeGreaterThan(0);
    expect(partsRead.count).toBeGreaterThan(20);
    expect(parts.rowCount).toBe(200);
    expect(snapshot(db, parts.name)).toBe(expected);
    expect(db.query(`SELECT UserPrincipalName FROM Tricky_CL`).rows).toEqual(order);
    expect(
      db.query(
        `SELECT ResultDescription FROM Tricky_CL WHERE UserPrincipalName = 'user3@corp.example'`,
      ).rows[0]![0],
    ).toBe('line one of 3\nline two, with "quotes"\r\nline three');
  });

  it("reads datetimes in the file's form in the CSV reader itself, to the same values as typed in SQL", async () => {
    // Forms strptime reads with the portal's format (spaces, "am", two-digit milliseconds, empty).
    const forms = [
      '6/15/2026, 9:56:49.975 AM',
      ' 6/15/2026, 9:56:49.975 PM ',
      '6/15/2026, 9:56:49.97 PM',
      '06/15/2026, 09:56:49.975 am',
      '6/15/2026,  1:02:03.004 AM',
      '',
    ];
    const used: string[] = [];
    const text = trickyCsv(200).replace(
      /(?<=\r\n)"6\/15\/2026, [^"]*"/g,
      () => `"${used[used.push(forms[used.length % forms.length]!) - 1]}"`,
    );
    expect(used.length).toBe(200);
    await expectSameInParts('SigninLogs_forms.csv', text);
    expect(
      db.query(`SELECT count(*) FROM SigninLogs WHERE TimeGenerated IS NULL`).rows[0]![0],
    ).toBe(used.filter((f) => f === '').length);
    expect(db.query(`SELECT count(DISTINCT TimeGenerated) FROM SigninLogs`).rows[0]![0]).toBe(4);
  });

  it('reads a part with a datetime in another form (which the CSV reader refuses) as text, to the same table as a whole read', async () => {
    // An Excel re-save's value without milliseconds: the reader fails on its part, which is read
    // again as text and typed in SQL, as are the parts after it; the file is not read whole.
    const text = trickyCsv(200).replace('"6/15/2026, 7:06:00.186 AM"', '"6/15/2026, 7:06:00 AM"');
    await expectSameInParts('SigninLogs_other.csv', text);
    expect(
      db.query(
        `SELECT count(*) FROM SigninLogs WHERE TimeGenerated = TIMESTAMP '2026-06-15 07:06:00'`,
      ).rows[0]![0],
    ).toBe(1);
  });

  it('names the same line for a value that does not convert in a later part', async () => {
    const text = trickyCsv(200).replace('"6/15/2026, 7:06:00.186 AM"', '"15.06.2026 07:06"');
    const whole = await loadFile(db, textSource('SigninLogs_bad.csv', text)).catch(
      (e: unknown) => e,
    );
    expect(whole).toBeInstanceOf(IngestError);
    csvPartSize.bytes = 500;
    const parts = await loadFile(db, textSource('SigninLogs_bad.csv', text)).catch(
      (e: unknown) => e,
    );
    expect(parts).toBeInstanceOf(IngestError);
    expect((parts as IngestError).message).toBe((whole as IngestError).message);
    expect((parts as IngestError).describe()).toMatch(
      /^[^:]+:\d+: column TimeGenerated: "15\.06\.2026 07:06" is not a datetime/,
    );
    expect((parts as IngestError).position).toEqual((whole as IngestError).position);
  });

  it('sets aside a value that does not convert in a later part, after a checkpoint, as a whole read does', async () => {
    const text = trickyCsv(200).replace('"6/15/2026, 7:06:00.186 AM"', '"15.06.2026 07:06"');
    const whole = await loadFile(db, textSource('SigninLogs_aside.csv', text), {
      badRows: 'set-aside',
    });
    const expectedRows = snapshot(db, 'SigninLogs');
    const expectedRejects = rejectedRowsOf(db, 'SigninLogs');
    csvPartSize.bytes = 500;
    csvPartSize.checkpointBytes = 2_000;
    const parts = await loadFile(db, textSource('SigninLogs_aside.csv', text), {
      badRows: 'set-aside',
    });
    expect([parts.rowCount, parts.rejectedRows]).toEqual([whole.rowCount, 1]);
    expect(snapshot(db, 'SigninLogs')).toBe(expectedRows);
    expect(rejectedRowsOf(db, 'SigninLogs')).toEqual(expectedRejects);
  });

  it('reports ragged rows in later parts exactly as a whole read does, and sets them aside the same way, without reading the file whole', async () => {
    const lines = trickyCsv(200).split('\r\n');
    lines[150] += ',an extra field';
    lines[230] = lines[230]!.replace(/,SigninLogs$/, '');
    const text = lines.join('\r\n');
    const whole = await loadFile(db, textSource('SigninLogs_ragged.csv', text)).catch(
      (e: unknown) => e,
    );
    const wholeAside = await loadFile(db, textSource('SigninLogs_ragged.csv', text), {
      badRows: 'set-aside',
    });
    const expectedRows = snapshot(db, 'SigninLogs');
    const expectedRejects = rejectedRowsOf(db, 'SigninLogs');
    expect(expectedRejects.map((r) => r.error)).toEqual([
      'this row has 7 fields; expected 6, one per header column',
      'this row has 5 fields; expected 6, one per header column',
    ]);
    await loadFile(db, textSource('SigninLogs_keep.csv', trickyCsv(3)));
    const kept = snapshot(db, 'SigninLogs');
    const tables = userTables(db);

    csvPartSize.bytes = 500;
    // The parts with a ragged row are read with it set aside: no buffer holds the whole text.
    const { sizes: registered } = await registeredSizes(db, async () => {
      const parts = await loadFile(db, textSource('SigninLogs_ragged.csv', text)).catch(
        (e: unknown) => e,
      );
      expect(parts).toBeInstanceOf(IngestError);
      expect((parts as IngestError).code).toBe('ragged-row');
      expect((parts as IngestError).message).toBe((whole as IngestError).message);
      expect((parts as IngestError).message).toContain(
        '(2 records in all could not be read; nothing was loaded)',
      );
      expect((parts as IngestError).position).toEqual((whole as IngestError).position);
      expect(snapshot(db, 'SigninLogs')).toBe(kept);
      // No staging or rejects table is left behind.
      expect(userTables(db)).toEqual(tables);

      const setAside = await loadFile(db, textSource('SigninLogs_ragged.csv', text), {
        badRows: 'set-aside',
      });
      expect([setAside.rowCount, setAside.rejectedRows]).toEqual([wholeAside.rowCount, 2]);
      expect(setAside.rowCount).toBe(198);
      expect(snapshot(db, 'SigninLogs')).toBe(expectedRows);
      expect(rejectedRowsOf(db, 'SigninLogs')).toEqual(expectedRejects);
    });
    expect(Math.max(...registered)).toBeLessThan(text.length / 10);
    expect(userTables(db)).toEqual(tables);
  });

  it('reports a quoted value that never ends, in a later part, as a whole read does', async () => {
    const lines = trickyCsv(200).split('\r\n');
    lines[180] = lines[180]!.replace(',SigninLogs', ',"SigninLogs');
    const text = lines.join('\r\n');
    const whole = await loadFile(db, textSource('SigninLogs_quote.csv', text)).catch(
      (e: unknown) => e,
    );
    expect(whole).toBeInstanceOf(IngestError);
    expect((whole as IngestError).code).toBe('unbalanced-quote');
    csvPartSize.bytes = 500;
    const parts = await loadFile(db, textSource('SigninLogs_quote.csv', text)).catch(
      (e: unknown) => e,
    );
    expect([
      (parts as IngestError).code,
      (parts as IngestError).message,
      (parts as IngestError).position,
    ]).toEqual([
      'unbalanced-quote',
      (whole as IngestError).message,
      (whole as IngestError).position,
    ]);
  });

  it('cancelled between parts: no table changed, no staging table left', async () => {
    await loadFile(db, textSource('SigninLogs_keep.csv', trickyCsv(3)));
    const kept = snapshot(db, 'SigninLogs');
    const tables = userTables(db);
    const before = userTables(db);
    csvPartSize.bytes = 500;
    const abort = new AbortController();
    const error = await loadFile(db, textSource('SigninLogs_cancel.csv', trickyCsv(200)), {
      signal: abort.signal,
      onProgress: (p) => {
        if (p.bytesRead > 0 && p.rows > 0)
          abort.abort(new DOMException('Cancelled by the user', 'AbortError'));
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).code).toBe('cancelled');
    expect(userTables(db)).toEqual(before);
    expect(snapshot(db, 'SigninLogs')).toBe(kept);
  });
});
