import { describe, expect, it } from 'vitest';
import { COUNT_INCREMENTS, countTickLabels } from '../../../src/ui/chart/count-axis.ts';

describe('count axis of the timeline', () => {
  it('only steps by whole numbers, so a short axis never marks a fraction of an event', () => {
    expect(COUNT_INCREMENTS.slice(0, 6)).toEqual([1, 2, 5, 10, 20, 50]);
    for (const step of COUNT_INCREMENTS) expect(Number.isInteger(step)).toBe(true);
    // Large tables (millions of rows in a bucket) still get a step that fits.
    expect(Math.max(...COUNT_INCREMENTS)).toBeGreaterThanOrEqual(1e9);
  });

  it('labels ticks with thousands separators', () => {
    expect(countTickLabels([0, 5000, 20000])).toEqual(['0', '5,000', '20,000']);
  });
});
