/**
 * Start-up of both builds in headless Chromium (issue 6 targets): how soon the page is usable
 * (UI rendered and accepting files), and how soon the engine answers its first query, with the
 * engine's own breakdown of where the time went. Also the size of the single file.
 *
 *   npx tsx bench/startup.ts [RUNS]     (builds first if dist/ is missing)
 *
 * Prints a table and writes bench/results/startup.json.
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openBrowser } from '../tests/browser/support/chromium.ts';
import {
  ensureBuilt,
  ensureSingleFileBuilt,
  ROOT,
  serveSite,
  SINGLE_FILE,
  SITE,
} from '../tests/browser/support/site.ts';

interface Sample {
  uiReadyMs: number;
  engineReadyMs: number;
  phases: { name: string; ms: number }[];
  /** From navigation start to the worker receiving `init`. */
  initAtMs: number;
  /** Single file: when the page had parsed the wasm text and sent it to the worker. */
  wasmSentMs: number | null;
}

const runs = Number(process.argv[2] ?? 5);

async function measure(url: string): Promise<Sample> {
  const browser = await openBrowser();
  try {
    const { page } = browser;
    await page.goto(url, { timeout: 30_000 });
    await page.waitForFunction(
      () => performance.getEntriesByName('loupe:engine-ready').length > 0,
      null,
      { timeout: 60_000 },
    );
    return await page.evaluate(() => {
      const ui = performance.getEntriesByName('loupe:ui-ready')[0]!;
      const ready = performance.getEntriesByName('loupe:engine-ready')[0] as PerformanceMark;
      const info = ready.detail as { phases: { name: string; ms: number }[]; initAt: number };
      return {
        uiReadyMs: Math.round(ui.startTime),
        engineReadyMs: Math.round(ready.startTime),
        phases: info.phases,
        initAtMs: Math.round(info.initAt - performance.timeOrigin),
        wasmSentMs: performance.getEntriesByName('loupe:wasm-sent')[0]?.startTime ?? null,
      };
    });
  } finally {
    await browser.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function summarise(name: string, samples: Sample[]) {
  const phaseNames = samples[0]!.phases.map((p) => p.name);
  return {
    build: name,
    runs: samples.length,
    uiReadyMs: median(samples.map((s) => s.uiReadyMs)),
    initAtMs: median(samples.map((s) => s.initAtMs)),
    wasmSentMs:
      samples[0]!.wasmSentMs === null
        ? null
        : median(samples.map((s) => Math.round(s.wasmSentMs!))),
    engineReadyMs: median(samples.map((s) => s.engineReadyMs)),
    engineReadyMsAll: samples.map((s) => s.engineReadyMs),
    phasesMedianMs: Object.fromEntries(
      phaseNames.map((n) => [
        n,
        median(samples.map((s) => s.phases.find((p) => p.name === n)?.ms ?? 0)),
      ]),
    ),
  };
}

function dirSize(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (n, e) => n + (e.isDirectory() ? dirSize(join(dir, e.name)) : statSync(join(dir, e.name)).size),
    0,
  );
}

ensureBuilt();
ensureSingleFileBuilt();
const site = await serveSite('/bench/');
const results = [];
try {
  const hosted: Sample[] = [];
  for (let i = 0; i < runs; i++) hosted.push(await measure(site.url));
  results.push(summarise('hosted (dist/site over http://127.0.0.1)', hosted));
  const single: Sample[] = [];
  for (let i = 0; i < runs; i++) single.push(await measure(pathToFileURL(SINGLE_FILE).href));
  results.push(summarise('single file (dist/loupe.html from file://)', single));
} finally {
  await site.close();
}

const sizes = { singleFileBytes: statSync(SINGLE_FILE).size, siteBytes: dirSize(SITE) };
const out = { measuredAt: new Date().toISOString(), chromium: '/usr/bin/chromium', sizes, results };
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', 'startup.json'), JSON.stringify(out, null, 2));

console.log(
  `dist/loupe.html: ${(sizes.singleFileBytes / 1e6).toFixed(2)} MB; dist/site: ${(sizes.siteBytes / 1e6).toFixed(2)} MB`,
);
for (const r of results) {
  console.log(
    `${r.build}: UI ready ${r.uiReadyMs} ms, ${r.wasmSentMs !== null ? `wasm text sent ${r.wasmSentMs} ms, ` : ''}engine init received ${r.initAtMs} ms, engine ready ${r.engineReadyMs} ms ` +
      `(median of ${r.runs}; all: ${r.engineReadyMsAll.join(', ')}); phases ${JSON.stringify(r.phasesMedianMs)}`,
  );
}
