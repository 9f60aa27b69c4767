/**
 * Ingest benchmark in the browser (issue 5, "Scale": the tab's peak memory against the file size):
 * the synthetic portal CSV of bench/ingest.ts loaded through the app's file input (hosted build,
 * dist/site) in headless Chromium, timed from choosing the file to the file shown as loaded.
 *
 *   npm run --silent bench:ingest-browser [-- --rows 100000,1000000] [--kinds csv,gzip,ndjson] [--dir /tmp/loupe-bench]
 *       [--replay] [--tab-limit-mb N] [--no-native]
 *
 * --replay (the tab's ceiling, issue 15): after the file, a small AADRiskyUsers CSV is loaded (six
 * risky users flagged at times spread over the file's span) and the seed rule
 * (risky-user-silent-signins.yaml, hourly, 1 h period) replayed over the whole time range, through
 * the page's own buttons; its time, alerts and the renderer's peak are reported. A load or replay
 * that fails is reported with what the page says (or that the tab crashed) instead of stopping the
 * benchmark, and the sizes after it are skipped. --tab-limit-mb is given to the page
 * (src/ui/state/tab-capacity.ts) to measure past its default limit. --no-native skips native DuckDB.
 *
 * After each file, native DuckDB (`@duckdb/node-api`, 2 threads, bench/ingest-run.ts in its own
 * process) reads the same file, so the "× native" column compares times taken in the same run.
 *
 * `gzip` loads the same CSV gzipped (written next to it on first use): Loupe inflates it chunk by
 * chunk in the engine worker and hands DuckDB parts of it; the "size MB" column is then the .gz file's.
 * `ndjson` loads the same records as NDJSON with Log Analytics names (bench/ingest-data.ts).
 *
 * Memory is read from /proc, not from `performance.memory`, which sees the JavaScript heap only
 * and not DuckDB's wasm heap. The engine worker runs in the page's renderer process, so the
 * renderer's RSS is the tab's memory: it is sampled every 100 ms while the file loads, and its
 * VmHWM (the kernel's own peak RSS, which no sampling can miss) is read after the load. Only
 * Chromium processes descended from this process are read (other Chromiums may be running).
 */
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { openBrowser } from '../tests/browser/support/chromium.ts';
import { ensureBuilt, serveSite } from '../tests/browser/support/site.ts';
import {
  freshApp,
  loadLogs,
  tableRows,
  waitForEngineReady,
} from '../tests/browser/support/flow.ts';
import { writeNdjson, writePortalCsv, writeRiskyUsersCsv } from './ingest-data.ts';

const argOf = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const sizes = (argOf('--rows') ?? '100000,1000000').split(',').map(Number);
type Kind = 'csv' | 'gzip' | 'ndjson';
const kinds = (argOf('--kinds') ?? 'csv').split(',') as Kind[];
const dir = argOf('--dir') ?? '/tmp/loupe-bench';
mkdirSync(dir, { recursive: true });
const withReplay = process.argv.includes('--replay');
const withNative = !process.argv.includes('--no-native');
const tabLimitMb = argOf('--tab-limit-mb');

/** Every process descended from `root`, by pid, with its command line. */
function descendants(root: number): Map<number, string> {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* the process ended meanwhile */
    }
  }
  const out = new Map<number, string>();
  let frontier = [root];
  while (frontier.length) {
    const next: number[] = [];
    for (const [pid, ppid] of parentOf) {
      if (frontier.includes(ppid) && !out.has(pid)) {
        try {
          out.set(pid, readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '));
          next.push(pid);
        } catch {
          /* ended */
        }
      }
    }
    frontier = next;
  }
  return out;
}

/** VmRSS and VmHWM of a process in MB (null once it has ended). */
function memoryOf(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) =>
      Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

const renderers = () =>
  [...descendants(process.pid)]
    .filter(([, cmd]) => cmd.includes('--type=renderer'))
    .map(([pid]) => pid);
const chromiumPids = () =>
  [...descendants(process.pid)].filter(([, cmd]) => /chrom/i.test(cmd)).map(([pid]) => pid);

interface Result {
  kind: Kind;
  rows: number;
  mb: number;
  loadS: number;
  rendererStartMB: number;
  rendererPeakSampledMB: number;
  rendererHwmMB: number;
  chromiumPeakSampledMB: number;
  nativeS: number;
  /** What happened: "loaded", or what the page said when the load failed, or that the tab crashed. */
  outcome: string;
  replayS?: number;
  replayRuns?: string;
  replayAlerts?: number;
  /** The renderer's peak (VmHWM) after the replay, MB. */
  replayPeakMB?: number;
}

