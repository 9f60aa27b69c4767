/**
 * `npm run bench:kql-order`: what carrying a sort's order through later steps costs. Since the
 * order became a value (the rank column computed once by sort, read only by what depends on it:
 * take, window functions, list aggregates, the final SELECT; see RowOrder in src/kql/types.ts),
 * no step re-sorts its rows. "before" rebuilds the former translation from the current one by
 * appending `ORDER BY "__loupe_order"` to every step that carried the order, as each did then.
 *
 * Two forms per query: the full result as the replay reads it, and the first 100 rows as the
 * console/preview reads them (`SELECT * FROM (…) LIMIT 100`). Median of 3 runs, in ms.
 */
import { createNodeEngine } from '../src/db/node-engine.ts';
import { installKqlRuntime, translate, type Translation } from '../src/kql/index.ts';
import type { TableSchema } from '../src/schema/catalog.ts';
import { medianQueryMs } from './median-query.ts';

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const engine = await createNodeEngine();
installKqlRuntime(engine);
engine.exec(`CREATE TABLE T AS SELECT
  CAST(i AS BIGINT) AS i,
  'user' || ((i * 7919) % 5000)::VARCHAR || '@contoso.com' AS upn,
  TIMESTAMP '2026-03-01' + to_seconds((i * 104729) % ${ROWS}) AS t,
  CAST((i * 31) % 100 AS BIGINT) AS result
FROM range(${ROWS}) r(i)`);
const schema: TableSchema = {
  name: 'T',
  columns: [
    { name: 'i', type: 'long' },
    { name: 'upn', type: 'string' },
    { name: 't', type: 'datetime' },
    { name: 'result', type: 'long' },
  ],
};

/** The former SQL: each step whose rows carried the order sorted them again. */
function resortingEveryStep(tr: Translation): string {
  let sql = tr.sql;
  for (const s of tr.steps) {
    if (!s.cte || s.sql === undefined || !s.sql.includes('"__loupe_order"')) continue;
    // range never sorted (generate_series is in order); take already ends in ORDER BY … LIMIT.
    if (/generate_series|LIMIT greatest/.test(s.sql)) continue;
    sql = sql.replace(
      `"${s.cte}" AS (\n  ${s.sql}\n)`,
      `"${s.cte}" AS (\n  ${s.sql} ORDER BY "__loupe_order"\n)`,
    );
  }
  return sql;
}

const median = (sql: string) => medianQueryMs(engine, sql);

const cases: [string, string][] = [
  ['range → sort → extend', `range x from 1 to ${ROWS} step 1 | sort by x | extend y = x * 2`],
  [
    'sort → where → extend → project',
    'T | sort by t desc | where result != 0 | extend d = upn has "user1" | project t, upn, d',
  ],
  [
    'sort → where → extend → take 1000',
    'T | sort by t asc | where result > 10 | extend h = hourofday(t) | take 1000',
  ],
];
console.log(`${ROWS.toLocaleString()} rows; median of 3, ms`);
console.log(
  '| query | full: before | full: now | first 100: before | first 100: now |\n|---|---:|---:|---:|---:|',
);
for (const [label, kql] of cases) {
  const tr = translate(kql, { resolveTable: (n) => (n === 'T' ? schema : undefined) });
  const before = resortingEveryStep(tr);
  if (before === tr.sql && tr.steps.length > 2)
    throw new Error(`${label}: the former SQL could not be rebuilt`);
  const preview = (sql: string) => `SELECT * FROM (${sql}) LIMIT 100`;
  const cells = [
    median(before),
    median(tr.sql),
    median(preview(before)),
    median(preview(tr.sql)),
  ].map((ms) => ms.toFixed(0));
  console.log(`| ${label} | ${cells.join(' | ')} |`);
}
engine.close();
