/**
 * What cancellable queries cost and how fast a cancel lands (docs/architecture.md, "Progress and
 * Cancel"): the same queries run with the synchronous `query` and with `queryAsync` (a pending
 * query polled with a macrotask between slices), then `queryAsync` cancelled after a delay.
 * Node, DuckDB-WASM's blocking build — the engine the browser worker runs. `tsx bench/cancel.ts`
 */
import { createNodeEngine } from '../src/db/node-engine.ts';

const engine = await createNodeEngine();
const QUERIES = {
  'count over 100M generated rows': 'SELECT count(*) FROM range(100000000) r(x) WHERE x % 7 = 3',
  'sort 2M rows, first 10': 'SELECT x FROM range(2000000) r(x) ORDER BY hash(x) LIMIT 10',
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (const [name, sql] of Object.entries(QUERIES)) {
  engine.query(sql); // warm-up
  const sync: number[] = [];
  const async: number[] = [];
  for (let i = 0; i < 3; i++) {
    let t = performance.now();
    engine.query(sql);
    sync.push(performance.now() - t);
    t = performance.now();
    await engine.queryAsync(sql);
    async.push(performance.now() - t);
  }
  const s = median(sync);
  const a = median(async);
  console.log(
    `${name}: query ${s.toFixed(0)} ms, queryAsync ${a.toFixed(0)} ms (${(((a - s) / s) * 100).toFixed(1)}% more)`,
  );
}

const ENDLESS = 'SELECT count(*) FROM range(5000000000) r(x) WHERE x % 7 = 3';
for (const after of [100, 300, 1000]) {
  const abort = new AbortController();
  const t0 = performance.now();
  setTimeout(() => abort.abort(), after);
  await engine.queryAsync(ENDLESS, { signal: abort.signal }).catch(() => undefined);
  const stopped = performance.now() - t0;
  const next = performance.now();
  engine.query('SELECT 1');
  console.log(
    `cancel sent at ${after} ms: stopped at ${stopped.toFixed(0)} ms (${(stopped - after).toFixed(0)} ms later); next query ${(performance.now() - next).toFixed(1)} ms`,
  );
}
engine.close();
