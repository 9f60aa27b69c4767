/**
 * The native engine: native DuckDB (`@duckdb/node-api`, DuckDB 1.4.3 — the version DuckDB-WASM
 * 1.32.0 carries, so the SQL dialect is the same) behind Loupe's SqlEngine contract, for the CLI's
 * `--engine native`: multi-threaded, bounded by a memory limit, spilling to a temp directory, and
 * optionally keeping its tables in a database file.
 *
 * Why a worker thread. SqlEngine is synchronous (ingest, the replay and the session call
 * `query`/`exec` and use the answer at once), while native DuckDB runs a query on its own threads
 * and calls Loupe's JavaScript functions back on the JavaScript thread that opened it — so running
 * a query synchronously on that thread deadlocks the first time a function is called (measured:
 * the query never returns). DuckDB therefore lives in a worker (serve.ts), which runs each query
 * asynchronously and the functions on its own thread, while the caller waits on a shared flag and
 * reads the answer with `receiveMessageOnPort`. `queryAsync` does not wait: its answer comes as a
 * message, and a cancel interrupts the query. The functions cannot cross threads, so the worker
 * builds its own from the same modules (functions.ts): `registerUdf` registers them by name.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { LoupeError } from '../../errors.ts';
import { arrowTypeOf } from '../bindings-engine.ts';
import { abortError, throwIfCancelled } from '../cancellation.ts';
import type { ResultTable, ScalarUdf, SqlEngine } from '../engine.ts';
import type {
  NativeAnswer,
  NativeEngineOptions,
  NativeEnvelope,
  NativeHello,
  NativeRequest,
  NativeWorkerData,
} from './protocol.ts';

export type { NativeEngineOptions } from './protocol.ts';

/** A native engine: an SqlEngine, plus what was opened (for the CLI's report and the benchmarks). */
export interface NativeSqlEngine extends SqlEngine {
  readonly kind: 'native';
  /** DuckDB's version() (v1.4.3). */
  readonly version: string;
  /** threads, memory_limit, temp_directory and TimeZone as DuckDB reports them. */
  readonly settings: Readonly<Record<string, string>>;
  /** Where the worker's buffers and DuckDB's spill files go. */
  readonly tempDirectory: string;
}

/**
 * Joined rows one batch query of a replay may produce on the native engine (SqlEngine.batchRowBudget;
 * the tab's default, 150k, is src/rules/batch.ts's BATCH_ROW_BUDGET). With 150k a 100M-row month
 * (139k rows per hourly window) allowed one run per query, so the seed rule's replay went run by run
 * (427 s). Measured on 10M rows in a database file, 8 GB limit, 2 threads (bench/native-replay.ts
 * --budgets; a shared machine at load 12, so ±25 % noise): 150k 35.9 s (112 queries), 600k 28.8 s
 * (56), 1.2M 37.9 s (48), 2.4M 38.8 / 38.2 s (44), 10M 36.6 s (44), peak RSS 0.93 GB at every
 * budget: at 10M rows the budget does not matter within the noise, and the join of 2.4M rows costs
 * no memory that shows. 2.4M is the one that batches at 100M (17 hourly runs per query) while
 * keeping each query's join a few million rows, far inside any memory limit DuckDB is given.
 */
export const NATIVE_BATCH_ROW_BUDGET = 2_400_000;

/** Options for tests only: load another package in place of @duckdb/node-api (to see the "unavailable" path). */
export interface NativeEngineInternals {
  readonly moduleName?: string;
}

const BOOT = new URL('./worker-boot.mjs', import.meta.url);

/** A registered buffer's name must be a plain file name: it becomes a file in the engine's folder. */
const FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

