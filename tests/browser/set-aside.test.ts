/**
 * Bad rows in the app (issue 5, "Bad input"): a file with a record that cannot be read and a value
 * that does not convert is refused, naming the file and line; the analyst can then load the other
 * rows with the bad ones set aside, counted in the table list and listed with their line, column,
 * reason and text (shown as text, never as markup), and the case keeps that choice across a reload.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useHostedApp } from './support/hosted.ts';
import { ROOT } from './support/site.ts';
import { freshApp, loadLogs, tableRows, waitForEngineReady, waitForFiles } from './support/flow.ts';
import { useWorkDir } from './support/work-dir.ts';

const app = useHostedApp();
const work = useWorkDir('loupe-set-aside-');

const NAME = 'AADUserRiskEvents_bad.csv';
// Line 3: four fields for three columns, one holding markup. Line 5: a datetime in no known form.
const TEXT = [
  'TimeGenerated [UTC],UserPrincipalName,RiskLevel',
  '"6/15/2026, 9:56:49.975 AM",a@corp.local,high',
  '"6/15/2026, 9:57:49.975 AM",<b>b@corp.local</b>,low,extra',
  '"6/15/2026, 9:58:49.975 AM",c@corp.local,medium',
  '15.06.2026 10:03,d@corp.local,low',
  '"6/15/2026, 9:59:49.975 AM",e@corp.local,none',
  '',
].join('\n');

describe('rows that cannot be read or typed', () => {
  it('refuses the file, then loads the other rows with the bad ones set aside and listed, and keeps that on reload', async () => {
    const { page } = app.browser;
    await freshApp(page, app.site.url);
    await waitForEngineReady(page, 60_000);
    const file = work.write(NAME, TEXT);
    await loadLogs(page, [file]);
    await waitForFiles(page, 60_000);

    const entry = page.getByRole('list', { name: 'Files' }).locator('li').filter({ hasText: NAME });
    await expect(entry.getByRole('alert').innerText()).resolves.toContain(
      `${NAME} (line 3, column 1): this row has 4 fields; expected 3`,
    );
    expect(await tableRows(page)).toEqual([]);

    await page
      .getByRole('button', { name: `Load the other rows of ${NAME}, setting the bad ones aside` })
      .click();
    await waitForFiles(page, 60_000);
    await expect
      .poll(() => tableRows(page), { timeout: 30_000 })
      .toEqual([['AADUserRiskEvents', '3']]);
    expect(await entry.locator('.state').innerText()).toBe(
      'loaded into AADUserRiskEvents (3 rows)',
    );

    const setAside = page.locator('details.set-aside');
    await setAside.locator('summary', { hasText: '2 rows set aside' }).click();
    const listed = page.getByRole('table', { name: 'Rows set aside from AADUserRiskEvents' });
    await listed.locator('tbody tr').nth(1).waitFor({ timeout: 10_000 });
    const rows = await listed
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
      );
    expect(rows).toEqual([
      [
        NAME,
        '3',
        'field 4',
        'this row has 4 fields; expected 3, one per header column',
        '"6/15/2026, 9:57:49.975 AM",<b>b@corp.local</b>,low,extra',
      ],
      [
        NAME,
        '5',
        'TimeGenerated',
        expect.stringMatching(/^"15\.06\.2026 10:03" is not a datetime: /),
        '15.06.2026 10:03',
      ],
    ]);
    // The record's markup is characters on the screen, not an element.
    expect(await listed.locator('b').count()).toBe(0);
    await page
      .getByRole('table', { name: 'Tables' })
      .screenshot({ path: join(ROOT, 'tests', 'screenshots', 'set-aside-rows.png') });

    // The case comes back the same way: the file loaded with its bad rows set aside, not refused.
    await page.reload();
    await waitForEngineReady(page, 60_000);
    await expect
      .poll(() => tableRows(page), { timeout: 30_000 })
      .toEqual([['AADUserRiskEvents', '3']]);
    await expect(page.locator('details.set-aside summary').innerText()).resolves.toBe(
      '2 rows set aside',
    );
    expect(app.browser.errors).toEqual([]);
  }, 180_000);
});
