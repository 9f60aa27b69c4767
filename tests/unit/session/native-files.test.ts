/**
 * The native engine reading local files in place (src/ingest/native-files.ts, the CLI's
 * `--engine native`): a CSV export, a gzipped one, a glob of several files and a Parquet file
 * written by native DuckDB here, each compared with what the default engine (DuckDB-WASM, the
 * browser's) makes of the same data through Loupe's JavaScript-fed readers — the same table, the
 * same types, the same rows. The data is the generated demo (static/demo, whose large exports are
 * gzipped): where a plain CSV is needed, the test writes the gunzipped export to a temporary folder.
 * Row counts are counted here from the CSV text, not taken from Loupe. Skipped where the optional
 * native package is not installed.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoupeSession } from '../../../src/session/api.ts';
import { createNodeSession } from '../../../src/session/node.ts';
import { createNativeEngine } from '../../../src/db/native/engine.ts';
import type { LoadedTable } from '../../../src/ingest/api.ts';
import { isLoupeError, type LoupeError } from '../../../src/errors.ts';
import { DEMO_DIR, demoCsv, fixturePath } from '../../support/material.ts';

const FIXTURES = fixturePath('ingest');

/** A demo export as the portal wrote it (gzipped ones inflated), as text. */
const demoText = (name: string) => new TextDecoder().decode(demoCsv(name));

/**
 * The records of a portal CSV, counted independently of Loupe: its lines without the header. Valid
 * only when no record spans lines, so that is checked first: every line holds an even number of
 * quotes (no line ends inside a quoted field).
 */
