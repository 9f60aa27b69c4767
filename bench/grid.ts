/**
 * The result grid over a million rows: how long one page takes (the worker's SQL: filter, sort,
 * LIMIT/OFFSET, plus the count on the first page) on DuckDB-WASM's blocking build — the engine
 * the browser worker runs. A page must come back well within a scroll frame budget of ~100 ms for
 * scrolling to feel smooth.
 *
 *   npx tsx bench/grid.ts [ROWS]
 */
import { createNodeEngine } from '../src/db/node-engine.ts';
import { createSession } from '../src/session/session.ts';
import { gridPage } from '../src/worker/grid/service.ts';
import type { GridQuery } from '../src/worker/grid/types.ts';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const rows = Number(process.argv[2] ?? 1_000_000);
const engine = await createNodeEngine();
const session = await createSession(engine);
// A sign-in-like export of `rows` rows, written by DuckDB as CSV into a temporary directory and
// loaded through ingest like any file, so the grid pages a real loaded table.
const dir = mkdtempSync(join(tmpdir(), 'loupe-bench-grid-'));
const csvPath = join(dir, 'AADNonInteractiveUserSignInLogs.csv');
engine.exec(`COPY (SELECT TIMESTAMP '2026-06-01' + to_microseconds(i * 2_000_000) AS "TimeGenerated",
  '10.0.' || (i % 200) || '.' || (i % 250) AS "IPAddress", 'user' || (i % 5000) || '@corp.local' AS "UserPrincipalName",
  CAST(CASE WHEN i % 37 = 0 THEN 50126 ELSE 0 END AS VARCHAR) AS "ResultType", 'app' || (i % 40) AS "AppDisplayName",
  'AADNonInteractiveUserSignInLogs' AS "Type" FROM range(${rows}) t(i)) TO '${csvPath.replace(/'/g, "''")}' (HEADER)`);
try {
  await session.load({ name: 'AADNonInteractiveUserSignInLogs.csv', bytes: readFileSync(csvPath) });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const source: GridQuery['source'] = { kind: 'table', name: 'AADNonInteractiveUserSignInLogs' };
const table = source.name;

async function time(label: string, q: Omit<GridQuery, 'source' | 'limit'>) {
  const samples: number[] = [];
  let total: number | null = null;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const p = await gridPage(engine, session, { source, limit: 200, ...q });
    samples.push(performance.now() - t0);
    total = p.total ?? total;
  }
  samples.sort((a, b) => a - b);
  console.log(`${label.padEnd(58)} median ${samples[2]!.toFixed(1)} ms  (total ${total ?? '—'})`);
}

console.log(
  `grid over ${rows.toLocaleString('en-US')} rows (${table}), DuckDB-WASM blocking build, 200-row pages`,
);
await time('first page with count', { filters: [], sort: null, offset: 0, count: true });
await time('page at the middle, no count', {
  filters: [],
  sort: null,
  offset: Math.floor(rows / 2),
  count: false,
});
// The first sorted page builds the numbered view (once per question); later pages read it.
const t0 = performance.now();
await gridPage(engine, session, {
  source,
  limit: 200,
  filters: [],
  sort: { column: 'IPAddress', direction: 'desc' },
  offset: 0,
});
console.log(
  `${'sorted by IPAddress desc: first page (builds the view)'.padEnd(58)} ${(performance.now() - t0).toFixed(1)} ms`,
);
await time('sorted: page at the middle (from the view)', {
  filters: [],
  sort: { column: 'IPAddress', direction: 'desc' },
  offset: Math.floor(rows / 2),
});
await time('sorted: last page (from the view)', {
  filters: [],
  sort: { column: 'IPAddress', direction: 'desc' },
  offset: rows - 200,
});
const t1 = performance.now();
const filter = [{ kind: 'text', column: 'UserPrincipalName', contains: 'user42' }] as const;
await gridPage(engine, session, { source, limit: 200, filters: filter, sort: null, offset: 0 });
console.log(
  `${'text filter (contains "user42"): first page (builds the view)'.padEnd(58)} ${(performance.now() - t1).toFixed(1)} ms`,
);
await time('text filter: a later page (from the view)', {
  filters: filter,
  sort: null,
  offset: 10_000,
});
engine.close();
