/**
 * Watchlists and workspace functions in the page (issue 13, hosted build): the rule library shows
 * each rule's check status as soon as its files are opened, before any replay, and a rule that
 * needs a workspace function and then a watchlist's columns turns ready once the analyst opens the
 * function's YAML and the watchlist's CSV. What the files hold is shown as text, never as markup.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckReport } from '../../src/rules/check.ts';
import { useHostedApp } from './support/hosted.ts';
import { useWorkDir } from './support/work-dir.ts';
import { ROOT } from './support/site.ts';
import { freshApp, openApp, waitForEngineReady } from './support/flow.ts';
import type { Page } from 'playwright-core';
import { foreignRequests } from './support/chromium.ts';

const CHECK = join(ROOT, 'tests', 'fixtures', 'check');
const RULES = join(CHECK, 'rules');
const SENTINEL_WIDE = join(ROOT, '..', 'shared', 'rules', 'sentinel-wide');

const app = useHostedApp();
const work = useWorkDir('loupe-workspace-content-');

beforeEach(async () => {
  await freshApp(app.browser.page, app.site.url);
  await waitForEngineReady(app.browser.page);
});

describe('watchlists and functions in the rule library', () => {
  it('shows each rule’s check status before any replay, and a rule goes from needs to ready once its function and watchlist are loaded', async () => {
    const { page } = app.browser;
    // A watchlist whose third column's name and a value are markup: they must show as text.
    const csv = work.write(
      'vips.csv',
      'UserPrincipalName,Team,<img src=x onerror="window.__xss=1">\nisaacdunham@corp.local,Finance,<b>bold</b>\n',
    );

    await page.getByText('Rule library: replay several rule files and rank them').click();
    await page
      .getByLabel('Open several rule files (a rule library)')
      .setInputFiles([
        join(RULES, 'ready-failed-signins.yaml'),
        join(RULES, 'needs-watchlist-function.yaml'),
        join(RULES, 'refused-construct.kql'),
        join(RULES, 'invalid-fields.yaml'),
      ]);
    const check = page.getByRole('table', { name: 'Rule check' });
    await check.waitFor({ timeout: 60_000 });
    const row = (name: string) =>
      check.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
    const status = async (name: string) =>
      (await row(name).locator('td.status').innerText()).trim();

    // No logs loaded, nothing replayed: the statuses come from the check alone.
    expect(await page.getByRole('table', { name: 'Rules ranked by alerts' }).count()).toBe(0);
    expect(await status('Failed sign-ins')).toBe('ready');
    expect(await row('Failed sign-ins').innerText()).toContain('reads tables SigninLogs');
    expect(await status('Sign-ins of watched users')).toBe('needs');
    expect(await row('Sign-ins of watched users').innerText()).toContain(
      'needs the function WatchedSignins',
    );
    expect(await status('refused-construct')).toBe('refused');
    expect(await row('refused-construct').innerText()).toMatch(
      /refused-construct\.kql:3:\d+: kql /,
    );
    expect(await status('invalid-fields.yaml')).toBe('invalid');
    expect(await row('invalid-fields.yaml').innerText()).toContain(
      'invalid-fields.yaml:7:18: triggerOperator',
    );
    expect(
      await page.getByRole('status').filter({ hasText: 'Check of 4 rules' }).innerText(),
    ).toContain('1 ready, 1 need something loaded, 1 refused, 1 invalid');

    // The function: the rule now needs the watchlist whose columns it reads.
    await page
      .getByLabel('Open function or ASIM parser files (YAML)')
      .setInputFiles(join(CHECK, 'functions', 'WatchedSignins.yaml'));
    const functions = page.getByRole('table', { name: 'Loaded workspace functions' });
    await functions.waitFor({ timeout: 30_000 });
    expect(await functions.innerText()).toContain('WatchedSignins.yaml:');
    await expect
      .poll(() => row('Sign-ins of watched users').innerText(), { timeout: 30_000 })
      .toContain('needs the watchlist "vips"');
    expect(await status('Sign-ins of watched users')).toBe('needs');

    // The watchlist, from the need, by keyboard: its button fills in the alias and takes the focus
    // to the CSV picker; the file chosen, Load is pressed with Enter.
    await row('Sign-ins of watched users')
      .getByRole('button', { name: 'Load the watchlist vips…' })
      .focus();
    await page.keyboard.press('Enter');
    expect(await page.getByLabel('Watchlist alias').inputValue()).toBe('vips');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('watchlist-file');
    await page.getByLabel('Watchlist CSV file').setInputFiles(csv);
    await page.getByRole('button', { name: 'Load watchlist' }).focus();
    await page.keyboard.press('Enter');
    const watchlists = page.getByRole('table', { name: 'Loaded watchlists' });
    await watchlists.waitFor({ timeout: 30_000 });
    await expect.poll(() => status('Sign-ins of watched users'), { timeout: 30_000 }).toBe('ready');
    expect(await row('Sign-ins of watched users').innerText()).toContain('watchlists vips');
    expect(
      await page.getByRole('status').filter({ hasText: 'Check of 4 rules' }).innerText(),
    ).toContain('2 ready, 0 need something loaded');

    // The markup in the CSV is text on the page, and nothing ran.
    const listed = await watchlists.innerText();
    expect(listed).toContain('vips\tvips.csv\t1\tUserPrincipalName');
    expect(listed).toContain('<img src=x onerror="window.__xss=1">');
    expect(await watchlists.locator('img').count()).toBe(0);
    expect(
      await page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
    ).toBeUndefined();

    // Removing the watchlist brings the need back.
    await page.getByRole('button', { name: 'Remove the watchlist vips' }).click();
    await expect.poll(() => status('Sign-ins of watched users'), { timeout: 30_000 }).toBe('needs');
    expect(foreignRequests(app.browser.requests, app.site.url)).toEqual([]);
  });
});

/** How many watchlists and function files the page has kept in IndexedDB (written in the background). */
function keptContent(page: Page): Promise<{ watchlists: number; functions: number }> {
  return page.evaluate(
    () =>
      new Promise<{ watchlists: number; functions: number }>((resolve) => {
        const none = { watchlists: 0, functions: 0 };
        const req = indexedDB.open('loupe');
        req.onerror = () => resolve(none);
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains('session')) return resolve(none);
          const get = db.transaction('session').objectStore('session').get('current');
          get.onsuccess = () =>
            resolve({
              watchlists: get.result?.watchlists?.length ?? 0,
              functions: get.result?.functions?.length ?? 0,
            });
          get.onerror = () => resolve(none);
        };
      }),
  );
}

