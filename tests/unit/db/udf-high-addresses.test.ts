/**
 * Regression: past 2 GiB of wasm heap, DuckDB-WASM's UDF bridge read VARCHAR arguments through a
 * signed pointer (ptrdiff_t on the C++ side) and used `_malloc`'s signed return as an address, so
 * strings stored there reached JavaScript as NUL bytes, silently (a KQL mv-expand over 4M rows
 * lost 2.9M of its 12M values). Fixed in scripts/patch-duckdb-wasm.mjs.
 *
 * Whether a string lands past 2 GiB depends on the heap's history: the second query below, run
 * after the first in the same engine, read ~2.9M of its 12M arguments wrong without the fix in
 * every run measured (3 of 3); alone in a fresh engine it read them right. The heaviest unit test
 * (about 2.6 GB, a minute or two); `npm run --silent bench:udf-integrity` measures more plans.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/db/node-engine.ts';
import type { SqlEngine } from '../../../src/db/engine.ts';

let engine: SqlEngine;
beforeAll(async () => {
  engine = await createNodeEngine();
  engine.registerUdf({ name: 'echo1', returns: 'VARCHAR', fn: (s: string | null) => s });
  engine.registerUdf({
    name: 'echo3',
    returns: 'VARCHAR',
    fn: (s: string | null, j: number | null, z: number | null) => `${s}|${j}|${z}`,
  });
});
afterAll(() => engine.close());

const ROWS = 4_000_000;
/** The shape of a translated mv-expand: an unnest, then a window for the row order. */
const UNNESTED = `SELECT *, unnest(range(3)) AS j FROM (SELECT '[' || x || ',' || (x + 1) || ',' || (x + 2) || ']' AS m, x FROM range(1, ${ROWS} + 1) t(x))`;

it('UDFs read strings intact while the wasm heap grows past 2 GiB', () => {
  const first = engine.query(
    `SELECT count(*) FILTER (WHERE r = m), count(*) FROM (SELECT echo1(m) AS r, m, row_number() OVER (ORDER BY x, j) AS o FROM (${UNNESTED}))`,
  );
  expect(first.rows[0]).toEqual([3 * ROWS, 3 * ROWS]);
  const second = engine.query(
    `SELECT count(*) FILTER (WHERE r = m || '|' || j || '|0'), count(*) FROM (
       SELECT echo3(m, CAST(j AS DOUBLE), CAST(0 AS INTEGER)) AS r, m, j FROM (SELECT m, j, row_number() OVER (ORDER BY x, j) AS o FROM (${UNNESTED})))`,
  );
  expect(second.rows[0]).toEqual([3 * ROWS, 3 * ROWS]);
}, 600_000);
