/**
 * The page side of the protocol: a typed, promise-based client of the engine worker. Each method
 * resolves to exactly the result type the worker's handler returns (see protocol.ts).
 */
import type {
  EngineStatus,
  FromWorker,
  PayloadOf,
  ProgressOf,
  RequestType,
  ResultOf,
  ToWorker,
  WasmSource,
} from './protocol.ts';
import { fromWire } from './wire-error.ts';

export interface RequestOptions<K extends RequestType = RequestType> {
  /** Progress of requests that report it (see ProgressMap): load, replay, replayLibrary. */
  readonly onProgress?: (p: ProgressOf<K>) => void;
  /** Aborting sends `cancel`; the request rejects (AbortError) once the worker stops it. */
  readonly signal?: AbortSignal;
}

interface Pending {
  readonly type: RequestType;
  resolve(v: unknown): void;
  reject(e: Error): void;
  onProgress?: (p: unknown) => void;
}

export interface EngineWorker {
  postMessage(m: ToWorker, transfer?: Transferable[]): void;
  addEventListener(type: 'message', fn: (e: MessageEvent<FromWorker>) => void): void;
  addEventListener(type: 'error', fn: (e: ErrorEvent) => void): void;
  terminate(): void;
}

export class EngineClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly statusListeners = new Set<(s: EngineStatus) => void>();
  private lastStatus: EngineStatus = { state: 'starting', step: 'waiting' };

  constructor(private readonly worker: EngineWorker) {
    worker.addEventListener('message', (e) => this.receive(e.data));
    worker.addEventListener('error', (e) => {
      // A worker that fails to load or throws at top level never answers: fail everything.
      const error = {
        name: 'Error',
        message: `The engine worker failed: ${e.message || 'it could not be started'}`,
      };
      this.setStatus({ state: 'failed', error });
      for (const p of this.pending.values()) p.reject(fromWire(error));
      this.pending.clear();
    });
  }

  /** Starts the engine; requests sent before or during start-up wait in the worker's queue. */
  init(wasm: WasmSource): void {
    this.worker.postMessage({ kind: 'init', wasm });
  }

  get status(): EngineStatus {
    return this.lastStatus;
  }

  /** Calls `fn` with the current engine status and every change; returns an unsubscribe. */
  onStatus(fn: (s: EngineStatus) => void): () => void {
    this.statusListeners.add(fn);
    fn(this.lastStatus);
    return () => this.statusListeners.delete(fn);
  }

  request<K extends RequestType>(
    type: K,
    payload: PayloadOf<K>,
    options: RequestOptions<K> = {},
  ): Promise<ResultOf<K>> {
    const id = this.nextId++;
    return new Promise<ResultOf<K>>((resolve, reject) => {
      if (options.signal?.aborted) {
        reject(new DOMException('Cancelled by the user', 'AbortError'));
        return;
      }
      const onProgress = options.onProgress as ((p: unknown) => void) | undefined;
      this.pending.set(id, {
        type,
        resolve: resolve as (v: unknown) => void,
        reject,
        ...(onProgress && { onProgress }),
      });
      options.signal?.addEventListener(
        'abort',
        () => this.worker.postMessage({ kind: 'cancel', id }),
        { once: true },
      );
      this.worker.postMessage({ kind: 'request', id, type, payload } as ToWorker);
    });
  }

  terminate(): void {
    this.worker.terminate();
  }

  private setStatus(s: EngineStatus): void {
    this.lastStatus = s;
    for (const fn of this.statusListeners) fn(s);
  }

  private receive(m: FromWorker): void {
    switch (m.kind) {
      case 'status':
        this.setStatus(m.status);
        return;
      case 'progress': {
        // Delivered only to the request of that id and type: its onProgress takes that type's progress.
        const p = this.pending.get(m.id);
        if (p?.type === m.type) p.onProgress?.(m.progress);
        return;
      }
      case 'result':
        this.pending.get(m.id)?.resolve(m.result);
        this.pending.delete(m.id);
        return;
      case 'error':
        this.pending.get(m.id)?.reject(fromWire(m.error));
        this.pending.delete(m.id);
        return;
    }
  }
}
