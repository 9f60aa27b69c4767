/**
 * `npm run bench`: every benchmark in turn, each printing its own numbers. Benchmarks are kept out
 * of `npm test` (they take minutes and measure, rather than check). Run one alone with
 * `npm run bench:ingest`, `bench:replay`, `bench:replay-browser`, or `tsx bench/startup.ts`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const benches = ['ingest.ts', 'replay.ts', 'replay-browser.ts', 'startup.ts'];
let failed = 0;
for (const b of benches) {
  process.stderr.write(`\n=== bench/${b} ===\n`);
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL(b, import.meta.url))],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) {
    failed++;
    process.stderr.write(`bench/${b} exited with ${r.status ?? r.signal}\n`);
  }
}
process.exit(failed ? 1 : 0);
