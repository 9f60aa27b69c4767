/**
 * Messages between the native engine (src/db/native/engine.ts, on the caller's thread) and its
 * worker (worker.ts, which holds native DuckDB). Requests go in order on one channel; answers to
 * synchronous calls come back on a channel the caller reads with `receiveMessageOnPort` after
 * waiting on a shared flag, answers to asynchronous ones on a channel it listens to.
 */
import type { MessagePort } from 'node:worker_threads';
import type { ResultTable, UdfType } from '../engine.ts';

/** How the native engine is opened (the CLI's --db, --memory-limit, --temp-dir, --threads). */
export interface NativeEngineOptions {
  /** A DuckDB database file: tables are stored there (compressed, out of core) and kept after the run. Default: in memory. */
  readonly dbPath?: string;
  /** DuckDB's memory_limit, e.g. '8GB' (default: DuckDB's, 80% of the machine's memory). */
  readonly memoryLimit?: string;
  /** Where DuckDB spills what does not fit in memory, and where registered buffers are written. Default: a new folder in the system's. */
  readonly tempDirectory?: string;
  /** DuckDB's worker threads (default: DuckDB's, one per core). */
  readonly threads?: number;
}

export type NativeRequest =
  | { readonly kind: 'query'; readonly sql: string }
  | { readonly kind: 'exec'; readonly sql: string }
  | {
      readonly kind: 'params';
      readonly sql: string;
      readonly params: readonly (string | number | boolean | null)[];
    }
  | { readonly kind: 'udf'; readonly name: string; readonly returns: UdfType }
  | {
      readonly kind: 'geoip';
      readonly id: string;
      /** The database file's name and content; absent to unload it. */
      readonly content?: { readonly file: string; readonly bytes: Uint8Array };
    }
  | { readonly kind: 'close' };

/** A request as sent: numbered, and whether its answer is awaited synchronously. */
export type NativeEnvelope =
  | { readonly id: number; readonly sync: boolean; readonly request: NativeRequest }
  | { readonly id: number; readonly cancel: true };

export type NativeAnswer =
  | { readonly id: number; readonly ok: true; readonly result: ResultTable | undefined }
  | {
      readonly id: number;
      readonly ok: false;
      readonly message: string;
      readonly cancelled: boolean;
    };

/** The worker's first message: ready (with what it opened), or why native DuckDB cannot run here. */
export type NativeHello =
  | {
      readonly kind: 'ready';
      readonly version: string;
      readonly settings: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'unavailable'; readonly reason: string }
  | { readonly kind: 'failed'; readonly message: string };

export interface NativeWorkerData {
  readonly options: NativeEngineOptions;
  /** Folder for buffers registered by name (DuckDB's file_search_path points there). */
  readonly filesDirectory: string;
  /** Int32 flag the caller waits on for synchronous answers. */
  readonly flag: SharedArrayBuffer;
  readonly requests: MessagePort;
  readonly syncAnswers: MessagePort;
  readonly asyncAnswers: MessagePort;
  readonly hello: MessagePort;
}
