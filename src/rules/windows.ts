/**
 * How a run restricts the tables it reads. Sentinel prepends `set query_datetimescope_column =
 * "TimeGenerated"; set query_datetimescope_from/to` to a scheduled query: every table scan with a
 * TimeGenerated column is filtered to [E − queryPeriod, E] (both bounds inclusive, open question 1)
 * and tables without the column (snapshots, watchlists) are read whole. Loupe reproduces this
 * where the translator reads a table: the window bounds are session variables, set per run, so
 * one translation serves every run (DuckDB folds getvariable() into the scan filter).
 */
import { quoteIdent, quoteString } from '../db/sql-text.ts';
import type { SqlEngine } from '../db/engine.ts';
import type { TableSchema } from '../schema/catalog.ts';
import type { ScheduledRun } from './schedule.ts';

export const WINDOW_START_VAR = 'loupe_window_start';
export const WINDOW_END_VAR = 'loupe_window_end';
export const NOW_VAR = 'loupe_now';

/**
 * Whether a run's window applies to the table: it has a datetime TimeGenerated column, and it is
 * not the Watchlist table ("The timestamp on your queries will be ignored in both the query UI and
 * in scheduled alerts": Sentinel docs, "Build queries or detection rules with watchlists").
 */
export function isWindowed(schema: TableSchema): boolean {
  return (
    schema.name !== 'Watchlist' &&
    schema.columns.some((c) => c.name === 'TimeGenerated' && c.type === 'datetime')
  );
}

/** The SQL reading a table within the current run's window (or whole, for a snapshot table). */
export function windowedTableSql(name: string, schema: TableSchema): string {
  if (!isWindowed(schema)) return quoteIdent(name);
  return (
    `(SELECT * FROM ${quoteIdent(name)} WHERE "TimeGenerated" >= CAST(getvariable(${quoteString(WINDOW_START_VAR)}) AS TIMESTAMP)` +
    ` AND "TimeGenerated" <= CAST(getvariable(${quoteString(WINDOW_END_VAR)}) AS TIMESTAMP))`
  );
}

/**
 * The alias of the runs relation a query over many runs reads now() and the windows from
 * (`loupe_run.run_at`, `.run_window_start`, `.run_window_end`: batch.ts, discovery.ts).
 */
export const RUNS_ALIAS = 'loupe_run';

/**
 * The most runs one query over the runs relation covers. Measured on DuckDB-WASM (one thread, the
 * tab) with the seed rule over 1M sign-ins (bench/replay.ts): chunks of 50–100 hourly runs beat
 * one query over all 720 (whose join state outgrows the caches) by ~2×.
 */
export const MAX_RUNS_PER_BATCH = 168;

/** The runs relation: one row per run (its index in the replay's runs, now(), its window). */
export function runsRelationSql(
  runs: readonly { readonly index: number; readonly run: ScheduledRun }[],
): string {
  const values = runs
    .map(
      ({ index, run }) =>
        `(${index}, ${timestampLiteral(run.at)}, ${timestampLiteral(run.windowStart)}, ${timestampLiteral(run.windowEnd)})`,
    )
    .join(', ');
  return `(VALUES ${values}) AS ${RUNS_ALIAS}(run_index, run_at, run_window_start, run_window_end)`;
}

/** A TIMESTAMP literal for an epoch-ms time (UTC, no zone, as Loupe stores datetimes). */
export function timestampLiteral(ms: number): string {
  return `TIMESTAMP '${new Date(ms).toISOString().replace('T', ' ').replace('Z', '')}'`;
}

/** Sets now() = E and the window of a run, before running the translated query. */
export function setRunVariables(
  engine: SqlEngine,
  at: number,
  windowStart: number,
  windowEnd: number,
): void {
  engine.exec(
    `SET VARIABLE ${NOW_VAR} = ${timestampLiteral(at)}; ` +
      `SET VARIABLE ${WINDOW_START_VAR} = ${timestampLiteral(windowStart)}; ` +
      `SET VARIABLE ${WINDOW_END_VAR} = ${timestampLiteral(windowEnd)}`,
  );
}
