/**
 * Accessibility of the main screens, checked with axe-core (WCAG 2.1 A/AA rules) in Chromium: the
 * empty page, and the page with data, a replay and the explore grid. Serious and critical findings
 * fail the test, each listed with the elements concerned.
 */
import { describe, expect, it } from 'vitest';
import { useHostedApp } from './support/hosted.ts';
import { audit } from './support/axe.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './support/site.ts';
import {
  freshApp,
  useSeedRuleAndReplay,
  waitForEngineReady,
  waitForFiles,
} from './support/flow.ts';

const app = useHostedApp();

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  it('has no serious or critical findings on the empty page', async () => {
    await freshApp(app.browser.page, app.site.url);
    await waitForEngineReady(app.browser.page);
    expect(await audit(app.browser.page)).toEqual([]);
  });

  it('has no serious or critical findings with the rule library’s check and loaded watchlists and functions', async () => {
    const { page } = app.browser;
    await freshApp(page, app.site.url);
    await waitForEngineReady(page);
    const check = join(ROOT, 'tests', 'fixtures', 'check');
    await page
      .getByLabel('Open function or ASIM parser files (YAML)')
      .setInputFiles(join(check, 'functions', 'WatchedSignins.yaml'));
    await page
      .getByRole('table', { name: 'Loaded workspace functions' })
      .waitFor({ timeout: 30_000 });
    await page.getByLabel('Watchlist CSV file').setInputFiles(join(check, 'vips.csv'));
    await page.getByRole('button', { name: 'Load watchlist' }).click();
    await page.getByRole('table', { name: 'Loaded watchlists' }).waitFor({ timeout: 30_000 });
    await page.getByText('Rule library: replay several rule files and rank them').click();
    await page
      .getByLabel('Open several rule files (a rule library)')
      .setInputFiles(
        [
          'ready-failed-signins.yaml',
          'needs-watchlist-function.yaml',
          'refused-construct.kql',
          'invalid-fields.yaml',
        ].map((f) => join(check, 'rules', f)),
      );
    await page.getByRole('table', { name: 'Rule check' }).waitFor({ timeout: 60_000 });
    expect(await audit(page)).toEqual([]);
  });

  it('has no serious or critical findings with data, a replay and the grid', async () => {
    const { page } = app.browser;
    await page.getByRole('button', { name: 'Load demo data' }).click();
    await waitForFiles(page);
    await useSeedRuleAndReplay(page);
    await page.getByRole('button', { name: 'Browse AADRiskyUsers' }).click();
    await page.getByRole('grid').waitFor({ timeout: 15_000 });
    expect(await audit(page)).toEqual([]);
  });

  it('has no serious or critical findings in the dark theme either', async () => {
    const { page } = app.browser;
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      expect(await audit(page)).toEqual([]);
      await page.screenshot({
        path: `${process.cwd()}/tests/screenshots/dark-theme.png`,
        fullPage: false,
      });
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
    }
  });
});
