/**
 * Smooth paging of sorted, filtered or query results: the result is materialised once, numbered
 * in its sort order, into a temporary table; each page is then a range of row numbers, read in
 * milliseconds, instead of re-running the query and sorting everything before OFFSET on every
 * page (measured: 4 s for a page in the middle of a million sorted rows, bench/grid.ts). One view
 * is kept per engine; a new question (source, filters, sort or loaded data) replaces it.
 */
import type { QueryControl, SqlEngine } from '../../db/engine.ts';
import { quoteIdent } from './sql.ts';

export interface View {
  readonly key: string;
  readonly table: string;
  readonly rows: number;
}

const views = new WeakMap<SqlEngine, View>();
let serial = 0;

/**
 * The materialised view for `key`, created from `filteredSql` (filtered, not sorted) numbered by
 * `orderBy` (an ORDER BY list, or null to keep the query's own order), when the engine holds a
 * view for another key (or none). Materialising is the slow part (sorting millions of rows), so it
 * runs cancellably; a cancelled view is not kept (the next question builds it again).
 */
export async function viewFor(
  engine: SqlEngine,
  key: string,
  filteredSql: string,
  orderBy: string | null,
  control: QueryControl = {},
): Promise<View> {
  const current = views.get(engine);
  if (current?.key === key) return current;
  if (current) {
    views.delete(engine);
    engine.exec(`DROP TABLE IF EXISTS ${quoteIdent(current.table)}`);
  }
  const table = `loupe_grid_view_${++serial}`;
  // The grid's sort numbers the rows explicitly. Without one, the query's own order (a KQL
  // `order by`) is kept: DuckDB preserves insertion order, and the WASM build runs one thread.
  const over = orderBy ? `ORDER BY ${orderBy}` : '';
  await engine.queryAsync(
    `CREATE TEMP TABLE ${quoteIdent(table)} AS SELECT row_number() OVER (${over}) AS loupe_rn, * FROM (${filteredSql}) AS loupe_sorted`,
    control,
  );
  const rows = Number(engine.query(`SELECT count(*) FROM ${quoteIdent(table)}`).rows[0]?.[0] ?? 0);
  const view = { key, table, rows };
  views.set(engine, view);
  return view;
}

export function viewPageSql(
  view: View,
  columns: readonly string[],
  offset: number,
  limit: number,
): string {
  const o = Math.max(0, Math.floor(offset));
  const l = Math.max(0, Math.floor(limit));
  return `SELECT ${columns.map(quoteIdent).join(', ')} FROM ${quoteIdent(view.table)} WHERE loupe_rn > ${o} AND loupe_rn <= ${o + l} ORDER BY loupe_rn`;
}
