/**
 * loadFile: one exported log file → one typed Sentinel table (the contract is ./api.ts; the formats,
 * typing and errors are described in docs/ingest.md).
 *
 *   bytes/Blob ─ unwrap chunk by chunk (gzip, UTF-16) ─ sniff ─┬─ CSV → DuckDB read_csv, all VARCHAR (Entra downloads: papaparse)
 *                                               └─ JSON → records in chunks, mapped in JS → CSV text → read_csv
 *   → plan (table, column mapping) → typed staging table (one CREATE TABLE AS SELECT, or one
 *   statement per part of a large or unwrapped CSV, compressed every 256 MB; every conversion
 *   checked) → replace or append the real table in one transaction.
 *
 * A failed file never alters the tables already loaded: everything happens in uniquely named
 * staging tables and registered files that are dropped on the way out, and the real table changes
 * only in the final transaction.
 */
import type { SqlEngine } from '../db/engine.ts';
import { knownTable, type ColumnSchema } from '../schema/catalog.ts';
import type { KqlType } from '../schema/kql-types.ts';
import type { LoadedTable, LoadOptions, LoadSource } from './api.ts';
import { commitAppend, commitReplace } from './commit.ts';
import { openCsv, openCsvText } from './csv-reader.ts';
import { unwrapText, type Wrapping } from './decode.ts';
import { ensureDynamicUdf } from './dynamic-text.ts';
import { ingestError } from './errors.ts';
import { limitsOf } from './limits.ts';
import { HEAD_BYTES, sniff } from './formats.ts';
import { openJson, openJsonChunks, type ReadControl } from './json-reader.ts';
import type { RawRelation } from './raw-relation.ts';
import { loadedTable, registryOf, rejectedRowsOf, setRejected, tableExists } from './registry.ts';
import { byteSource, type ByteSource } from './source.ts';
import { quoteIdent } from './sql-text.ts';
import { planLoad } from './plan.ts';
import { buildTypedStaging } from './typed-staging.ts';

let stagingCounter = 0;

export function checkAborted(file: string, signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw ingestError(
      'cancelled',
      file,
      `Loading ${file} was cancelled; the tables already loaded are unchanged.`,
    );
}

export async function openRaw(
  engine: SqlEngine,
  original: ByteSource,
  control: ReadControl,
): Promise<{ raw: RawRelation; unwrapped: Wrapping[] }> {
  // gzip and UTF-16 are undone chunk by chunk on the way to the readers: the unwrapped file is
  // never held whole (progress counts the original file's bytes).
  const text = await unwrapText(original, control.limits?.gzipRatio);
  if (text) {
    const sniffed = sniff(original.name, await text.head(HEAD_BYTES));
    const raw =
      sniffed.family === 'csv'
        ? await openCsvText(engine, text, control)
        : await openJsonChunks(engine, original.name, text.chunks(), control);
    return { raw, unwrapped: [...text.unwrapped] };
  }
  const sniffed = sniff(original.name, await original.read(0, HEAD_BYTES));
  const raw =
    sniffed.family === 'csv'
      ? await openCsv(engine, original, control)
      : await openJson(engine, original, control);
  return { raw, unwrapped: [] };
}

const SQL_TO_KQL: Record<string, KqlType> = {
  VARCHAR: 'string',
  BIGINT: 'long',
  INTEGER: 'int',
  DOUBLE: 'real',
  BOOLEAN: 'bool',
  TIMESTAMP: 'datetime',
  INTERVAL: 'timespan',
};

/** The schema of an existing table: from ingest's registry, or (a table made elsewhere) from DuckDB. */
function existingSchema(engine: SqlEngine, name: string): ColumnSchema[] {
  const known = loadedTable(engine, name);
  if (known) return [...known.schema.columns];
  const catalog = knownTable(name);
  const r = engine.query(`DESCRIBE ${quoteIdent(name)}`);
  return r.rows.map(([col, type]) => {
    const n = String(col);
    const fromCatalog = catalog?.columns.find((c) => c.name === n)?.type;
    return { name: n, type: fromCatalog ?? SQL_TO_KQL[String(type)] ?? 'string' };
  });
}

function timeRangeOf(
  engine: SqlEngine,
  table: string,
  schema: readonly ColumnSchema[],
): LoadedTable['timeRange'] {
  if (!schema.some((c) => c.name === 'TimeGenerated' && c.type === 'datetime')) return null;
  const [min, max] = engine.query(
    `SELECT min("TimeGenerated"), max("TimeGenerated") FROM ${quoteIdent(table)}`,
  ).rows[0] as [number | null, number | null];
  return min === null || max === null ? null : { min, max };
}

/** Loads one file into the Sentinel table it belongs to. Throws an IngestError (a LoupeError, stage 'ingest'). */
export async function loadFile(
  engine: SqlEngine,
  source: LoadSource,
  options: LoadOptions = {},
): Promise<LoadedTable> {
  const src = byteSource(source);
  const file = src.name;
  const report = (bytesRead: number, rows: number) =>
    options.onProgress?.({ file, bytesRead, bytesTotal: src.size, rows });
  checkAborted(file, options.signal);
  const limits = limitsOf(file, options.limits);
  report(0, 0);
  ensureDynamicUdf(engine);

  const { raw, unwrapped } = await openRaw(engine, src, {
    onChunk: (bytesRead, rows) => report(bytesRead, rows),
    checkAborted: () => checkAborted(file, options.signal),
    limits,
  });
  return loadRaw(engine, file, src.size, raw, unwrapped, options);
}

