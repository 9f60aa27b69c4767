/**
 * Replays a rule over the loaded tables as Sentinel would have run it (sentinel-semantics.md §12):
 * translate the query once; for each scheduled run E set now() = E and the window
 * [E − queryPeriod, E] on every table with a TimeGenerated column; compare the row count with the
 * threshold; build the run's alerts; then group all alerts into incidents.
 */
import { LoupeError, isLoupeError } from '../errors.ts';
import { decodeValue, translate } from '../kql/index.ts';
import type { Translation } from '../kql/api.ts';
import { createEmptyTableSql } from '../schema/ddl.ts';
import { quoteIdent } from '../db/sql-text.ts';
import type { TableSchema } from '../schema/catalog.ts';
import type { ReplayData, ReplayOptions, ReplayReport, ReportAlert, ReportExecution, ReportRun, ReportRunTable } from './api.ts';
import { MAX_TRIGGERED_SHARE, MIN_RUNS_PER_BATCH, batchCounts, batchSize, translateForBatch } from './batch.ts';
import { createSubset } from './subset.ts';
import { checkRuleAgainstQuery } from './query-checks.ts';
import { buildAlerts } from './alerts.ts';
import { groupIncidents } from './incidents.ts';
import { isScheduled, queryPositionInFile, type KqlOnlyRule, type Rule, type ScheduledRule } from './rule.ts';
import { scheduleRuns, type ScheduledRun } from './schedule.ts';
import { describeTrigger, isTriggered } from './trigger.ts';
import { isoTime, type ReportRow } from './values.ts';
import { isWindowed, setRunVariables, windowedTableSql } from './windows.ts';

/** A rule translated against the loaded data, with the tables it reads prepared. */
interface PreparedQuery {
  readonly translation: Translation;
  /** Tables read, with their schema and whether the window applies. */
  readonly tables: readonly { readonly name: string; readonly schema: TableSchema; readonly windowed: boolean }[];
  /** Tables created empty because the analyst did not load them (dropped after the replay). */
  readonly created: readonly string[];
}

/** Translates the rule's query; a KQL error is reported at its place in the rule file. */
export function translateRule(data: ReplayData, rule: Rule): Translation {
  try {
    // Bare KQL is not scheduled: its tables are read whole.
    const tableSql = isScheduled(rule) ? { tableSql: windowedTableSql } : {};
    return translate(rule.query, { resolveTable: (n) => data.resolveTable(n), externalData: (url) => data.externalData?.(url), ...tableSql });
  } catch (e) {
    if (isLoupeError(e) && e.stage === 'kql') {
      // The translator counts lines within the query; the analyst reads the rule file.
      const at = e.position.line !== undefined ? ` (query line ${e.position.line}, column ${e.position.column ?? 1})` : '';
      const message = e.message.replace(/\s*\(line \d+, column \d+\)$/, '') + at;
      throw new LoupeError('kql', e.code, message, queryPositionInFile(rule, e.position));
    }
    throw e;
  }
}

function prepare(data: ReplayData, rule: Rule): PreparedQuery {
  const translation = translateRule(data, rule);
  const loaded = new Set(data.loadedTables());
  const created: string[] = [];
  const tables = translation.tables.map((name) => {
    const schema = data.resolveTable(name);
    if (!schema) throw new LoupeError('replay', 'unknown-table', `the rule reads table "${name}", which is neither loaded nor in the schema catalog`, { file: rule.file });
    if (!loaded.has(name) && !tableExists(data, name)) {
      // A table the rule reads but no file provided: empty, with the catalog's columns.
      data.engine.exec(createEmptyTableSql(schema));
      created.push(name);
    }
    return { name, schema, windowed: isScheduled(rule) && isWindowed(schema) };
  });
  return { translation, tables, created };
}

function tableExists(data: ReplayData, name: string): boolean {
  return data.engine.queryParams(`SELECT 1 FROM duckdb_tables() WHERE table_name = ? AND schema_name = 'main'`, [name]).rows.length > 0;
}

function dropCreated(data: ReplayData, created: readonly string[]): void {
  for (const name of created) data.engine.exec(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
}

/** Earliest and latest TimeGenerated over the loaded tables that have one. */
export function loadedTimeRange(data: ReplayData): { min: number; max: number } | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const name of data.loadedTables()) {
    const schema = data.resolveTable(name);
    if (!schema || !isWindowed(schema)) continue;
    const r = data.engine.query(`SELECT min("TimeGenerated") AS lo, max("TimeGenerated") AS hi FROM ${quoteIdent(name)}`);
    const [lo, hi] = r.rows[0] ?? [];
    if (typeof lo === 'number' && lo < min) min = lo;
    if (typeof hi === 'number' && hi > max) max = hi;
  }
  return min === Infinity ? undefined : { min, max };
}

