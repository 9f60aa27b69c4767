/**
 * Workspace extras (hosted build): the rule library ranking several rule files by alerts (issue 4),
 * the prompt for an externaldata URL's file (issue 3), and notes on result rows (issue 7).
 * Controls are found by role and accessible name.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { useHostedApp } from './support/hosted.ts';
import { join } from 'node:path';
import { foreignRequests, type Browser } from './support/chromium.ts';
import { ROOT } from './support/site.ts';
import {
  DEMO_LOGS,
  freshApp,
  loadLogs,
  openApp,
  savedCase,
  useSeedRuleAndReplay,
  waitForEngineReady,
  waitForFiles,
} from './support/flow.ts';
import { readFileSync } from 'node:fs';

const RULES = join(ROOT, 'tests', 'fixtures', 'rules');
const SHOTS = join(ROOT, 'tests', 'screenshots');
/** Stands in for Microsoft's Azure IP ranges download (tests/fixtures/real-rules/README.md). */
const SERVICE_TAGS = join(ROOT, 'tests', 'fixtures', 'real-rules', 'ServiceTags_Public.json');
const SERVICE_TAGS_URL =
  'https://raw.githubusercontent.com/microsoft/mstic/master/PublicFeeds/MSFTIPRanges/ServiceTags_Public.json';

const app = useHostedApp();

beforeEach(async () => {
  await freshApp(app.browser.page, app.site.url);
  await waitForEngineReady(app.browser.page);
});

describe('rule library', () => {
  it('ranks several rule files by alerts, shows a broken file’s error in place, and opens a ranked rule’s replay', async () => {
    const { page } = app.browser;
    await loadLogs(page, DEMO_LOGS);
    await waitForFiles(page);
    await page.getByText('Rule library: replay several rule files and rank them').click();
    await page.getByLabel('Open several rule files (a rule library)').setInputFiles([
      join(RULES, 'sentinel', 'MFARejectedbyUser.yaml'),
      join(RULES, 'risky-user-silent-signins.yaml'),
      join(RULES, 'sentinel', 'SigninPasswordSpray.yaml'),
      // Not valid YAML (line 59): its error must be shown while the others rank.
      join(RULES, 'sentinel', 'PossibleAiTMPhishingAttemptAgainstAAD.yaml'),
    ]);
    const ranking = page.getByRole('table', { name: 'Rules ranked by alerts' });
    await ranking.waitFor({ timeout: 60_000 });
    const rows = await ranking.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(3);
    // The spray is seen by three daily runs (three alerts): it ranks first. The seed rule fires
    // twice in its 170 hourly runs (two alerts, one incident); MFA Rejected by User raises nothing.
    const cells = rows.map((r) => r.split('\t').map((c) => c.trim()));
    expect(cells[0]!).toEqual([
      '1',
      'Password spray attack against Microsoft Entra ID application',
      'SigninPasswordSpray.yaml',
      '8',
      '3',
      '3',
      '3',
    ]);
    expect(cells[1]!).toEqual([
      '2',
      'Non-Interactive Sign-Ins by Identity Protection Risky Users',
      'risky-user-silent-signins.yaml',
      '170',
      '2',
      '2',
      '1',
    ]);
    expect(cells[2]![1]).toBe('MFA Rejected by User');
    expect(cells[2]!.slice(3)).toEqual(['170', '0', '0', '0']);
    const errors = page.getByRole('list', { name: 'Rules that did not run (1)' });
    expect(await errors.innerText()).toMatch(
      /^PossibleAiTMPhishingAttemptAgainstAAD\.yaml:59:3: rule yaml-syntax: invalid YAML/,
    );
    await page.screenshot({ path: join(SHOTS, 'library-ranking.png'), fullPage: true });

    await page
      .getByRole('button', {
        name: 'Show the replay of Non-Interactive Sign-Ins by Identity Protection Risky Users',
      })
      .click();
    await page.getByRole('heading', { name: 'Alerts (2)' }).waitFor({ timeout: 30_000 });
    expect(await page.getByLabel('Rule summary').innerText()).toContain(
      'risky-user-silent-signins.yaml',
    );
    expect(await page.getByRole('heading', { name: 'Incidents (1)' }).isVisible()).toBe(true);
    expect(foreignRequests(app.browser.requests, app.site.url)).toEqual([]);
  });
});

