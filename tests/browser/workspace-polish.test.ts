/**
 * The workspace as an analyst works it for hours (hosted build): the grid's times shown and
 * filtered in UTC (a time copied from a cell pastes back into the filter), number ranges, numbers
 * with separators, the timeline's brush shown in the filter boxes, a pivot's rows named and brought
 * into view, notes that stay open while edited, and keyboard jumps to each step and the console.
 * Controls are found by role and accessible name.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { useHostedApp } from './support/hosted.ts';
import { ROOT } from './support/site.ts';
import { VICTIM, freshApp, openApp, waitForEngineReady, waitForFiles } from './support/flow.ts';
import { brushMiddleThird, columnCells, settle } from './support/grid.ts';

const SHOTS = join(ROOT, 'tests', 'screenshots');
const app = useHostedApp();
const TABLE = 'Table AADNonInteractiveUserSignInLogs';
/** The demo victim's silent sign-ins, as KQL. */
const VICTIM_SILENT = `AADNonInteractiveUserSignInLogs\n| where UserPrincipalName == "${VICTIM}"`;
/** Loupe's UTC form: "2026-06-15 16:08:55.123 UTC". */
const UTC_TIME = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{3})? UTC$/;

beforeAll(async () => {
  const { page } = app.browser;
  await freshApp(page, app.site.url);
  await waitForEngineReady(page);
  await page.getByRole('button', { name: 'Load demo data' }).click(); // the demo logs and the seed rule
  await waitForFiles(page);
}, 180_000);

