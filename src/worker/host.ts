/**
 * The worker side of the protocol: starts the engine when the page sends `init`, then answers
 * requests one at a time, in the order they arrived. The engine is synchronous (DuckDB's blocking
 * build), so serialising is what it needs anyway; it also means files dropped while the engine is
 * still starting simply wait in line.
 */
import { LoupeError } from '../errors.ts';
import type { SqlEngine } from '../db/engine.ts';
import type { LoupeSession } from '../session/api.ts';
import { exportRows, gridPage } from './grid/service.ts';
import { pivot } from './pivot.ts';
import { histogram } from './histogram.ts';
import type {
  EngineInfo,
  EngineStatus,
  FromWorker,
  PayloadOf,
  ProgressOf,
  RequestType,
  ResultOf,
  ToWorker,
  WasmSource,
} from './protocol.ts';
import { toWire } from './wire-error.ts';

export interface StartedSession {
  readonly session: LoupeSession;
  /** The session's engine, for the grid's paging queries (src/worker/grid/). */
  readonly engine: SqlEngine;
  readonly info: EngineInfo;
}

/** How the host starts a session; engine.worker.ts supplies the real one, tests may supply others. */
export type SessionStarter = (
  wasm: WasmSource,
  step: (s: Extract<EngineStatus, { state: 'starting' }>['step']) => void,
) => Promise<StartedSession>;

interface RequestContext<K extends RequestType> {
  /** Aborted by the page's `cancel`: every handler passes it to its long queries. */
  readonly signal: AbortSignal;
  /** Posts a progress message of this request's type (only requests in ProgressMap have one). */
  readonly onProgress: (p: ProgressOf<K>) => void;
}

type Handlers = {
  [K in RequestType]: (
    s: StartedSession,
    p: PayloadOf<K>,
    ctx: RequestContext<K>,
  ) => ResultOf<K> | Promise<ResultOf<K>>;
};

const handlers: Handlers = {
  info: (s) => s.info,
  tables: (s) => s.session.tables(),
  load: (s, p, ctx) =>
    s.session.load(
      { name: p.name, blob: p.file },
      {
        ...(p.table !== undefined && { table: p.table }),
        ...(p.mode !== undefined && { mode: p.mode }),
        ...(p.badRows !== undefined && { badRows: p.badRows }),
        ...(p.columns !== undefined && { columns: p.columns }),
        onProgress: ctx.onProgress,
        signal: ctx.signal,
      },
    ),
  preview: (s, p) =>
    s.session.preview(
      { name: p.name, blob: p.file },
      {
        ...(p.table !== undefined && { table: p.table }),
        ...(p.columns !== undefined && { columns: p.columns }),
      },
    ),
  rejectedRows: (s, p) => s.session.rejectedRows(p.table),
  dropTable: (s, p) => {
    s.session.dropTable(p.name);
    return null;
  },
  readRule: (s, p) => s.session.readRule(p.text, p.fileName),
  translate: (s, p) => s.session.translate(p.kql),
  replay: (s, p, ctx) => s.session.replay({ ...p, signal: ctx.signal, onProgress: ctx.onProgress }),
  replayLibrary: (s, p, ctx) =>
    s.session.replayLibrary(p.files, {
      ...p.options,
      signal: ctx.signal,
      onProgress: ctx.onProgress,
    }),
  loadWatchlist: (s, p) =>
    s.session.loadWatchlist(
      { name: p.name, blob: p.file },
      { alias: p.alias, ...(p.searchKey !== undefined && { searchKey: p.searchKey }) },
    ),
  dropWatchlist: (s, p) => {
    s.session.dropWatchlist(p.alias);
    return null;
  },
  loadGeoIpDatabase: (s, p) => s.session.loadGeoIpDatabase({ name: p.name, blob: p.file }),
  dropGeoIpDatabase: (s) => {
    s.session.dropGeoIpDatabase();
    return null;
  },
  loadFunctions: (s, p) => s.session.loadFunctions(p.files),
  dropFunctionFile: (s, p) => {
    s.session.dropFunctionFile(p.file);
    return null;
  },
  workspaceContent: (s) => ({
    watchlists: s.session.watchlists(),
    functions: s.session.functions(),
    geoIp: s.session.geoIpDatabase() ?? null,
  }),
  checkLibrary: (s, p) => s.session.checkLibrary(p.files),
  useExternalData: (s, p) => {
    s.session.useExternalData(p.url, p.table);
    return null;
  },
  run: (s, p, ctx) => s.session.run(p.text, p.language, p.limit, { signal: ctx.signal }),
  grid: (s, p, ctx) => gridPage(s.engine, s.session, p, { signal: ctx.signal }),
  exportRows: (s, p, ctx) => exportRows(s.engine, s.session, p, { signal: ctx.signal }),
  pivot: (s, p, ctx) => pivot(s.engine, s.session, p.value, { signal: ctx.signal }),
  histogram: (s, p, ctx) =>
    histogram(s.engine, s.session, p.table, p.buckets, { signal: ctx.signal }),
  catalogTableNames: (s) => s.session.catalogTableNames(),
  searchCatalog: (s, p) => s.session.searchCatalog(p.query, p.limit),
};

export interface Port {
  postMessage(m: FromWorker): void;
  addEventListener(type: 'message', fn: (e: MessageEvent<ToWorker>) => void): void;
}

export function hostSession(port: Port, start: SessionStarter): void {
  let started: Promise<StartedSession> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const aborts = new Map<number, AbortController>();
  const status = (s: EngineStatus) => port.postMessage({ kind: 'status', status: s });

  function handle<K extends RequestType>(id: number, type: K, payload: PayloadOf<K>): void {
    const abort = new AbortController();
    aborts.set(id, abort);
    queue = queue.then(async () => {
      try {
        if (!started) throw new Error('The engine was not initialised (no init message).');
        const s = await started;
        abort.signal.throwIfAborted();
        const handler = handlers[type] as Handlers[K];
        const result = await handler(s, payload, {
          signal: abort.signal,
          onProgress: (progress) =>
            port.postMessage({ kind: 'progress', id, type, progress } as FromWorker),
        });
        try {
          port.postMessage({ kind: 'result', id, type, result } as FromWorker);
        } catch (e) {
          // The structured clone recurses: a value nested thousands of levels deep (built by a
          // query from log text) cannot cross to the page. Said as such; the worker goes on.
          throw new LoupeError(
            'engine',
            'result-not-sendable',
            `the result cannot be sent to the page: it holds a value nested too deeply or too large (${e instanceof Error ? e.message : String(e)}); project that column away or shorten it (tostring, substring)`,
          );
        }
      } catch (e) {
        port.postMessage({ kind: 'error', id, error: toWire(e) });
      } finally {
        aborts.delete(id);
      }
    });
  }

  port.addEventListener('message', (e) => {
    const m = e.data;
    switch (m.kind) {
      case 'init':
        if (started) return;
        status({ state: 'starting', step: 'loading-wasm' });
        started = start(m.wasm, (step) => status({ state: 'starting', step }));
        started.then(
          (s) => status({ state: 'ready', info: s.info }),
          (err) => status({ state: 'failed', error: toWire(err) }),
        );
        return;
      case 'request':
        handle(m.id, m.type, m.payload);
        return;
      case 'cancel':
        aborts.get(m.id)?.abort(new DOMException('Cancelled by the user', 'AbortError'));
        return;
      case 'wasm-part':
        // Consumed by the embedded wasm stream (wasm-source.ts), which listens for itself.
        return;
    }
  });
}