describe('externaldata', () => {
  it('asks in the rule library for the file a rule’s externaldata URL needs, then ranks that rule too', async () => {
    const { page } = app.browser;
    await loadLogs(page, DEMO_LOGS);
    await waitForFiles(page);
    await page.getByText('Rule library: replay several rule files and rank them').click();
    await page
      .getByLabel('Open several rule files (a rule library)')
      .setInputFiles([
        join(RULES, 'risky-user-silent-signins.yaml'),
        join(RULES, 'sentinel', 'AzurePortalSigninfromanotherAzureTenant.yaml'),
      ]);
    const errors = page.getByRole('list', { name: 'Rules that did not run (1)' });
    await errors.waitFor({ timeout: 60_000 });
    expect(await errors.innerText()).toContain(`AzurePortalSigninfromanotherAzureTenant.yaml:24:4`);
    expect(await errors.innerText()).toContain(
      `externaldata needs the data of "${SERVICE_TAGS_URL}"`,
    );
    const ranking = page.getByRole('table', { name: 'Rules ranked by alerts' });
    expect(await ranking.locator('tbody tr').count()).toBe(1);

    await page.getByLabel(`Supply the file for ${SERVICE_TAGS_URL}`).setInputFiles(SERVICE_TAGS);
    await expect.poll(() => ranking.locator('tbody tr').count(), { timeout: 60_000 }).toBe(2);
    const rows = (await ranking.locator('tbody tr').allInnerTexts()).map((r) =>
      r.split('\t').map((c) => c.trim()),
    );
    expect(rows.map((r) => r[1])).toEqual([
      'Non-Interactive Sign-Ins by Identity Protection Risky Users',
      'Azure Portal sign in from another Azure Tenant',
    ]);
    expect(await page.getByRole('list', { name: /^Rules that did not run/ }).count()).toBe(0);
    expect(app.browser.requests.filter((u) => u.includes('githubusercontent'))).toEqual([]);
  });

  it('asks for the file of an externaldata URL, never fetches it, and translates and replays once it is supplied', async () => {
    const { page } = app.browser;
    await loadLogs(page, DEMO_LOGS);
    await waitForFiles(page);
    await page
      .getByLabel('Open a rule file (Sentinel YAML, ARM JSON or KQL)')
      .setInputFiles(join(RULES, 'sentinel', 'AzurePortalSigninfromanotherAzureTenant.yaml'));
    const error = page.getByRole('alert').filter({ hasText: 'Translation error' });
    await error.waitFor({ timeout: 30_000 });
    expect(await error.innerText()).toContain(
      `externaldata needs the data of "${SERVICE_TAGS_URL}"`,
    );
    const prompt = page.getByRole('group', { name: 'This query reads data from the internet' });
    expect(await prompt.innerText()).toContain(SERVICE_TAGS_URL);
    const replay = page.getByRole('button', { name: 'Replay', exact: true });
    expect(await replay.isDisabled()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'externaldata-prompt.png'), fullPage: true });

    await page.getByLabel(`Supply the file for ${SERVICE_TAGS_URL}`).setInputFiles(SERVICE_TAGS);
    await page.getByRole('figure').filter({ hasText: 'DuckDB SQL' }).waitFor({ timeout: 30_000 });
    expect(await error.count()).toBe(0);
    expect(await prompt.count()).toBe(0);
    // Loaded like any log file, into its own table.
    const files = page.getByRole('list', { name: 'Files' });
    expect(
      await files.getByRole('listitem').filter({ hasText: 'ServiceTags_Public.json' }).innerText(),
    ).toContain('externaldata_ServiceTags_Public');
    await expect.poll(() => replay.isEnabled(), { timeout: 30_000 }).toBe(true);
    await replay.click();
    // The demo has no Azure Portal sign-in from an Azure range: the rule runs and fires nothing.
    await page.getByRole('heading', { name: 'Alerts (0)' }).waitFor({ timeout: 60_000 });
    expect(
      await page
        .getByRole('alert')
        .filter({ hasText: /failed/ })
        .count(),
    ).toBe(0);
    // Loupe never fetched the URL (nor anything else off the page's origin).
    expect(app.browser.requests.filter((u) => u.includes('githubusercontent'))).toEqual([]);
    expect(foreignRequests(app.browser.requests, app.site.url)).toEqual([]);

    // After a reload the saved session reads the same file for the URL: no prompt, the replay is back.
    const savedExternal = () =>
      page.evaluate(
        () =>
          new Promise<string>((resolve) => {
            const req = indexedDB.open('loupe');
            req.onerror = () => resolve('');
            req.onsuccess = () => {
              const get = req.result.transaction('session').objectStore('session').get('current');
              get.onsuccess = () =>
                resolve(get.result?.replayed ? JSON.stringify(get.result.external ?? []) : '');
              get.onerror = () => resolve('');
            };
          }),
      );
    await expect
      .poll(savedExternal, { timeout: 15_000 })
      .toBe(JSON.stringify([{ url: SERVICE_TAGS_URL, table: 'externaldata_ServiceTags_Public' }]));
    await page.reload();
    await openApp(page, app.site.url);
    await page.getByRole('heading', { name: 'Alerts (0)' }).waitFor({ timeout: 60_000 });
    expect(await page.getByRole('figure').filter({ hasText: 'DuckDB SQL' }).isVisible()).toBe(true);
    expect(await prompt.count()).toBe(0);
    expect(app.browser.requests.filter((u) => u.includes('githubusercontent'))).toEqual([]);
  });
});