/** Runs the prepared query for one run and returns its rows in report form, in output order. */
function runQuery(data: ReplayData, translation: Translation, run: ScheduledRun): ReportRow[] {
  setRunVariables(data.engine, run.at, run.windowStart, run.windowEnd);
  const result = data.engine.query(translation.sql);
  const columns = translation.columns;
  return result.rows.map((row) => {
    const out: ReportRow = {};
    columns.forEach((c, i) => {
      out[c.name] = decodeValue(row[i], c.type);
    });
    return out;
  });
}

function runTables(q: PreparedQuery, run: ScheduledRun): ReportRunTable[] {
  return q.tables.map((t) =>
    t.windowed ? { name: t.name, windowStart: isoTime(run.windowStart), windowEnd: isoTime(run.windowEnd) } : { name: t.name, windowStart: null, windowEnd: null },
  );
}

function warningsOf(rule: Rule, q: PreparedQuery, data: ReplayData): string[] {
  return [...rule.diagnostics.filter((d) => d.severity === 'warning'), ...checkRuleAgainstQuery(rule, q.translation, (n) => data.resolveTable(n))].map((d) =>
    new LoupeError('rule', d.code, d.message, d.position).describe(),
  );
}

export function replay(data: ReplayData, rule: Rule, options: ReplayOptions = {}): ReplayReport {
  const q = prepare(data, rule);
  try {
    return isScheduled(rule) ? replayScheduled(data, rule, q, options) : replayKql(data, rule, q, options);
  } finally {
    dropCreated(data, q.created);
  }
}

