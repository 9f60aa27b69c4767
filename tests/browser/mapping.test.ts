/**
 * A file's mapping in the app (issue 5: "every mapping is data, visible in the UI before loading
 * completes, and overridable"): the file list shows, for each file, its format, the table it fills
 * and why, and each source field's column, type and reason; the analyst changes the table and
 * renames a column, loads the file that way, and the case keeps it across a reload.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { useHostedApp } from './support/hosted.ts';
import { ROOT } from './support/site.ts';
import {
  demoAuditLogs,
  freshApp,
  loadLogs,
  tableRows,
  waitForEngineReady,
  waitForFiles,
} from './support/flow.ts';
import { useWorkDir } from './support/work-dir.ts';

const SHOTS = join(ROOT, 'tests', 'screenshots');

const app = useHostedApp();
const work = useWorkDir('loupe-mapping-');

/** The mapping of a file as shown: field → [column, type, why]. */
async function mappingOf(page: Page, file: string): Promise<Map<string, [string, string, string]>> {
  const table = page.getByRole('table', { name: `Mapping of ${file}` });
  const rows = await table.locator('tbody tr').all();
  const out = new Map<string, [string, string, string]>();
  for (const r of rows) {
    const cells = r.locator('td');
    out.set((await cells.nth(0).innerText()).trim(), [
      await cells.nth(1).locator('input').inputValue(),
      (await cells.nth(2).innerText()).trim(),
      (await cells.nth(3).innerText()).trim(),
    ]);
  }
  return out;
}

describe("a file's mapping", () => {
  it("shows the table, each column with its type and reason, and loads the file again with the analyst's table and names", async () => {
    const { page } = app.browser;
    const audit = demoAuditLogs(work);
    const rows = audit.rows.toLocaleString('en-US');
    await freshApp(page, app.site.url);
    await waitForEngineReady(page, 60_000);
    await loadLogs(page, [audit.path]);
    await waitForFiles(page);
    expect(await tableRows(page)).toEqual([['AuditLogs', rows]]);

    const summary = page.locator('details.mapping summary');
    expect((await summary.innerText()).trim()).toMatch(
      /^Log Analytics portal CSV → AuditLogs \(from the file's Type column\), \d+ columns$/,
    );
    await summary.click();
    const mapping = await mappingOf(page, 'AuditLogs.csv');
    expect(mapping.get('TimeGenerated [UTC]')).toEqual([
      'TimeGenerated',
      'datetime',
      "Sentinel's schema for the table",
    ]);
    expect(mapping.get('OperationName')).toEqual([
      'OperationName',
      'string',
      "Sentinel's schema for the table",
    ]);
    expect(mapping.get('TargetResources')).toEqual([
      'TargetResources',
      'dynamic',
      "Sentinel's schema for the table",
    ]);
    await page
      .getByRole('list', { name: 'Files' })
      .screenshot({ path: join(SHOTS, 'file-mapping.png') });

    // Another table, and a column renamed: loaded that way, and the table it replaces is gone.
    const again = page.getByRole('button', {
      name: 'Load AuditLogs.csv again with this table and these column names',
    });
    expect(await again.isDisabled()).toBe(true);
    await page.getByRole('combobox', { name: 'Table for AuditLogs.csv' }).fill('AuditCopy_CL');
    await page.getByRole('textbox', { name: 'Column for field OperationName' }).fill('Operation');
    await again.click();
    await waitForFiles(page);
    await expect.poll(() => tableRows(page), { timeout: 30_000 }).toEqual([['AuditCopy_CL', rows]]);
    expect((await summary.innerText()).trim()).toMatch(
      /^Log Analytics portal CSV → AuditCopy_CL \(chosen by you\), \d+ columns$/,
    );
    await summary.click();
    const renamed = await mappingOf(page, 'AuditLogs.csv');
    expect(renamed.get('OperationName')).toEqual(['Operation', 'string', 'renamed by you']);
    // Not Sentinel's AuditLogs any more: its portal "[UTC]" header still makes TimeGenerated a datetime.
    expect(renamed.get('TimeGenerated [UTC]')?.slice(0, 2)).toEqual(['TimeGenerated', 'datetime']);

    // The case keeps the analyst's table and names.
    await page.reload();
    await waitForEngineReady(page, 60_000);
    await expect.poll(() => tableRows(page), { timeout: 30_000 }).toEqual([['AuditCopy_CL', rows]]);
    await waitForFiles(page);
    await page.locator('details.mapping summary').click();
    expect((await mappingOf(page, 'AuditLogs.csv')).get('OperationName')).toEqual([
      'Operation',
      'string',
      'renamed by you',
    ]);
    expect(app.browser.errors).toEqual([]);
  }, 180_000);
});
