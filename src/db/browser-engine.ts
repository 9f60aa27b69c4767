/**
 * The engine in the browser: DuckDB-WASM's blocking browser build, run inside Loupe's own engine
 * worker (src/worker/engine.worker.ts). Blocking bindings are the only ones on which JavaScript
 * UDFs can be registered (KQL's dynamic values need them), and a worker keeps their synchronous
 * queries off the page's main thread. The SQL setup is shared with Node (bindings-engine.ts).
 */
import * as duckdb from '@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs';
import type { SqlEngine } from './engine.ts';
import { engineFromBindings } from './bindings-engine.ts';

export interface BrowserEngineOptions {
  /**
   * URL of `duckdb-eh.wasm`. An http(s) URL in the hosted build; in the single-file build a URL
   * that the worker's own `fetch` answers from bytes held in the page (see src/worker/).
   */
  readonly wasmUrl: string;
  /** Called as start-up passes each phase (for measuring where the time goes). */
  readonly onPhase?: (name: 'instantiate' | 'open') => void;
}

export async function createBrowserEngine(options: BrowserEngineOptions): Promise<SqlEngine> {
  // Only the `eh` bundle is shipped (every current browser has wasm exceptions); `mvp` is required
  // by the bundle type and points at the same file so that nothing else is ever requested.
  const bundle = { mainModule: options.wasmUrl, mainWorker: '' };
  const db = await duckdb.createDuckDB(
    { mvp: bundle, eh: bundle },
    new duckdb.VoidLogger(),
    duckdb.BROWSER_RUNTIME,
  );
  await db.instantiate(() => {});
  options.onPhase?.('instantiate');
  db.open({});
  options.onPhase?.('open');
  return engineFromBindings(db, () => db.reset());
}
