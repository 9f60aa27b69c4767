/**
 * Alerts and incidents share one card list (ReportCardList.svelte): pin what each keeps — the
 * counted heading naming the list, one article per item labelled by its title, alert cards as
 * link targets that take focus (the incident's links jump to them), and each list's edge colour.
 */
import { describe, expect, it } from 'vitest';
import { useHostedApp } from './support/hosted.ts';
import { freshApp, loadDemoAndReplay, waitForEngineReady } from './support/flow.ts';

const app = useHostedApp();

describe('alert and incident cards', () => {
  it('lists alerts and incidents as labelled cards; an incident links to its alerts', async () => {
    const { page } = app.browser;
    await freshApp(page, app.site.url);
    await waitForEngineReady(page);
    await loadDemoAndReplay(page);

    const alerts = page.getByRole('list', { name: 'Alerts (2)' }).getByRole('article');
    const incidents = page.getByRole('list', { name: 'Incidents (1)' }).getByRole('article');
    expect(await alerts.count()).toBe(2);
    expect(await incidents.count()).toBe(1);
    const alertCards = await alerts.evaluateAll((as) =>
      as.map((a) => ({
        id: a.id,
        tabindex: a.getAttribute('tabindex'),
        title: a.querySelector('h4')?.innerText,
        labelledBy: a.getAttribute('aria-labelledby'),
      })),
    );
    alertCards.forEach((c, i) => {
      expect(c.id).toBe(`alert-${i + 1}`);
      expect(c.tabindex).toBe('-1');
      expect(c.labelledBy).toBe(`alert-${i + 1}-title`);
      expect(c.title?.length).toBeGreaterThan(0);
    });
    // The incident card is not a link target.
    expect(await incidents.first().getAttribute('id')).toBeNull();
    expect(await incidents.first().getAttribute('tabindex')).toBeNull();
    expect(await incidents.first().getAttribute('aria-labelledby')).toBe('incident-1-title');

    // Fired alerts and incidents keep their own edge colours.
    const edge = (l: typeof alerts) =>
      l.first().evaluate((a) => getComputedStyle(a).borderLeftColor);
    expect(await edge(alerts)).not.toBe(await edge(incidents));

    // Following an incident's alert link lands on that alert's card.
    const link = page
      .getByRole('list', { name: /^Alerts in / })
      .getByRole('link')
      .first();
    const href = await link.getAttribute('href');
    await link.click();
    await page.waitForFunction((h) => location.hash === h, href);
    expect(
      await page.evaluate(() => document.querySelector(':target')?.getAttribute('aria-labelledby')),
    ).toBe(`${href!.slice(1)}-title`);
    expect(app.browser.errors).toEqual([]);
  });
});
