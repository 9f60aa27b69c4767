/**
 * Answers the grid's questions inside the engine worker: resolves the source (a loaded table, a
 * KQL query through the session, or SQL), then pages, filters, sorts, counts and exports it with
 * SQL built by ./sql.ts.
 */
import Papa from 'papaparse';
import { stringifyJson } from '../../json/stringify.ts';
import type { QueryControl, SqlEngine } from '../../db/engine.ts';
import { decodeValue } from '../../kql/index.ts';
import type { ColumnSchema } from '../../schema/catalog.ts';
import type { KqlType } from '../../schema/kql-types.ts';
import type { LoupeSession } from '../../session/api.ts';
import { countSql, filterCondition, filteredSql, orderList, pageSql, quoteIdent } from './sql.ts';
import { viewFor, viewPageSql } from './view-cache.ts';
import type { ColumnFilter, GridPage, GridQuery, GridSort, GridSource } from './types.ts';

interface Base {
  readonly sql: string;
  readonly columns: readonly ColumnSchema[];
}

/** KQL type for a DuckDB result type (SQL typed in the console has no KQL types of its own). */
function kqlTypeOfSql(sqlType: string): KqlType {
  switch (sqlType) {
    case 'BIGINT':
    case 'INTEGER':
    case 'SMALLINT':
    case 'TINYINT':
      return 'long';
    case 'DOUBLE':
    case 'DECIMAL':
      return 'real';
    case 'BOOLEAN':
      return 'bool';
    case 'TIMESTAMP':
      return 'datetime';
    case 'LIST':
    case 'STRUCT':
    case 'MAP':
      return 'dynamic';
    default:
      return 'string';
  }
}

async function resolveBase(
  engine: SqlEngine,
  session: LoupeSession,
  source: GridSource,
  control: QueryControl,
): Promise<Base> {
  switch (source.kind) {
    case 'table': {
      const table = session.tables().find((t) => t.name === source.name);
      if (!table) throw new Error(`No table named ${source.name} is loaded.`);
      // Timespans are stored as INTERVAL; shown as DuckDB's text of them.
      const list = table.schema.columns.map((c) =>
        c.type === 'timespan'
          ? `CAST(${quoteIdent(c.name)} AS VARCHAR) AS ${quoteIdent(c.name)}`
          : quoteIdent(c.name),
      );
      const columns = table.schema.columns.map((c) =>
        c.type === 'timespan' ? { name: c.name, type: 'string' as const } : c,
      );
      return { sql: `SELECT ${list.join(', ')} FROM ${quoteIdent(table.name)}`, columns };
    }
    case 'kql': {
      // Runs the query for no rows: that translates it, creates empty tables it reads but nobody
      // loaded, and sets now() to the latest event loaded (as the console promises).
      const r = await session.run(source.text, 'kql', 0, control);
      return { sql: r.sql, columns: r.columns };
    }
    case 'sql': {
      const text = source.text.trim().replace(/;\s*$/, '');
      const r = await engine.queryAsync(`SELECT * FROM (${text}) AS loupe_probe LIMIT 0`, control);
      return {
        sql: text,
        columns: r.columns.map((c) => ({ name: c.name, type: kqlTypeOfSql(c.sqlType) })),
      };
    }
  }
}

function decodeRows(
  rows: readonly (readonly unknown[])[],
  columns: readonly ColumnSchema[],
): unknown[][] {
  return rows.map((row) =>
    row.map((v, i) => {
      const type = columns[i]!.type;
      // Dynamic values from SQL (LIST/STRUCT) are already structured; JSON text is parsed.
      if (type === 'dynamic' && typeof v !== 'string') return v;
      return decodeValue(v, type);
    }),
  );
}

/**
 * A page of the grid. Every query an analyst may wait on (a console query, a sort or filter over
 * millions of rows, the count) runs cancellably with `control.signal`.
 */
