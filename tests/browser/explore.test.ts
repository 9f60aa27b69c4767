/**
 * The Explore section, in both builds: browse a table in the grid, sort and filter it (in SQL, in
 * the worker), run KQL and SQL from the console with the keyboard, export the result as CSV.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { foreignRequests, openBrowser, type Browser } from './support/chromium.ts';
import {
  ensureBuilt,
  ensureSingleFileBuilt,
  ROOT,
  serveSite,
  SINGLE_FILE,
} from './support/site.ts';
import {
  DEMO_LOGS,
  VICTIM,
  loadLogs,
  openApp,
  useSeedRuleAndReplay,
  waitForEngineReady,
  waitForFiles,
} from './support/flow.ts';
import { brushMiddleThird, columnCells, rowCount, settle } from './support/grid.ts';

const SHOTS = join(ROOT, 'tests', 'screenshots');
let browser: Browser;
let site: { url: string; close(): Promise<void> } | undefined;
/** The page's address: the hosted site's URL or the single file's file:// URL. */
let appUrl: string;
let shot: (name: string) => string;

/** static/demo: the attacker's silent sign-ins (203.0.113.45 and .46). */
const ATTACKER_ROWS = 34;

/** Both builds run the same tests: the hosted site over http, and the single file from file://. */
const BUILDS = [
  { name: 'hosted', url: async () => (site = await serveSite()).url, build: ensureBuilt },
  {
    name: 'single file',
    url: async () => pathToFileURL(SINGLE_FILE).href,
    build: ensureSingleFileBuilt,
  },
] as const;

