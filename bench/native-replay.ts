/**
 * Native replay benchmark (issue 15, "Ceilings, measured"): the seed rule, hourly, over 30 days of
 * synthetic sign-ins (721 runs) on native DuckDB (`--engine native`'s engine, src/db/native/), at
 * 10M rows and, given the time and memory, 100M under an 8 GB memory limit. The rows are generated
 * inside DuckDB (bench/replay-data.ts, the statements bench/replay.ts runs on DuckDB-WASM), never
 * as a CSV. Reports generation time, replay time, runs, alerts, and the process's peak RSS (the
 * engine's worker thread is in the same process), one JSON line per size, and the ratio of each
 * size's replay time to the first's.
 *
 *   nice -n 19 npx tsx bench/native-replay.ts [--rows 10000000,100000000] [--memory-limit 8GB]
 *       [--threads N] [--db FILE] [--temp-dir DIR] [--shuffled] [--wasm-check ROWS]
 *       [--budgets 150000,600000,2400000]
 *
 * --budgets replays each size once per batch row budget (src/rules/batch.ts) in place of the native
 * engine's own (`batchRowBudget`), on the same generated table: how the budget was chosen.
 * --db keeps the table in a database file (out of core; the file is deleted first and after).
 * --wasm-check ROWS also replays ROWS rows on DuckDB-WASM and on native DuckDB and requires
 * identical reports (a check of the multi-threaded engine at a size where it runs in parallel).
 */
import { readFileSync, rmSync } from 'node:fs';
import { createNativeEngine } from '../src/db/native/engine.ts';
import { createNodeEngine } from '../src/db/node-engine.ts';
import type { SqlEngine } from '../src/db/engine.ts';
import { installKqlRuntime } from '../src/kql/index.ts';
import type { ReplayData } from '../src/rules/api.ts';
import { parseRuleFile } from '../src/rules/parse.ts';
import { replay } from '../src/rules/replay.ts';
import { knownTable } from '../src/schema/catalog.ts';
import { MONTH_MS, MONTH_START, signInsSql } from './replay-data.ts';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const sizes = (flag('rows') ?? '10000000').split(',').map(Number);
const memoryLimit = flag('memory-limit');
const threads = flag('threads') !== undefined ? Number(flag('threads')) : undefined;
const dbPath = flag('db');
const tempDirectory = flag('temp-dir');
const shuffled = process.argv.includes('--shuffled');
const wasmCheck = flag('wasm-check') !== undefined ? Number(flag('wasm-check')) : undefined;
const budgets: readonly (number | undefined)[] = flag('budgets')?.split(',').map(Number) ?? [
  undefined,
];
const seed = parseRuleFile(
  readFileSync(
    new URL('../tests/fixtures/rules/risky-user-silent-signins.yaml', import.meta.url),
    'utf8',
  ),
  'risky-user-silent-signins.yaml',
);
const range = { from: MONTH_START, to: MONTH_START + MONTH_MS - 1 };

const rssGb = () => process.resourceUsage().maxRSS / 1024 / 1024;

function dataOf(engine: SqlEngine): ReplayData {
  return {
    engine,
    resolveTable: (n) => knownTable(n),
    loadedTables: () => ['AADNonInteractiveUserSignInLogs', 'AADRiskyUsers'],
  };
}

async function generate(engine: SqlEngine, rows: number): Promise<void> {
  for (const sql of signInsSql(rows, shuffled)) await engine.queryAsync(sql);
}

if (wasmCheck !== undefined) {
  const reports: string[] = [];
  for (const kind of ['wasm', 'native'] as const) {
    const engine =
      kind === 'wasm'
        ? await createNodeEngine()
        : await createNativeEngine({ ...(threads !== undefined && { threads }) });
    installKqlRuntime(engine);
    await generate(engine, wasmCheck);
    const t = performance.now();
    const report = await replay(dataOf(engine), seed, range);
    console.error(
      `${kind}: ${wasmCheck} rows replayed in ${((performance.now() - t) / 1000).toFixed(2)} s, ${report.alerts.length} alerts`,
    );
    reports.push(JSON.stringify({ ...report, execution: undefined }));
    engine.close();
  }
  console.log(JSON.stringify({ wasmCheck, rows: wasmCheck, identical: reports[0] === reports[1] }));
}

let first: number | undefined;
for (const rows of sizes) {
  if (dbPath) for (const f of [dbPath, `${dbPath}.wal`]) rmSync(f, { force: true });
  const engine = await createNativeEngine({
    ...(memoryLimit !== undefined && { memoryLimit }),
    ...(threads !== undefined && { threads }),
    ...(dbPath !== undefined && { dbPath }),
    ...(tempDirectory !== undefined && { tempDirectory }),
  });
  try {
    installKqlRuntime(engine);
    let t = performance.now();
    await generate(engine, rows);
    const generateS = (performance.now() - t) / 1000;
    const rssAfterGenerate = rssGb();
    for (const budget of budgets) {
      // The engine with another batch row budget: the same object, one property overridden.
      const measured: SqlEngine =
        budget === undefined
          ? engine
          : Object.create(engine, { batchRowBudget: { value: budget } });
      t = performance.now();
      const report = await replay(dataOf(measured), seed, range);
      const replayS = (performance.now() - t) / 1000;
      first ??= replayS;
      console.log(
        JSON.stringify({
          rows,
          order: shuffled ? 'shuffled' : 'time',
          settings: engine.settings,
          batchRowBudget: measured.batchRowBudget,
          generateS: Number(generateS.toFixed(2)),
          replayS: Number(replayS.toFixed(2)),
          runs: report.runs.length,
          perRunMs: Number(((replayS * 1000) / report.runs.length).toFixed(2)),
          strategy: report.execution?.strategy,
          queries: report.execution?.queries,
          fallbackReason: report.execution?.fallbackReason,
          alerts: report.alerts.length,
          peakRssGbAfterGenerate: Number(rssAfterGenerate.toFixed(2)),
          peakRssGb: Number(rssGb().toFixed(2)),
          replayRatioToFirst: Number((replayS / first).toFixed(2)),
        }),
      );
    }
  } finally {
    engine.close();
    if (dbPath) for (const f of [dbPath, `${dbPath}.wal`]) rmSync(f, { force: true });
  }
}
