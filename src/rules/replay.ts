/**
 * Replays a rule over the loaded tables as Sentinel would have run it (sentinel-semantics.md §12):
 * translate the query once; for each scheduled run E set now() = E and the window
 * [E − queryPeriod, E] on every table with a TimeGenerated column; compare the row count with the
 * threshold; build the run's alerts; then group all alerts into incidents.
 */
import { LoupeError } from '../errors.ts';
import { throwIfCancelled } from '../db/cancellation.ts';
import type {
  ReplayControl,
  ReplayData,
  ReplayOptions,
  ReplayReport,
  ReportExecution,
} from './api.ts';
import { groupIncidents } from './incidents.ts';
import { delegateReplayData } from './replay-data.ts';
import {
  createIfMissing,
  dropCreated,
  loadedTimeRange,
  missingWatchlistWarnings,
  prepare,
  runQuery,
  translationWarnings,
  type PreparedQuery,
} from './prepared.ts';
import { checkRuleAgainstQuery } from './query-checks.ts';
import { isScheduled, type KqlOnlyRule, type Rule, type ScheduledRule } from './rule.ts';
import { BatchMismatch, executeRuns, tryBatch, type RunsOutcome } from './runs.ts';
import { scheduleRuns, type ScheduledRun } from './schedule.ts';
import { createSubset } from './subset.ts';
import { isTriggered } from './trigger.ts';
import { isoTime } from './values.ts';
import { isWindowed } from './windows.ts';
import { discoveryOverRuns } from './discovery.ts';
import { translateForBatch } from './batch.ts';

export { translateRule, loadedTimeRange } from './prepared.ts';

function warningsOf(rule: Rule, q: PreparedQuery, data: ReplayData): string[] {
  return [
    ...[
      ...rule.diagnostics.filter((d) => d.severity === 'warning'),
      ...checkRuleAgainstQuery(rule, q.translation, (n) => data.resolveTable(n)),
    ].map((d) => new LoupeError('rule', d.code, d.message, d.position).describe()),
    ...translationWarnings(rule, q.translation),
    ...missingWatchlistWarnings(rule, data, q.translation.tables),
  ];
}

/**
 * Replays the rule. Long queries run cancellably (SqlEngine.queryAsync) and the signal is checked
 * between runs: a cancelled replay rejects with an AbortError and leaves the loaded tables as they
 * were (tables it created empty and its temporary copies are dropped on the way out).
 */
export async function replay(
  data: ReplayData,
  rule: Rule,
  options: ReplayOptions & ReplayControl = {},
): Promise<ReplayReport> {
  throwIfCancelled(options.signal);
  let plan: RunPlan | undefined;
  const planOf = (): RunPlan =>
    (plan ??= isScheduled(rule) ? scheduledRunsOf(data, rule, options) : kqlRunOf(data, options));
  const created: string[] = [];
  // Plugins whose columns depend on the data see every run's rows (discovery.ts).
  // Everything else the caller provides (workspace functions, watchlists, table suggestions) stays.
  const replayData: ReplayData = {
    ...delegateReplayData(data),
    discoverRows: discoveryOverRuns(
      data,
      () => planOf().runs,
      (t) => createIfMissing(data, t, created),
      // Questions counted over many runs at once first (discovery.ts), in the batch translation.
      (discoverRows) => void translateForBatch({ ...delegateReplayData(data), discoverRows }, rule),
    ),
  };
  try {
    const q = prepare(replayData, rule, created);
    return isScheduled(rule)
      ? await replayScheduled(replayData, rule, q, planOf(), options)
      : await replayKql(replayData, rule, q, planOf().runs[0]!, options);
  } finally {
    dropCreated(data, created);
  }
}

interface RunPlan {
  readonly runs: readonly ScheduledRun[];
  readonly start: number;
  readonly end: number;
}

function scheduledRunsOf(data: ReplayData, rule: ScheduledRule, options: ReplayOptions): RunPlan {
  const range = loadedTimeRange(data);
  const start = options.from ?? range?.min;
  const end = options.to ?? range?.max;
  if (start === undefined || end === undefined) {
    throw new LoupeError(
      'replay',
      'no-time-range',
      'no loaded table has a TimeGenerated column to schedule runs over: give the replay range (--from/--to)',
    );
  }
  const runs = scheduleRuns({
    frequencyMs: rule.queryFrequency.ms,
    periodMs: rule.queryPeriod.ms,
    start,
    end,
    ...(options.firstRun !== undefined ? { firstRun: options.firstRun } : {}),
    // A rule scheduled "at specific time" (startTimeUtc) runs on that time's grid.
    ...(rule.startTimeUtc !== undefined ? { phase: rule.startTimeUtc } : {}),
  });
  return { runs, start, end };
}