/** Native DuckDB's time for the same file (read_csv, a .gz decompressed by DuckDB itself; read_ndjson_auto). */
function nativeSeconds(file: string, rows: number, kind: Kind): number {
  process.stderr.write(`native DuckDB ${file} (load average ${loadavg()[0]!.toFixed(1)})\n`);
  const out = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'ingest-run.ts'),
      'native',
      kind === 'ndjson' ? 'ndjson' : 'csv',
      file,
    ],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const run = JSON.parse(out.trim().split('\n').at(-1)!) as { ms: number; rows: number };
  if (run.rows !== rows)
    throw new Error(`native DuckDB read ${run.rows} rows of ${file}, expected ${rows}`);
  return run.ms / 1000;
}

ensureBuilt();
const site = await serveSite();
const results: Result[] = [];
try {
  for (const rows of sizes)
    for (const kind of kinds) {
      const csv = join(dir, `AADNonInteractiveUserSignInLogs_${rows}.csv`);
      if (!existsSync(csv)) {
        const t0 = performance.now();
        await writePortalCsv(csv, rows);
        process.stderr.write(
          `generated ${csv} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
        );
      }
      const file =
        kind === 'gzip' ? `${csv}.gz` : kind === 'ndjson' ? csv.replace(/\.csv$/, '.ndjson') : csv;
      if (kind === 'gzip' && !existsSync(file))
        await pipeline(createReadStream(csv), createGzip(), createWriteStream(file));
      if (kind === 'ndjson' && !existsSync(file)) await writeNdjson(file, rows);
      const mb = statSync(file).size / 1e6;
      // A fresh browser per file, so that each renderer's VmHWM is this file's peak.
      const browser = await openBrowser();
      try {
        const { page } = browser;
        await freshApp(
          page,
          tabLimitMb === undefined ? site.url : `${site.url}?tab-limit-mb=${tabLimitMb}`,
        );
        await waitForEngineReady(page, 120_000);
        const tabs = renderers();
        const rendererStartMB = Math.max(...tabs.map((p) => memoryOf(p)?.rss ?? 0));
        process.stderr.write(
          `${rows} rows, ${mb.toFixed(0)} MB (load average ${loadavg()[0]!.toFixed(1)}; renderers ${tabs.join(', ')})\n`,
        );

        let rendererPeak = 0;
        let chromiumPeak = 0;
        const all = chromiumPids();
        const sample = () => {
          rendererPeak = Math.max(rendererPeak, ...renderers().map((p) => memoryOf(p)?.rss ?? 0));
          chromiumPeak = Math.max(
            chromiumPeak,
            all.reduce((sum, p) => sum + (memoryOf(p)?.rss ?? 0), 0),
          );
        };
        const sampler = setInterval(sample, 100);
        let crashed = false;
        page.on('crash', () => {
          crashed = true;
        });
        const name = file.split('/').pop()!;
        const t0 = performance.now();
        let outcome = 'loaded';
        try {
          await loadLogs(page, [file]);
          await page.waitForFunction(
            (n) =>
              [...document.querySelectorAll('ul[aria-label="Files"] > li')].some(
                (li) =>
                  li.querySelector('.name')?.textContent === n &&
                  /loaded|failed|cancelled/.test(li.className),
              ),
            name,
            { timeout: 1_800_000, polling: 200 },
          );
        } catch (e) {
          outcome = crashed
            ? 'the tab crashed while loading'
            : `load did not finish: ${String(e).split('\n')[0]}`;
        }
        const loadS = (performance.now() - t0) / 1000;
        clearInterval(sampler);
        sample();
        if (outcome === 'loaded') {
          const state = await page
            .locator('ul[aria-label="Files"] > li')
            .filter({ hasText: name })
            .innerText();
          const loaded = Object.fromEntries(await tableRows(page))[
            'AADNonInteractiveUserSignInLogs'
          ];
          if (loaded !== rows.toLocaleString('en-US'))
            outcome = `not loaded; the page shows: ${state.replaceAll('\n', ' ')} (table: ${loaded ?? 'none'})`;
        }
        const rendererHwmMB = Math.max(0, ...renderers().map((p) => memoryOf(p)?.hwm ?? 0));
        for (const p of renderers())
          process.stderr.write(`  renderer ${p}: ${JSON.stringify(memoryOf(p))}\n`);
        const result: Result = {
          kind,
          rows,
          mb,
          loadS,
          rendererStartMB,
          rendererPeakSampledMB: rendererPeak,
          rendererHwmMB,
          chromiumPeakSampledMB: chromiumPeak,
          nativeS: Number.NaN,
          outcome,
        };
        results.push(result);
        process.stderr.write(`  ${outcome} in ${loadS.toFixed(1)} s\n`);
        if (outcome === 'loaded' && withReplay)
          await replaySeedRule(page, rows, result, () => crashed);
        process.stderr.write(`  ${JSON.stringify(result)}\n`);
        if (browser.errors.length) process.stderr.write(browser.errors.join('\n') + '\n');
      } finally {
        await browser.close();
      }
      const last = results.at(-1)!;
      if (withNative && last.outcome === 'loaded') last.nativeS = nativeSeconds(file, rows, kind);
      // Past a failure, larger files fail too: stop there.
      if (last.outcome !== 'loaded' || (last.replayS === undefined && withReplay)) break;
    }
} finally {
  await site.close();
}

console.log(
  `Chromium (headless), hosted build, ${new Date().toISOString()}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(', ')} on ${cpus().length} CPUs`,
);
console.log(
  '| file | rows | size MB | load s | MB/s | rows/s | renderer before MB | renderer peak MB (VmHWM) | peak ÷ file size | growth MB | growth ÷ file size | all Chromium peak MB (sampled) | native DuckDB s | × native time | outcome | replay s | runs | alerts | peak after replay MB |',
);
console.log(
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|',
);
for (const r of results) {
  const peak = Math.max(r.rendererHwmMB, r.rendererPeakSampledMB);
  console.log(
    `| ${r.kind === 'ndjson' ? 'NDJSON' : `portal CSV${r.kind === 'gzip' ? ' .gz' : ''}`} | ${r.rows.toLocaleString('en-US')} | ${r.mb.toFixed(0)} | ${r.loadS.toFixed(2)} | ${(r.mb / r.loadS).toFixed(1)} | ${Math.round(r.rows / r.loadS).toLocaleString('en-US')} | ${r.rendererStartMB.toFixed(0)} | ${peak.toFixed(0)} | ${(peak / r.mb).toFixed(2)} | ${(peak - r.rendererStartMB).toFixed(0)} | ${((peak - r.rendererStartMB) / r.mb).toFixed(2)} | ${r.chromiumPeakSampledMB.toFixed(0)} | ${r.nativeS.toFixed(2)} | ${(r.loadS / r.nativeS).toFixed(2)} | ${r.outcome} | ${r.replayS?.toFixed(1) ?? '—'} | ${r.replayRuns ?? '—'} | ${r.replayAlerts ?? '—'} | ${r.replayPeakMB?.toFixed(0) ?? '—'} |`,
  );
}

/**
 * The seed rule replayed over everything loaded, through the page: a small AADRiskyUsers file (the
 * rule joins it), "Use the seed rule", "Replay"; waits for the alerts or the page's error.
 */
async function replaySeedRule(
  page: import('playwright-core').Page,
  rows: number,
  result: Result,
  crashed: () => boolean,
): Promise<void> {
  const risky = join(dir, `AADRiskyUsers_${rows}.csv`);
  writeRiskyUsersCsv(risky, rows);
  await loadLogs(page, [risky]);
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('ul[aria-label="Files"] > li')].every((li) =>
        /loaded|failed|cancelled/.test(li.className),
      ),
    null,
    { timeout: 120_000, polling: 200 },
  );
  await page.getByRole('button', { name: 'Use the seed rule' }).click();
  await page.getByRole('figure').filter({ hasText: 'DuckDB SQL' }).waitFor({ timeout: 120_000 });
  const t0 = performance.now();
  try {
    await page.getByRole('button', { name: 'Replay', exact: true }).click();
    const alerts = page.getByRole('heading', { name: /^Alerts \(\d+\)$/ });
    const failed = page.getByRole('alert').filter({ hasText: /failed|error|memory|native/i });
    await alerts.or(failed).first().waitFor({ timeout: 3_600_000 });
    result.replayS = (performance.now() - t0) / 1000;
    if (await failed.count()) {
      result.outcome = `replay failed; the page shows: ${(await failed.first().innerText()).replaceAll('\n', ' ')}`;
      result.replayS = undefined;
      return;
    }
    result.replayAlerts = Number(/\d+/.exec(await alerts.first().innerText())?.[0]);
    const summary = page.getByText(/\d[\d,]* runs?\b/).first();
    result.replayRuns = (await summary.count()) ? (await summary.innerText()).slice(0, 80) : '';
  } catch (e) {
    result.outcome = crashed()
      ? 'the tab crashed during the replay'
      : `replay did not finish: ${String(e).split('\n')[0]}`;
  } finally {
    result.replayPeakMB = Math.max(0, ...renderers().map((p) => memoryOf(p)?.hwm ?? 0));
  }
}
