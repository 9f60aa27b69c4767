/**
 * gzip and UTF-16 files are unwrapped chunk by chunk and reach DuckDB in parts (src/ingest/decode.ts,
 * csv-parts.ts streamParts): the unwrapped text is never one buffer on a clean load. These tests make
 * the read slices and the parts tiny so that the small fixtures are cut everywhere (inside UTF-16
 * code units and surrogate pairs, inside quoted multi-line cells), and compare with the plain file.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/db/node-engine.ts';
import type { SqlEngine } from '../../../src/db/engine.ts';
import { csvPartSize } from '../../../src/ingest/csv-parts.ts';
import { unwrapReadSize, unwrapText } from '../../../src/ingest/decode.ts';
import { IngestError, loadFile, previewFile } from '../../../src/ingest/index.ts';
import { byteSource } from '../../../src/ingest/source.ts';
import {
  failedQueries,
  portalExport,
  registeredSizes,
  sampleSource,
  snapshot,
  textSource,
  userTables,
} from './helpers.ts';

const DEFAULTS = { part: csvPartSize.streamBytes, read: unwrapReadSize.bytes };
let db: SqlEngine;
beforeAll(async () => {
  db = await createNodeEngine();
});
afterAll(() => db.close());
afterEach(() => {
  csvPartSize.streamBytes = DEFAULTS.part;
  unwrapReadSize.bytes = DEFAULTS.read;
});

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i] = c & 0xff;
    out[3 + 2 * i] = c >> 8;
  }
  return out;
}

describe('unwrapping as a stream', () => {
  it('transcodes UTF-16 read in 7-byte slices (code units and surrogate pairs cut in two) exactly', async () => {
    const text = 'Name,Note\r\n"Zoë","😀 multi\nline, ""quoted"" 漢字"\r\n';
    unwrapReadSize.bytes = 7;
    const unwrapped = await unwrapText(byteSource({ name: 'x.txt', bytes: utf16le(text) }));
    expect(unwrapped?.unwrapped).toEqual(['utf-16le']);
    const chunks: Uint8Array[] = [];
    for await (const c of unwrapped!.chunks()) chunks.push(c.bytes);
    expect(chunks.length).toBeGreaterThan(5);
    expect(new TextDecoder().decode(Buffer.concat(chunks))).toBe(text);
  });

  it('a gzipped portal export loads in parts, equal to the plain file; no buffer holds the whole text', async () => {
    const src = portalExport();
    const plain = await loadFile(db, src);
    const expected = snapshot(db, plain.name);
    const gz = gzipSync(src.bytes!);
    csvPartSize.streamBytes = 30_000;
    unwrapReadSize.bytes = 4096;
    const progress: number[] = [];
    const { result, sizes } = await registeredSizes(db, () =>
      loadFile(
        db,
        { name: 'AADNonInteractiveUserSignInLogs.csv.gz', bytes: gz },
        { onProgress: (p) => progress.push(p.bytesRead) },
      ),
    );
    expect([result.format, result.rowCount]).toEqual(['la-portal-csv+gzip', plain.rowCount]);
    expect(snapshot(db, result.name)).toBe(expected);
    expect(sizes.length).toBeGreaterThan(10);
    expect(Math.max(...sizes)).toBeLessThan(src.bytes!.byteLength / 10);
    // Progress counts compressed bytes, part by part, up to the .gz size.
    expect(progress.filter((b) => b > 0 && b < gz.length).length).toBeGreaterThan(5);
    expect(progress.at(-1)).toBe(gz.length);
    expect(progress.every((b, i) => b <= gz.length && (i === 0 || b >= progress[i - 1]!))).toBe(
      true,
    );
  });

  it('a gzipped export with multi-line cells loads in parts, re-cutting a part whose guessed end fell inside one', async () => {
    // The training-lab export: BOM, CRLF and quoted cells spanning lines.
    const src = sampleSource('training-lab/sign-in_adelete.csv');
    const plain = await loadFile(db, src, { table: 'TrainingLab_CL' });
    const expected = snapshot(db, plain.name);
    csvPartSize.streamBytes = 3_000;
    unwrapReadSize.bytes = 256;
    const {
      result: { result, sizes },
      failed,
    } = await failedQueries(db, () =>
      registeredSizes(db, () =>
        loadFile(
          db,
          { name: 'sign-in_adelete.csv.gz', bytes: gzipSync(src.bytes!) },
          { table: 'TrainingLab_CL' },
        ),
      ),
    );
    // Some parts' guessed ends fell inside a multi-line cell: those reads failed, and were read again cut exactly.
    expect(failed).toBeGreaterThan(0);
    expect(result.rowCount).toBe(plain.rowCount);
    expect(snapshot(db, result.name)).toBe(expected);
    // Read in parts all along: the whole text was never registered.
    expect(sizes.length).toBeGreaterThan(20);
    expect(Math.max(...sizes)).toBeLessThan(src.bytes!.byteLength / 10);
  });

  it('a UTF-16 LE tab-separated export (Excel "Unicode text") loads in parts, equal to its UTF-8 text', async () => {
    const text = new TextDecoder().decode(portalExport().bytes!).replace(/^\uFEFF/, '');
    const plain = await loadFile(db, textSource('AADNonInteractiveUserSignInLogs.csv', text));
    const expected = snapshot(db, plain.name);
    csvPartSize.streamBytes = 40_000;
    unwrapReadSize.bytes = 10_001;
    const { result, sizes } = await registeredSizes(db, () =>
      loadFile(db, { name: 'AADNonInteractiveUserSignInLogs.txt', bytes: utf16le(text) }),
    );
    expect([result.format, result.rowCount]).toEqual(['la-portal-csv', plain.rowCount]);
    expect(snapshot(db, result.name)).toBe(expected);
    expect(Math.max(...sizes)).toBeLessThan(text.length / 5);
  });

  it('a gzip truncated after several parts were read is refused with bad-gzip; nothing changed, nothing left', async () => {
    await loadFile(db, portalExport());
    const kept = snapshot(db, 'AADNonInteractiveUserSignInLogs');
    const before = userTables(db);
    // Beyond the 1 MB head read first (header, Type), so that the damage is met while reading parts.
    const [header, ...records] = new TextDecoder().decode(portalExport().bytes!).split('\n');
    const gz = gzipSync(Buffer.from([header, ...records, ...records, ...records].join('\n')));
    csvPartSize.streamBytes = 30_000;
    unwrapReadSize.bytes = 4096;
    let partsBefore = 0;
    const e = await loadFile(
      db,
      { name: 'AADNonInteractiveUserSignInLogs.csv.gz', bytes: gz.subarray(0, gz.length - 2000) },
      {
        onProgress: (p) => void (p.rows > 0 && partsBefore++),
      },
    ).catch((x: unknown) => x);
    expect(partsBefore).toBeGreaterThan(2);
    expect(e).toBeInstanceOf(IngestError);
    expect((e as IngestError).code).toBe('bad-gzip');
    expect((e as IngestError).message).toMatch(
      /^AADNonInteractiveUserSignInLogs\.csv\.gz is a damaged or truncated gzip file \(.+\); expected a complete \.gz archive: download it again\.$/,
    );
    expect(userTables(db)).toEqual(before);
    expect(snapshot(db, 'AADNonInteractiveUserSignInLogs')).toBe(kept);
  });

  it('a bad value or a ragged row in a later part of a gzip names the same line as in the plain file', async () => {
    const lines = new TextDecoder().decode(portalExport().bytes!).split('\n');
    lines[250] = lines[250]!.replace(/^"?6\/15\/2026, [^,]+ [AP]M"?/, '"15.06.2026 10:03"');
    const badValue = lines.join('\n');
    const ragged = [...lines.slice(0, 280), `${lines[280]},extra`, ...lines.slice(281)].join('\n');
    for (const text of [badValue, ragged]) {
      const plain = await loadFile(
        db,
        textSource('AADNonInteractiveUserSignInLogs.csv', text),
      ).catch((x: unknown) => x);
      expect(plain).toBeInstanceOf(IngestError);
      csvPartSize.streamBytes = 30_000;
      const gz = await loadFile(db, {
        name: 'AADNonInteractiveUserSignInLogs.csv',
        bytes: gzipSync(Buffer.from(text)),
      }).catch((x: unknown) => x);
      csvPartSize.streamBytes = DEFAULTS.part;
      expect(gz).toBeInstanceOf(IngestError);
      expect([
        (gz as IngestError).code,
        (gz as IngestError).message,
        (gz as IngestError).position,
      ]).toEqual([
        (plain as IngestError).code,
        (plain as IngestError).message,
        (plain as IngestError).position,
      ]);
    }
  });

  it('previews a gzipped CSV from its head', async () => {
    const gz = gzipSync(portalExport().bytes!);
    const p = await previewFile(db, { name: 'AADNonInteractiveUserSignInLogs.csv.gz', bytes: gz });
    expect([p.format, p.table, p.sampleRows.length]).toEqual([
      'la-portal-csv+gzip',
      'AADNonInteractiveUserSignInLogs',
      20,
    ]);
  });
});