/** Bare KQL: one run at the chosen time (default: the latest TimeGenerated loaded), tables read whole. */
function kqlRunOf(data: ReplayData, options: ReplayOptions): RunPlan {
  const range = loadedTimeRange(data);
  const at = options.at ?? options.to ?? range?.max ?? Date.now();
  // Bare KQL is not a scheduled rule: tables are read whole; the "window" shown is the data seen.
  const run: ScheduledRun = { at, windowStart: range?.min ?? at, windowEnd: at };
  return { runs: [run], start: run.windowStart, end: at };
}

async function replayScheduled(
  data: ReplayData,
  rule: ScheduledRule,
  q: PreparedQuery,
  plan: RunPlan,
  options: ReplayOptions & ReplayControl,
): Promise<ReplayReport> {
  const { runs, start, end } = plan;

  let outcome: RunsOutcome;
  let execution: ReportExecution;
  const control: ReplayControl = options;
  options.onProgress?.({ step: 'run', runsDone: 0, runsTotal: runs.length });
  const batch =
    options.strategy === 'per-run'
      ? { fallbackReason: 'per-run strategy requested' }
      : await tryBatch(data, rule, q, runs, start, end, control);
  if ('counts' in batch) {
    // Triggered runs are re-run for their rows, over a copy of just their windows' rows.
    const triggered = runs.filter((_, k) =>
      isTriggered(batch.counts[k]!, rule.triggerOperator, rule.triggerThreshold),
    );
    const subset = createSubset(data, rule, triggered, Math.max(1, end - start));
    try {
      outcome = await executeRuns(data, rule, q, runs, batch.counts, control, subset?.translation);
      execution = { strategy: 'batch', queries: batch.queries + outcome.queries };
    } catch (e) {
      if (!(e instanceof BatchMismatch)) throw e;
      outcome = await executeRuns(data, rule, q, runs, undefined, control);
      execution = {
        strategy: 'per-run',
        queries: batch.queries + outcome.queries,
        fallbackReason: e.message,
      };
    } finally {
      subset?.drop();
    }
  } else {
    outcome = await executeRuns(data, rule, q, runs, undefined, control);
    execution = {
      strategy: 'per-run',
      queries: outcome.queries,
      fallbackReason: batch.fallbackReason,
    };
  }
  const { reportRuns, alerts, alertTimes } = outcome;
  const incidents = groupIncidents(
    alerts.map((a, i) => ({
      id: a.id,
      at: alertTimes[i]!,
      displayName: a.displayName,
      description: a.description,
      severity: a.severity,
      entities: a.entities,
      customDetails: a.customDetails,
    })),
    rule.incidentConfiguration,
    { caseInsensitiveEntities: options.caseInsensitiveEntities ?? false },
  );
  return {
    rule: {
      id: rule.id,
      name: rule.name,
      queryFrequency: rule.queryFrequency.text,
      queryPeriod: rule.queryPeriod.text,
      kind: rule.kind,
      triggerOperator: rule.triggerOperator,
      triggerThreshold: rule.triggerThreshold,
      eventGrouping: rule.eventGroupingSettings.aggregationKind,
      severity: rule.severity,
      ...(rule.kind === 'NRT'
        ? { note: 'NRT rule: replayed as running every minute over the last minute' }
        : rule.startTimeUtc !== undefined && options.firstRun === undefined
          ? { note: `runs aligned on the rule's startTimeUtc (${isoTime(rule.startTimeUtc)})` }
          : {}),
    },
    runs: reportRuns,
    alerts,
    incidents,
    snapshotTables: q.tables.filter((t) => !t.windowed).map((t) => t.name),
    emptyTables: [...q.created],
    warnings: warningsOf(rule, q, data),
    execution,
  };
}

/** Bare KQL: one run at the chosen time (default: the latest TimeGenerated loaded), no window, no alerts. */
async function replayKql(
  data: ReplayData,
  rule: KqlOnlyRule,
  q: PreparedQuery,
  run: ScheduledRun,
  options: ReplayOptions & ReplayControl,
): Promise<ReplayReport> {
  options.onProgress?.({ step: 'run', runsDone: 0, runsTotal: 1 });
  const rows = await runQuery(data, q.translation, run, options.signal);
  options.onProgress?.({ step: 'run', runsDone: 1, runsTotal: 1 });
  return {
    rule: {
      id: rule.id,
      name: rule.name,
      queryFrequency: '',
      queryPeriod: '',
      kind: 'KQL',
      note: 'bare KQL: one run at the chosen time with now() = that time, tables read whole, no alerts',
    },
    runs: [
      {
        at: isoTime(run.at),
        windowStart: isoTime(run.windowStart),
        windowEnd: isoTime(run.windowEnd),
        resultCount: rows.length,
        triggered: false,
        tables: q.tables.map((t) => ({ name: t.name, windowStart: null, windowEnd: null })),
        alertIds: [],
        rows,
      },
    ],
    alerts: [],
    incidents: [],
    snapshotTables: q.tables.filter((t) => !isWindowed(t.schema)).map((t) => t.name),
    emptyTables: [...q.created],
    warnings: warningsOf(rule, q, data),
  };
}