describe('grid (hosted)', () => {
  it('shows times in UTC with the zone, and filters by a UTC time typed as Loupe shows it', async () => {
    const { page } = app.browser;
    const total = await settle(page, () =>
      page.getByRole('button', { name: 'Browse AADNonInteractiveUserSignInLogs' }).click(),
    );
    expect(total).toBe(2735);
    const times = await columnCells(page, TABLE, 'TimeGenerated');
    expect(times.length).toBeGreaterThan(5);
    for (const t of times) expect(t).toMatch(UTC_TIME);

    // static/demo: 862 of the week's 2,735 silent sign-ins are at or after 16:00 UTC on 15 June.
    const from = page.getByLabel('From TimeGenerated (UTC)');
    expect(await settle(page, () => from.fill('2026-06-15 16:00'))).toBe(862);
    for (const t of await columnCells(page, TABLE, 'TimeGenerated'))
      expect(t >= '2026-06-15 16:00').toBe(true);

    // A time copied from a cell, zone and all, is an upper bound; the first row is the earliest match.
    const to = page.getByLabel('To TimeGenerated (UTC)');
    const first = (await columnCells(page, TABLE, 'TimeGenerated'))[0]!;
    expect(await settle(page, () => to.fill(first))).toBe(1);

    // Text that is not a UTC time (the machine's locale) is flagged, and that end stays open.
    expect(await settle(page, () => to.fill('6/15/2026, 4:00 PM'))).toBe(862);
    expect(await to.getAttribute('aria-invalid')).toBe('true');
    expect(await from.getAttribute('aria-invalid')).toBe('false');
    await settle(page, async () => {
      await to.fill('');
      await from.fill('');
    });
  });

  it('brushing the timeline writes the range into the time filter boxes; clearing it empties them', async () => {
    const { page } = app.browser;
    const chart = page.getByRole('img', {
      name: /^Events per .* of AADNonInteractiveUserSignInLogs/,
    });
    await chart.locator('canvas').waitFor({ timeout: 15_000 });
    // Not replayed yet: no run axis or legend entry, and counts in the legend have separators.
    expect(await chart.innerText()).not.toContain('Fired runs');
    // The chart follows the system's light/dark switch (its colours are read when it is drawn).
    const marker = () =>
      chart
        .locator('.u-legend .u-series')
        .nth(1)
        .locator('.u-marker')
        .evaluate((m) => getComputedStyle(m).borderLeftColor);
    const light = await marker();
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(marker).not.toBe(light);
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(marker).toBe(light);
    const n = await brushMiddleThird(page, chart);
    expect(n).toBeGreaterThan(0);
    const status = await page
      .getByRole('status')
      .filter({ hasText: 'Grid filtered to AADNonInteractiveUserSignInLogs rows from' })
      .innerText();
    const [from, to] = [...status.matchAll(/(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?) UTC/g)].map(
      (m) => m[1],
    );
    expect(await page.getByLabel('From TimeGenerated (UTC)').inputValue()).toBe(from);
    expect(await page.getByLabel('To TimeGenerated (UTC)').inputValue()).toBe(to);

    expect(
      await settle(page, () => page.getByRole('button', { name: 'Clear time range' }).click()),
    ).toBe(2735);
    expect(await page.getByLabel('From TimeGenerated (UTC)').inputValue()).toBe('');
  });

  it('filters a number column by a range and shows numbers with separators', async () => {
    const { page } = app.browser;
    await page.getByRole('radio', { name: 'KQL' }).check();
    const box = page.getByRole('textbox', { name: 'Query' });
    // static/demo: the victim's silent sign-ins by address — 25 from 203.0.113.45, 9 from her phone,
    // 9 from 203.0.113.46, 4 from each of the Seattle office's two addresses.
    await box.fill(
      `${VICTIM_SILENT}\n| summarize n = count() by IPAddress\n| extend scaled = n * 1000\n| order by n desc, IPAddress asc`,
    );
    expect(await settle(page, () => box.press('Control+Enter'))).toBe(5);
    const grid = 'Results of the KQL query';
    expect(await columnCells(page, grid, 'scaled')).toEqual([
      '25,000',
      '9,000',
      '9,000',
      '4,000',
      '4,000',
    ]);

    expect(await settle(page, () => page.getByLabel('Minimum n').fill('5'))).toBe(3);
    expect(await columnCells(page, grid, 'n')).toEqual(['25', '9', '9']);
    expect(await settle(page, () => page.getByLabel('Maximum n').fill('20'))).toBe(2);
    expect(await columnCells(page, grid, 'IPAddress')).toEqual([
      '2001:db8:4a00:ff01::1',
      '203.0.113.46',
    ]);
    expect(app.browser.errors).toEqual([]);

    // Row numbers too: the 1,200th row is numbered "1,200".
    await box.fill('range x from 1 to 1200 step 1');
    expect(await settle(page, () => box.press('Control+Enter'))).toBe(1200);
    const last = page.getByRole('button', { name: 'Select row 1200' });
    await page
      .getByRole('grid', { name: grid })
      .evaluate((g) => g.parentElement!.scrollTo({ top: g.scrollHeight }));
    await last.waitFor();
    expect(await last.innerText()).toBe('1,200');
    await page.screenshot({ path: join(SHOTS, 'grid-number-filter.png') });
  });

  it('names a pivot’s rows after the table and the entity, and brings them into view with focus', async () => {
    const { page } = app.browser;
    await page.getByRole('button', { name: 'Replay', exact: true }).click();
    await page.getByRole('heading', { name: 'Alerts (2)' }).waitFor({ timeout: 60_000 });
    // Replayed: the timeline marks the fired runs.
    await page
      .getByRole('img', { name: /of AADNonInteractiveUserSignInLogs, with fired runs$/ })
      .getByText('Fired runs (result rows)')
      .waitFor({ timeout: 15_000 });
    await page
      .getByRole('button', { name: `Pivot on Account ${VICTIM}` })
      .first()
      .click();
    const hits = page.getByRole('table', { name: 'Pivot results' });
    await hits.waitFor({ timeout: 15_000 });
    // First and last seen read on one line each, here and in the Tables list (never split date | clock).
    const lineCount = (el: Element) => {
      const r = document.createRange();
      r.selectNodeContents(el);
      return new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size;
    };
    for (const cell of [
      ...(await hits.getByRole('cell', { name: / UTC$/ }).all()),
      ...(await page
        .getByRole('table', { name: 'Tables' })
        .getByRole('cell', { name: / UTC$/ })
        .all()),
    ])
      expect(await cell.evaluate(lineCount)).toBe(1);
    const name = `SigninLogs rows mentioning Account ${VICTIM}`;
    expect(
      await settle(page, () =>
        hits.getByRole('button', { name: 'Show the SigninLogs rows' }).click(),
      ),
    ).toBe(9);
    expect(await page.getByRole('grid', { name }).isVisible()).toBe(true);
    const heading = page.getByRole('heading', { name, level: 3 });
    await expect.poll(() => heading.evaluate((h) => h === document.activeElement)).toBe(true);
    // In the window, with the grid's first rows under it.
    const [top, bottom, height] = await heading.evaluate((h) => [
      h.getBoundingClientRect().top,
      h.getBoundingClientRect().bottom,
      innerHeight,
    ]);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(bottom).toBeLessThan(height! / 2);
  });

  it('keeps an incident’s notes open while the analyst stars it and clears the comment being typed', async () => {
    const { page } = app.browser;
    const incident = page
      .getByRole('list', { name: /^Incidents/ })
      .getByRole('article')
      .first();
    await incident.getByText('Notes', { exact: true }).click();
    const comment = incident.getByLabel(/^Comment on incident/);
    await comment.fill('x');
    await comment.fill('');
    expect(await comment.isVisible()).toBe(true);
    await incident.getByRole('button', { name: /^Star incident/ }).click();
    expect(
      await incident.getByRole('button', { name: /^Star incident/ }).getAttribute('aria-pressed'),
    ).toBe('true');
    expect(await comment.isVisible()).toBe(true);
    await comment.fill('Token revoked at 17:20 UTC.');
    expect(await incident.getByLabel(/^Tags for incident/).isVisible()).toBe(true);
  });

  it('follows an incident’s link to its alert without replacing the grid view kept in the URL', async () => {
    const { page } = app.browser;
    await settle(page, () => page.getByRole('button', { name: 'Browse SigninLogs' }).click());
    await settle(page, () =>
      page.getByRole('searchbox', { name: 'Filter IPAddress', exact: true }).fill('203.0.113'),
    );
    const view = new URL(page.url()).hash;
    expect(decodeURIComponent(view)).toContain('"contains":"203.0.113"');
    await page
      .getByRole('list', { name: /^Alerts in / })
      .getByRole('link')
      .first()
      .click();
    // The browser moved to the alert (its card is the target, outlined) and the view is back in the URL.
    await expect.poll(() => new URL(page.url()).hash).toBe(view);
    expect(
      await page.evaluate(() => document.querySelector(':target')?.getAttribute('aria-labelledby')),
    ).toBe('alert-1-title');
    await settle(page, () =>
      page.getByRole('searchbox', { name: 'Filter IPAddress', exact: true }).fill(''),
    );
  });

  it('jumps to each step and to the console from the keyboard without touching the view in the URL', async () => {
    const { page } = app.browser;
    const hash = new URL(page.url()).hash;
    await page.getByRole('button', { name: 'Go to 4. Explore' }).focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('4. Explore');
    // "/" outside a text field puts the cursor in the console.
    await page.keyboard.press('/');
    expect(
      await page
        .getByRole('textbox', { name: 'Query' })
        .evaluate((el) => el === document.activeElement),
    ).toBe(true);
    expect(await page.getByRole('textbox', { name: 'Query' }).inputValue()).not.toContain('/');
    await page.getByRole('button', { name: 'Go to 3. Replay' }).click();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('3. Replay');
    expect(new URL(page.url()).hash).toBe(hash);
    // Runs are read out with their counts in words.
    expect(
      await page
        .getByRole('link', {
          name: /^Run at 2026-06-15 16:00:00 UTC: fired, 1 result row \(window/,
        })
        .count(),
    ).toBe(1);
  });

  it('opens the focused cell in full under the grid: a dynamic value, or JSON text, as a collapsible tree', async () => {
    const { page } = app.browser;
    const box = page.getByRole('textbox', { name: 'Query' });
    await box.fill(
      'print d = dynamic({"geo": {"city": "Lagos", "hops": [1, 2]}, "note": "<b>x</b>"}), s = \'[{"key":"Root Key Type","value":"SessionKey"}]\'',
    );
    await settle(page, () => box.press('Control+Enter'));
    const grid = page.getByRole('grid', { name: 'Results of the KQL query' });
    await grid.locator('[role="gridcell"][data-row="0"][data-col="d"]').click();
    const cell = page.getByRole('region', { name: 'Cell d of row 1' });
    const tree = await cell.innerText();
    for (const part of [
      '{ 2 keys }',
      'geo:',
      'city:"Lagos"',
      'hops:[ 2 items ]',
      'note:"<b>x</b>"',
    ])
      expect(tree.replace(/\n/g, '')).toContain(part);
    expect(await cell.locator('b').count()).toBe(0); // log text is never markup
    // A level folds away.
    await cell.getByText('geo:').click();
    expect(await cell.getByText('city:').isVisible()).toBe(false);

    // The arrow key moves the focus, and the inspector with it: a string holding JSON reads as a tree too.
    await grid.locator('[role="gridcell"][data-row="0"][data-col="d"]').focus();
    await page.keyboard.press('ArrowRight');
    const text = page.getByRole('region', { name: 'Cell s of row 1' });
    expect((await text.innerText()).replace(/\n/g, '')).toContain(
      'JSON text, shown as a tree:[ 1 item ]0:{ 2 keys }key:"Root Key Type"value:"SessionKey"',
    );
  });

  it('lets the keyboard skip the ninety columns’ header controls, to the first cell or past the grid', async () => {
    const { page } = app.browser;
    await settle(page, () => page.getByRole('button', { name: 'Browse SigninLogs' }).click());
    await page.getByText(/^Columns \(\d+ of \d+\)$/).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Skip to the first cell',
    );
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe(
      'gridcell',
    );
    await page.getByRole('button', { name: 'Skip to the first cell' }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Skip past the grid',
    );
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('End of the grid');
    await page.keyboard.press('Tab'); // on to what follows the grid
    expect(await page.evaluate(() => !document.activeElement?.closest('[role="grid"]'))).toBe(true);
  });

  it('finds columns by name in the Columns menu, hides or shows them together, and closes it with Esc', async () => {
    const { page } = app.browser;
    await settle(page, () => page.getByRole('button', { name: 'Browse SigninLogs' }).click());
    // The timeline follows the browsed table (its brush filters that table).
    expect(await page.getByRole('combobox', { name: 'Timeline table' }).inputValue()).toBe(
      'SigninLogs',
    );
    const menu = page.getByText(/^Columns \(\d+ of \d+\)$/);
    const all = Number((await menu.innerText()).match(/of (\d+)/)![1]);
    await menu.click();
    await page.getByRole('searchbox', { name: 'Find a column' }).fill('tenant');
    const found = await page
      .getByRole('group', { name: 'Columns shown' })
      .getByRole('checkbox')
      .count();
    expect(found).toBeGreaterThan(3); // TenantId, AADTenantId, HomeTenantId, ResourceTenantId…
    await page.getByRole('button', { name: 'Hide these' }).click();
    expect(await menu.innerText()).toBe(`Columns (${all - found} of ${all})`);
    // The hidden columns are part of the view kept in the URL (a bookmark shows the same columns).
    const hide = JSON.parse(
      new URLSearchParams(new URL(page.url()).hash.slice(1)).get('hide') ?? '[]',
    ) as string[];
    expect(hide).toHaveLength(found);
    expect(hide).toContain('TenantId');
    const again = await app.browser.context.newPage();
    try {
      await openApp(again, page.url()); // the case kept in this browser comes back, then the view
      await expect
        .poll(
          () =>
            again
              .getByText(/^Columns \(\d+ of \d+\)$/)
              .innerText()
              .catch(() => ''),
          { timeout: 60_000 },
        )
        .toBe(`Columns (${all - found} of ${all})`);
    } finally {
      await again.close();
    }
    const headers = await page
      .getByRole('grid', { name: 'Table SigninLogs' })
      .getByRole('columnheader')
      .allInnerTexts();
    expect(headers.filter((h) => /tenant/i.test(h.split('\n')[0]!))).toEqual([]);

    await page.keyboard.press('Escape');
    expect(await page.getByRole('searchbox', { name: 'Find a column' }).isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      `Columns (${all - found} of ${all})`,
    );
    await menu.click();
    await page.getByRole('button', { name: 'Show these' }).click();
    expect(await menu.innerText()).toBe(`Columns (${all} of ${all})`);
  });

  it('words a console SQL error for the analyst’s own query and underlines the place', async () => {
    const { page } = app.browser;
    await page.getByRole('radio', { name: 'SQL' }).check();
    const box = page.getByRole('textbox', { name: 'Query' });
    await box.fill('SELECT UserPrincipalName, count(*)\nFROM SigninLog GROUP BY ALL');
    await settle(page, () => box.press('Control+Enter'));
    const problem = page.getByRole('alert').filter({ hasText: 'SigninLog does not exist' });
    expect(await problem.innerText()).toBe(
      '(line 2, column 6): Catalog Error: Table with name SigninLog does not exist!\nDid you mean "SigninLogs"?',
    );
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('radio', { name: 'KQL' }).check();
  });

  it('shows a bare KQL query’s results after its replay, and opens them in the grid', async () => {
    const { page } = app.browser;
    await page.getByText('Paste a rule or a KQL query').click();
    await page
      .getByRole('textbox', { name: 'Rule text (YAML or KQL)' })
      .fill(
        `${VICTIM_SILENT}\n| summarize n = count(), latest = max(TimeGenerated) by IPAddress\n| order by n desc, IPAddress asc`,
      );
    await page.getByRole('button', { name: 'Use pasted rule' }).click();
    await page.getByRole('figure').filter({ hasText: 'DuckDB SQL' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Replay', exact: true }).click();
    // static/demo: the victim's five source addresses.
    await page
      .getByRole('heading', { name: 'Query results (5 rows)' })
      .waitFor({ timeout: 60_000 });
    expect(await page.getByRole('heading', { name: /^Alerts \(/ }).count()).toBe(0); // no "check the threshold" for a query
    // One run, with now() = the latest TimeGenerated loaded (a Seattle evening's silent sign-in, after midnight UTC).
    expect(await page.getByText(/^1 run at 2026-06-17 01:40:19\.197 UTC;/).count()).toBe(1);
    const rows = await page
      .getByRole('table', { name: 'Query results' })
      .locator('tbody tr')
      .allInnerTexts();
    expect(rows.map((r) => r.split('\t').map((c) => c.trim()))).toEqual([
      ['203.0.113.45', '25', expect.stringMatching(UTC_TIME)],
      ['2001:db8:4a00:ff01::1', '9', expect.stringMatching(UTC_TIME)],
      ['203.0.113.46', '9', expect.stringMatching(UTC_TIME)],
      ['192.0.2.10', '4', expect.stringMatching(UTC_TIME)],
      ['192.0.2.11', '4', expect.stringMatching(UTC_TIME)],
    ]);
    expect(
      await settle(page, () =>
        page.getByRole('button', { name: 'Open the results in the grid' }).click(),
      ),
    ).toBe(5);
    expect(
      await page
        .getByRole('heading', { name: 'Results of the KQL query', level: 3 })
        .evaluate((h) => h === document.activeElement),
    ).toBe(true);
  });
});