function csvLines(text: string): { header: string; body: string[] } {
  const lines = text.replace(/\r?\n$/, '').split(/\r?\n/);
  expect(lines.filter((l) => (l.match(/"/g)?.length ?? 0) % 2 !== 0)).toEqual([]);
  return { header: lines[0]!, body: lines.slice(1) };
}

const NATIVE = await import('@duckdb/node-api').then(
  () => true,
  () => false,
);

/** Every row of a table, ordered, with its column types: what must be the same on both engines. */
async function contents(session: LoupeSession, table: string): Promise<string> {
  const r = await session.run(`SELECT * FROM "${table}" ORDER BY ALL`, 'sql', 1_000_000);
  return JSON.stringify({ columns: r.columns, rows: r.rows });
}

/** The table as the last file a path named left it. */
async function last(loading: Promise<readonly LoadedTable[]>): Promise<LoadedTable> {
  const tables = await loading;
  return tables[tables.length - 1]!;
}

function shape(t: LoadedTable) {
  return {
    name: t.name,
    rowCount: t.rowCount,
    schema: t.schema,
    timeRange: t.timeRange,
    rejectedRows: t.rejectedRows,
    mapping: t.mapping,
  };
}

describe.skipIf(!NATIVE)('native engine: local files read in place', () => {
  let native: LoupeSession;
  let wasm: LoupeSession;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'loupe-native-files-'));
    native = await createNodeSession({ kind: 'native', options: { threads: 2 } });
    wasm = await createNodeSession();
  }, 60_000);
  afterAll(() => {
    native?.close();
    wasm?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function compareWith(path: string, nativeTable: LoadedTable) {
    const w = await wasm.load({ name: path.split('/').pop()!, bytes: readFileSync(path) });
    expect(shape(nativeTable)).toEqual(shape(w));
    expect(await contents(native, nativeTable.name)).toBe(await contents(wasm, w.name));
    return w;
  }

  it('a Log Analytics portal CSV: one read_csv of the file, the same typed table as the default engine', async () => {
    const text = demoText('SigninLogs.csv.gz');
    const path = join(dir, 'SigninLogs.csv');
    writeFileSync(path, text);
    const t = await last(native.loadLocal!(path));
    expect(t.name).toBe('SigninLogs');
    expect(t.format).toBe('la-portal-csv');
    expect(t.rowCount).toBe(csvLines(text).body.length);
    expect(t.rowCount).toBeGreaterThan(1000);
    await compareWith(path, t);
  });

  it('a gzipped CSV: read by DuckDB with gzip compression, the same table as the default engine', async () => {
    // The demo's file as it ships, gzipped; its records counted from the inflated text.
    const path = join(DEMO_DIR, 'AADNonInteractiveUserSignInLogs.csv.gz');
    const t = await last(native.loadLocal!(path));
    expect(t.name).toBe('AADNonInteractiveUserSignInLogs');
    expect(t.format).toBe('la-portal-csv+gzip');
    expect(t.rowCount).toBe(
      csvLines(demoText('AADNonInteractiveUserSignInLogs.csv.gz')).body.length,
    );
    expect(t.rowCount).toBeGreaterThan(2000);
    const w = await compareWith(path, t);
    expect(w.format).toBe(t.format);
  });

  it('a glob of several files: every match, in name order, becomes one table (the first replaces, the rest append)', async () => {
    // The demo's non-interactive sign-ins cut into three files, the header repeated in each.
    const text = demoText('AADNonInteractiveUserSignInLogs.csv.gz');
    // Records have no newlines inside quotes in this file (checked): a line is a record.
    const { header, body } = csvLines(text);
    const cut = [0, 900, 1800, body.length];
    expect(body.length).toBeGreaterThan(1800);
    const glob = join(dir, 'glob');
    mkdirSync(glob);
    for (let i = 0; i < 3; i++)
      writeFileSync(
        join(glob, `AADNonInteractiveUserSignInLogs_day${i + 1}.csv`),
        `${[header, ...body.slice(cut[i], cut[i + 1])].join('\n')}\n`,
      );
    writeFileSync(join(glob, 'unrelated.txt'), 'not matched');

    const t = await last(native.loadLocal!(join(glob, 'AADNonInteractiveUserSignInLogs_day*.csv')));
    expect(t.name).toBe('AADNonInteractiveUserSignInLogs');
    expect(t.rowCount).toBe(body.length);
    expect(t.files).toEqual([1, 2, 3].map((d) => `AADNonInteractiveUserSignInLogs_day${d}.csv`));
    // The same rows as the whole file loaded by the default engine.
    const w = await wasm.load({
      name: 'AADNonInteractiveUserSignInLogs.csv',
      bytes: new TextEncoder().encode(text),
    });
    expect(w.rowCount).toBe(body.length);
    expect(t.schema).toEqual(w.schema);
    expect(await contents(native, t.name)).toBe(await contents(wasm, w.name));

    await expect(native.loadLocal!(join(glob, 'NoSuchTable_*.csv'))).rejects.toThrow(
      /no file matches this pattern/,
    );
  });

  it('a Parquet file written by native DuckDB: its typed columns come back as the same table', async () => {
    // A data lake's export, in small: the demo's sign-ins, typed by Loupe, written by native DuckDB
    // with TIMESTAMP, BIGINT and the dynamic columns' JSON text, under the Log Analytics names.
    const text = demoText('SigninLogs.csv.gz');
    const csv = join(dir, 'SigninLogs.csv');
    writeFileSync(csv, text);
    const parquet = join(dir, 'SigninLogs.parquet');
    const writer = await createNativeEngine();
    try {
      const from = `read_csv('${csv.replaceAll("'", "''")}', all_varchar = true)`;
      const names = writer.query(`DESCRIBE SELECT * FROM ${from}`).rows.map((r) => String(r[0]));
      const select = names.map((n) =>
        n === 'TimeGenerated [UTC]'
          ? `strptime("${n}", '%m/%d/%Y, %I:%M:%S.%g %p') AS "TimeGenerated"`
          : n === 'DurationMs'
            ? `CAST("${n}" AS BIGINT) AS "${n}"`
            : `"${n}"`,
      );
      writer.exec(
        `COPY (SELECT ${select.join(', ')} FROM ${from}) TO '${parquet.replaceAll("'", "''")}' (FORMAT parquet)`,
      );
      const types = writer
        .query(
          `DESCRIBE SELECT "TimeGenerated", "DurationMs" FROM read_parquet('${parquet.replaceAll("'", "''")}')`,
        )
        .rows.map((r) => r[1]);
      expect(types).toEqual(['TIMESTAMP', 'BIGINT']);
    } finally {
      writer.close();
    }
    const fresh = await createNodeSession({ kind: 'native' });
    try {
      const t = await last(fresh.loadLocal!(parquet));
      expect(t.name).toBe('SigninLogs');
      expect(t.format).toBe('parquet');
      expect(t.rowCount).toBe(csvLines(text).body.length);
      const w = await wasm.load({ name: 'SigninLogs.csv', bytes: readFileSync(csv) });
      expect(t.schema.columns.find((c) => c.name === 'TimeGenerated')?.type).toBe('datetime');
      expect(t.schema).toEqual(w.schema);
      expect(t.timeRange).toEqual(w.timeRange);
      expect(await contents(fresh, t.name)).toBe(await contents(wasm, w.name));
    } finally {
      fresh.close();
    }
  });

  it("a file for Loupe's JavaScript readers (JSON) is read by them, streamed from disk", async () => {
    const path = join(FIXTURES, 'SigninLogs_array.json');
    const t = await last(native.loadLocal!(path));
    await compareWith(path, t);
  });

  it('a ragged CSV record fails with the same message, at the same line, as on the default engine', async () => {
    const lines = demoText('SigninLogs.csv.gz').split('\n');
    // The header's fields, counted here (its names hold no quote, so no comma is inside one).
    expect(lines[0]).not.toContain('"');
    const columns = lines[0]!.split(',').length;
    lines.splice(5, 0, 'a,b,c');
    const path = join(dir, 'SigninLogs_ragged.csv');
    writeFileSync(path, lines.join('\n'));
    // What the analyst reads (file:line:column: message) and where the error says it is.
    const failure = (e: unknown) => {
      expect(isLoupeError(e), String(e)).toBe(true);
      const l = e as LoupeError;
      return { code: l.code, position: l.position, described: l.describe() };
    };
    const n = await native.loadLocal!(path).then(() => undefined, failure);
    const w = await wasm
      .load({ name: 'SigninLogs_ragged.csv', bytes: readFileSync(path) })
      .then(() => undefined, failure);
    // One record of three fields at line 6: one record could not be read, not one per missing field.
    expect(n).toEqual({
      code: 'ragged-row',
      position: { file: 'SigninLogs_ragged.csv', line: 6, column: 1 },
      described: `SigninLogs_ragged.csv:6:1: this row has 3 fields; expected ${columns}, one per header column (nothing was loaded).`,
    });
    expect(n).toEqual(w);
  });

  it('several bad records: counted as records, the first reported at its place, as on the default engine', async () => {
    const lines = demoText('SigninLogs.csv.gz').split('\n');
    const columns = lines[0]!.split(',').length;
    // Line 4 loses its last field (one missing column), line 9 gains two (two errors in DuckDB's terms).
    lines[3] = lines[3]!.slice(0, lines[3]!.lastIndexOf(','));
    lines[8] = `${lines[8]},x,y`;
    const path = join(dir, 'SigninLogs_two_bad.csv');
    writeFileSync(path, lines.join('\n'));
    const failure = (e: unknown) => {
      expect(isLoupeError(e), String(e)).toBe(true);
      return (e as LoupeError).describe();
    };
    const n = await native.loadLocal!(path).then(() => undefined, failure);
    const w = await wasm
      .load({ name: 'SigninLogs_two_bad.csv', bytes: readFileSync(path) })
      .then(() => undefined, failure);
    expect(n).toBe(
      `SigninLogs_two_bad.csv:4:1: this row has ${columns - 1} fields; expected ${columns}, one per header column (2 records in all could not be read; nothing was loaded).`,
    );
    expect(n).toBe(w);
  });

  it('bad records set aside: the others load, and the same records are kept, at the same lines, as on the default engine', async () => {
    const lines = demoText('SigninLogs.csv.gz').replace(/\n$/, '').split('\n');
    const records = lines.length - 1;
    lines[3] = lines[3]!.slice(0, lines[3]!.lastIndexOf(','));
    lines[8] = `${lines[8]},x,y`;
    const path = join(dir, 'SigninLogs_set_aside.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const t = await last(native.loadLocal!(path, { badRows: 'set-aside' }));
    const w = await wasm.load(
      { name: 'SigninLogs_set_aside.csv', bytes: readFileSync(path) },
      { badRows: 'set-aside' },
    );
    expect(t.rejectedRows).toBe(2);
    expect(t.rowCount).toBe(records - 2);
    expect(shape(t)).toEqual(shape(w));
    const kept = native.rejectedRows(t.name);
    expect(kept.map((r) => r.line)).toEqual([4, 9]);
    expect(kept).toEqual(wasm.rejectedRows(w.name));
    expect(await contents(native, t.name)).toBe(await contents(wasm, w.name));
  });
});
