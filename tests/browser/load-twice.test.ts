/**
 * Loading the same file twice (issue 5, "Bad input"): Loupe asks whether the file's rows replace
 * the table's or are appended to them, and does nothing until the analyst answers.
 */
import { describe, expect, it } from 'vitest';
import { useHostedApp } from './support/hosted.ts';
import {
  demoAuditLogs,
  freshApp,
  loadLogs,
  tableRows,
  waitForEngineReady,
  waitForFiles,
} from './support/flow.ts';
import { useWorkDir } from './support/work-dir.ts';

const app = useHostedApp();
const work = useWorkDir('loupe-load-twice-');

describe('the same file loaded twice', () => {
  it('asks whether to replace or append, and does what the analyst answers', async () => {
    const { page } = app.browser;
    const { path: AUDIT, rows } = demoAuditLogs(work);
    const once = rows.toLocaleString('en-US');
    const twice = (2 * rows).toLocaleString('en-US');
    await freshApp(page, app.site.url);
    await waitForEngineReady(page);
    await loadLogs(page, [AUDIT]);
    await waitForFiles(page);
    expect(await tableRows(page)).toEqual([['AuditLogs', once]]);

    await loadLogs(page, [AUDIT]);
    const question = page.getByRole('group', { name: 'AuditLogs.csv is already loaded' });
    await question.waitFor({ timeout: 10_000 });
    await expect(page.getByRole('list', { name: 'Files' }).innerText()).resolves.toContain(
      'is already loaded into AuditLogs',
    );
    // Nothing happens before the answer.
    expect(await tableRows(page)).toEqual([['AuditLogs', once]]);

    await page.getByRole('button', { name: 'Append AuditLogs.csv to AuditLogs' }).click();
    await waitForFiles(page);
    await expect.poll(() => tableRows(page), { timeout: 30_000 }).toEqual([['AuditLogs', twice]]);

    // The session kept in the browser comes back appended, not replaced.
    await page.reload();
    await waitForEngineReady(page);
    await expect.poll(() => tableRows(page), { timeout: 30_000 }).toEqual([['AuditLogs', twice]]);

    await loadLogs(page, [AUDIT]);
    await page.getByRole('button', { name: 'Replace AuditLogs with AuditLogs.csv' }).click();
    await waitForFiles(page);
    await expect.poll(() => tableRows(page), { timeout: 30_000 }).toEqual([['AuditLogs', once]]);
  });
});