/**
 * Loads an opened raw relation (its reader chosen by loadFile, or by the native engine's reader of
 * local files, native-files.ts) into the table it belongs to: plan, typed staging, checks, replace
 * or append. Disposes of the relation.
 */
export async function loadRaw(
  engine: SqlEngine,
  file: string,
  bytesTotal: number,
  raw: RawRelation,
  unwrapped: readonly Wrapping[],
  options: LoadOptions,
): Promise<LoadedTable> {
  const report = (bytesRead: number, rows: number) =>
    options.onProgress?.({ file, bytesRead, bytesTotal, rows });
  const limits = limitsOf(file, options.limits);
  const staging = `loupe_ingest_staging_${++stagingCounter}`;
  try {
    checkAborted(file, options.signal);
    const { target, nameSource, typeValue, mapping, warnings, format } = planLoad(
      file,
      raw,
      unwrapped,
      options,
    );
    const staged = await buildTypedStaging(
      engine,
      file,
      raw,
      mapping,
      staging,
      options.badRows === 'set-aside',
      options.signal,
      (bytesEnd, rows) => report(Math.min(bytesEnd, bytesTotal), rows),
      limits,
    );
    const rows = staged.rows;
    if (rows === 0 && staged.rejected > 0) {
      const first = staged.details[0];
      throw ingestError(
        'bad-csv',
        file,
        `none of its ${staged.rejected} records could be read${first ? `; the first, at line ${first.line ?? '?'}: ${first.error}` : ''}. Nothing was loaded.`,
        first?.line !== undefined ? { line: first.line } : {},
      );
    }
    if (staged.rejected > 0) {
      warnings.push(
        `${file}: ${staged.rejected} rows could not be read or typed and were set aside, each kept with its line and what was wrong; the other ${rows} were loaded.`,
      );
    }
    if (rows === 0) {
      throw ingestError(
        'header-only',
        file,
        `the file has column names but no rows: expected at least one record after the header.`,
        { line: 2 },
      );
    }
    checkAborted(file, options.signal);
    report(bytesTotal, rows);

    const typeColumn = mapping.find((m) => m.column === 'Type');
    if (typeColumn && nameSource !== 'option') {
      const distinct = engine
        .query(`SELECT DISTINCT "Type" FROM ${quoteIdent(staging)} WHERE "Type" <> '' LIMIT 3`)
        .rows.map((r) => String(r[0]));
      if (distinct.length > 1) {
        throw ingestError(
          'mixed-tables',
          file,
          `${file} mixes records of several tables (Type ${distinct.map((d) => `"${d}"`).join(', ')}); expected one table per file: export each table separately.`,
        );
      }
    }

    const stagingSchema: ColumnSchema[] = mapping.map((m) => ({ name: m.column, type: m.type }));
    const mode = options.mode ?? 'replace';
    const registry = registryOf(engine);
    const previous = loadedTable(engine, target);
    let schema: ColumnSchema[];
    let files: string[];
    if (mode === 'append' && tableExists(engine, target)) {
      schema = commitAppend(
        engine,
        file,
        staging,
        stagingSchema,
        target,
        existingSchema(engine, target),
      );
      files = [...(previous?.files ?? []), file];
    } else {
      commitReplace(engine, staging, target);
      schema = stagingSchema;
      files = [file];
    }
    if (schema.some((c) => c.name === 'TimeGenerated' && c.type === 'datetime')) {
      // Excel re-saves show datetimes as "6/15/2026 9:56": seconds and milliseconds are gone for good.
      const [n, whole] = engine.query(
        `SELECT count("TimeGenerated"), count(*) FILTER (WHERE epoch_us("TimeGenerated") % 60000000 = 0) FROM ${quoteIdent(target)}`,
      ).rows[0] as [number, number];
      if (n > 1 && whole === n)
        warnings.push(
          `${file}: every TimeGenerated is a whole minute; the file was probably re-saved by Excel, which drops seconds. Rule windows are exact only to the minute.`,
        );
    }
    if (!schema.some((c) => c.name === 'TimeGenerated')) {
      warnings.push(
        `${target} has no TimeGenerated column: it is treated as a snapshot, which rule time windows do not restrict.`,
      );
    }
    const rowCount = engine.query(`SELECT count(*) FROM ${quoteIdent(target)}`)
      .rows[0]![0] as number;
    const tableFormat =
      mode === 'append' && previous && previous.format !== format
        ? `${previous.format}, ${format}`
        : format;
    const loaded: LoadedTable = {
      name: target,
      schema: { name: target, columns: schema },
      rowCount,
      timeRange: timeRangeOf(engine, target, schema),
      files,
      format: tableFormat,
      rejectedRows: staged.rejected + (mode === 'append' ? (previous?.rejectedRows ?? 0) : 0),
      warnings: mode === 'append' ? [...(previous?.warnings ?? []), ...warnings] : warnings,
      mapping,
    };
    for (const k of registry.keys())
      if (k.toLowerCase() === target.toLowerCase()) registry.delete(k);
    registry.set(target, loaded);
    setRejected(engine, target, [
      ...(mode === 'append' && previous ? rejectedRowsOf(engine, target) : []),
      ...staged.details,
    ]);
    report(bytesTotal, rows);
    return loaded;
  } finally {
    try {
      engine.exec(`DROP TABLE IF EXISTS ${quoteIdent(staging)}`);
    } finally {
      raw.dispose();
    }
  }
}