function replayScheduled(data: ReplayData, rule: ScheduledRule, q: PreparedQuery, options: ReplayOptions): ReplayReport {
  const range = loadedTimeRange(data);
  const start = options.from ?? range?.min;
  const end = options.to ?? range?.max;
  if (start === undefined || end === undefined) {
    throw new LoupeError('replay', 'no-time-range', 'no loaded table has a TimeGenerated column to schedule runs over: give the replay range (--from/--to)');
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

  let outcome: RunsOutcome;
  let execution: ReportExecution;
  const batch = options.strategy === 'per-run' ? { fallbackReason: 'per-run strategy requested' } : tryBatch(data, rule, q, runs, start, end);
  if ('counts' in batch) {
    // Triggered runs are re-run for their rows, over a copy of just their windows' rows.
    const triggered = runs.filter((_, k) => isTriggered(batch.counts[k]!, rule.triggerOperator, rule.triggerThreshold));
    const subset = createSubset(data, rule, triggered, Math.max(1, end - start));
    try {
      outcome = executeRuns(data, rule, q, runs, batch.counts, subset?.translation);
      execution = { strategy: 'batch', queries: batch.queries + outcome.queries };
    } catch (e) {
      if (!(e instanceof BatchMismatch)) throw e;
      outcome = executeRuns(data, rule, q, runs, undefined);
      execution = { strategy: 'per-run', queries: batch.queries + outcome.queries, fallbackReason: e.message };
    } finally {
      subset?.drop();
    }
  } else {
    outcome = executeRuns(data, rule, q, runs, undefined);
    execution = { strategy: 'per-run', queries: outcome.queries, fallbackReason: batch.fallbackReason };
  }
  const { reportRuns, alerts, alertTimes } = outcome;
  const incidents = groupIncidents(
    alerts.map((a, i) => ({ id: a.id, at: alertTimes[i]!, displayName: a.displayName, description: a.description, severity: a.severity, entities: a.entities, customDetails: a.customDetails })),
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

/** A triggered run re-run alone returned another row count than the batch said. */
class BatchMismatch extends Error {}

/** Batch counts for every run, or why the rule's runs cannot be batched. */
function tryBatch(
  data: ReplayData,
  rule: ScheduledRule,
  q: PreparedQuery,
  runs: readonly ScheduledRun[],
  start: number,
  end: number,
): { counts: number[]; queries: number } | { fallbackReason: string } {
  if (runs.length <= 1) return { fallbackReason: 'a single run' };
  let translation: Translation;
  let size: number;
  try {
    translation = translateForBatch(data, rule);
    let rowsRead = 0;
    for (const t of q.tables) rowsRead += Number(data.engine.query(`SELECT count(*) FROM ${quoteIdent(t.name)}`).rows[0]?.[0] ?? 0);
    size = batchSize(rowsRead, rule.queryPeriod.ms, Math.max(1, end - start), runs.length);
  } catch (e) {
    return { fallbackReason: `the query could not be batched: ${firstLine(e)}` };
  }
  if (size < MIN_RUNS_PER_BATCH && size < runs.length) {
    return { fallbackReason: `each row falls in so many windows that a batch would cover only ${size} run${size === 1 ? '' : 's'}` };
  }
  try {
    // The first batch tells whether most runs trigger: then their re-runs would cost more than
    // running every run once, so the replay goes run by run.
    const head = batchCounts(data, translation, runs.slice(0, size), size);
    const fired = head.counts.filter((n) => isTriggered(n, rule.triggerOperator, rule.triggerThreshold)).length;
    if (size < runs.length && fired > head.counts.length * MAX_TRIGGERED_SHARE) {
      return { fallbackReason: `${fired} of the first ${head.counts.length} runs trigger: running every run once is cheaper` };
    }
    const tail = batchCounts(data, translation, runs.slice(size), size);
    return { counts: [...head.counts, ...tail.counts], queries: head.queries + tail.queries };
  } catch (e) {
    // DuckDB cannot decorrelate every query: run one by one.
    return { fallbackReason: `the query could not be batched: ${firstLine(e)}` };
  }
}

function firstLine(e: unknown): string {
  return e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e);
}

interface RunsOutcome {
  readonly reportRuns: ReportRun[];
  readonly alerts: ReportAlert[];
  readonly alertTimes: number[];
  readonly queries: number;
}

/**
 * Walks the runs in time order: suppression, the trigger, and the alerts of triggered runs. With
 * batch counts, only triggered runs are queried (for their rows); without, every run is.
 */
function executeRuns(
  data: ReplayData,
  rule: ScheduledRule,
  q: PreparedQuery,
  runs: readonly ScheduledRun[],
  counts: readonly number[] | undefined,
  rerun?: Translation,
): RunsOutcome {
  const columnNames = q.translation.columns.map((c) => c.name);
  const reportRuns: ReportRun[] = [];
  const alerts: ReportAlert[] = [];
  const alertTimes: number[] = [];
  let queries = 0;
  let suppressedUntil = -Infinity;
  runs.forEach((run, k) => {
    const base = { at: isoTime(run.at), windowStart: isoTime(run.windowStart), windowEnd: isoTime(run.windowEnd) };
    // suppressionEnabled: "stop running query after alert is generated" for suppressionDuration.
    if (run.at < suppressedUntil) {
      reportRuns.push({ ...base, resultCount: 0, triggered: false, suppressed: true, tables: runTables(q, run), alertIds: [] });
      return;
    }
    let count: number;
    let rows: ReportRow[] | undefined;
    if (counts) {
      count = counts[k]!;
    } else {
      rows = runQuery(data, q.translation, run);
      queries++;
      count = rows.length;
    }
    const triggered = isTriggered(count, rule.triggerOperator, rule.triggerThreshold);
    const alertIds: string[] = [];
    if (triggered) {
      if (!rows) {
        rows = runQuery(data, rerun ?? q.translation, run);
        queries++;
        if (rows.length !== count) throw new BatchMismatch(`the batch counted ${count} results at ${base.at} but the run returned ${rows.length}`);
      }
      const drafts = buildAlerts({ rule, run, rows, columns: columnNames, trigger: describeTrigger(count, rule.triggerOperator, rule.triggerThreshold) });
      for (const d of drafts) {
        const id = `alert-${alerts.length + 1}`;
        alerts.push({ id, ...d });
        alertTimes.push(run.at);
        alertIds.push(id);
      }
      if (rule.suppression.enabled) suppressedUntil = run.at + rule.suppression.duration.ms;
    }
    reportRuns.push({ ...base, resultCount: count, triggered, tables: runTables(q, run), alertIds });
  });
  return { reportRuns, alerts, alertTimes, queries };
}

/** Bare KQL: one run at the chosen time (default: the latest TimeGenerated loaded), no window, no alerts. */
function replayKql(data: ReplayData, rule: KqlOnlyRule, q: PreparedQuery, options: ReplayOptions): ReplayReport {
  const range = loadedTimeRange(data);
  const at = options.at ?? options.to ?? range?.max ?? Date.now();
  // Bare KQL is not a scheduled rule: tables are read whole; the "window" shown is the data seen.
  const run: ScheduledRun = { at, windowStart: range?.min ?? at, windowEnd: at };
  const rows = runQuery(data, q.translation, run);
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
