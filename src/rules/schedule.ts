/**
 * When a scheduled rule runs. Sentinel runs a rule every queryFrequency from its first run; a
 * replay has no real first run, so by default the runs sit on multiples of queryFrequency since
 * the Unix epoch (1h → on the hour), from the first at or after the earliest TimeGenerated loaded
 * to the first at or after the latest, so every event is covered by a window ending after it.
 * `firstRun` anchors the grid at a workspace's real first run instead (issue 4: `--first-run`).
 * Each run at E reads `E − queryPeriod ≤ TimeGenerated ≤ E` (both bounds inclusive, open question 1).
 */
import { LoupeError } from '../errors.ts';

export interface ScheduledRun {
  /** E: the run's time; now() in the query. */
  readonly at: number;
  readonly windowStart: number;
  readonly windowEnd: number;
}

export interface ScheduleOptions {
  readonly frequencyMs: number;
  readonly periodMs: number;
  /** Earliest and latest time to cover (data range, or the analyst's --from/--to), epoch ms. */
  readonly start: number;
  readonly end: number;
  /** A real first run: runs are firstRun + k·frequency, none before it. Default: the epoch grid. */
  readonly firstRun?: number;
  /** Aligns the grid on this time (runs at phase + k·frequency for any k, also before it). */
  readonly phase?: number;
  /** Refuse schedules longer than this many runs (a 5-minute rule over a year is 105,000 runs). */
  readonly maxRuns?: number;
}

export const DEFAULT_MAX_RUNS = 50_000;

/** The first grid point at or after t. */
function firstAtOrAfter(t: number, anchor: number, step: number): number {
  return anchor + Math.ceil((t - anchor) / step) * step;
}

export function scheduleRuns(o: ScheduleOptions): ScheduledRun[] {
  if (!(o.frequencyMs > 0))
    throw new LoupeError('replay', 'schedule', 'queryFrequency must be longer than zero');
  if (o.end < o.start)
    throw new LoupeError(
      'replay',
      'schedule',
      `the replay range ends (${new Date(o.end).toISOString()}) before it starts (${new Date(o.start).toISOString()})`,
    );
  const anchor = o.firstRun ?? o.phase ?? 0;
  let first = firstAtOrAfter(o.start, anchor, o.frequencyMs);
  if (o.firstRun !== undefined && first < o.firstRun) first = o.firstRun;
  const last = firstAtOrAfter(o.end, anchor, o.frequencyMs);
  const count = last < first ? 0 : Math.floor((last - first) / o.frequencyMs) + 1;
  const max = o.maxRuns ?? DEFAULT_MAX_RUNS;
  if (count > max) {
    throw new LoupeError(
      'replay',
      'too-many-runs',
      `the replay would take ${count} runs (more than ${max}); narrow it with --from/--to`,
    );
  }
  const runs: ScheduledRun[] = new Array(count);
  for (let k = 0; k < count; k++) {
    const at = first + k * o.frequencyMs;
    runs[k] = { at, windowStart: at - o.periodMs, windowEnd: at };
  }
  return runs;
}
