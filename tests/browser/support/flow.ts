/**
 * The analyst's path through Loupe, as steps shared by the tests of both builds (hosted site and
 * single file): load files through the file input, choose the seed rule, replay, read the results.
 * Controls are found by role and accessible name, as an analyst (or a screen reader) finds them.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { ROOT } from './site.ts';
import type { WorkDir } from './work-dir.ts';

export const DEMO = join(ROOT, 'static', 'demo');
export const DEMO_LOGS = [
  'AADNonInteractiveUserSignInLogs.csv.gz',
  'SigninLogs.csv.gz',
  'AuditLogs.csv.gz',
  'AADRiskyUsers.csv',
  'AADUserRiskEvents.csv',
].map((f) => join(DEMO, f));
/** The victim of the demo's phishing story (static/demo/README.md). */
export const VICTIM = 'dana.whitfield@larkspur.example';
/** Her UPN as the risky-users report spelled it before the service desk lower-cased it: the case trap. */
export const VICTIM_CASE_TRAP = 'Dana.Whitfield@Larkspur.example';

/** A demo export as the portal wrote it (static/demo keeps the large ones gzipped): its text and record count. */
export function demoCsv(name: 'AuditLogs' | 'SigninLogs' | 'AADNonInteractiveUserSignInLogs'): {
  text: string;
  rows: number;
} {
  const text = gunzipSync(readFileSync(join(DEMO, `${name}.csv.gz`))).toString('utf8');
  return { text, rows: Papa.parse(text, { header: true, skipEmptyLines: true }).data.length };
}

/** The demo's AuditLogs export, inflated into `work` as the analyst's AuditLogs.csv; its path and record count. */
export function demoAuditLogs(work: WorkDir): { path: string; rows: number } {
  const { text, rows } = demoCsv('AuditLogs');
  return { path: work.write('AuditLogs.csv', text), rows };
}

/** Opens Loupe and waits for its page to render (the engine keeps starting in the background). */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url, { timeout: 30_000 });
  await page.getByRole('heading', { name: 'Loupe', level: 1 }).waitFor({ timeout: 10_000 });
}

/**
 * Forgets what Loupe keeps in this browser (saved session, notes, history) and reloads, so a test
 * starts from an empty page even when an earlier test of the same browser saved a session.
 */
export async function freshApp(page: Page, url: string): Promise<void> {
  await openApp(page, url);
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        localStorage.clear();
        const req = indexedDB.deleteDatabase('loupe');
        req.onsuccess = req.onerror = req.onblocked = () => resolve();
      }),
  );
  await page.goto('about:blank');
  await openApp(page, url);
}

export async function loadLogs(page: Page, files: readonly string[]): Promise<void> {
  await page.getByLabel('Add log files (CSV or JSON)').setInputFiles([...files]);
}

/** Waits until every file given has left the queue (loaded or failed). */
export async function waitForFiles(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const items = [...document.querySelectorAll('ul[aria-label="Files"] > li')];
      return (
        items.length > 0 &&
        items.every((li) => ['loaded', 'failed', 'cancelled'].some((c) => li.classList.contains(c)))
      );
    },
    null,
    { timeout },
  );
}

/** The table list as [name, rows] pairs. */
export async function tableRows(page: Page): Promise<[string, string][]> {
  const table = page.getByRole('table', { name: 'Tables' });
  const rows = await table.locator('tbody > tr:has(th[scope="row"])').all();
  const out: [string, string][] = [];
  for (const r of rows)
    out.push([
      (await r.locator('th').innerText()).trim(),
      (await r.locator('td').first().innerText()).trim(),
    ]);
  return out;
}

export async function useSeedRuleAndReplay(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Use the seed rule' }).click();
  await page.getByRole('figure').filter({ hasText: 'DuckDB SQL' }).waitFor({ timeout: 30_000 });
  const replay = page.getByRole('button', { name: 'Replay', exact: true });
  await replay.click();
  // Either the results or the error the page shows (so a failure says why).
  const alerts = page.getByRole('heading', { name: /^Alerts \(\d+\)$/ });
  const failed = page.getByRole('alert').filter({ hasText: /failed|error/i });
  await alerts.or(failed).first().waitFor({ timeout: 60_000 });
  if (await failed.count()) throw new Error(`the page shows: ${await failed.first().innerText()}`);
}

