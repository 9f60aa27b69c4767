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
import { expectSeedRuleResults, openApp, loadDemoLogsThroughInput, useSeedRuleAndReplay, waitForEngineReady } from './support/flow.ts';

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

  it('carries a Content-Security-Policy that forbids every connection', async () => {
    const csp = await browser.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).not.toMatch(/https?:/);
  });
});
