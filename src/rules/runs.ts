/**
 * Executing a scheduled rule's runs: the batch strategy's counts when the rule allows it (see
 * batch.ts), then the walk through the runs in time order (suppression, trigger, alerts).
 */
import type { Translation } from '../kql/api.ts';
import { quoteIdent } from '../db/sql-text.ts';
import { isCancellation, throwIfCancelled } from '../db/cancellation.ts';
import { yieldIfBusy } from '../db/pending-query.ts';
import type { ReplayControl, ReplayData, ReportAlert, ReportRun } from './api.ts';
import {
  MAX_TRIGGERED_SHARE,
  MIN_RUNS_PER_BATCH,
  batchCounts,
  plannedBatchSize,
  translateForBatch,
} from './batch.ts';
import { buildAlerts } from './alerts.ts';
import { runQuery, runTables, type PreparedQuery } from './prepared.ts';
import type { ScheduledRule } from './rule.ts';
import type { ScheduledRun } from './schedule.ts';
import { describeTrigger, isTriggered } from './trigger.ts';
import { isoTime, type ReportRow } from './values.ts';

/** A triggered run re-run alone returned another row count than the batch said. */
export class BatchMismatch extends Error {}

/** Batch counts for every run, or why the rule's runs cannot be batched. */
export async function tryBatch(
  data: ReplayData,
  rule: ScheduledRule,
  q: PreparedQuery,
  runs: readonly ScheduledRun[],
  start: number,
  end: number,
  control: ReplayControl = {},
): Promise<{ counts: number[]; queries: number } | { fallbackReason: string }> {
  if (runs.length <= 1) return { fallbackReason: 'a single run' };
  let translation: Translation;
  let size: number;
  try {
    translation = translateForBatch(data, rule);
    let rowsRead = 0;
    for (const t of q.tables)
      rowsRead += Number(
        data.engine.query(`SELECT count(*) FROM ${quoteIdent(t.name)}`).rows[0]?.[0] ?? 0,
      );
    size = plannedBatchSize(
      rowsRead,
      rule.queryPeriod.ms,
      Math.max(1, end - start),
      runs.length,
      data.engine,
    );
  } catch (e) {
    return { fallbackReason: `the query could not be batched: ${firstLine(e)}` };
  }
  if (size < MIN_RUNS_PER_BATCH && size < runs.length) {
    return {
      fallbackReason: `each row falls in so many windows that a batch would cover only ${size} run${size === 1 ? '' : 's'}`,
    };
  }
  try {
    // The first batch tells whether most runs trigger: then their re-runs would cost more than
    // running every run once, so the replay goes run by run.
    const progress = (offset: number) => (n: number) =>
      control.onProgress?.({ step: 'count', runsDone: offset + n, runsTotal: runs.length });
    progress(0)(0);
    const head = await batchCounts(
      data,
      translation,
      runs.slice(0, size),
      size,
      control.signal,
      progress(0),
    );
    const fired = head.counts.filter((n) =>
      isTriggered(n, rule.triggerOperator, rule.triggerThreshold),
    ).length;
    if (size < runs.length && fired > head.counts.length * MAX_TRIGGERED_SHARE) {
      return {
        fallbackReason: `${fired} of the first ${head.counts.length} runs trigger: running every run once is cheaper`,
      };
    }
    const tail = await batchCounts(
      data,
      translation,
      runs.slice(size),
      size,
      control.signal,
      progress(size),
    );
    return { counts: [...head.counts, ...tail.counts], queries: head.queries + tail.queries };
  } catch (e) {
    // A cancelled replay stops here; it is not a reason to fall back.
    if (isCancellation(e)) throw e;
    // DuckDB cannot decorrelate every query: run one by one.
    return { fallbackReason: batchFailureReason(e) };
  }
}

/**
 * Why the batched query failed, in the report. An internal DuckDB error's text is the C++ build's
 * (the wasm build prints "Invalid Error: vector" where native adds libstdc++'s range check), so it
 * is named by its kind only, and the report stays the same on both engines; other errors keep
 * their first line.
 */
export function batchFailureReason(e: unknown): string {
  const line = firstLine(e);
  const internal = /^(INTERNAL|Invalid) Error\b/i.exec(line);
  return internal
    ? `the query could not be batched: DuckDB failed inside (${internal[1]} Error); each run was queried alone`
    : `the query could not be batched: ${line}`;
}

function firstLine(e: unknown): string {
  return e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e);
}

export interface RunsOutcome {
  readonly reportRuns: ReportRun[];
  readonly alerts: ReportAlert[];
  readonly alertTimes: number[];
  readonly queries: number;
}

/**
 * Walks the runs in time order: suppression, the trigger, and the alerts of triggered runs. With
 * batch counts, only triggered runs are queried (for their rows); without, every run is.
 * Progress is reported after each run.
 */
export async function executeRuns(
  data: ReplayData,
  rule: ScheduledRule,
  q: PreparedQuery,
  runs: readonly ScheduledRun[],
  counts: readonly number[] | undefined,
  control: ReplayControl = {},
  rerun?: Translation,
): Promise<RunsOutcome> {
  const columnNames = q.translation.columns.map((c) => c.name);
  const reportRuns: ReportRun[] = [];
  const alerts: ReportAlert[] = [];
  const alertTimes: number[] = [];
  let queries = 0;
  let suppressedUntil = -Infinity;
  for (const [k, run] of runs.entries()) {
    // Between runs: a cancel message gets its turn, then is obeyed.
    await yieldIfBusy();
    throwIfCancelled(control.signal);
    const base = {
      at: isoTime(run.at),
      windowStart: isoTime(run.windowStart),
      windowEnd: isoTime(run.windowEnd),
    };
    // suppressionEnabled: "stop running query after alert is generated" for suppressionDuration.
    if (run.at < suppressedUntil) {
      reportRuns.push({
        ...base,
        resultCount: 0,
        triggered: false,
        suppressed: true,
        tables: runTables(q, run),
        alertIds: [],
      });
      control.onProgress?.({ step: 'run', runsDone: k + 1, runsTotal: runs.length });
      continue;
    }
    let count: number;
    let rows: ReportRow[] | undefined;
    if (counts) {
      count = counts[k]!;
    } else {
      rows = await runQuery(data, q.translation, run, control.signal);
      queries++;
      count = rows.length;
    }
    const triggered = isTriggered(count, rule.triggerOperator, rule.triggerThreshold);
    const alertIds: string[] = [];
    if (triggered) {
      if (!rows) {
        rows = await runQuery(data, rerun ?? q.translation, run, control.signal);
        queries++;
        if (rows.length !== count)
          throw new BatchMismatch(
            `the batch counted ${count} results at ${base.at} but the run returned ${rows.length}`,
          );
      }
      const drafts = buildAlerts({
        rule,
        run,
        rows,
        columns: columnNames,
        trigger: describeTrigger(count, rule.triggerOperator, rule.triggerThreshold),
      });
      for (const d of drafts) {
        const id = `alert-${alerts.length + 1}`;
        alerts.push({ id, ...d });
        alertTimes.push(run.at);
        alertIds.push(id);
      }
      if (rule.suppression.enabled) suppressedUntil = run.at + rule.suppression.duration.ms;
    }
    reportRuns.push({
      ...base,
      resultCount: count,
      triggered,
      tables: runTables(q, run),
      alertIds,
    });
    control.onProgress?.({ step: 'run', runsDone: k + 1, runsTotal: runs.length });
  }
  return { reportRuns, alerts, alertTimes, queries };
}
