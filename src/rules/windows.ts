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
