/**
 * The analyst's path through Loupe, as steps shared by the tests of both builds (hosted site and
 * single file): load files through the file input, choose the seed rule, replay, read the results.
 * Controls are found by role and accessible name, as an analyst (or a screen reader) finds them.
 */
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { ROOT } from './site.ts';

export const DEMO = join(ROOT, 'static', 'demo');
export const DEMO_LOGS = ['AADNonInteractiveUserSignInLogs.csv', 'SigninLogs.csv', 'AuditLogs.csv', 'AADRiskyUsers.csv'].map((f) =>
  join(DEMO, f),
);
/** The victim of the demo's phishing story (static/demo/README.md). */
export const VICTIM = 'isaacdunham@corp.local';

export async function loadLogs(page: Page, files: readonly string[]): Promise<void> {
  await page.getByLabel('Add log files (CSV or JSON)').setInputFiles([...files]);
}

/** Waits until every file given has left the queue (loaded or failed). */
export async function waitForFiles(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const items = [...document.querySelectorAll('ul[aria-label="Files"] > li')];
      return items.length > 0 && items.every((li) => li.classList.contains('loaded') || li.classList.contains('failed'));
    },
    null,
    { timeout },
  );
}

/** The table list as [name, rows] pairs. */
export async function tableRows(page: Page): Promise<[string, string][]> {
  const table = page.getByRole('table', { name: 'Tables' });
  const rows = await table.locator('tbody tr').all();
  const out: [string, string][] = [];
  for (const r of rows) out.push([(await r.locator('th').innerText()).trim(), (await r.locator('td').first().innerText()).trim()]);
  return out;
}

export async function useSeedRuleAndReplay(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Use the seed rule' }).click();
  await page.getByRole('figure').filter({ hasText: 'DuckDB SQL' }).waitFor({ timeout: 30_000 });
  const replay = page.getByRole('button', { name: 'Replay', exact: true });
  await replay.click();
  await page.getByRole('heading', { name: /^Alerts \(\d+\)$/ }).waitFor({ timeout: 60_000 });
}
