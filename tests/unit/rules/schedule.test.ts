import { describe, expect, it } from 'vitest';
import { scheduleRuns } from '../../../src/rules/schedule.ts';
import { HOUR, T0 } from './helpers.ts';

describe('schedule: runs on multiples of queryFrequency since the epoch', () => {
  it('runs from the first tick at or after the earliest event to the first at or after the latest', () => {
    const runs = scheduleRuns({
      frequencyMs: HOUR,
      periodMs: HOUR,
      start: T0 + 10 * 60_000,
      end: T0 + 2 * HOUR + 1,
    });
    expect(runs.map((r) => r.at)).toEqual([T0 + HOUR, T0 + 2 * HOUR, T0 + 3 * HOUR]);
  });

  it('an event exactly on a tick is covered by the run at that tick', () => {
    const runs = scheduleRuns({ frequencyMs: HOUR, periodMs: HOUR, start: T0, end: T0 + HOUR });
    expect(runs.map((r) => r.at)).toEqual([T0, T0 + HOUR]);
  });

  it('each window is [E − queryPeriod, E]; a period longer than the frequency overlaps windows', () => {
    const [a, b] = scheduleRuns({
      frequencyMs: HOUR,
      periodMs: 5 * HOUR,
      start: T0,
      end: T0 + HOUR,
    });
    expect(a).toEqual({ at: T0, windowStart: T0 - 5 * HOUR, windowEnd: T0 });
    expect(b!.windowStart).toBeLessThan(a!.windowEnd);
  });

  it('a daily rule runs at midnight UTC', () => {
    const runs = scheduleRuns({
      frequencyMs: 24 * HOUR,
      periodMs: 24 * HOUR,
      start: T0 + 5 * HOUR,
      end: T0 + 30 * HOUR,
    });
    expect(runs.map((r) => new Date(r.at).toISOString())).toEqual([
      '2026-01-11T00:00:00.000Z',
      '2026-01-12T00:00:00.000Z',
    ]);
  });

  it('--first-run anchors the grid on a real first run and allows no run before it', () => {
    const firstRun = T0 + 17 * 60_000;
    const runs = scheduleRuns({
      frequencyMs: HOUR,
      periodMs: HOUR,
      start: T0 - 5 * HOUR,
      end: T0 + 2 * HOUR,
      firstRun,
    });
    expect(runs.map((r) => r.at)).toEqual([firstRun, firstRun + HOUR, firstRun + 2 * HOUR]);
  });

  it('refuses a schedule with too many runs instead of running for hours', () => {
    expect(() =>
      scheduleRuns({
        frequencyMs: 60_000,
        periodMs: 60_000,
        start: T0,
        end: T0 + 1000 * HOUR,
        maxRuns: 1000,
      }),
    ).toThrow(/60001 runs/);
  });
});

describe('schedule phase (startTimeUtc)', () => {
  it("a rule scheduled at a specific time runs on that time's grid, before it too", () => {
    const phase = T0 + 10 * HOUR + 30 * 60_000;
    const runs = scheduleRuns({
      frequencyMs: HOUR,
      periodMs: HOUR,
      start: T0,
      end: T0 + HOUR,
      phase,
    });
    expect(runs.map((r) => new Date(r.at).toISOString().slice(11, 16))).toEqual(['00:30', '01:30']);
  });
});