/** The demo button (logs and the seed rule), then Replay: the seed rule's two alerts are shown. */
export async function loadDemoAndReplay(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await waitForFiles(page);
  const replay = page.getByRole('button', { name: 'Replay', exact: true });
  await expect.poll(() => replay.isEnabled(), { timeout: 30_000 }).toBe(true);
  await replay.click();
  await page.getByRole('heading', { name: 'Alerts (2)' }).waitFor({ timeout: 60_000 });
}

/**
 * What the seed rule must produce on the demo logs (static/demo/README.md): with hourly runs it
 * fires at 16:00 and 17:00 UTC, and the two alerts form one incident (grouped by Account, 5 h).
 */
export async function expectSeedRuleResults(page: Page): Promise<void> {
  const fired = page.getByRole('table', { name: 'Runs that fired' }).locator('tbody tr');
  expect(await fired.allInnerTexts()).toEqual([
    expect.stringContaining('2026-06-15 16:00:00 UTC'),
    expect.stringContaining('2026-06-15 17:00:00 UTC'),
  ]);
  expect(await page.getByRole('heading', { name: 'Alerts (2)' }).isVisible()).toBe(true);
  const alertTitles = await page
    .getByRole('list', { name: 'Alerts (2)' })
    .getByRole('heading', { level: 4 })
    .allInnerTexts();
  expect(alertTitles).toHaveLength(2);
  for (const t of alertTitles) expect(t).toContain(`Risky User Silent Auth - ${VICTIM}`);
  // The case-differing UPN must not match: KQL's join is case-sensitive.
  const entities = (await page.getByRole('list', { name: /^Entities of / }).allInnerTexts()).join(
    '\n',
  );
  expect(entities).toContain(`FullName=${VICTIM}`);
  expect(entities).not.toContain(VICTIM_CASE_TRAP);

  expect(await page.getByRole('heading', { name: 'Incidents (1)' }).isVisible()).toBe(true);
  const incidentAlerts = page.getByRole('list', { name: /^Alerts in / }).getByRole('link');
  expect(await incidentAlerts.allInnerTexts()).toEqual([
    expect.stringMatching(/^2026-06-15 16:00:00 UTC — Risky User Silent Auth/),
    expect.stringMatching(/^2026-06-15 17:00:00 UTC — Risky User Silent Auth/),
  ]);
}

/** Loads the demo logs through the file input and checks the table list. */
export async function loadDemoLogsThroughInput(page: Page): Promise<void> {
  await loadLogs(page, DEMO_LOGS);
  await waitForFiles(page);
  const tables = await tableRows(page);
  expect(tables.map(([name]) => name).sort()).toEqual([
    'AADNonInteractiveUserSignInLogs',
    'AADRiskyUsers',
    'AADUserRiskEvents',
    'AuditLogs',
    'SigninLogs',
  ]);
  // The week's 17 risky-user rows (static/demo/AADRiskyUsers.csv).
  expect(Object.fromEntries(tables)['AADRiskyUsers']).toBe('17');
}

export async function waitForEngineReady(page: Page, timeout = 30_000): Promise<void> {
  await page
    .getByRole('status', { name: 'Engine status' })
    .filter({ hasText: 'Engine ready' })
    .waitFor({ timeout });
}

/**
 * What the page has kept of the case in IndexedDB (src/ui/state/session-store.ts). It is written in
 * the background, so tests poll this before a reload that must restore the case.
 */
export function savedCase(page: Page): Promise<{ replayed: boolean; files: number }> {
  return page.evaluate(
    () =>
      new Promise<{ replayed: boolean; files: number }>((resolve) => {
        const none = { replayed: false, files: 0 };
        const req = indexedDB.open('loupe');
        req.onerror = () => resolve(none);
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains('session')) return resolve(none);
          const get = db.transaction('session').objectStore('session').get('current');
          get.onsuccess = () =>
            resolve({
              replayed: Boolean(get.result?.replayed),
              files: get.result?.files?.length ?? 0,
            });
          get.onerror = () => resolve(none);
        };
      }),
  );
}