export async function gridPage(
  engine: SqlEngine,
  session: LoupeSession,
  q: GridQuery,
  control: QueryControl = {},
): Promise<GridPage> {
  const base = await resolveBase(engine, session, q.source, control);
  const filtered = filteredSql(base.sql, base.columns, q.filters, q.sort);
  const active = q.filters.some((f) => filterCondition(f, base.columns) !== undefined);
  if (q.source.kind === 'table' && !active && !q.sort) {
    // A plain table pages fast with OFFSET (no sort, no filter): no copy needed.
    const page = await engine.queryAsync(pageSql(filtered, q.offset, q.limit), control);
    // Counting scans the whole result: done once per question (first page), not for every page.
    const total =
      q.count === false
        ? null
        : Number(
            (await engine.queryAsync(countSql(base.sql, base.columns, q.filters), control))
              .rows[0]?.[0] ?? 0,
          );
    return {
      columns: base.columns,
      rows: decodeRows(page.rows, base.columns),
      offset: q.offset,
      total,
      sql: filtered,
    };
  }
  // Sorted, filtered or query results: materialised once, then paged by row number.
  const data = session.tables().map((t) => [t.name, t.rowCount, t.files]);
  const unsorted = filteredSql(base.sql, base.columns, q.filters, null);
  const view = await viewFor(
    engine,
    JSON.stringify({ source: q.source, filters: q.filters, sort: q.sort, data }),
    unsorted,
    orderList(q.sort, base.columns),
    control,
  );
  const page = engine.query(
    viewPageSql(
      view,
      base.columns.map((c) => c.name),
      q.offset,
      q.limit,
    ),
  );
  return {
    columns: base.columns,
    rows: decodeRows(page.rows, base.columns),
    offset: q.offset,
    total: view.rows,
    sql: filtered,
  };
}

export interface ExportRequest {
  readonly source: GridSource;
  readonly filters: readonly ColumnFilter[];
  readonly sort: GridSort | null;
  readonly format: 'csv' | 'json';
  /** Columns to include, in order (hidden ones left out); all when absent. */
  readonly columns?: readonly string[];
}

/**
 * A CSV cell a spreadsheet would run as a formula: one that starts with =, +, -, @, a tab or a
 * carriage return, whatever follows. papaparse's own pattern for `escapeFormulae: true`,
 * /^[=+\-@\t\r].*$/, needs the whole cell on one line (`.` stops at a newline, `$` then fails),
 * so a formula followed by a line break was exported as it was.
 */
export const FORMULA_LEADING = /^[=+\-@\t\r]/;

/**
 * The whole filtered, sorted result as CSV or JSON text. CSV cells that a spreadsheet would run
 * as a formula (FORMULA_LEADING) are prefixed with a quote by papaparse (`escapeFormulae`): log
 * content is attacker-controlled and must not execute when an analyst opens the export.
 */
export async function exportRows(
  engine: SqlEngine,
  session: LoupeSession,
  req: ExportRequest,
  control: QueryControl = {},
): Promise<string> {
  const base = await resolveBase(engine, session, req.source, control);
  const rows = decodeRows(
    (await engine.queryAsync(filteredSql(base.sql, base.columns, req.filters, req.sort), control))
      .rows,
    base.columns,
  );
  const names = base.columns.map((c) => c.name);
  const keep = (req.columns ?? names).map((n) => names.indexOf(n)).filter((i) => i >= 0);
  if (req.format === 'json') {
    return stringifyJson(
      rows.map((r) => Object.fromEntries(keep.map((i) => [names[i]!, r[i]]))),
      2,
    );
  }
  const cell = (v: unknown) =>
    v === null || v === undefined ? '' : typeof v === 'object' ? stringifyJson(v) : v;
  return Papa.unparse(
    { fields: keep.map((i) => names[i]!), data: rows.map((r) => keep.map((i) => cell(r[i]))) },
    { escapeFormulae: FORMULA_LEADING },
  );
}
