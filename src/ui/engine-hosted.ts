/**
 * Starts the engine worker in the hosted build (dist/site): the worker and DuckDB's wasm are hashed
 * assets next to the page, so the worker loads as a module and DuckDB compiles the wasm while it
 * downloads.
 */
import wasmAsset from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import { EngineClient } from '../worker/client.ts';

export function startEngine(): EngineClient {
  const worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'loupe-engine',
  });
  const client = new EngineClient(worker);
  client.init({ kind: 'url', url: new URL(wasmAsset, document.baseURI).href });
  return client;
}
