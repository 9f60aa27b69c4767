/**
 * `tsx bench/kql-functions.ts`: the per-row cost of scalar KQL functions as Loupe translates them —
 * pure SQL ones next to the ones that call JavaScript UDFs (runtime/*.ts) — over a generated
 * sign-in-like table. Prints the median of 3 runs per expression, minus the baseline scan.
 */
import { createNodeEngine } from '../src/db/node-engine.ts';
import { installKqlRuntime, translate } from '../src/kql/index.ts';
import type { TableSchema } from '../src/schema/catalog.ts';
import { medianQueryMs } from './median-query.ts';

const ROWS = Number(process.env.ROWS ?? 200_000);
const engine = await createNodeEngine();
installKqlRuntime(engine);
engine.exec(`CREATE TABLE T AS SELECT
  i,
  (i % 223)::VARCHAR || '.' || (i % 251)::VARCHAR || '.' || (i % 7)::VARCHAR || '.' || (i % 250)::VARCHAR AS ip,
  'user' || (i % 5000)::VARCHAR || '@contoso.com failed sign-in from app ' || (i % 37)::VARCHAR AS msg,
  TIMESTAMP '2026-03-01' + to_seconds(i) AS t,
  '[' || (i % 10)::VARCHAR || ',' || (i % 3)::VARCHAR || ',' || (i % 7)::VARCHAR || ']' AS arr
FROM range(${ROWS}) r(i)`);
const schema: TableSchema = {
  name: 'T',
  columns: [
    { name: 'i', type: 'long' },
    { name: 'ip', type: 'string' },
    { name: 'msg', type: 'string' },
    { name: 't', type: 'datetime' },
    { name: 'arr', type: 'dynamic' },
  ],
};
engine.exec("SET VARIABLE loupe_now = TIMESTAMP '2026-03-02 00:00:00'");

function time(kql: string): number {
  const { sql } = translate(kql, { resolveTable: (n) => (n === 'T' ? schema : undefined) });
  return medianQueryMs(engine, sql);
}

const base = time('T | summarize c = countif(strlen(msg) > 0)');
const cases: [string, string][] = [
  ['startofweek(t) (SQL)', 'T | summarize c = dcount(startofweek(t))'],
  ['datetime_diff("day", …) (SQL)', 'T | summarize c = sum(datetime_diff("day", now(), t))'],
  [
    'has_any constant list (SQL regex)',
    'T | summarize c = countif(msg has_any ("app", "user12", "zzz"))',
  ],
  ['extract (SQL regex)', 'T | summarize c = countif(extract(@"user(\\d+)", 1, msg) == "12")'],
  ['ipv4_is_private (UDF)', 'T | summarize c = countif(ipv4_is_private(ip))'],
  [
    'ipv4_is_in_any_range, 3 ranges (UDF)',
    'T | summarize c = countif(ipv4_is_in_any_range(ip, dynamic(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"])))',
  ],
  ['hash(msg) (UDF, BigInt xxHash64)', 'T | summarize c = dcount(hash(msg))'],
  ['format_datetime (UDF)', 'T | summarize c = dcount(format_datetime(t, "yyyy-MM-dd HH"))'],
  ['array_sort_asc on JSON (UDF)', 'T | summarize c = dcount(tostring(array_sort_asc(arr)))'],
  [
    'has_any list from toscalar (UDF)',
    'let L = toscalar(print dynamic(["app", "user12"])); T | summarize c = countif(msg has_any (L))',
  ],
  [
    'in (toscalar make_set) (UDF)',
    'let L = toscalar(T | where i < 100 | summarize make_set(ip)); T | summarize c = countif(ip in (L))',
  ],
];
console.log(`${ROWS.toLocaleString()} rows; baseline scan ${base.toFixed(0)} ms (median of 3)`);
console.log('| expression | ms | per row |\n|---|---:|---:|');
for (const [label, kql] of cases) {
  const ms = time(kql) - base;
  console.log(`| ${label} | ${ms.toFixed(0)} | ${((ms * 1e6) / ROWS).toFixed(0)} ns |`);
}
engine.close();
