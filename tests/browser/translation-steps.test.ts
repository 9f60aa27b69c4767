/**
 * The side-by-side view's "Step by step" tab: each KQL step of the seed rule next to the SQL of
 * the CTE that implements it, as the translator hands it over (Translation.steps[].sql).
 */
import { describe, expect, it } from 'vitest';
import { useHostedApp } from './support/hosted.ts';
import { freshApp, waitForEngineReady } from './support/flow.ts';

const app = useHostedApp();

describe('translation step by step', () => {
  it('shows every KQL step of the seed rule with its CTE name and SQL body', async () => {
    const { page } = app.browser;
    await freshApp(page, app.site.url);
    await waitForEngineReady(page);
    await page.getByRole('button', { name: 'Use the seed rule' }).click();
    await page.getByRole('figure').filter({ hasText: 'DuckDB SQL' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Step by step' }).click();

    const rows = page.getByRole('table', { name: 'KQL steps and their SQL' }).locator('tbody tr');
    const cells = await rows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())),
    );
    // The seed rule's pipeline (tests/unit/kql/seed-rule.test.ts pins the same steps).
    expect(cells.map(([kql]) => kql!.split(/\s/)[0])).toEqual([
      'AADNonInteractiveUserSignInLogs',
      'where',
      'where',
      'summarize',
      'AADRiskyUsers',
      'where',
      'where',
      'project',
      'join',
      'extend',
      'project',
      'order',
    ]);
    for (const [, sql] of cells) expect(sql).toMatch(/^t\d+_\w+ AS \(SELECT /s);
    const summarize = cells.find(([kql]) => kql!.startsWith('summarize'))!;
    expect(summarize[1]).toMatch(/GROUP BY/);
    const join = cells.find(([kql]) => kql!.startsWith('join'))!;
    expect(join[1]).toMatch(/JOIN/);
    expect(app.browser.errors).toEqual([]);
  });
});
