/**
 * Past what the tab holds (issue 15): a file that would take the tab past its limit is refused
 * before it is read, with a message naming the CLI's native engine; the tables loaded stay and the
 * page goes on. The limit is lowered to 1 MB through the page address (`?tab-limit-mb=1`), as an
 * analyst on a small machine would, so a 1.5 MB file stands for a 5 GB one.
 */
import { describe, expect, it } from 'vitest';
import { useHostedApp } from './support/hosted.ts';
import {
  freshApp,
  loadLogs,
  openApp,
  tableRows,
  waitForEngineReady,
  waitForFiles,
} from './support/flow.ts';
import { useWorkDir } from './support/work-dir.ts';

const app = useHostedApp();
const work = useWorkDir('loupe-tab-capacity-');

const row = (i: number) =>
  `2026-06-15T10:${String(i % 60).padStart(2, '0')}:00Z,user${i}@corp.local,10.0.${i % 250}.1,Add member to group`;

describe('a file past the tab’s limit', () => {
  it('is refused before it is read, naming the native engine; loaded tables stay and the next file loads', async () => {
    const { page } = app.browser;
    await freshApp(page, app.site.url);
    const limited = new URL(app.site.url);
    limited.searchParams.set('tab-limit-mb', '1');
    await openApp(page, limited.href);
    await waitForEngineReady(page, 60_000);

    const header = 'TimeGenerated,UserPrincipalName,IPAddress,OperationName';
    await loadLogs(page, [work.write('SigninLogs.csv', [header, row(1), row(2), ''].join('\n'))]);
    await waitForFiles(page);
    const big = [header, ...Array.from({ length: 25_000 }, (_, i) => row(i)), ''].join('\n');
    expect(big.length).toBeGreaterThan(1.4 * 1024 ** 2);
    await loadLogs(page, [work.write('AuditLogs.csv', big)]);
    await waitForFiles(page);

    const entry = page
      .getByRole('list', { name: 'Files' })
      .locator('li')
      .filter({ hasText: 'AuditLogs.csv' });
    const message = await entry.getByRole('alert').innerText();
    expect(message).toMatch(
      /AuditLogs\.csv is 1 MB on top of the 1 MB already loaded|AuditLogs\.csv is \d+ MB/,
    );
    expect(message).toContain('more than this browser tab holds (1 MB');
    expect(message).toContain('npm run --silent loupe -- replay --engine native');
    expect(await tableRows(page)).toEqual([['SigninLogs', '2']]);

    // The page goes on: a small file still loads.
    await loadLogs(page, [
      work.write('AADNonInteractiveUserSignInLogs.csv', [header, row(3), ''].join('\n')),
    ]);
    await waitForFiles(page);
    expect(await tableRows(page)).toEqual([
      ['AADNonInteractiveUserSignInLogs', '1'],
      ['SigninLogs', '2'],
    ]);
  }, 180_000);
});
