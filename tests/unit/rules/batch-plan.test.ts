import { describe, expect, it } from 'vitest';
import { MAX_RUNS_PER_BATCH, batchSize } from '../../../src/rules/batch.ts';
import { windowUnion } from '../../../src/rules/subset.ts';
import { HOUR, T0 } from './helpers.ts';

const run = (h: number, periodH = 1) => ({
  at: T0 + h * HOUR,
  windowStart: T0 + (h - periodH) * HOUR,
  windowEnd: T0 + h * HOUR,
});

describe('batch planning', () => {
  it('the rows re-read for triggered runs are the union of their windows (touching windows merge)', () => {
    expect(windowUnion([run(5), run(2), run(3), run(9, 3)])).toEqual([
      [T0 + 1 * HOUR, T0 + 3 * HOUR],
      [T0 + 4 * HOUR, T0 + 5 * HOUR],
      [T0 + 6 * HOUR, T0 + 9 * HOUR],
    ]);
  });

  it('a long period (rows in many windows) means fewer runs per batch query', () => {
    const month = 720 * HOUR;
    const hourly = batchSize(1_000_000, HOUR, month, 721);
    const fortnight = batchSize(1_000_000, 14 * 24 * HOUR, month, 721);
    expect(hourly).toBeGreaterThan(fortnight);
    expect(fortnight).toBeGreaterThanOrEqual(1);
    expect(batchSize(1000, HOUR, month, 721)).toBe(MAX_RUNS_PER_BATCH);
  });
});
