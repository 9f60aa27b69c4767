/**
 * SqlEngine over DuckDB-WASM bindings (blocking build), shared by the Node and browser targets so
 * that both run the same SQL dialect with the same settings and functions.
 */
import { Float64, Int32, Utf8, type DataType } from 'apache-arrow';
import type { DuckDBBindings, DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import type { ScalarUdf, SqlEngine, UdfType } from './engine.ts';
import { tableToResult } from './arrow-values.ts';
import { runPendingQuery } from './pending-query.ts';
import { isCancellation } from './cancellation.ts';
import { LoupeError } from '../errors.ts';

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

/** Characters of a DuckDB error message kept (it may quote a whole line of a hostile file). */
const MAX_MESSAGE_CHARS = 2000;

/**
 * What a failed statement throws. DuckDB's own errors ("Invalid Input Error: …", "Out of Memory
 * Error: …") are about the query or the data it read, so they become LoupeErrors (stage 'engine',
 * message kept, cut when huge) rather than internal errors; an error raised by one of Loupe's
 * JavaScript functions inside the statement (a KQL runtime function refusing a value) is thrown as
 * itself, not as DuckDB's "Invalid Error: Error: …" wrapping of it; a cancel stays a cancel.
 */
function statementError(e: unknown, udf: { name: string; error: unknown } | undefined): unknown {
  if (isCancellation(e)) return e;
  if (udf) {
    if (udf.error instanceof LoupeError) return udf.error;
    const why =
      udf.error instanceof RangeError
        ? 'a value nested or grown too large for it'
        : udf.error instanceof Error
          ? udf.error.message
          : String(udf.error);
    return new LoupeError(
      'kql',
      'runtime-error',
      `the function ${udf.name.replace(/^kql_/, '')} failed on ${why}`,
    );
  }
  if (!(e instanceof Error) || e instanceof LoupeError) return e;
  const message =
    e.message.length > MAX_MESSAGE_CHARS ? `${e.message.slice(0, MAX_MESSAGE_CHARS)}…` : e.message;
  return new LoupeError('engine', 'query-failed', message);
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
  /** The first error a JavaScript function raised in the statement running now. */
  let udfFailure: { name: string; error: unknown } | undefined;
  const guarded =
    (udf: ScalarUdf) =>
    (...args: unknown[]): unknown => {
      try {
        return udf.fn(...args);
      } catch (error) {
        udfFailure ??= { name: udf.name, error };
        throw error;
      }
    };
  const statement = <T>(run: () => T): T => {
    udfFailure = undefined;
    try {
      return run();
    } catch (e) {
      throw statementError(e, udfFailure);
    }
  };
  const statementAsync = async <T>(run: () => Promise<T>): Promise<T> => {
    udfFailure = undefined;
    try {
      return await run();
    } catch (e) {
      throw statementError(e, udfFailure);
    }
  };
  return {
    query: (sql) => statement(() => tableToResult(conn.query(sql))),
    queryAsync: (sql, control = {}) =>
      statementAsync(async () =>
        tableToResult(await runPendingQuery(db, connectionId, sql, control.signal)),
      ),
    queryParams: (sql, params) =>
      statement(() => {
        const stmt = conn.prepare(sql);
        try {
          return tableToResult(stmt.query(...params));
        } finally {
          stmt.close();
        }
      }),
    exec: (sql) => {
      statement(() => conn.query(sql));
    },
    registerFileBuffer: (name, bytes) => db.registerFileBuffer(name, bytes),
    registerFileHandle: (name, file) =>
      db.registerFileHandle(name, file, 2 /* BROWSER_FILEREADER */, true),
    dropFile: (name) => db.dropFile(name),
    registerUdf: (udf: ScalarUdf) =>
      conn.createScalarFunction(udf.name, arrowTypeOf(udf.returns), guarded(udf)),
    arrowTypeOf,
    close: () => {
      conn.close();
      onClose();
    },
  };
}
