/**
 * Types for DuckDB-WASM's blocking *browser* build. The package ships the file
 * (dist/duckdb-browser-blocking.mjs) but lists it in neither `exports` nor `types`, so Vite reaches
 * it through an alias (vite.config.ts) and TypeScript through this declaration. The bindings are the
 * same classes as the blocking Node build's, whose types the package does export.
 */
declare module '@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs' {
  import type {
    DuckDBBindings,
    DuckDBBundles,
    DuckDBRuntime,
    Logger,
  } from '@duckdb/duckdb-wasm/blocking';
  export { VoidLogger, ConsoleLogger } from '@duckdb/duckdb-wasm/blocking';
  export const BROWSER_RUNTIME: DuckDBRuntime;
  export function createDuckDB(
    bundles: DuckDBBundles,
    logger: Logger,
    runtime: DuckDBRuntime,
  ): Promise<DuckDBBindings>;
}
