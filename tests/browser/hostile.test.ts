/**
 * Hostile input in the page (issue 16): files and a query crafted against Loupe end in typed
 * errors shown where the analyst looks, the tables already loaded stay, and the engine worker
 * stays alive: a JSON file with Object.prototype's names as fields loads; one nested 10,000 deep
 * and a gzip bomb are refused with their reasons; a catastrophic regex over a log value answers
 * at once, and a regex Kusto refuses is underlined at its place.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useHostedApp } from './support/hosted.ts';
import { freshApp, loadLogs, tableRows, waitForEngineReady, waitForFiles } from './support/flow.ts';
import { columnCells, settle } from './support/grid.ts';
import { useWorkDir } from './support/work-dir.ts';

const app = useHostedApp();
const work = useWorkDir('loupe-hostile-');

const SIGNINS = [
  'TimeGenerated,UserPrincipalName,IPAddress',
  `2026-06-15T10:00:00Z,${'a'.repeat(40)}!,10.0.0.1`,
  '2026-06-15T10:01:00Z,b@corp.local,10.0.0.2',
  '',
].join('\n');
const PROTO_NDJSON = ['__proto__', 'constructor', 'toString', 'valueOf', '__defineGetter__']
  .map(
    (k, i) =>
      `{"TimeGenerated":"2026-06-15T10:0${i}:00Z","UserPrincipalName":"u${i}@corp.local","${k}":{"polluted":${i}}}`,
  )
  .join('\n');
const DEEP = `{"TimeGenerated":"2026-06-15T10:00:00Z","TargetResources":${'['.repeat(10_000)}${']'.repeat(10_000)}}\n`;

describe('hostile input in the page', () => {
  it('shows typed errors, keeps the loaded tables and keeps the engine alive', async () => {
    const { page } = app.browser;
    await freshApp(page, app.site.url);
    await waitForEngineReady(page, 60_000);

    // ≈ 150 MB of rows gzipped to ≈ 150 KB: past 64 MB of text it inflates over 100× what was read.
    const bomb = gzipSync(
      `TimeGenerated,OperationName\n${'2026-06-15T10:00:00Z,Add user\n'.repeat(5_000_000)}`,
      { level: 9 },
    );
    const files = [
      work.write('SigninLogs.csv', SIGNINS),
      work.write('AADNonInteractiveUserSignInLogs.ndjson', PROTO_NDJSON),
      work.write('AuditLogs.ndjson', DEEP),
      work.write('AuditLogs_bomb.csv.gz', bomb),
    ];
    await loadLogs(page, files);
    await waitForFiles(page, 120_000);

    const entry = (name: string) =>
      page.getByRole('list', { name: 'Files' }).locator('li').filter({ hasText: name });
    await expect(entry('AuditLogs.ndjson').getByRole('alert').innerText()).resolves.toMatch(
      /nested deeper than Loupe's limit of 128 levels/,
    );
    await expect(entry('AuditLogs_bomb.csv.gz').getByRole('alert').innerText()).resolves.toMatch(
      /inflates to more than 100 times its compressed size .*gzip bomb/,
    );
    // The files that could be read are loaded, the prototype names as columns of their own.
    expect(await tableRows(page)).toEqual([
      ['AADNonInteractiveUserSignInLogs', '5'],
      ['SigninLogs', '2'],
    ]);
    expect(
      await page.evaluate(
        () =>
          Object.getOwnPropertyNames(Object.prototype).includes('polluted') ||
          ({} as { polluted?: unknown }).polluted !== undefined,
      ),
    ).toBe(false);

    // The console: a catastrophic regex over a log value answers at once (JavaScript's RegExp hung).
    await page.getByRole('radio', { name: 'KQL' }).check();
    const box = page.getByRole('textbox', { name: 'Query' });
    await box.fill(
      'SigninLogs\n| extend x = extract_all(@"((a+)+)$", UserPrincipalName), n = countof(UserPrincipalName, @"(a|aa)+$", "regex")\n| project UserPrincipalName, n',
    );
    expect(await settle(page, () => box.press('Control+Enter'))).toBe(2);
    expect(await columnCells(page, 'Results of the KQL query', 'n')).toEqual(['0', '0']);

    // A regex Kusto refuses is a typed error at the pattern.
    await box.fill('SigninLogs\n| where UserPrincipalName matches regex @"(a)\\1"');
    await box.press('Control+Enter');
    const error = page
      .getByRole('region', { name: '4. Explore' })
      .getByRole('alert')
      .filter({ hasText: 'regular expression' });
    await error.waitFor({ timeout: 15_000 });
    expect(await error.innerText()).toMatch(/line 2, column 41/);

    // The worker is alive and the tables are there.
    await box.fill('AADNonInteractiveUserSignInLogs\n| take 10');
    expect(await settle(page, () => box.press('Control+Enter'))).toBe(5);
    expect(await tableRows(page)).toEqual([
      ['AADNonInteractiveUserSignInLogs', '5'],
      ['SigninLogs', '2'],
    ]);
    expect(app.browser.errors).toEqual([]);
  }, 240_000);
});
