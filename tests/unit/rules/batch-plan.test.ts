import { describe, expect, it } from 'vitest';
import {
  BATCH_ROW_BUDGET,
  MAX_RUNS_PER_BATCH,
  MIN_RUNS_PER_BATCH,
  batchRowBudget,
  batchSize,
  plannedBatchSize,
} from '../../../src/rules/batch.ts';
import { NATIVE_BATCH_ROW_BUDGET } from '../../../src/db/native/engine.ts';
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

describe('batch row budget per engine', () => {
  const month = 720 * HOUR;

  it('an engine without its own budget gets the tab default; one with its own, that', () => {
    expect(batchRowBudget({})).toBe(BATCH_ROW_BUDGET);
    expect(batchRowBudget({ batchRowBudget: NATIVE_BATCH_ROW_BUDGET })).toBe(
      NATIVE_BATCH_ROW_BUDGET,
    );
    // Nonsense (a bench override gone wrong) falls back to the default rather than to no batching.
    expect(batchRowBudget({ batchRowBudget: 0 })).toBe(BATCH_ROW_BUDGET);
    expect(batchRowBudget({ batchRowBudget: Number.NaN })).toBe(BATCH_ROW_BUDGET);
  });

  it('100M rows over a month of hourly runs: run by run with the tab budget, batched on native', () => {
    const tab = batchSize(100_000_000, HOUR, month, 721, BATCH_ROW_BUDGET);
    const native = batchSize(100_000_000, HOUR, month, 721, NATIVE_BATCH_ROW_BUDGET);
    expect(tab).toBeLessThan(MIN_RUNS_PER_BATCH);
    expect(native).toBeGreaterThanOrEqual(MIN_RUNS_PER_BATCH);
    expect(native).toBe(17);
  });

  it('a replay the tab can batch is planned the same on native (reports agree); native batches where the tab would go run by run', () => {
    const native = { batchRowBudget: NATIVE_BATCH_ROW_BUDGET };
    // The demo's scale: a few thousand rows, a week of hourly runs.
    expect(plannedBatchSize(5_000, HOUR, 168 * HOUR, 169, native)).toBe(
      plannedBatchSize(5_000, HOUR, 168 * HOUR, 169, {}),
    );
    expect(plannedBatchSize(1_000_000, HOUR, month, 721, native)).toBe(
      batchSize(1_000_000, HOUR, month, 721, BATCH_ROW_BUDGET),
    );
    // 100M rows: the tab's budget would give fewer than MIN_RUNS_PER_BATCH runs per query.
    expect(plannedBatchSize(100_000_000, HOUR, month, 721, {})).toBeLessThan(MIN_RUNS_PER_BATCH);
    expect(plannedBatchSize(100_000_000, HOUR, month, 721, native)).toBe(17);
  });

  it('the default budget is the one batchSize uses without one (the tab keeps its value)', () => {
    expect(batchSize(1_000_000, HOUR, month, 721)).toBe(
      batchSize(1_000_000, HOUR, month, 721, BATCH_ROW_BUDGET),
    );
    expect(BATCH_ROW_BUDGET).toBe(150_000);
  });
});
