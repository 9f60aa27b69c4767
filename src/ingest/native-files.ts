/**
 * Local files read by native DuckDB's own readers (the CLI's `--engine native`): a CSV export,
 * gzipped or not, is one `read_csv` of the file on disk, and a Parquet file one `read_parquet` —
 * no copy into JavaScript, no parts, no compression checkpoints: native DuckDB reads in parallel and
 * spills to disk under its memory limit. What follows is the load every reader shares (load.ts:
 * the same plan, mapping, typed staging, checks and commit), so a file gives the same table with
 * the same types on both engines (tests/unit/ingest/native-files.test.ts).
 *
 * Files Loupe maps in JavaScript (JSON of every shape, Entra admin center CSV downloads, UTF-16
 * text) are not read here: `openLocalFile` answers undefined and the caller loads their bytes as
 * the browser does.
 */
import { existsSync, openAsBlob } from 'node:fs';
import { basename, resolve } from 'node:path';
import Papa from 'papaparse';
import type { SqlEngine } from '../db/engine.ts';
import type { LoadedTable, LoadOptions } from './api.ts';
import type { SourceField } from './column-mapping.ts';
import { delimiterOf } from './csv-reader.ts';
import { lastRecordEnd } from './csv-parts.ts';
import { sourceOfBytes, unwrapText, wrappingOf, type UnwrappedText } from './decode.ts';
import { ensureDynamicUdf } from './dynamic-text.ts';
import { isEntraSignInHeader } from './entra-csv.ts';
import { ingestError } from './errors.ts';
import { hasUtf8Bom, sniff, HEAD_BYTES } from './formats.ts';
import { checkAborted, loadRaw } from './load.ts';
import { DEFAULT_LIMITS } from './limits.ts';
import {
  fieldCount,
  lineStartAt,
  linesOfRecords,
  positionOfOffset,
  recordTextAt,
} from './positions.ts';
import {
  MAX_REJECT_DETAILS,
  rawColumn,
  type RawRelation,
  type RejectedRow,
} from './raw-relation.ts';
import { byteSource, type ByteSource } from './source.ts';
import { shownRecord } from './shown-text.ts';
import { quoteIdent, quoteString } from './sql-text.ts';

/** How much of a file is read to find its header, its Type and its first values. */
const HEAD_RECORD_BYTES = 1024 * 1024;
const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31]; // "PAR1"

let counter = 0;

