/**
 * Ingest benchmark (issue 5, "Scale"): load throughput (MB/s, rows/s) and peak memory of Loupe's
 * loader on DuckDB-WASM (its blocking Node build: the same wasm the browser runs) against native
 * DuckDB (@duckdb/node-api, 2 threads) reading the same files in the same run.
 *
 *   npm run --silent bench:ingest [-- --rows 100000,1000000] [--kinds csv,ndjson] [--dir /tmp/loupe-bench]
 *
 * Each measurement runs in its own process (bench/ingest-run.ts) so that maxRSS is its own peak.
 * Node's RSS includes the file read into memory and the wasm heap; a browser tab reading through a
 * file handle does not hold the file in JavaScript memory.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { writeNdjson, writePortalCsv } from './ingest-data.ts';

const argOf = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const sizes = (argOf('--rows') ?? '100000,1000000').split(',').map(Number);
const kinds = (argOf('--kinds') ?? 'csv,ndjson').split(',') as ('csv' | 'ndjson')[];
const dir = argOf('--dir') ?? '/tmp/loupe-bench';
mkdirSync(dir, { recursive: true });

interface Run {
  ms: number;
  rows: number;
  maxRssMB: number;
}

function measure(engine: 'loupe' | 'native', kind: string, file: string): Run {
  process.stderr.write(`${engine} ${kind} ${file} (load average ${loadavg()[0]!.toFixed(1)})\n`);
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'ingest-run.ts'), engine, kind, file],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!) as Run;
}

const lines: string[] = [
  '| file | rows | size MB | engine | load s | MB/s | rows/s | peak RSS MB | × native time |',
  '|---|---:|---:|---|---:|---:|---:|---:|---:|',
];
for (const kind of kinds) {
  for (const rows of sizes) {
    const file = join(
      dir,
      `AADNonInteractiveUserSignInLogs_${rows}.${kind === 'csv' ? 'csv' : 'ndjson'}`,
    );
    if (!existsSync(file)) {
      const t0 = performance.now();
      await (kind === 'csv' ? writePortalCsv(file, rows) : writeNdjson(file, rows));
      process.stderr.write(
        `generated ${file} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
      );
    }
    const mb = statSync(file).size / 1e6;
    const native = measure('native', kind, file);
    const loupe = measure('loupe', kind, file);
    if (loupe.rows !== rows || native.rows !== rows)
      throw new Error(
        `row count mismatch for ${file}: loupe ${loupe.rows}, native ${native.rows}, expected ${rows}`,
      );
    for (const [name, r] of [
      ['native DuckDB 1.4.3 (2 threads)', native],
      ['Loupe (DuckDB-WASM)', loupe],
    ] as const) {
      const s = r.ms / 1000;
      lines.push(
        `| ${kind === 'csv' ? 'portal CSV' : 'NDJSON'} | ${rows.toLocaleString('en-US')} | ${mb.toFixed(0)} | ${name} | ${s.toFixed(2)} | ${(mb / s).toFixed(1)} | ${Math.round(rows / s).toLocaleString('en-US')} | ${r.maxRssMB} | ${(r.ms / native.ms).toFixed(2)} |`,
      );
    }
    process.stderr.write(`${lines.at(-2)}\n${lines.at(-1)}\n`);
  }
}
// The machine may be shared: say how busy it was, since wall times depend on it.
const load = loadavg()
  .map((x) => x.toFixed(1))
  .join(', ');
process.stdout.write(
  `${lines.join('\n')}\n\n${cpus().length} CPUs, load average at the end ${load} (1, 5, 15 min), ${new Date().toISOString()}\n`,
);
