import { describe, expect, it } from 'vitest';
import { MAX_RUNS_PER_BATCH, batchSize } from '../../../src/rules/batch.ts';
import { batchFailureReason } from '../../../src/rules/runs.ts';
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

  it('a batched query that fails inside DuckDB is reported by the kind of failure, the same on both engines', () => {
    const wasm = batchFailureReason(new Error('Invalid Error: vector'));
    const native = batchFailureReason(
      new Error(
        'Invalid Error: vector::_M_range_check: __n (which is 1) >= this->size() (which is 1)',
      ),
    );
    expect(wasm).toBe(native);
    expect(wasm).toBe(
      'the query could not be batched: DuckDB failed inside (Invalid Error); each run was queried alone',
    );
    expect(
      batchFailureReason(new Error('INTERNAL Error: Attempted to access index 3\nstack')),
    ).toBe(
      'the query could not be batched: DuckDB failed inside (INTERNAL Error); each run was queried alone',
    );
    // Other errors say what they are, on their first line.
    expect(batchFailureReason(new Error('Binder Error: column x not found\nLINE 1'))).toBe(
      'the query could not be batched: Binder Error: column x not found',
    );
  });
});
