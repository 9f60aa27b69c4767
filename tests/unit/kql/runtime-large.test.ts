/**
 * Regression: DuckDB-WASM's UDF glue kept typed-array views across _malloc calls that can grow
 * the wasm memory; on a 400,000-row query one 2048-row chunk of results (strings as NUL bytes) or
 * of numeric arguments (read as missing) was silently lost. Fixed in scripts/patch-duckdb-wasm.mjs;
 * this test fails if the fix is missing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type KqlHarness } from './harness.ts';

let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.engine.close());

it('UDF results stay exact when a query grows the wasm heap', () => {
  const n = 400_000;
  h.engine.exec(
    `CREATE TABLE big AS SELECT '["10.0.' || (i % 255) || '.1","x"]' AS j FROM range(${n}) t(i)`,
  );
  const r = h.engine.query(
    `SELECT count(*) FILTER (WHERE kql_dyn_index(j, CAST(0 AS DOUBLE)) LIKE '"10.0.%.1"') AS ok, sum(kql_dyn_array_length(j)) AS len FROM big`,
  );
  expect(r.rows[0]).toEqual([n, 2 * n]);
}, 60_000);
