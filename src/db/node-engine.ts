/**
 * The engine under Node (CLI, Vitest, benchmarks): DuckDB-WASM's blocking Node build, i.e. the same
 * wasm and SQL dialect as the browser, not native DuckDB.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { SqlEngine } from './engine.ts';
import { engineFromBindings } from './bindings-engine.ts';

const require = createRequire(import.meta.url);

export async function createNodeEngine(): Promise<SqlEngine> {
  const duckdb =
    require('@duckdb/duckdb-wasm/blocking') as typeof import('@duckdb/duckdb-wasm/blocking');
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const bundles = {
    mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
    eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: '' },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  db.open({});
  return engineFromBindings(db, () => db.reset());
}