describe('watchlists and functions across a reload', () => {
  it('loads the kept watchlist and function files again when the page is reloaded, and forgets one removed', async () => {
    const { page } = app.browser;
    const csv = work.write('kept.csv', 'UserPrincipalName,Team\nisaacdunham@corp.local,Finance\n');
    await page
      .getByLabel('Open function or ASIM parser files (YAML)')
      .setInputFiles(join(CHECK, 'functions', 'WatchedSignins.yaml'));
    await page
      .getByRole('table', { name: 'Loaded workspace functions' })
      .waitFor({ timeout: 30_000 });
    await page.getByLabel('Watchlist alias').fill('vips');
    await page.getByLabel('Watchlist CSV file').setInputFiles(csv);
    await page.getByRole('button', { name: 'Load watchlist' }).click();
    await page.getByRole('table', { name: 'Loaded watchlists' }).waitFor({ timeout: 30_000 });
    await expect
      .poll(() => keptContent(page), { timeout: 10_000 })
      .toEqual({ watchlists: 1, functions: 1 });

    await openApp(page, app.site.url);
    await waitForEngineReady(page);
    const watchlists = page.getByRole('table', { name: 'Loaded watchlists' });
    await watchlists.waitFor({ timeout: 30_000 });
    expect(await watchlists.innerText()).toContain('vips\tkept.csv\t1\tUserPrincipalName');
    expect(
      await page.getByRole('table', { name: 'Loaded workspace functions' }).innerText(),
    ).toContain('WatchedSignins');

    await page.getByRole('button', { name: 'Remove the watchlist vips' }).click();
    await expect
      .poll(() => keptContent(page), { timeout: 10_000 })
      .toEqual({ watchlists: 0, functions: 1 });
  });
});