describe('notes on result rows', () => {
  it('keeps a note on an alert’s result row across a reload and puts it in the case report', async () => {
    const { page } = app.browser;
    const alerts = page.getByRole('list', { name: 'Alerts (2)' });
    const showRows = () =>
      alerts
        .getByRole('article')
        .first()
        .locator('summary', { hasText: /^Result rows \(\d+\)$/ })
        .click();
    await loadLogs(page, DEMO_LOGS);
    await waitForFiles(page);
    await useSeedRuleAndReplay(page);
    await showRows();
    const rowLabel = /^row 1 of alert Risky User Silent Auth .* at 2026-06-15 16:00:00 UTC$/;
    const star = page.getByRole('button', {
      name: new RegExp(`^Star ${rowLabel.source.slice(1)}`),
    });
    await star.click();
    const rows = page.getByRole('table', { name: /^Result rows of / }).first();
    await rows.getByRole('row').nth(1).locator('summary', { hasText: 'Tags, comment' }).click();
    await page
      .getByRole('textbox', { name: new RegExp(`^Comment on ${rowLabel.source.slice(1)}`) })
      .fill('This sign-in came from <b>the attacker</b>.');
    await page
      .getByRole('textbox', { name: new RegExp(`^Tags for ${rowLabel.source.slice(1)}`) })
      .fill('evidence, ioc');
    await page.keyboard.press('Tab');

    await expect
      .poll(() => savedCase(page), { timeout: 15_000 })
      .toEqual({ replayed: true, files: DEMO_LOGS.length });
    await page.reload();
    await openApp(page, app.site.url);
    await waitForEngineReady(page);
    // The page restores the session kept in this browser (files, rule, replay) by itself.
    await page
      .getByRole('heading', { name: 'Alerts (2)' })
      .waitFor({ timeout: 60_000 })
      .catch(async (e: Error) => {
        // Say what the page shows instead (this wait once timed out with other browser test files running).
        throw new Error(
          `${e.message}\nThe page shows:\n${(await page.locator('main').innerText()).slice(0, 2000)}\n${app.browser.errors.join('\n')}`,
        );
      });
    await showRows();
    const comment = page.getByRole('textbox', {
      name: new RegExp(`^Comment on ${rowLabel.source.slice(1)}`),
    });
    expect(await comment.inputValue()).toBe('This sign-in came from <b>the attacker</b>.');
    expect(await star.getAttribute('aria-pressed')).toBe('true');
    // The row of the other alert (the 17:00 run) has no note.
    await alerts
      .getByRole('article')
      .nth(1)
      .locator('summary', { hasText: /^Result rows \(\d+\)$/ })
      .click();
    expect(
      await page
        .getByRole('button', { name: /^Star row 1 of alert .* at 2026-06-15 17:00:00 UTC$/ })
        .getAttribute('aria-pressed'),
    ).toBe('false');
    expect(await page.locator('main b').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'row-notes.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 15_000 }),
      page.getByRole('button', { name: 'Download case report (HTML)' }).click(),
    ]);
    const html = readFileSync((await download.path())!, 'utf8');
    expect(html).toContain('<th>Analyst notes</th>');
    expect(html).toContain(
      '★ starred · tags: evidence, ioc · This sign-in came from &lt;b&gt;the attacker&lt;/b&gt;.',
    );
  });
});

describe('notes on grid rows', () => {
  it('keeps a note on a row of a browsed table across a reload, and marks the row', async () => {
    const { page } = app.browser;
    await loadLogs(page, DEMO_LOGS);
    await waitForFiles(page);
    await page.getByRole('button', { name: 'Browse AADRiskyUsers' }).click();
    const grid = page.getByRole('grid', { name: 'Table AADRiskyUsers' });
    await grid.locator('[role="gridcell"][data-row="0"]').first().click();
    const star = page.getByRole('button', { name: 'Star grid row 1 of Table AADRiskyUsers' });
    await star.click();
    await page.locator('.rownote summary', { hasText: 'Tags, comment' }).click();
    await page
      .getByRole('textbox', { name: 'Comment on grid row 1 of Table AADRiskyUsers' })
      .fill('Risky since the phishing mail.');
    expect(await grid.getByRole('rowheader').first().innerText()).toContain('★');
    expect(await grid.getByRole('rowheader').nth(1).innerText()).not.toContain('★');

    // The page comes back with the files and the grid's view (URL hash); the note finds its row.
    expect(page.url()).toContain('#');
    await expect
      .poll(async () => (await savedCase(page)).files, { timeout: 15_000 })
      .toBe(DEMO_LOGS.length);
    await page.reload();
    await page.getByRole('heading', { name: 'Loupe', level: 1 }).waitFor({ timeout: 10_000 });
    await grid.locator('[role="gridcell"][data-row="0"]').first().waitFor({ timeout: 60_000 });
    expect(await grid.getByRole('rowheader').first().innerText()).toContain('★');
    await grid.locator('[role="gridcell"][data-row="0"]').first().click();
    expect(await star.getAttribute('aria-pressed')).toBe('true');
    expect(
      await page
        .getByRole('textbox', { name: 'Comment on grid row 1 of Table AADRiskyUsers' })
        .inputValue(),
    ).toBe('Risky since the phishing mail.');
    await grid.locator('[role="gridcell"][data-row="1"]').first().click();
    expect(
      await page
        .getByRole('button', { name: 'Star grid row 2 of Table AADRiskyUsers' })
        .getAttribute('aria-pressed'),
    ).toBe('false');
  });
});
