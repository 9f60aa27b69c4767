/**
 * SqlEngine over DuckDB-WASM bindings (blocking build), shared by the Node and browser targets so
 * that both run the same SQL dialect with the same settings and functions.
 */
import { Float64, Int32, Utf8, type DataType } from 'apache-arrow';
import type { DuckDBBindings, DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import type { ScalarUdf, SqlEngine, UdfType } from './engine.ts';
import { tableToResult } from './arrow-values.ts';
import { runPendingQuery } from './pending-query.ts';

/**
 * Statements every connection runs first. The WASM build has no extensions, and trying to fetch one
 * hangs Node forever (a synchronous fetch in Atomics.wait), so autoload/autoinstall are off: a
 * missing function must fail at once. Datetimes are UTC TIMESTAMP throughout (KQL has no zones).
 */
export const CONNECTION_SETUP = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  "SET TimeZone = 'UTC'",
  // Tables live in a *compressed* in-memory database (DuckDB ≥ 1.3): a plain in-memory database
  // stores rows uncompressed, and a 1M-row portal export (530 MB) took 580 MB of wasm heap that
  // way against ~60 MB compressed (measured; docs/ingest.md). Compression happens at a checkpoint,
  // which costs about half the load's time again, so it is not automatic: ingest checkpoints after
  // each part of a large file (src/ingest/csv-parts.ts), where memory is what decides.
  "ATTACH ':memory:' AS loupe_data (COMPRESS)",
  'USE loupe_data',
  "SET checkpoint_threshold = '1000GB'",
];

export function arrowTypeOf(t: UdfType): DataType {
  switch (t) {
    case 'VARCHAR':
      return new Utf8();
    case 'DOUBLE':
      return new Float64();
    case 'INTEGER':
      return new Int32();
  }
}

export function engineFromBindings(db: DuckDBBindings, onClose: () => void = () => {}): SqlEngine {
  const conn: DuckDBConnection = db.connect();
  for (const s of CONNECTION_SETUP) {
    try {
      conn.query(s);
    } catch {
      // `SET TimeZone` needs ICU, which the WASM build lacks; TIMESTAMP (no zone) is UTC anyway.
    }
  }
  const connectionId = conn.useUnsafe((_, id) => id);
  return {
    query: (sql) => tableToResult(conn.query(sql)),
    queryAsync: async (sql, control = {}) => tableToResult(await runPendingQuery(db, connectionId, sql, control.signal)),
    queryParams: (sql, params) => {
      const stmt = conn.prepare(sql);
      try {
        return tableToResult(stmt.query(...params));
      } finally {
        stmt.close();
      }
    },
    exec: (sql) => {
      conn.query(sql);
    },
    registerFileBuffer: (name, bytes) => db.registerFileBuffer(name, bytes),
    registerFileHandle: (name, file) => db.registerFileHandle(name, file, 2 /* BROWSER_FILEREADER */, true),
    dropFile: (name) => db.dropFile(name),
    registerUdf: (udf: ScalarUdf) => conn.createScalarFunction(udf.name, arrowTypeOf(udf.returns), udf.fn),
    arrowTypeOf,
    close: () => {
      conn.close();
      onClose();
    },
  };
}
