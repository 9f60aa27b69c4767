/**
 * Runs the replay benchmark in Chromium: builds bench/replay-browser/ with the app's Vite config
 * (same worker, same wasm), serves it on 127.0.0.1, and prints the same table as bench/replay.ts.
 *
 *   npm run --silent bench:replay-browser [-- --rows 100000,1000000]
 */
import { join } from 'node:path';
import { build } from 'vite';
import { openBrowser } from '../tests/browser/support/chromium.ts';
import type { BrowserBenchRow } from './replay-browser/main.ts';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'dist', 'bench-replay');
const arg = process.argv.indexOf('--rows');
const rows = arg > 0 ? process.argv[arg + 1]! : '100000,1000000';

await build({
  configFile: join(ROOT, 'vite.config.ts'),
  root: join(ROOT, 'bench', 'replay-browser'),
  logLevel: 'warn',
  build: { outDir: OUT, emptyOutDir: true },
});
const { serve } = (await import(join(ROOT, 'scripts', 'serve.mjs'))) as {
  serve(dir: string, o?: { port?: number }): Promise<{ url: string; close(): Promise<void> }>;
};
const server = await serve(OUT, { port: 0 });
const browser = await openBrowser();
try {
  await browser.page.goto(`${server.url}?rows=${rows}&perRun=100000`);
  await browser.page.waitForFunction(
    () => (window as unknown as { __replayBench?: { done: boolean } }).__replayBench?.done === true,
    undefined,
    { timeout: 1_800_000, polling: 1000 },
  );
  const result = (await browser.page.evaluate(
    () => (window as unknown as { __replayBench: unknown }).__replayBench,
  )) as { rows: BrowserBenchRow[]; error?: string };
  console.log('Chromium (Loupe engine worker)');
  console.log(
    'rows        order      strategy  generate   replay total   runs   per run   queries  alerts',
  );
  for (const r of result.rows) {
    console.log(
      `${String(r.rows).padEnd(11)} ${r.order.padEnd(10)} ${r.strategy.padEnd(9)} ${(r.generateMs / 1000).toFixed(2).padStart(7)} s ${(r.replayMs / 1000).toFixed(2).padStart(10)} s ${String(r.runs).padStart(6)} ${(r.replayMs / r.runs).toFixed(2).padStart(7)} ms ${String(r.queries).padStart(8)} ${String(r.alerts).padStart(7)}`,
    );
  }
  if (result.error) console.error(`benchmark failed in the page: ${result.error}`);
  if (browser.errors.length) console.error(browser.errors.join('\n'));
} finally {
  await browser.close();
  await server.close();
}
