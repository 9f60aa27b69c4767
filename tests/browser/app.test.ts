/**
 * The hosted build (dist/site) in Chromium: an analyst loads exported logs through the file input,
 * picks the seed rule, replays it and reads the alerts and incidents — and the page never makes a
 * request beyond its own origin. Served under a sub-path, as on an internal static server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { foreignRequests, openBrowser, type Browser } from './support/chromium.ts';
import { ensureBuilt, ROOT, serveSite } from './support/site.ts';
import {
  expectSeedRuleResults,
  openApp,
  loadDemoLogsThroughInput,
  useSeedRuleAndReplay,
  waitForEngineReady,
} from './support/flow.ts';

const SHOTS = join(ROOT, 'tests', 'screenshots');

let browser: Browser;
let site: { url: string; close(): Promise<void> };

beforeAll(async () => {
  ensureBuilt();
  mkdirSync(SHOTS, { recursive: true });
  site = await serveSite('/some/sub/path/');
  browser = await openBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('hosted build (dist/site under /some/sub/path/)', () => {
  it('loads the exported logs, replays the seed rule and shows its alerts and incidents, requesting nothing elsewhere', async () => {
    const { page } = browser;
    await openApp(page, site.url);

    // Files are accepted at once, before the engine is ready; they wait for it in the worker.
    await loadDemoLogsThroughInput(page);
    await waitForEngineReady(page);
    await useSeedRuleAndReplay(page);
    await page.screenshot({ path: join(SHOTS, 'hosted-replay.png'), fullPage: true });
    await expectSeedRuleResults(page);

    expect(browser.errors).toEqual([]);
    expect(foreignRequests(browser.requests, site.url)).toEqual([]);
    // The wasm came from the site itself (and the log sees the worker's requests).
    expect(browser.requests.some((u) => u.startsWith(site.url) && u.endsWith('.wasm'))).toBe(true);
  });
});
