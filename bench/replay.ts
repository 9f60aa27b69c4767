/**
 * Replay benchmark (issue 4, "Speed"): the seed rule, hourly, over a month of synthetic sign-ins
 * (720 runs) at 100k and 1M rows, in time order and shuffled. Reports data generation, total
 * replay time and time per run, on DuckDB-WASM's blocking Node build (the browser runs the same
 * wasm in Loupe's engine worker).
 *
 *   npm run --silent bench:replay [-- --rows 100000,1000000] [--time-order-only] [--per-run-all]
 */
import { readFileSync } from 'node:fs';
import { createNodeEngine } from '../src/db/node-engine.ts';
import { installKqlRuntime } from '../src/kql/index.ts';
import type { ReplayData } from '../src/rules/api.ts';
import { parseRuleFile } from '../src/rules/parse.ts';
import { replay } from '../src/rules/replay.ts';
import { knownTable } from '../src/schema/catalog.ts';
import { MONTH_MS, MONTH_START, generateSignIns } from './replay-data.ts';

const arg = process.argv.indexOf('--rows');
const sizes = arg > 0 ? process.argv[arg + 1]!.split(',').map(Number) : [100_000, 1_000_000];
const orders = process.argv.includes('--time-order-only') ? [false] : [false, true];
/** The per-run reference strategy costs one planned query per run: by default measured at 100k only. */
const perRunAll = process.argv.includes('--per-run-all');
const seed = parseRuleFile(
  readFileSync(
    new URL('../tests/fixtures/rules/risky-user-silent-signins.yaml', import.meta.url),
    'utf8',
  ),
  'risky-user-silent-signins.yaml',
);

const engine = await createNodeEngine();
installKqlRuntime(engine);
const data: ReplayData = {
  engine,
  resolveTable: (n) => knownTable(n),
  loadedTables: () => ['AADNonInteractiveUserSignInLogs', 'AADRiskyUsers'],
};

// Warm-up: the first queries of a process pay for wasm code paths and JIT; keep that out of the numbers.
generateSignIns(engine, 10_000, true);
await replay(data, seed, { from: MONTH_START, to: MONTH_START + 24 * 3_600_000 });

console.log(
  'rows        order      strategy  generate   replay total   runs   per run   queries  alerts',
);
for (const rows of sizes) {
  for (const shuffled of orders) {
    let t = performance.now();
    generateSignIns(engine, rows, shuffled);
    const generate = performance.now() - t;
    const strategies =
      rows <= 100_000 || perRunAll ? (['auto', 'per-run'] as const) : (['auto'] as const);
    for (const strategy of strategies) {
      t = performance.now();
      const report = await replay(data, seed, {
        from: MONTH_START,
        to: MONTH_START + MONTH_MS - 1,
        strategy,
      });
      const total = performance.now() - t;
      console.log(
        `${String(rows).padEnd(11)} ${(shuffled ? 'shuffled' : 'time').padEnd(10)} ${(report.execution?.strategy ?? '?').padEnd(9)} ${(generate / 1000).toFixed(2).padStart(7)} s ${(total / 1000).toFixed(2).padStart(10)} s ${String(report.runs.length).padStart(6)} ${(total / report.runs.length).toFixed(2).padStart(7)} ms ${String(report.execution?.queries ?? '').padStart(8)} ${String(report.alerts.length).padStart(7)}`,
      );
    }
  }
}
engine.close();