describe('dropping workspace files', () => {
  it('loads a dropped CSV as a watchlist named after its file and a dropped YAML as a function file, not as logs', async () => {
    const { page } = app.browser;
    const yaml = readFileSync(join(CHECK, 'functions', 'WatchedSignins.yaml'), 'utf8');
    const box = page.getByRole('region', { name: 'Watchlists and workspace functions' });
    const transfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(
        new File(['UserPrincipalName,Team\nisaacdunham@corp.local,Finance\n'], 'DroppedVIPs.csv', {
          type: 'text/csv',
        }),
      );
      dt.items.add(new File([text], 'WatchedSignins.yaml', { type: 'application/yaml' }));
      return dt;
    }, yaml);
    await box.dispatchEvent('dragover', { dataTransfer: transfer });
    await box.dispatchEvent('drop', { dataTransfer: transfer });
    const watchlists = page.getByRole('table', { name: 'Loaded watchlists' });
    await watchlists.waitFor({ timeout: 30_000 });
    expect(await watchlists.innerText()).toContain(
      'DroppedVIPs\tDroppedVIPs.csv\t1\tUserPrincipalName',
    );
    await page
      .getByRole('table', { name: 'Loaded workspace functions' })
      .waitFor({ timeout: 30_000 });
    // Neither file became a log file to load.
    expect(await page.getByRole('list', { name: 'Files' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Browse / }).count()).toBe(0);
  });
});

describe('the page and loupe check agree', () => {
  if (!existsSync(SENTINEL_WIDE))
    console.log(
      `workspace-content.test: ${SENTINEL_WIDE} is absent; the page/CLI agreement test is skipped`,
    );
  it.skipIf(!existsSync(SENTINEL_WIDE))(
    'gives every shared sentinel-wide rule the status `loupe check` gives it',
    async () => {
      const cli = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          join(ROOT, 'src/cli/main.ts'),
          'check',
          '--rules',
          SENTINEL_WIDE,
          '--json',
        ],
        {
          cwd: ROOT,
          encoding: 'utf8',
          timeout: 240_000,
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      expect(cli.status, cli.stderr).toBe(0);
      const expected = (JSON.parse(cli.stdout) as CheckReport).results.map((r) => [
        r.file,
        r.status,
      ]);

      const { page } = app.browser;
      const files = readdirSync(SENTINEL_WIDE)
        .filter((n) => /\.(ya?ml|json|kql)$/i.test(n))
        .sort();
      await page.getByText('Rule library: replay several rule files and rank them').click();
      await page
        .getByLabel('Open several rule files (a rule library)')
        .setInputFiles(files.map((f) => join(SENTINEL_WIDE, f)));
      const check = page.getByRole('table', { name: 'Rule check' });
      await check.waitFor({ timeout: 120_000 });
      const shown = await check
        .locator('tbody tr')
        .evaluateAll((rows) =>
          rows.map((r) => [
            r.querySelector('td')?.textContent?.trim() ?? '',
            r.querySelector('td.status')?.textContent?.trim() ?? '',
          ]),
        );
      const sortRows = (rows: string[][]) =>
        [...rows].sort((a, b) => (a.join('|') < b.join('|') ? -1 : 1));
      expect(shown.length).toBe(expected.length);
      expect(sortRows(shown)).toEqual(sortRows(expected));
    },
    300_000,
  );
});
