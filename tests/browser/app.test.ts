/**
 * The hosted build (dist/site) in Chromium: an analyst loads exported logs through the file input,
 * picks the seed rule, replays it and reads the alerts and incidents — and the page never makes a
 * request beyond its own origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { foreignRequests, openBrowser, type Browser } from './support/chromium.ts';
import { ensureBuilt, ROOT, serveSite } from './support/site.ts';
import { DEMO_LOGS, VICTIM, loadLogs, tableRows, useSeedRuleAndReplay, waitForFiles } from './support/flow.ts';

const SHOTS = join(ROOT, 'tests', 'screenshots');

let browser: Browser;
let site: { url: string; close(): Promise<void> };

beforeAll(async () => {
  ensureBuilt();
  mkdirSync(SHOTS, { recursive: true });
  site = await serveSite();
  browser = await openBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('hosted build', () => {
  it('loads the exported logs, replays the seed rule and shows its alerts and incidents', async () => {
    const { page } = browser;
    await page.goto(site.url, { timeout: 30_000 });
    await expect(page.getByRole('heading', { name: 'Loupe', level: 1 }).isVisible()).resolves.toBe(true);

    // Files are accepted at once, before the engine is ready; they wait for it in the worker.
    await loadLogs(page, DEMO_LOGS);
    await waitForFiles(page);
    await page.getByRole('status', { name: 'Engine status' }).filter({ hasText: 'Engine ready' }).waitFor({ timeout: 30_000 });
    const tables = await tableRows(page);
    expect(tables.map(([name]) => name).sort()).toEqual(['AADNonInteractiveUserSignInLogs', 'AADRiskyUsers', 'AuditLogs', 'SigninLogs']);
    // Six synthetic risky-user rows (static/demo/AADRiskyUsers.csv).
    expect(Object.fromEntries(tables)['AADRiskyUsers']).toBe('6');

    await useSeedRuleAndReplay(page);
    await page.screenshot({ path: join(SHOTS, 'hosted-replay.png'), fullPage: true });

    // static/demo/README.md: with hourly runs the rule fires at 16:00 and 17:00 UTC, and the two
    // alerts form one incident (grouping by Account within 5 h).
    const fired = page.getByRole('table', { name: 'Runs that fired' }).locator('tbody tr');
    await expect(fired.allInnerTexts()).resolves.toEqual([
      expect.stringContaining('2026-06-15 16:00:00 UTC'),
      expect.stringContaining('2026-06-15 17:00:00 UTC'),
    ]);
    await expect(page.getByRole('heading', { name: 'Alerts (2)' }).isVisible()).resolves.toBe(true);
    const alertTitles = await page.getByRole('list', { name: 'Alerts (2)' }).getByRole('heading', { level: 4 }).allInnerTexts();
    expect(alertTitles).toHaveLength(2);
    for (const t of alertTitles) expect(t).toContain(`Risky User Silent Auth - ${VICTIM}`);
    // The case-differing UPN (IsaacDunham@Corp.local) must not have matched: KQL's join is case-sensitive.
    const entities = await page.getByRole('list', { name: /^Entities of / }).first().innerText();
    expect(entities).toContain(`FullName=${VICTIM}`);
    expect(entities).not.toContain('IsaacDunham@Corp.local');

    await expect(page.getByRole('heading', { name: 'Incidents (1)' }).isVisible()).resolves.toBe(true);
    const incidentAlerts = page.getByRole('list', { name: /^Alerts in / }).getByRole('link');
    await expect(incidentAlerts.allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^2026-06-15 16:00:00 UTC — Risky User Silent Auth/),
      expect.stringMatching(/^2026-06-15 17:00:00 UTC — Risky User Silent Auth/),
    ]);

    expect(browser.errors).toEqual([]);
    expect(foreignRequests(browser.requests, site.url)).toEqual([]);
    // The wasm was fetched from the site itself (the request log sees the worker's requests).
    expect(browser.requests.some((u) => u.startsWith(site.url) && u.endsWith('.wasm'))).toBe(true);
  });
});
