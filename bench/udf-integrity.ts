/**
 * Checks that JavaScript UDFs see their arguments intact on large inputs (`npm run --silent
 * bench:udf-integrity [rows]`, default 4,000,000). Not part of `npm test`: it needs ~4 GB and
 * minutes. Each query feeds a UDF that echoes its arguments and counts the rows whose echo differs
 * from what SQL computes from the same values; every count must be 0.
 *
 * Why it exists: a KQL query (range → mv-expand → summarize, 4M+ rows; conformance case
 * join-time-window-02 at full size) failed with a JSON syntax error inside a UDF. Cause: past 2 GiB
 * of wasm heap, DuckDB-WASM 1.32.0 hands a UDF each VARCHAR argument's address through a signed
 * pointer, so strings stored there were read as NUL bytes, silently (scripts/patch-duckdb-wasm.mjs
 * now fixes it). Measured 2026-11-27, these checks run in this order in one process:
 *   before the fix: 0, 2,921,088 of 12,000,000, 0, 3,424,500 of 4,000,000 rows wrong;
 *   after: 0 wrong everywhere (and the KQL query gives Kusto's count and sum at 4M and 6M rows).
 * Whether a string lands past 2 GiB depends on the heap's history (a fresh process running only
 * the second check read every row right without the fix); tests/unit/db/udf-high-addresses.test.ts
 * runs the first two checks in order, which failed without the fix every time measured.
 */
import { createNodeEngine } from '../src/db/node-engine.ts';

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 4_000_000);
  const engine = await createNodeEngine();
  engine.registerUdf({ name: 'echo1', returns: 'VARCHAR', fn: (s: string | null) => s });
  engine.registerUdf({
    name: 'echo3',
    returns: 'VARCHAR',
    fn: (s: string | null, j: number | null, z: number | null) => `${s}|${j}|${z}`,
  });
  const source = `SELECT '[' || x || ',' || (x + 1) || ',' || (x + 2) || ']' AS m, x FROM range(1, ${rows} + 1) t(x)`;
  const unnested = `SELECT *, unnest(range(3)) AS j FROM (${source})`;
  const checks: Record<string, string> = {
    'echo1 beside a window over an unnest': `SELECT count(*) FILTER (WHERE r <> m), count(*) FROM (SELECT echo1(m) AS r, m, row_number() OVER (ORDER BY x, j) AS o FROM (${unnested}))`,
    'echo3 over a window over an unnest': `SELECT count(*) FILTER (WHERE r <> m || '|' || j || '|0'), count(*) FROM (SELECT echo3(m, CAST(j AS DOUBLE), CAST(0 AS INTEGER)) AS r, m, j FROM (SELECT m, j, row_number() OVER (ORDER BY x, j) AS o FROM (${unnested})))`,
    'echo3 over an unnest, no window': `SELECT count(*) FILTER (WHERE r <> m || '|' || j || '|0'), count(*) FROM (SELECT echo3(m, CAST(j AS DOUBLE), CAST(0 AS INTEGER)) AS r, m, j FROM (${unnested}))`,
    'echo3 beside a window, no unnest': `SELECT count(*) FILTER (WHERE r <> m || '|' || x || '|0'), count(*) FROM (SELECT echo3(m, CAST(x AS DOUBLE), CAST(0 AS INTEGER)) AS r, m, x, row_number() OVER (ORDER BY x) AS o FROM (${source}))`,
  };
  console.log(`| check (${rows.toLocaleString('en-US')} source rows) | rows | wrong | RSS MB |`);
  console.log('|---|---:|---:|---:|');
  for (const [name, sql] of Object.entries(checks)) {
    try {
      const [wrong, total] = engine.query(sql).rows[0] as [number, number];
      console.log(
        `| ${name} | ${total.toLocaleString('en-US')} | ${wrong.toLocaleString('en-US')} | ${Math.round(process.memoryUsage().rss / 1e6)} |`,
      );
    } catch (e) {
      console.log(
        `| ${name} | — | error: ${(e as Error).message.slice(0, 80)} | ${Math.round(process.memoryUsage().rss / 1e6)} |`,
      );
    }
  }
  engine.close();
}

void main();
