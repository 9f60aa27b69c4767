/**
 * The replay benchmark in the browser: Loupe's own engine worker (DuckDB-WASM blocking build in a
 * worker, as the app runs it), driven through the worker protocol. Parameters come from the query
 * string (`?rows=100000,1000000&perRun=100000`); results are left on `window.__replayBench`.
 */
import seedYaml from '../../tests/fixtures/rules/risky-user-silent-signins.yaml?raw';
import { startEngine } from '../../src/ui/engine-hosted.ts';
import { MONTH_MS, MONTH_START, signInsSql } from '../replay-data.ts';

export interface BrowserBenchRow {
  rows: number;
  order: 'time' | 'shuffled';
  strategy: string;
  generateMs: number;
  replayMs: number;
  runs: number;
  queries: number;
  alerts: number;
}

const params = new URLSearchParams(location.search);
const sizes = (params.get('rows') ?? '100000,1000000').split(',').map(Number);
const perRunMax = Number(params.get('perRun') ?? '100000');
const out = document.getElementById('out')!;
const w = window as unknown as {
  __replayBench?: { rows: BrowserBenchRow[]; error?: string; done: boolean };
};
w.__replayBench = { rows: [], done: false };

async function main(): Promise<void> {
  const client = startEngine();
  const sql = async (statements: string[]) => {
    for (const text of statements) await client.request('run', { text, language: 'sql', limit: 1 });
  };
  // Warm-up, as in Node.
  await sql(signInsSql(10_000, true));
  await client.request('readRule', { text: seedYaml, fileName: 'risky-user-silent-signins.yaml' });
  await client.request('replay', { from: MONTH_START, to: MONTH_START + 24 * 3_600_000 });
  for (const rows of sizes) {
    for (const shuffled of [false, true]) {
      let t = performance.now();
      await sql(signInsSql(rows, shuffled));
      const generateMs = performance.now() - t;
      const strategies = rows <= perRunMax ? (['auto', 'per-run'] as const) : (['auto'] as const);
      for (const strategy of strategies) {
        t = performance.now();
        const report = await client.request('replay', {
          from: MONTH_START,
          to: MONTH_START + MONTH_MS - 1,
          strategy,
        });
        const replayMs = performance.now() - t;
        const row: BrowserBenchRow = {
          rows,
          order: shuffled ? 'shuffled' : 'time',
          strategy: report.execution?.strategy ?? '?',
          generateMs,
          replayMs,
          runs: report.runs.length,
          queries: report.execution?.queries ?? 0,
          alerts: report.alerts.length,
        };
        w.__replayBench!.rows.push(row);
        out.textContent = JSON.stringify(w.__replayBench!.rows, null, 1);
      }
    }
  }
  client.terminate();
}

main().then(
  () => (w.__replayBench!.done = true),
  (e: unknown) => {
    w.__replayBench!.error = e instanceof Error ? e.message : String(e);
    w.__replayBench!.done = true;
  },
);
