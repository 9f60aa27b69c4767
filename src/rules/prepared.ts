/**
 * A rule's query made ready for its runs: translated once against the loaded data (a KQL error
 * placed in the rule file), the tables it reads prepared (missing ones created empty), and one run
 * executed with now() = E and its window set.
 */
import { LoupeError, isLoupeError } from '../errors.ts';
import { decodeValue, translate } from '../kql/index.ts';
import type { Translation } from '../kql/api.ts';
import { createEmptyTableSql } from '../schema/ddl.ts';
import { quoteIdent } from '../db/sql-text.ts';
import type { TableSchema } from '../schema/catalog.ts';
import type { ReplayData, ReportRunTable } from './api.ts';
import { isScheduled, queryPositionInFile, type Rule } from './rule.ts';
import type { ScheduledRun } from './schedule.ts';
import { isoTime, type ReportRow } from './values.ts';
import { isWindowed, setRunVariables, windowedTableSql } from './windows.ts';

/** A rule translated against the loaded data, with the tables it reads prepared. */
export interface PreparedQuery {
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
      throw new LoupeError('kql', e.code, message, queryPositionInFile(rule, e.position), e.detail);
    }
    throw e;
  }
}

export function prepare(data: ReplayData, rule: Rule): PreparedQuery {
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

export function dropCreated(data: ReplayData, created: readonly string[]): void {
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

/**
 * The SQL a run executes: the translation, its rows put in a canonical order (every column,
 * ascending) when the query leaves the order undefined (no sort/order/top/serialize last). KQL
 * gives no order there, and engines differ: multi-threaded native DuckDB emits a summarize's groups
 * in a varying order, DuckDB-WASM in its hash order. Sorted, a run's rows — and so its alerts,
 * which take their first row's values — are the same on every engine and every time.
 */
export function runSql(translation: Translation): string {
  return translation.ordered ? translation.sql : `SELECT * FROM (\n${translation.sql}\n) AS loupe_run_rows ORDER BY ALL`;
}

/** Runs the prepared query for one run and returns its rows in report form, in output order. */
export async function runQuery(data: ReplayData, translation: Translation, run: ScheduledRun, signal?: AbortSignal): Promise<ReportRow[]> {
  setRunVariables(data.engine, run.at, run.windowStart, run.windowEnd);
  const result = await data.engine.queryAsync(runSql(translation), signal ? { signal } : {});
  const columns = translation.columns;
  return result.rows.map((row) => {
    const out: ReportRow = {};
    columns.forEach((c, i) => {
      out[c.name] = decodeValue(row[i], c.type);
    });
    return out;
  });
}

export function runTables(q: PreparedQuery, run: ScheduledRun): ReportRunTable[] {
  return q.tables.map((t) =>
    t.windowed ? { name: t.name, windowStart: isoTime(run.windowStart), windowEnd: isoTime(run.windowEnd) } : { name: t.name, windowStart: null, windowEnd: null },
  );
}

