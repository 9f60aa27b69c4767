/**
 * A GeoIP database in the page (hosted build): a rule calling geo_info_from_ip_address needs one
 * until the analyst opens a .mmdb file in the workspace panel, which then shows its type, build
 * date and size, and the console's KQL looks addresses up in it inside the browser's engine
 * worker (mmdb-lib reading through the `buffer` package there). The database is a tiny one built
 * by the test MMDB writer (documentation ranges).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { useHostedApp } from './support/hosted.ts';
import { useWorkDir } from './support/work-dir.ts';
import { freshApp, loadLogs, waitForEngineReady, waitForFiles } from './support/flow.ts';
import { settle } from './support/grid.ts';
import { testGeoIpDatabase } from '../support/geoip-fixture.ts';

const app = useHostedApp();
const work = useWorkDir('loupe-geoip-');

beforeEach(async () => {
  await freshApp(app.browser.page, app.site.url);
  await waitForEngineReady(app.browser.page);
});

describe('GeoIP database in the page', () => {
  it('a rule needs one until a .mmdb is opened; then the console looks addresses up in it', async () => {
    const { page } = app.browser;
    const rule = work.write(
      'geo-rule.kql',
      'SigninLogs\n| extend City = tostring(geo_info_from_ip_address(IPAddress).city)\n| where isnotempty(City)\n',
    );
    const db = work.write('test-city.mmdb', testGeoIpDatabase());
    const logs = work.write(
      'SigninLogs.csv',
      'TimeGenerated,UserPrincipalName,IPAddress\n2026-12-01T10:05:00Z,ada@contoso.example,192.0.2.10\n2026-12-01T10:10:00Z,bob@contoso.example,2001:db8::7\n',
    );

    await page.getByText('Rule library: replay several rule files and rank them').click();
    await page.getByLabel('Open several rule files (a rule library)').setInputFiles([rule]);
    const check = page.getByRole('table', { name: 'Rule check' });
    await check.waitFor({ timeout: 60_000 });
    const row = check.getByRole('row').filter({ hasText: 'geo-rule' });
    expect(await row.locator('td.status').innerText()).toBe('needs');
    expect(await row.innerText()).toContain('needs a GeoIP database (.mmdb)');

    await page.getByLabel('Open a GeoIP database (.mmdb)').setInputFiles(db);
    const loaded = page.getByRole('table', { name: 'Loaded GeoIP database' });
    await loaded.waitFor({ timeout: 30_000 });
    const text = await loaded.innerText();
    expect(text).toContain('test-city.mmdb');
    expect(text).toContain('GeoLite2-City');
    expect(text).toContain('2025-12-04');
    await expect
      .poll(async () => (await row.locator('td.status').innerText()).trim(), { timeout: 30_000 })
      .toBe('ready');

    await loadLogs(page, [logs]);
    await waitForFiles(page);
    await page.getByRole('radio', { name: 'KQL' }).check();
    const box = page.getByRole('textbox', { name: 'Query' });
    await box.fill(
      'SigninLogs\n| extend Geo = geo_info_from_ip_address(IPAddress)\n| project UserPrincipalName, City = tostring(Geo.city), Country = tostring(Geo.country)\n| order by UserPrincipalName asc',
    );
    const n = await settle(page, () => box.press('Control+Enter'));
    expect(n).toBe(2);
    const grid = await page.getByRole('grid', { name: 'Results of the KQL query' }).innerText();
    expect(grid).toContain('Sydney');
    expect(grid).toContain('Australia');
    expect(grid).toContain('Boca Raton');
  }, 180_000);
});