/** A path holds a glob pattern when it has `*`, `?` or `[` (DuckDB's glob syntax, `**` for any depth). */
export function isGlobPattern(path: string): boolean {
  return /[*?[]/.test(path);
}

/**
 * The files a path names: itself (made absolute: native DuckDB resolves relative names against its
 * file_search_path, not the working directory), or, for a glob pattern, the files it matches in name
 * order, expanded by native DuckDB's glob(). A pattern that matches nothing is an error naming it.
 */
export function localFiles(engine: SqlEngine, path: string): string[] {
  const absolute = resolve(path);
  if (!isGlobPattern(path) || existsSync(absolute)) return [absolute];
  const files = engine
    .queryParams('SELECT file FROM glob(?) ORDER BY file', [absolute])
    .rows.map((r) => String(r[0]));
  if (files.length === 0)
    throw ingestError(
      'empty-file',
      path,
      `${path}: no file matches this pattern (expected at least one file; * and ? match within a folder, ** across folders).`,
    );
  return files;
}

/** Loads a local file through native DuckDB's readers; undefined when it is a file for Loupe's own readers. */
export async function loadLocalFile(
  engine: SqlEngine,
  path: string,
  options: LoadOptions = {},
): Promise<LoadedTable | undefined> {
  path = resolve(path);
  const name = basename(path);
  checkAborted(name, options.signal);
  ensureDynamicUdf(engine);
  const opened = await openLocalFile(engine, path);
  if (!opened) return undefined;
  options.onProgress?.({ file: name, bytesRead: 0, bytesTotal: opened.size, rows: 0 });
  return loadRaw(engine, name, opened.size, opened.raw, opened.gzip ? ['gzip'] : [], options);
}

/** The raw relation native DuckDB reads a local file through, or undefined when Loupe's own readers must read it. */
export async function openLocalFile(
  engine: SqlEngine,
  path: string,
): Promise<{ raw: RawRelation; size: number; gzip: boolean } | undefined> {
  const name = basename(path);
  const src = byteSource({ name, blob: await openAsBlob(path) });
  const head = await src.read(0, HEAD_BYTES);
  if (PARQUET_MAGIC.every((b, i) => head[i] === b))
    return { raw: openParquet(engine, path, name), size: src.size, gzip: false };
  const wrapping = wrappingOf(head);
  if (wrapping && wrapping !== 'gzip') return undefined; // UTF-16: transcoded by Loupe's reader
  const text = wrapping === 'gzip' ? await unwrapText(src) : undefined;
  if (text && text.unwrapped.length !== 1) return undefined; // gzipped UTF-16, or gzip in gzip
  const textHead = text ? await text.head(HEAD_RECORD_BYTES) : await src.read(0, HEAD_RECORD_BYTES);
  if (sniff(name, textHead.subarray(0, HEAD_BYTES)).family !== 'csv') return undefined;
  const raw = await openCsvFile(engine, path, src, text, textHead);
  return raw && { raw, size: src.size, gzip: text !== undefined };
}

/** The records in a head of CSV text (header first), cut after the last whole record. */
function recordsOf(head: Uint8Array, delimiter: string): string[][] {
  const body = head.subarray(hasUtf8Bom(head) ? 3 : 0, lastRecordEnd(head) || head.length);
  return Papa.parse<string[]>(new TextDecoder().decode(body), {
    header: false,
    delimiter,
    quoteChar: '"',
    skipEmptyLines: true,
  }).data;
}

function firstValue(records: readonly string[][], index: number): string | undefined {
  for (const row of records.slice(1)) {
    const v = row[index]?.trim();
    if (v) return v;
  }
  return undefined;
}

/**
 * A CSV file on disk: every field as VARCHAR with Loupe's column list (no sniffing), as the
 * browser's reader reads it, so the same typing follows; unreadable records go to a rejects table
 * and are reported, or set aside, at their lines.
 */
async function openCsvFile(
  engine: SqlEngine,
  path: string,
  src: ByteSource,
  text: UnwrappedText | undefined,
  head: Uint8Array,
): Promise<RawRelation | undefined> {
  const firstLine = new TextDecoder()
    .decode(head.subarray(hasUtf8Bom(head) ? 3 : 0, Math.max(0, head.indexOf(0x0a)) || head.length))
    .replace(/\r$/, '');
  const delimiter = delimiterOf(firstLine);
  const records = recordsOf(head, delimiter);
  const header = records[0] ?? [];
  if (header.length === 0)
    throw ingestError(
      'bad-csv',
      src.name,
      `${src.name}: the header row cannot be read as CSV; expected comma- or tab-separated column names.`,
      { line: 1 },
    );
  if (isEntraSignInHeader(header)) return undefined; // a transform in JavaScript (entra-csv.ts)
  const fields: SourceField[] = header.map((h) => ({ source: h }));
  const format = header.some((h) => / \[UTC\]\s*$/.test(h)) ? 'la-portal-csv' : 'csv';
  const id = ++counter;
  const rejects = `loupe_native_rejects_${id}`;
  const scans = `loupe_native_reject_scans_${id}`;
  const columns = `{${fields.map((_, i) => `${quoteString(rawColumn(i))}: 'VARCHAR'`).join(', ')}}`;
  const options =
    `header = true, auto_detect = false, delim = ${quoteString(delimiter)}, quote = '"', escape = '"', columns = ${columns}` +
    `, compression = ${text ? "'gzip'" : "'none'"}`;
  const reader = (extra: string) => `read_csv(${quoteString(path)}, ${options}${extra})`;
  const hasRejects = () =>
    (engine.queryParams(`SELECT count(*) FROM duckdb_tables() WHERE table_name = ?`, [rejects])
      .rows[0]?.[0] as number) > 0;
  /** The text with random access, for positions: the file, or a gzip's content unwrapped (only when an error is reported). */
  const textSource = async (): Promise<ByteSource> =>
    text ? sourceOfBytes(src.name, await text.whole()) : src;
  const typeIndex = fields.findIndex((f) => f.source.trim() === 'Type');
  let skipped: number[] | undefined;
  /** The file record (header = 0) of loaded row `index`: loaded rows skip the records set aside. */
  const recordOf = (index: number): number => {
    skipped ??= hasRejects()
      ? engine
          .query(`SELECT DISTINCT line - 1 FROM ${quoteIdent(rejects)} ORDER BY 1`)
          .rows.map((r) => Number(r[0]))
      : [];
    let rec = index + 1;
    for (const r of skipped) {
      if (r <= rec) rec++;
      else break;
    }
    return rec;
  };
  return {
    format,
    fields,
    fromSql: reader(
      `, store_rejects = true, rejects_table = ${quoteString(rejects)}, rejects_scan = ${quoteString(scans)}`,
    ),
    warnings: [],
    headSample: (field) => firstValue(records, field),
    firstTypeValue: () => (typeIndex >= 0 ? firstValue(records, typeIndex) : undefined),
    async checkScan(setAside: boolean) {
      // Records, not DuckDB's errors: a row with 91 fields missing is 91 errors of one record
      // (as the browser's reader counts them, csv-reader.ts).
      const count = hasRejects()
        ? Number(
            engine.query(`SELECT count(DISTINCT line) FROM ${quoteIdent(rejects)}`).rows[0]?.[0] ??
              0,
          )
        : 0;
      if (count === 0) return { count: 0, details: [] };
      const limit = setAside ? MAX_REJECT_DETAILS : 1;
      // In file order, each record once (its first error).
      const rows = engine.query(
        `SELECT line_byte_position, byte_position, column_idx, CAST(error_type AS VARCHAR), error_message, csv_line ` +
          `FROM (SELECT *, row_number() OVER (PARTITION BY line ORDER BY byte_position) AS loupe_nth FROM ${quoteIdent(rejects)}) WHERE loupe_nth = 1 ` +
          `ORDER BY byte_position LIMIT ${limit}`,
      ).rows as [number, number, number | null, string, string, string][];
      const whole = await textSource();
      const delimiterByte = delimiter.charCodeAt(0);
      const details: RejectedRow[] = [];
      for (const [lineStart, bytePos, columnIdx, errorType, message, csvLine] of rows) {
        let code: 'ragged-row' | 'unbalanced-quote' | 'bad-csv';
        let why: string;
        let at: { line: number; column: number };
        if (errorType === 'TOO MANY COLUMNS' || errorType === 'MISSING COLUMNS') {
          // DuckDB's "Found: N" is where it stopped reading the row, not the row's field count:
          // the record's own text is counted, read from the start of its line.
          const record = await recordTextAt(
            whole,
            await lineStartAt(whole, lineStart),
            DEFAULT_LIMITS.recordBytes,
          );
          const found = record.complete
            ? `${fieldCount(record.bytes, delimiterByte)} fields`
            : 'more fields';
          at = { line: (await positionOfOffset(whole, lineStart)).line, column: 1 };
          code = 'ragged-row';
          why = `this row has ${found}; expected ${fields.length}, one per header column`;
        } else if (errorType === 'UNQUOTED VALUE') {
          at = await positionOfOffset(whole, Math.max(bytePos - 1, lineStart));
          code = 'unbalanced-quote';
          why =
            'a quoted value that starts here never ends: expected a closing double quote (") before the end of the record';
        } else {
          at = await positionOfOffset(whole, Math.max(bytePos - 1, lineStart));
          code = 'bad-csv';
          why = `${shownRecord(message.split('\n')[0])}${columnIdx === null || columnIdx === undefined ? '' : ` (field ${columnIdx})`}`;
        }
        if (!setAside) {
          // The message says what; the position (file:line:column) says where, as on the default engine.
          const more =
            count > 1
              ? ` (${count} records in all could not be read; nothing was loaded)`
              : ' (nothing was loaded)';
          throw ingestError(code, src.name, `${why}${more}.`, at);
        }
        details.push({
          file: src.name,
          line: at.line,
          column: columnIdx === null || columnIdx === undefined ? 'record' : `field ${columnIdx}`,
          error: why,
          text: shownRecord(csvLine),
        });
      }
      return { count, details };
    },
    async locateAll(indices) {
      const lines = await linesOfRecords(await textSource(), indices.map(recordOf));
      return lines.map((line) => ({ position: { line }, label: `line ${line}` }));
    },
    async locate(index) {
      const [line] = await linesOfRecords(await textSource(), [recordOf(index)]);
      return { position: { line: line! }, label: `line ${line}` };
    },
    rawCell(index, field) {
      const v = engine.query(
        `SELECT ${quoteIdent(rawColumn(field))} FROM ${reader(', ignore_errors = true')} LIMIT 1 OFFSET ${Math.trunc(index)}`,
      ).rows[0]?.[0];
      return typeof v === 'string' ? v : null;
    },
    dispose() {
      for (const t of [rejects, scans]) engine.exec(`DROP TABLE IF EXISTS ${quoteIdent(t)}`);
    },
  };
}

/** SQL giving a Parquet column's value as the text a CSV export would hold, for the shared typing. */
function parquetText(column: string, type: string): string {
  const c = quoteIdent(column);
  if (type === 'VARCHAR') return c;
  // Nested values are dynamic: JSON text, as Log Analytics exports them (native DuckDB has to_json).
  if (/^(STRUCT|MAP)\b|\[\d*\]$|^JSON$/.test(type)) return `CAST(to_json(${c}) AS VARCHAR)`;
  return `CAST(${c} AS VARCHAR)`;
}

/**
 * A Parquet file (a data lake's export, or one made from a large CSV): its columns are read as
 * text and typed by the same mapping as a CSV export's; a TIMESTAMP column reads as ISO-8601 text
 * in UTC, which the typing takes as it takes an ISO datetime in a CSV.
 */
function openParquet(engine: SqlEngine, path: string, name: string): RawRelation {
  const source = `read_parquet(${quoteString(path)})`;
  const described = engine
    .query(`DESCRIBE SELECT * FROM ${source}`)
    .rows.map((r) => ({ name: String(r[0]), type: String(r[1]) }));
  const fields: SourceField[] = described.map((d) => ({ source: d.name }));
  const fromSql = `(SELECT ${described.map((d, i) => `${parquetText(d.name, d.type)} AS ${quoteIdent(rawColumn(i))}`).join(', ')} FROM ${source})`;
  const first = (field: number): string | undefined => {
    const c = quoteIdent(rawColumn(field));
    const v = engine.query(
      `SELECT trim(${c}) FROM ${fromSql} WHERE ${c} IS NOT NULL AND trim(${c}) <> '' LIMIT 1`,
    ).rows[0]?.[0];
    return typeof v === 'string' ? v : undefined;
  };
  const typeIndex = fields.findIndex((f) => f.source === 'Type');
  return {
    format: 'parquet',
    fields,
    fromSql,
    warnings: [],
    headSample: first,
    firstTypeValue: () => (typeIndex >= 0 ? first(typeIndex) : undefined),
    // A Parquet file is read whole or not at all: DuckDB refuses a damaged one with its own error.
    checkScan: async () => ({ count: 0, details: [] }),
    locate: async (index) => ({ position: {}, label: `row ${index + 1} of ${name}` }),
    rawCell(index, field) {
      const v = engine.query(
        `SELECT ${quoteIdent(rawColumn(field))} FROM ${fromSql} LIMIT 1 OFFSET ${Math.trunc(index)}`,
      ).rows[0]?.[0];
      return typeof v === 'string' ? v : null;
    },
    dispose() {},
  };
}