export async function createNativeEngine(
  options: NativeEngineOptions = {},
  internals: NativeEngineInternals = {},
): Promise<NativeSqlEngine> {
  const ownTemp = options.tempDirectory === undefined;
  const tempDirectory = options.tempDirectory ?? mkdtempSync(join(tmpdir(), 'loupe-native-'));
  mkdirSync(tempDirectory, { recursive: true });
  const filesDirectory = mkdtempSync(join(tempDirectory, 'files-'));
  // DuckDB's default spill folder is `.tmp` in the working directory: never write there.
  const duckOptions: NativeEngineOptions = {
    ...options,
    tempDirectory: options.tempDirectory ?? join(tempDirectory, 'spill'),
  };
  const removeTemp = () =>
    rmSync(ownTemp ? tempDirectory : filesDirectory, { recursive: true, force: true });

  const requests = new MessageChannel();
  const syncAnswers = new MessageChannel();
  const asyncAnswers = new MessageChannel();
  const hello = new MessageChannel();
  const flagBuffer = new SharedArrayBuffer(4);
  const flag = new Int32Array(flagBuffer);
  const workerData: NativeWorkerData & NativeEngineInternals = {
    options: duckOptions,
    filesDirectory,
    flag: flagBuffer,
    requests: requests.port2,
    syncAnswers: syncAnswers.port2,
    asyncAnswers: asyncAnswers.port2,
    hello: hello.port2,
    ...internals,
  };
  const worker = new Worker(BOOT, {
    workerData,
    transferList: [
      requests.port2,
      syncAnswers.port2,
      asyncAnswers.port2,
      hello.port2,
    ] as unknown as ArrayBuffer[],
  });

  let opened: Extract<NativeHello, { kind: 'ready' }>;
  try {
    opened = await new Promise<Extract<NativeHello, { kind: 'ready' }>>((resolve, reject) => {
      hello.port1.once('message', (m: NativeHello) => {
        if (m.kind === 'ready') resolve(m);
        else if (m.kind === 'unavailable')
          reject(
            new LoupeError(
              'engine',
              'native-unavailable',
              `The native engine is unavailable: ${m.reason}. The default engine (--engine wasm) needs nothing more.`,
            ),
          );
        else
          reject(
            new LoupeError(
              'engine',
              'native-open-failed',
              `The native engine could not open its database: ${m.message}`,
            ),
          );
      });
      worker.once('error', (e) =>
        reject(
          new LoupeError(
            'engine',
            'native-open-failed',
            `The native engine did not start: ${e.message}`,
          ),
        ),
      );
      worker.once('exit', (code) =>
        reject(
          new LoupeError(
            'engine',
            'native-open-failed',
            `The native engine stopped while starting (exit code ${code}).`,
          ),
        ),
      );
    });
  } catch (e) {
    await worker.terminate();
    removeTemp();
    throw e;
  } finally {
    hello.port1.close();
  }
  worker.removeAllListeners('exit');
  worker.removeAllListeners('error');
  worker.unref();

  let nextId = 0;
  let closed = false;
  let stopped: string | undefined;
  worker.on('error', (e) => (stopped = e.message));
  worker.on('exit', (code) => (stopped ??= `exit code ${code}`));
  const pending = new Map<
    number,
    {
      resolve: (r: ResultTable) => void;
      reject: (e: unknown) => void;
      signal: AbortSignal | undefined;
    }
  >();
  asyncAnswers.port1.unref();
  asyncAnswers.port1.on('message', (a: NativeAnswer) => {
    const p = pending.get(a.id);
    if (!p) return;
    pending.delete(a.id);
    if (pending.size === 0) asyncAnswers.port1.unref();
    if (p.signal?.aborted) p.reject(abortError(p.signal));
    else if (a.ok) p.resolve(a.result ?? { columns: [], rows: [] });
    else p.reject(new Error(a.message));
  });

  const post = (envelope: NativeEnvelope) => {
    if (closed) throw new LoupeError('engine', 'native-closed', 'The native engine is closed.');
    if (stopped)
      throw new LoupeError('engine', 'native-stopped', `The native engine stopped (${stopped}).`);
    requests.port1.postMessage(envelope);
  };

  /** Sends a request and waits for its answer, blocking this thread (the worker runs the query). */
  const call = (request: NativeRequest): ResultTable | undefined => {
    const id = ++nextId;
    Atomics.store(flag, 0, 0);
    post({ id, sync: true, request });
    for (;;) {
      Atomics.wait(flag, 0, 0);
      const m = receiveMessageOnPort(syncAnswers.port1);
      if (!m) continue;
      const a = m.message as NativeAnswer;
      if (!a.ok) throw new Error(a.message);
      return a.result;
    }
  };
  const table = (r: ResultTable | undefined): ResultTable => r ?? { columns: [], rows: [] };

  const close = () => {
    if (closed) return;
    try {
      if (!stopped) call({ kind: 'close' });
    } finally {
      closed = true;
      for (const [, p] of pending)
        p.reject(new LoupeError('engine', 'native-closed', 'The native engine was closed.'));
      pending.clear();
      requests.port1.close();
      syncAnswers.port1.close();
      asyncAnswers.port1.close();
      void worker.terminate();
      removeTemp();
      process.off('exit', removeTemp);
    }
  };
  // A CLI that exits without closing the engine still leaves no temp folder behind.
  process.once('exit', removeTemp);

  return {
    kind: 'native',
    batchRowBudget: NATIVE_BATCH_ROW_BUDGET,
    version: opened.version,
    settings: opened.settings,
    tempDirectory,
    query: (sql) => table(call({ kind: 'query', sql })),
    exec: (sql) => void call({ kind: 'exec', sql }),
    queryParams: (sql, params) => table(call({ kind: 'params', sql, params: [...params] })),
    queryAsync: (sql, control = {}) =>
      new Promise<ResultTable>((resolve, reject) => {
        const { signal } = control;
        throwIfCancelled(signal);
        const id = ++nextId;
        pending.set(id, { resolve, reject, signal });
        asyncAnswers.port1.ref();
        signal?.addEventListener(
          'abort',
          () => requests.port1.postMessage({ id, cancel: true } satisfies NativeEnvelope),
          { once: true },
        );
        post({ id, sync: false, request: { kind: 'query', sql } });
      }),
    registerFileBuffer: (name, bytes) => {
      if (!FILE_NAME.test(name))
        throw new Error(
          `native engine: cannot register a buffer under the name ${JSON.stringify(name)}`,
        );
      writeFileSync(join(filesDirectory, name), bytes);
    },
    dropFile: (name) => {
      if (FILE_NAME.test(name)) rmSync(join(filesDirectory, name), { force: true });
    },
    registerUdf: (udf: ScalarUdf) =>
      void call({ kind: 'udf', name: udf.name, returns: udf.returns }),
    // The functions run on the worker: the database goes there (copied by postMessage).
    shareGeoIpDatabase: (id, content) =>
      void call({ kind: 'geoip', id, ...(content && { content }) }),
    arrowTypeOf,
    close,
  };
}
