/**
 * Reading and driving the result grid in browser tests. The grid answers every sort, filter and
 * page in the worker, so a test waits for its next answer (data-answers) and for it to be idle
 * (aria-busy) instead of sleeping.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** How many answers the grid has received so far (data-answers), to wait for the next one. */
export async function answers(page: Page): Promise<number> {
  return Number((await page.getByRole('grid').getAttribute('data-answers')) ?? 0);
}

/** "1,234 rows · 0 selected" → 1234. */
export async function rowCount(page: Page): Promise<number> {
  const text = await page.getByRole('status', { name: 'Row count' }).innerText();
  return Number(text.split(' rows')[0]!.replace(/,/g, ''));
}

/** Runs `action`, waits until the grid has answered it and is idle, and returns its row count. */
export async function settle(page: Page, action: () => Promise<unknown>): Promise<number> {
  const before = (await page.getByRole('grid').count()) ? await answers(page) : 0;
  await action();
  await expect
    .poll(
      async () =>
        (await page.getByRole('grid').count()) > 0 &&
        (await answers(page)) > before &&
        (await page.getByRole('grid').getAttribute('aria-busy')) === 'false',
      {
        timeout: 15_000,
      },
    )
    .toBe(true);
  return rowCount(page);
}

/** The text of a column's rendered cells, in row order. */
export async function columnCells(page: Page, grid: string, column: string): Promise<string[]> {
  const g = page.getByRole('grid', { name: grid });
  const headers = await g.getByRole('columnheader').allInnerTexts();
  const index = headers.findIndex(
    (h) =>
      h
        .split('\n')[0]!
        .replace(/ [▲▼]$/, '')
        .trim() === column,
  );
  const out: string[] = [];
  for (const r of await g.locator('.body [role="row"]').all())
    out.push(
      (
        await r
          .locator('[role="gridcell"]')
          .nth(index - 1)
          .innerText()
      ).trim(),
    );
  return out;
}

/** Drags across the middle third of a timeline chart (uPlot's overlay) and returns the grid's row count once it has answered. */
export async function brushMiddleThird(page: Page, chart: Locator): Promise<number> {
  const overlay = chart.locator('.u-over');
  await overlay.scrollIntoViewIfNeeded();
  const box = (await overlay.boundingBox())!;
  return settle(page, async () => {
    await page.mouse.move(box.x + box.width / 3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + (2 * box.width) / 3, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
  });
}