describe.each(BUILDS)('explore ($name)', ({ name, url, build }) => {
  beforeAll(async () => {
    build();
    appUrl = await url();
    shot = (file) => join(SHOTS, `${name === 'hosted' ? '' : 'single-'}${file}`);
    browser = await openBrowser();
    await openApp(browser.page, appUrl);
    await loadLogs(browser.page, DEMO_LOGS);
    await waitForFiles(browser.page);
    await waitForEngineReady(browser.page);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    site = undefined;
  });

  it('browses a table, sorts and filters it, and counts the matching rows', async () => {
    const { page } = browser;
    const grid = 'Table AADNonInteractiveUserSignInLogs';
    const total = await settle(page, () =>
      page.getByRole('button', { name: 'Browse AADNonInteractiveUserSignInLogs' }).click(),
    );
    expect(total).toBeGreaterThan(200); // more than one page: the grid pages as it scrolls

    await settle(page, () =>
      page
        .getByRole('grid', { name: grid })
        .getByRole('button', { name: 'IPAddress', exact: true })
        .click(),
    );
    expect(
      await page.getByRole('columnheader', { name: /IPAddress/ }).getAttribute('aria-sort'),
    ).toBe('ascending');
    const ips = await columnCells(page, grid, 'IPAddress');
    expect(ips.length).toBeGreaterThan(5);
    expect(ips).toEqual([...ips].sort());

    // static/demo: the attacker's 34 silent sign-ins, from 203.0.113.45 and .46, among the tenant's 2,735.
    await page.getByLabel('Filter IPAddress').fill('203.0.113.');
    // The filter applies once typing pauses; then the count drops to the matching rows.
    await expect.poll(() => rowCount(page), { timeout: 15_000 }).toBe(ATTACKER_ROWS);
    await expect.poll(() => page.getByRole('grid').getAttribute('aria-busy')).toBe('false');
    for (const ip of await columnCells(page, grid, 'IPAddress'))
      expect(ip).toMatch(/^203\.0\.113\.4[56]$/);

    // The view is in the URL: a new tab with that address, once the logs are loaded, shows it again.
    const url = page.url();
    expect(new URL(url).hash).toContain('src=table');
    const again = await browser.context.newPage();
    try {
      await openApp(again, url);
      await loadLogs(again, DEMO_LOGS);
      await waitForFiles(again);
      await expect
        .poll(
          () =>
            again
              .getByRole('status', { name: 'Row count' })
              .innerText()
              .catch(() => ''),
          { timeout: 30_000 },
        )
        .toMatch(new RegExp(`^${ATTACKER_ROWS} rows`));
      expect(await again.getByLabel('Filter IPAddress').inputValue()).toBe('203.0.113.');
      expect(
        await again.getByRole('columnheader', { name: /IPAddress/ }).getAttribute('aria-sort'),
      ).toBe('ascending');
    } finally {
      await again.close();
    }
    await page.screenshot({ path: shot('explore-grid.png'), fullPage: false });
  });

  it('moves between cells with the keyboard and copies one with Ctrl+C', async () => {
    const { page, context } = browser;
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const g = page.getByRole('grid', { name: 'Table AADNonInteractiveUserSignInLogs' });
    await g.locator('[role="gridcell"][data-row="0"]').first().click();
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowRight', 'PageDown', 'ArrowUp'])
      await page.keyboard.press(key);
    const focused = page.locator('[role="gridcell"]:focus');
    const row = Number(await focused.getAttribute('data-row'));
    expect(row).toBeGreaterThan(2); // Page Down moved a screenful
    expect(await focused.getAttribute('data-col')).toBe('IPAddress'); // second column (TimeGenerated, IPAddress, …)
    await page.keyboard.press('Control+c');
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toMatch(/^203\.0\.113\.4[56]$/);
    await page.keyboard.press('End');
    expect(await page.locator('[role="gridcell"]:focus').getAttribute('data-row')).toBe(
      String(row),
    );
  });

  it('runs KQL from the console with Ctrl+Enter and shows the SQL it became', async () => {
    const { page } = browser;
    await page.getByRole('radio', { name: 'KQL' }).check();
    const box = page.getByRole('textbox', { name: 'Query' });
    await box.fill('AADRiskyUsers\n| summarize n = count() by RiskLevel\n| order by n desc');
    const n = await settle(page, () => box.press('Control+Enter'));
    expect(await page.getByRole('grid', { name: 'Results of the KQL query' }).isVisible()).toBe(
      true,
    );
    expect(n).toBe(4); // static/demo/AADRiskyUsers.csv: none (remediated, dismissed), low, medium, high
    expect(await columnCells(page, 'Results of the KQL query', 'n')).toEqual(['7', '6', '2', '2']);
    expect(await page.getByText('SQL behind this grid').isVisible()).toBe(true);
    await page.getByText(/^History \(\d+\)$/).click();
    expect(
      await page
        .getByRole('list', { name: 'Query history' })
        .getByRole('button', { name: /^Use KQL query from / })
        .count(),
    ).toBe(1);
  });

  it('runs the geo cell functions (h3-js, s2js) in the engine worker', async () => {
    const { page } = browser;
    await page.getByRole('radio', { name: 'KQL' }).check();
    const box = page.getByRole('textbox', { name: 'Query' });
    await box.fill(
      'print h3 = geo_point_to_h3cell(-74.04450446039874, 40.689250859314974, 6), s2 = geo_point_to_s2cell(-80.195829, 25.802215, 8), inside = geo_point_in_polygon(5, 5, dynamic({"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]]]}))',
    );
    const n = await settle(page, () => box.press('Control+Enter'));
    expect(n).toBe(1);
    const grid = 'Results of the KQL query';
    expect(await columnCells(page, grid, 'h3')).toEqual(['862a1072fffffff']); // the Kusto page's token
    expect(await columnCells(page, grid, 's2')).toEqual(['88d9b']);
    expect(await columnCells(page, grid, 'inside')).toEqual(['true']);
  });

  it('highlights the query and underlines a translation error at its position', async () => {
    const { page } = browser;
    await page.getByRole('radio', { name: 'KQL' }).check();
    const box = page.getByRole('textbox', { name: 'Query' });
    await box.fill('AADRiskyUsers\n| frobnicate RiskLevel');
    await box.press('Control+Enter');
    const error = page
      .getByRole('region', { name: '4. Explore' })
      .getByRole('alert')
      .filter({ hasText: 'frobnicate' });
    await error.waitFor({ timeout: 15_000 });
    expect(await error.innerText()).toMatch(/line 2, column 3/);
    expect(await page.locator('.overlay .marked').innerText()).toBe('frobnicate');
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.overlay .operator').first().innerText()).toBe('frobnicate');
    await page.screenshot({ path: shot('explore-console-error.png'), fullPage: false });
  });

  it('runs SQL too, and exports the result as CSV', async () => {
    const { page } = browser;
    await page.getByRole('radio', { name: 'SQL' }).check();
    const box = page.getByRole('textbox', { name: 'Query' });
    await box.fill(
      `SELECT UserPrincipalName, count(*) AS n FROM AADRiskyUsers GROUP BY ALL ORDER BY n DESC, UserPrincipalName`,
    );
    const n = await settle(page, () => box.press('Control+Enter'));
    expect(await page.getByRole('grid', { name: 'Results of the SQL query' }).isVisible()).toBe(
      true,
    );
    expect(n).toBeGreaterThan(1);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 15_000 }),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(csv[0]).toBe('UserPrincipalName,n');
    expect(csv).toHaveLength(n + 1);
    expect(foreignRequests(browser.requests, appUrl)).toEqual([]);
  });

  it('pivots from an alert entity to every table that mentions it, and shows those rows', async () => {
    const { page } = browser;
    await useSeedRuleAndReplay(page);
    await page
      .getByRole('button', { name: `Pivot on Account ${VICTIM}` })
      .first()
      .click();
    const hits = page.getByRole('table', { name: 'Pivot results' });
    await hits.waitFor({ timeout: 15_000 });
    // static/demo: 51 of the week's silent sign-ins are the victim's (her phone, her desk, the attacker's replay).
    const row = hits.getByRole('row', { name: /AADNonInteractiveUserSignInLogs/ });
    expect(await row.getByRole('cell').first().innerText()).toBe('51');
    const n = await settle(page, () =>
      row.getByRole('button', { name: 'Show the AADNonInteractiveUserSignInLogs rows' }).click(),
    );
    expect(n).toBe(51);
    await page.screenshot({ path: shot('explore-pivot.png'), fullPage: false });
  });

  it('downloads a case report that opens offline from file:// and makes no request', async () => {
    const { page, context } = browser;
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 15_000 }),
      page.getByRole('button', { name: 'Download case report (HTML)' }).click(),
    ]);
    const file = join(ROOT, 'tests', 'screenshots', 'case-report.html');
    await download.saveAs(file);
    const report = await context.newPage();
    const requests: string[] = [];
    report.on('request', (r) => requests.push(r.url()));
    await report.goto(pathToFileURL(file).href);
    expect(await report.getByRole('heading', { level: 1 }).innerText()).toBe(
      'Case report: Non-Interactive Sign-Ins by Identity Protection Risky Users',
    );
    expect(await report.getByRole('heading', { name: 'Alerts (2)' }).isVisible()).toBe(true);
    expect(await report.getByRole('heading', { name: 'Incidents (1)' }).isVisible()).toBe(true);
    expect(await report.locator('tr.fired').count()).toBe(2);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await report.close();
  });

  it('draws the timeline and brushing a time range filters the grid to it', async () => {
    const { page } = browser;
    await page
      .getByRole('combobox', { name: 'Timeline table' })
      .selectOption('AADNonInteractiveUserSignInLogs');
    const chart = page.getByRole('img', {
      name: /^Events per .* of AADNonInteractiveUserSignInLogs/,
    });
    await chart.locator('canvas').waitFor({ timeout: 15_000 });
    const n = await brushMiddleThird(page, chart);
    const status = await page
      .getByRole('status')
      .filter({ hasText: 'Grid filtered to AADNonInteractiveUserSignInLogs rows from' })
      .innerText();
    const [from, to] = [...status.matchAll(/(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?) UTC/g)].map(
      (m) => Date.parse(`${m[1]!.replace(' ', 'T')}Z`),
    );
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(2735);
    for (const t of await columnCells(
      page,
      'Table AADNonInteractiveUserSignInLogs',
      'TimeGenerated',
    )) {
      const ms = Date.parse(t);
      expect(ms >= from! && ms <= to!).toBe(true);
    }
    await page.screenshot({ path: shot('explore-timeline.png'), fullPage: false });
  });
});
