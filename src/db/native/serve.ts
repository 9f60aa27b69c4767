/**
 * Inside the native engine's worker: one native DuckDB database and connection, set up so that
 * Loupe's SQL means what it means on DuckDB-WASM, serving the engine's requests one at a time, in
 * order. Queries run asynchronously here (`@duckdb/node-api` runs them on DuckDB's own threads), so
 * this thread stays free to run the JavaScript functions DuckDB calls back into, while the caller's
 * thread waits for a synchronous answer.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { ResultTable } from '../engine.ts';
import { receiveGeoIpDatabase } from '../../kql/runtime/geoip.ts';
import { loupeFunctions } from './functions.ts';
import type {
  NativeAnswer,
  NativeEnvelope,
  NativeHello,
  NativeRequest,
  NativeWorkerData,
} from './protocol.ts';
import { nativeScalarFunction, type UdfFailures } from './udf.ts';
import { nativeResult } from './values.ts';

/**
 * Configuration native DuckDB is opened with. Native DuckDB links the json, parquet and icu
 * extensions statically and would download others on first use: autoinstall/autoload are off, as
 * on DuckDB-WASM, so that nothing is ever fetched and a missing function fails at once.
 */
export function nativeConfig(options: NativeWorkerData['options']): Record<string, string> {
  return {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    allow_community_extensions: 'false',
    ...(options.threads !== undefined && { threads: String(options.threads) }),
    ...(options.memoryLimit !== undefined && { memory_limit: options.memoryLimit }),
    ...(options.tempDirectory !== undefined && { temp_directory: options.tempDirectory }),
  };
}

/**
 * Statements run on the connection before anything else. ICU is linked natively, so DuckDB
 * would otherwise take the machine's time zone for TIMESTAMPTZ arithmetic and casts; KQL has no
 * zones and DuckDB-WASM (no ICU) computes in UTC, so the session is UTC and Gregorian. Buffers the
 * engine registers by name are files in `filesDirectory`, found through file_search_path.
 */
export function nativeSetup(filesDirectory: string): string[] {
  return [
    "SET TimeZone = 'UTC'",
    "SET Calendar = 'gregorian'",
    `SET file_search_path = '${filesDirectory.replaceAll("'", "''")}'`,
  ];
}

/** Settings reported back to the caller (what was actually opened). */
const REPORTED_SETTINGS = ['threads', 'memory_limit', 'temp_directory', 'TimeZone'];

export async function serveNative(data: NativeWorkerData): Promise<void> {
  const failures: UdfFailures = { first: undefined };
  let instance: DuckDBInstance;
  let conn: DuckDBConnection;
  try {
    instance = await DuckDBInstance.create(
      data.options.dbPath ?? ':memory:',
      nativeConfig(data.options),
    );
    conn = await instance.connect();
    for (const s of nativeSetup(data.filesDirectory)) await conn.run(s);
    const reader = await conn.runAndReadAll(
      `SELECT version(), ${REPORTED_SETTINGS.map((s) => `current_setting('${s}')::VARCHAR`).join(', ')}`,
    );
    const [version, ...values] = reader.getRows()[0]!.map(String);
    const settings = Object.fromEntries(REPORTED_SETTINGS.map((s, i) => [s, values[i]!]));
    data.hello.postMessage({ kind: 'ready', version: version!, settings } satisfies NativeHello);
  } catch (e) {
    data.hello.postMessage({
      kind: 'failed',
      message: e instanceof Error ? e.message : String(e),
    } satisfies NativeHello);
    data.requests.close();
    return;
  }

  const functions = loupeFunctions();
  const registered = new Set<string>();
  const flag = new Int32Array(data.flag);
  const queue: Extract<NativeEnvelope, { request: NativeRequest }>[] = [];
  let running: number | undefined;
  const cancelled = new Set<number>();

  const answer = (sync: boolean, a: NativeAnswer) => {
    if (sync) {
      data.syncAnswers.postMessage(a);
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    } else data.asyncAnswers.postMessage(a);
  };

  const run = async (request: NativeRequest): Promise<ResultTable | undefined> => {
    switch (request.kind) {
      case 'query':
        return nativeResult(await conn.runAndReadAll(request.sql));
      case 'params':
        return nativeResult(await conn.runAndReadAll(request.sql, [...request.params]));
      case 'exec':
        await conn.run(request.sql);
        return undefined;
      case 'udf': {
        const udf = functions.get(request.name);
        if (!udf || udf.returns !== request.returns) {
          throw new Error(
            `the native engine runs only Loupe's own functions (the KQL runtime and ingest's); ${request.name} returning ${request.returns} is not one of them`,
          );
        }
        if (!registered.has(udf.name)) {
          const fn = nativeScalarFunction(udf, failures);
          conn.registerScalarFunction(fn);
          // The connection holds its own copy now. Destroyed here, while this thread runs, rather than
          // by its finalizer when the worker's environment is torn down: with two or more functions
          // registered that finalizer releases an already closed thread-safe function and aborts the
          // whole process (measured with @duckdb/node-api 1.4.3-r.3: exit code 134 at close).
          fn.destroySync();
        }
        registered.add(udf.name);
        return undefined;
      }
      case 'geoip':
        receiveGeoIpDatabase(request.id, request.content);
        return undefined;
      case 'close':
        conn.closeSync();
        instance.closeSync();
        return undefined;
    }
  };

  const pump = async () => {
    if (running !== undefined) return;
    for (let next = queue.shift(); next; next = queue.shift()) {
      running = next.id;
      failures.first = undefined;
      let a: NativeAnswer;
      try {
        a = { id: next.id, ok: true, result: await run(next.request) };
      } catch (e) {
        const message =
          failures.first !== undefined
            ? `Invalid Error: ${failures.first}`
            : e instanceof Error
              ? e.message
              : String(e);
        a = { id: next.id, ok: false, message, cancelled: cancelled.has(next.id) };
      }
      cancelled.delete(next.id);
      running = undefined;
      answer(next.sync, a);
      if (next.request.kind === 'close') {
        data.requests.close();
        return;
      }
    }
  };

  data.requests.on('message', (m: NativeEnvelope) => {
    if ('cancel' in m) {
      if (running === m.id) {
        cancelled.add(m.id);
        conn.interrupt();
      } else {
        const i = queue.findIndex((q) => q.id === m.id);
        if (i >= 0) {
          const [q] = queue.splice(i, 1);
          answer(q!.sync, {
            id: m.id,
            ok: false,
            message: 'cancelled before it ran',
            cancelled: true,
          });
        }
      }
      return;
    }
    queue.push(m);
    void pump();
  });
}
