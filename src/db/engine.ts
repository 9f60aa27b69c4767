/**
 * The SQL engine seen by the rest of Loupe: one synchronous DuckDB-WASM connection.
 *
 * Loupe runs DuckDB-WASM's *blocking* build everywhere: in Node (CLI, Vitest) directly, and in the
 * browser inside Loupe's own engine worker (src/engine/). Blocking connections are the only ones on
 * which JavaScript scalar functions can be registered, and KQL's `dynamic` values rely on such
 * functions because the WASM build has no JSON extension (see docs/architecture.md).
 */
import type { DataType } from 'apache-arrow';

/** A column of a result, with DuckDB's type name (e.g. `VARCHAR`, `TIMESTAMP`, `BIGINT`). */
export interface ResultColumn {
  readonly name: string;
  readonly sqlType: string;
}

/**
 * A materialised query result. Values are plain JavaScript:
 * null, boolean, number (BIGINT within ±2^53; larger ones become strings), string,
 * Date-free timestamps as epoch milliseconds (number) — the column's sqlType says it is a time,
 * and lists/structs as arrays/objects.
 */
export interface ResultTable {
  readonly columns: readonly ResultColumn[];
  readonly rows: readonly (readonly unknown[])[];
}

/**
 * The SQL types a JavaScript function can take and return in DuckDB-WASM 1.32 (measured: BIGINT,
 * BOOLEAN, TIMESTAMP and lists are refused as arguments; BOOLEAN and BIGINT returns fail). Cast
 * BIGINT arguments to DOUBLE and return booleans as INTEGER 0/1.
 */
export type UdfType = 'VARCHAR' | 'DOUBLE' | 'INTEGER';

export interface ScalarUdf {
  readonly name: string;
  readonly returns: UdfType;
  /** Called once per row with the SQL arguments converted to JavaScript (null stays null). */
  readonly fn: (...args: any[]) => unknown;
}

/** How a long query can be stopped. */
export interface QueryControl {
  /** Aborting cancels the query within one poll slice (~100 ms); it then rejects with an AbortError. */
  readonly signal?: AbortSignal;
}

export interface SqlEngine {
  /**
   * Joined rows (rows × windows containing them) one batch query of a replay may produce
   * (src/rules/batch.ts). Absent: the default, tuned for DuckDB-WASM in a browser tab.
   */
  readonly batchRowBudget?: number;
  /** Runs one or more statements and returns the result of the last one. */
  query(sql: string): ResultTable;
  /**
   * The same as `query`, run as a DuckDB pending query that yields to the event loop between
   * slices of work, so that it can be cancelled (see pending-query.ts). For anything an analyst
   * may wait on (replays, console queries, pivots, sorts, exports); small bookkeeping queries use
   * `query`. Rejects with a DOMException named AbortError when the signal aborts.
   */
  queryAsync(sql: string, control?: QueryControl): Promise<ResultTable>;
  /** Runs a single statement with `?` parameters bound positionally. */
  queryParams(sql: string, params: readonly (string | number | boolean | null)[]): ResultTable;
  /** Runs statements for their effect. */
  exec(sql: string): void;
  /** Makes bytes readable by `read_csv('name')` and friends. */
  registerFileBuffer(name: string, bytes: Uint8Array): void;
  /** Makes a browser File readable without copying it into JavaScript memory (browser only). */
  registerFileHandle?(name: string, file: Blob): void;
  dropFile(name: string): void;
  /** Registers a JavaScript scalar function callable from SQL. */
  registerUdf(udf: ScalarUdf): void;
  /**
   * For an engine whose functions run on another thread (native DuckDB's worker): hands that
   * thread a GeoIP database (a MaxMind DB file's content) under `id`, or takes it back
   * (undefined). Engines whose functions run on the caller's thread have no such method.
   */
  shareGeoIpDatabase?(
    id: string,
    content: { readonly file: string; readonly bytes: Uint8Array } | undefined,
  ): void;
  /** The underlying arrow type for an UdfType (exposed for tests). */
  readonly arrowTypeOf: (t: UdfType) => DataType;
  close(): void;
}
