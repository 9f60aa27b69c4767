/**
 * The table catalog dialog (hosted build): the analyst searches a table or a column name and sees
 * the matching tables, their columns and types and where each table came from; from the keyboard,
 * in both themes, with no accessibility finding.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { foreignRequests } from './support/chromium.ts';
import { audit } from './support/axe.ts';
import { freshApp, waitForEngineReady } from './support/flow.ts';
import { useHostedApp } from './support/hosted.ts';
import { ROOT } from './support/site.ts';

const SHOTS = join(ROOT, 'tests', 'screenshots');
const app = useHostedApp();

beforeAll(async () => {
  await freshApp(app.browser.page, app.site.url);
  await waitForEngineReady(app.browser.page);
});

describe('table catalog', () => {
  it('finds tables by name and by column, and shows a table’s columns, types and source', async () => {
    const { page } = app.browser;
    await page.getByRole('button', { name: 'Table catalog' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sentinel table catalog' });
    await dialog.waitFor();
    const search = dialog.getByLabel('Search tables and columns');
    const status = dialog.getByRole('status');
    await expect
      .poll(() => status.innerText(), { timeout: 30_000 })
      .toMatch(/^\d{3},?\d* tables\. Type a table or column name/);

    await search.fill('SecurityAlert');
    await expect.poll(() => status.innerText()).toMatch(/tables match “SecurityAlert”/);
    expect(
      await dialog
        .getByRole('list', { name: 'Matching tables' })
        .locator('summary code')
        .first()
        .innerText(),
    ).toBe('SecurityAlert');

    // One table has the column: it is shown at once, the matching column marked.
    await search.fill('CompromisedEntity');
    await expect
      .poll(() => status.innerText())
      .toMatch(/^1 of [\d,]+ tables match “CompromisedEntity”/);
    const columns = dialog.getByRole('table', { name: 'Columns of SecurityAlert' });
    await columns.waitFor();
    const rows = await columns.locator('tbody tr').allInnerTexts();
    expect(rows).toContain('CompromisedEntity\tstring');
    expect(rows).toContain('ConfidenceScore\treal');
    expect(rows).toContain('TimeGenerated\tdatetime');
    expect(await columns.locator('tr.hit').allInnerTexts()).toEqual(['CompromisedEntity\tstring']);
    const source = await dialog.locator('.source').innerText();
    expect(source).toContain('Azure Monitor Logs table reference');
    expect(source).toContain('MicrosoftDocs/azure-reference-other');
    expect(source).toContain('CC-BY-4.0');

    // Several tables have it: each says which columns matched, and opens on demand.
    await search.fill('AlertName');
    await expect.poll(() => status.innerText()).toMatch(/tables match “AlertName”/);
    const results = dialog.getByRole('list', { name: 'Matching tables' });
    expect(await results.locator(':scope > li').count()).toBeGreaterThan(1);
    const alert = results.locator(':scope > li', {
      has: page.locator('summary code', { hasText: /^SecurityAlert$/ }),
    });
    expect(await alert.locator('summary').innerText()).toContain('columns: AlertName');
    expect(await dialog.getByRole('table').count()).toBe(0);
    await alert.locator('summary').click();
    await dialog.getByRole('table', { name: 'Columns of SecurityAlert' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'table-catalog.png') });

    await search.fill('zzqxvnotacolumn');
    await expect
      .poll(() => status.innerText())
      .toBe('No table or column contains “zzqxvnotacolumn”.');
    expect(foreignRequests(app.browser.requests, app.site.url)).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('works from the keyboard: t opens it, typing searches, Enter shows a table, Esc closes it', async () => {
    const { page } = app.browser;
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('t');
    const dialog = page.getByRole('dialog', { name: 'Sentinel table catalog' });
    await dialog.waitFor();
    const search = dialog.getByLabel('Search tables and columns');
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Okta');
    const status = dialog.getByRole('status');
    await expect.poll(() => status.innerText()).toMatch(/tables match “Okta”/);
    expect(await dialog.getByRole('table').count()).toBe(0);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SUMMARY');
    const first = await page.evaluate(
      () => document.activeElement?.querySelector('code')?.textContent,
    );
    await page.keyboard.press('Enter');
    const columns = dialog.getByRole('table', { name: `Columns of ${first}` });
    await columns.waitFor();
    expect(await columns.locator('tbody tr').allInnerTexts()).toContain('TimeGenerated\tdatetime');
    expect(await dialog.locator('.source').first().innerText()).toContain('Azure/Azure-Sentinel');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('has no serious or critical accessibility finding, in the light and the dark theme', async () => {
    const { page } = app.browser;
    await page.getByRole('button', { name: 'Table catalog' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sentinel table catalog' });
    await dialog.getByLabel('Search tables and columns').fill('UserPrincipalName');
    await expect
      .poll(() => dialog.getByRole('status').innerText())
      .toMatch(/tables match “UserPrincipalName”/);
    await dialog.locator('summary').first().click();
    await dialog.getByRole('table').first().waitFor();
    expect(await audit(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      expect(await audit(page)).toEqual([]);
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
    }
    await page.keyboard.press('Escape');
  });
});
