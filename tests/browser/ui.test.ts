/**
 * The analyst-facing behaviours of the page (hosted build): bad input gets a message naming the
 * file and the place, what was loaded stays; log and rule content is shown as text, never markup;
 * the demo button works; everything is reachable with the keyboard.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { useWorkDir } from './support/work-dir.ts';
import { useHostedApp } from './support/hosted.ts';
import { join } from 'node:path';
import { foreignRequests } from './support/chromium.ts';
import { ROOT } from './support/site.ts';
import {
  DEMO,
  DEMO_LOGS,
  demoCsv,
  freshApp,
  loadDemoAndReplay,
  loadLogs,
  openApp,
  savedCase,
  tableRows,
  waitForEngineReady,
  waitForFiles,
} from './support/flow.ts';

const FIXTURES = join(ROOT, 'tests', 'fixtures', 'browser');
const SHOTS = join(ROOT, 'tests', 'screenshots');

const app = useHostedApp();
const work = useWorkDir('loupe-ui-');

beforeEach(async () => {
  // A fresh page (and worker) per test: no state carried between them.
  await freshApp(app.browser.page, app.site.url);
  await waitForEngineReady(app.browser.page);
});

describe('page behaviour', () => {
  it('names the file and the place when a file cannot be read, and keeps the tables already loaded', async () => {
    const { page } = app.browser;
    await loadLogs(page, [join(DEMO, 'AADRiskyUsers.csv')]);
    await waitForFiles(page);
    await loadLogs(page, [join(FIXTURES, 'broken-query-api.json')]);
    await waitForFiles(page);

    const problem = page.getByRole('list', { name: 'Files' }).getByRole('alert');
    await problem.waitFor({ timeout: 10_000 });
    const text = await problem.innerText();
    // `[oops]` is at line 2, column 4 of the file: "file:2:4" or "file (line 2, column 4)".
    expect(text).toMatch(/broken-query-api\.json(:2:4| \(line 2, column 4\))/);
    expect((await tableRows(page)).map(([n]) => n)).toEqual(['AADRiskyUsers']);
    await page.screenshot({ path: join(SHOTS, 'ui-bad-file.png'), fullPage: true });
  });

  it('shows a translation error at its line and column, marked in the KQL', async () => {
    const { page } = app.browser;
    await page
      .getByLabel('Open a rule file (Sentinel YAML, ARM JSON or KQL)')
      .setInputFiles(join(FIXTURES, 'unsupported-operator.kql'));
    const error = page.getByRole('alert').filter({ hasText: 'Translation error' });
    await error.waitFor({ timeout: 10_000 });
    // `frobnicate` starts at line 3, column 3 of the query.
    expect(await error.innerText()).toMatch(/line 3, column 3/);
    const mark = page.getByRole('figure').filter({ hasText: 'KQL' }).locator('mark');
    expect(await mark.innerText()).toMatch(/^f/);
    expect(await page.getByRole('button', { name: 'Replay', exact: true }).isDisabled()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'ui-translation-error.png'), fullPage: true });
  });

  it('shows rule and log content as text, never as markup', async () => {
    const { page } = app.browser;
    await page
      .getByLabel('Open a rule file (Sentinel YAML, ARM JSON or KQL)')
      .setInputFiles(join(FIXTURES, 'markup-rule.yaml'));
    const summary = page
      .getByRole('definition')
      .filter({ hasText: 'Rule with markup in its name' });
    await summary.waitFor({ timeout: 10_000 });
    expect(await summary.innerText()).toContain('<img src=x onerror=');
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.title()).not.toBe('pwned');
  });

  it('loads the demo with one button and replays it from the keyboard', async () => {
    const { page } = app.browser;
    const demo = page.getByRole('button', { name: 'Load demo data' });
    await demo.focus();
    await page.keyboard.press('Enter');
    await waitForFiles(page);
    expect((await tableRows(page)).length).toBe(DEMO_LOGS.length);
    const replay = page.getByRole('button', { name: 'Replay', exact: true });
    await page.waitForFunction(
      () => {
        const b = [...document.querySelectorAll('button')].find(
          (x) => x.textContent?.trim() === 'Replay',
        );
        return b !== undefined && !b.disabled;
      },
      null,
      { timeout: 30_000 },
    );
    await replay.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Alerts (2)' }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('heading', { name: 'Incidents (1)' }).isVisible()).toBe(true);
    expect(foreignRequests(app.browser.requests, app.site.url)).toEqual([]);
  });

  it('keeps case notes on an alert across a reload', async () => {
    const { page } = app.browser;
    await loadDemoAndReplay(page);
    const star = page.getByRole('button', {
      name: /^Star alert Risky User Silent Auth .* at 2026-06-15 16:00:00 UTC$/,
    });
    await star.click();
    const comment = page.getByRole('textbox', {
      name: /^Comment on alert .* at 2026-06-15 16:00:00 UTC$/,
    });
    const alert = page.getByRole('list', { name: 'Alerts (2)' }).getByRole('article').first();
    await alert.locator('summary', { hasText: 'Notes' }).click();
    await comment.fill('Attacker IP 203.0.113.45 confirmed with the user.');

    // The case comes back by itself (kept in this browser), and the note with it.
    await expect
      .poll(() => savedCase(page), { timeout: 15_000 })
      .toEqual({ replayed: true, files: DEMO_LOGS.length });
    await page.reload();
    await page.getByRole('heading', { name: 'Alerts (2)' }).waitFor({ timeout: 60_000 });
    expect(await star.getAttribute('aria-pressed')).toBe('true');
    expect(await comment.inputValue()).toBe('Attacker IP 203.0.113.45 confirmed with the user.');
    // The other alert has no note.
    expect(
      await page
        .getByRole('button', { name: /at 2026-06-15 17:00:00 UTC$/ })
        .first()
        .getAttribute('aria-pressed'),
    ).toBe('false');
  });

  it('cancels a queued file, and loads the others', async () => {
    const { page } = app.browser;
    // The engine loads one file at a time: a file big enough (~40 MB, the demo's AuditLogs rows
    // repeated) keeps the next one queued while Cancel is clicked, however fast the machine.
    const audit = demoCsv('AuditLogs');
    const big = work.writeRepeated('AuditLogs_big.csv', audit.text, 350);
    await loadLogs(page, [big, join(DEMO, 'AADRiskyUsers.csv')]);
    await page.getByRole('button', { name: 'Cancel loading AADRiskyUsers.csv' }).click();
    await waitForFiles(page, 120_000);
    const files = page.getByRole('list', { name: 'Files' });
    expect(
      await files.getByRole('listitem').filter({ hasText: 'AADRiskyUsers.csv' }).innerText(),
    ).toContain('cancelled');
    expect(await tableRows(page)).toEqual([
      ['AuditLogs', (audit.rows * 350).toLocaleString('en-US')],
    ]);
  });

  it('opens the help with "?" and closes it with Escape', async () => {
    const { page } = app.browser;
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Help and shortcuts' });
    await dialog.waitFor({ timeout: 5_000 });
    expect(await dialog.getByRole('table', { name: 'Keyboard shortcuts' }).innerText()).toContain(
      'Run the query in the console',
    );
    // The licences the build wrote into the page (build/licences.ts): Loupe's, then every bundled
    // package's, among them the worker's DuckDB-WASM, each with its text.
    const summary = dialog.getByText(/^Licences \(Loupe and \d+ bundled packages\)$/);
    await summary.click();
    const licences = dialog.getByRole('list', {
      name: 'Licences of Loupe and the packages it bundles',
    });
    const names = (await licences.locator(':scope > li > details > summary').allInnerTexts()).map(
      (t) => t.split(' ')[0],
    );
    expect(names[0]).toBe('Loupe');
    expect(names).toEqual(
      expect.arrayContaining([
        '@duckdb/duckdb-wasm',
        'apache-arrow',
        'svelte',
        'papaparse',
        'uplot',
        'yaml',
      ]),
    );
    expect(await summary.innerText()).toBe(
      `Licences (Loupe and ${names.length - 1} bundled packages)`,
    );
    const duckdb = licences.getByRole('listitem').filter({ hasText: /^@duckdb\/duckdb-wasm / });
    await duckdb.locator('summary').click();
    expect(await duckdb.locator('pre').first().innerText()).toContain(
      'Permission is hereby granted',
    );
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden', timeout: 5_000 });
  });

  it('keeps the session (files, rule, replay) across a reload until it is forgotten', async () => {
    const { page } = app.browser;
    await loadDemoAndReplay(page);
    // The session is written in the background; wait until it records the replay before reloading.
    const savedReplay = async () => {
      const saved = await savedCase(page);
      return saved.replayed && saved.files === DEMO_LOGS.length;
    };
    await expect.poll(savedReplay, { timeout: 15_000 }).toBe(true);

    await page.reload();
    // Nothing clicked: the files load again, the rule is read and replayed.
    await page.getByRole('heading', { name: 'Alerts (2)' }).waitFor({ timeout: 60_000 });
    expect((await tableRows(page)).length).toBe(DEMO_LOGS.length);

    // A reload in the middle of a restore loses nothing: restoring never rewrites the saved session
    // (it used to mark the rule as not replayed until its replay finished).
    await page.reload();
    await page.locator('ul[aria-label="Files"] > li').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500); // time for a (wrong) background write to land
    expect(await savedReplay()).toBe(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Alerts (2)' }).waitFor({ timeout: 60_000 });

    await page.getByRole('button', { name: 'Help and shortcuts' }).click();
    await page.getByRole('button', { name: 'Forget everything kept in this browser' }).click();
    await page
      .getByRole('dialog')
      .getByRole('status')
      .filter({ hasText: 'Forgotten.' })
      .waitFor({ timeout: 5_000 });
    await page.keyboard.press('Escape');
    await page.reload();
    await openApp(page, app.site.url);
    await waitForEngineReady(page);
    await page.waitForTimeout(1_000); // time for a (wrongly) kept session to start loading
    expect(await page.getByText('No tables yet.').isVisible()).toBe(true);
  });

  it('keeps nothing once keeping is switched off, and saves the case as it is when it is switched back on', async () => {
    const { page } = app.browser;
    const keep = page.getByRole('checkbox', {
      name: 'Keep this case (the log files, rule and replay) in this browser',
    });
    await page.getByRole('button', { name: 'Help and shortcuts' }).click();
    expect(await keep.isChecked()).toBe(true);
    await keep.uncheck();
    await page.keyboard.press('Escape');

    await loadDemoAndReplay(page);
    await page.waitForTimeout(500); // time for a (wrong) background write to land
    expect(await savedCase(page)).toEqual({ replayed: false, files: 0 });

    // Switched back on: the case on the page is saved at once, and a reload restores it.
    await page.getByRole('button', { name: 'Help and shortcuts' }).click();
    await keep.check();
    await page.keyboard.press('Escape');
    await expect
      .poll(() => savedCase(page), { timeout: 15_000 })
      .toEqual({ replayed: true, files: DEMO_LOGS.length });

    // Off again: what was kept is deleted, and the choice itself survives a reload.
    await page.getByRole('button', { name: 'Help and shortcuts' }).click();
    await keep.uncheck();
    await page.keyboard.press('Escape');
    await expect
      .poll(() => savedCase(page), { timeout: 15_000 })
      .toEqual({ replayed: false, files: 0 });
    await page.reload();
    await openApp(page, app.site.url);
    await waitForEngineReady(page);
    await page.waitForTimeout(1_000); // time for a (wrongly) kept session to start loading
    expect(await page.getByText('No tables yet.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Help and shortcuts' }).click();
    expect(await keep.isChecked()).toBe(false);
  });
});
