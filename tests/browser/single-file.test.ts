/**
 * The single file (dist/loupe.html) opened from file:// in Chromium, as on an air-gapped machine:
 * the full flow works, and the page requests nothing but itself (its worker is a blob:, its wasm
 * is decoded from its own text).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { foreignRequests, openBrowser, type Browser } from './support/chromium.ts';
import { ensureSingleFileBuilt, ROOT, SINGLE_FILE } from './support/site.ts';
import {
  DEMO_LOGS,
  expectSeedRuleResults,
  loadDemoLogsThroughInput,
  openApp,
  savedCase,
  useSeedRuleAndReplay,
  waitForEngineReady,
} from './support/flow.ts';

const SHOTS = join(ROOT, 'tests', 'screenshots');

let browser: Browser;

beforeAll(async () => {
  ensureSingleFileBuilt();
  mkdirSync(SHOTS, { recursive: true });
  browser = await openBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

describe('single file (dist/loupe.html from file://)', () => {
  it('loads the exported logs, replays the seed rule and shows its alerts and incidents, requesting nothing', async () => {
    const url = pathToFileURL(SINGLE_FILE).href;
    const { page } = browser;
    await openApp(page, url);

    await loadDemoLogsThroughInput(page);
    await waitForEngineReady(page);
    await useSeedRuleAndReplay(page);
    await page.screenshot({ path: join(SHOTS, 'single-file-replay.png'), fullPage: true });
    await expectSeedRuleResults(page);

    expect(browser.errors).toEqual([]);
    expect(foreignRequests(browser.requests, url)).toEqual([]);
  });

  it('keeps the case and a note on an alert across a reload from file://', async () => {
    // Continues from the replay above: the single file keeps its session in IndexedDB too.
    const { page } = browser;
    const star = page.getByRole('button', {
      name: /^Star alert Risky User Silent Auth .* at 2026-06-15 16:00:00 UTC$/,
    });
    await star.click();
    await expect
      .poll(() => savedCase(page), { timeout: 15_000 })
      .toEqual({ replayed: true, files: DEMO_LOGS.length });
    await page.reload();
    await page.getByRole('heading', { name: 'Alerts (2)' }).waitFor({ timeout: 90_000 });
    await expectSeedRuleResults(page);
    expect(await star.getAttribute('aria-pressed')).toBe('true');
    expect(browser.errors).toEqual([]);
  });

  it('lists Loupe’s licence and every bundled package’s, the engine worker’s among them, in its help panel', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Help and shortcuts' }).click();
    const dialog = page.getByRole('dialog', { name: 'Help and shortcuts' });
    await dialog.getByText(/^Licences \(Loupe and \d+ bundled packages\)$/).click();
    const licences = dialog.getByRole('list', {
      name: 'Licences of Loupe and the packages it bundles',
    });
    const names = (await licences.locator(':scope > li > details > summary').allInnerTexts()).map(
      (t) => t.split(' ')[0],
    );
    expect(names[0]).toBe('Loupe');
    // DuckDB-WASM is bundled only into the engine worker, which this build inlines.
    expect(names).toEqual(
      expect.arrayContaining([
        '@duckdb/duckdb-wasm',
        'apache-arrow',
        'fflate',
        'svelte',
        'papaparse',
        'yaml',
      ]),
    );
    await page.keyboard.press('Escape');
  });

  it('carries a Content-Security-Policy that forbids every connection', async () => {
    const csp = await browser.page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).not.toMatch(/https?:/);
  });
});
