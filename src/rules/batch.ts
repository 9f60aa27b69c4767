/**
 * Counting the results of many runs in one query. A run's result is the rule's query over the
 * tables restricted to its window with now() = E; written as a LATERAL subquery over a table of
 * runs, DuckDB decorrelates it into a join assigning each row to every window that contains it,
 * so 720 hourly runs cost a few passes over the data instead of 720 planned queries. The batch
 * only counts rows per run (the trigger needs nothing else); runs that trigger are re-run one by
 * one for their rows in output order, and those re-runs double-check the batch count.
 */
import { quoteIdent } from '../db/sql-text.ts';
import { yieldIfBusy } from '../db/pending-query.ts';
import { hasGeoIpDatabase, translate } from '../kql/index.ts';
import type { Translation } from '../kql/api.ts';
import type { ReplayData } from './api.ts';
import type { Rule } from './rule.ts';
import type { ScheduledRun } from './schedule.ts';
import { isWindowed, MAX_RUNS_PER_BATCH, RUNS_ALIAS as RUN, runsRelationSql } from './windows.ts';
import { discovery } from './discovery.ts';

export { MAX_RUNS_PER_BATCH } from './windows.ts';

/**
 * Joined rows (rows × windows containing them) one batch query may produce before splitting (with
 * at most MAX_RUNS_PER_BATCH runs per query, windows.ts). This is the default, tuned for the tab;
 * an engine may carry its own (`SqlEngine.batchRowBudget`: the native engine's,
 * src/db/native/engine.ts).
 */
export const BATCH_ROW_BUDGET = 150_000;

/** The batch row budget of an engine: its own, or the default tuned for the tab. */
export function batchRowBudget(engine: { readonly batchRowBudget?: number }): number {
  const own = engine.batchRowBudget;
  return own !== undefined && Number.isFinite(own) && own > 0 ? own : BATCH_ROW_BUDGET;
}

/** The rule's query with now() and the windows taken from the current row of the runs relation. */
export function translateForBatch(data: ReplayData, rule: Rule): Translation {
  const translation = translate(rule.query, {
    resolveTable: (n) => data.resolveTable(n),
    externalData: (url) => data.externalData?.(url),
    ...discovery(data),
    ...(data.resolveFunction && { resolveFunction: (n: string) => data.resolveFunction?.(n) }),
    hasGeoIpDatabase: () => hasGeoIpDatabase(data.engine),
    tableSql: (name, schema) =>
      isWindowed(schema)
        ? `(SELECT * FROM ${quoteIdent(name)} WHERE "TimeGenerated" >= ${RUN}.run_window_start AND "TimeGenerated" <= ${RUN}.run_window_end)`
        : quoteIdent(name),
    nowSql: `${RUN}.run_at`,
  });
  // Every run's now() and window must come from its row of the runs relation: SQL still reading a
  // session variable would give all runs the same value, silently. Refuse to batch such SQL.
  if (/getvariable\s*\(/i.test(translation.sql))
    throw new Error('the translated query reads session variables');
  return translation;
}

/**
 * How many runs one batch query covers: enough that rows × overlapping windows stay within the
 * budget (a 14-day period replicates each row into 336 hourly windows).
 */
export function batchSize(
  rowsRead: number,
  periodMs: number,
  spanMs: number,
  runCount: number,
  budget: number = BATCH_ROW_BUDGET,
): number {
  const perRun = spanMs > 0 ? rowsRead * Math.min(1, periodMs / spanMs) : rowsRead;
  return Math.max(
    1,
    Math.min(runCount, MAX_RUNS_PER_BATCH, Math.floor(budget / Math.max(1, perRun))),
  );
}

/**
 * A batch pays off only when one query covers several runs: below this many runs per query
 * (long periods replicating every row into many windows), runs are queried one by one.
 */
export const MIN_RUNS_PER_BATCH = 4;

/**
 * The runs per batch query a replay plans on an engine: the tab's budget first, so that a replay
 * the tab can batch is planned the same on every engine and their reports (which say how many
 * queries ran) agree to the byte; an engine's larger budget (native) is drawn on only where the
 * tab's would not batch at all (a 100M-row month: one run per query), and there it batches.
 */
export function plannedBatchSize(
  rowsRead: number,
  periodMs: number,
  spanMs: number,
  runCount: number,
  engine: { readonly batchRowBudget?: number },
): number {
  const shared = batchSize(rowsRead, periodMs, spanMs, runCount, BATCH_ROW_BUDGET);
  if (shared >= MIN_RUNS_PER_BATCH || shared >= runCount) return shared;
  return batchSize(rowsRead, periodMs, spanMs, runCount, batchRowBudget(engine));
}
/** When more than this share of the first batch's runs trigger, re-runs would dominate: go run by run. */
export const MAX_TRIGGERED_SHARE = 0.5;

/**
 * Result counts of the given runs, by index in `runs`, and the number of queries it took.
 * `counted(n)` is told after each query how many of the runs are counted so far.
 */
export async function batchCounts(
  data: ReplayData,
  translation: Translation,
  runs: readonly ScheduledRun[],
  size: number,
  signal?: AbortSignal,
  counted?: (n: number) => void,
): Promise<{ counts: number[]; queries: number }> {
  const counts = new Array<number>(runs.length).fill(0);
  let queries = 0;
  for (let first = 0; first < runs.length; first += size) {
    await yieldIfBusy();
    const chunk = runs.slice(first, first + size);
    const sql =
      `SELECT ${RUN}.run_index AS run_index, count(*) AS n ` +
      `FROM ${runsRelationSql(chunk.map((run, i) => ({ index: first + i, run })))}, ` +
      `LATERAL (${translation.sql}) AS loupe_result GROUP BY 1`;
    const result = await data.engine.queryAsync(sql, signal ? { signal } : {});
    queries++;
    for (const [index, n] of result.rows) counts[Number(index)] = Number(n);
    counted?.(first + chunk.length);
  }
  return { counts, queries };
}
