/**
 * A rule's query made ready for its runs: translated once against the loaded data (a KQL error
 * placed in the rule file), the tables it reads prepared (missing ones created empty), and one run
 * executed with now() = E and its window set.
 */
import { LoupeError, isLoupeError } from '../errors.ts';
import { decodeValue, hasGeoIpDatabase, translate } from '../kql/index.ts';
import type { Translation } from '../kql/api.ts';
import { createEmptyTableSql } from '../schema/ddl.ts';
import { quoteIdent } from '../db/sql-text.ts';
import type { TableSchema } from '../schema/catalog.ts';
import type { ReplayData, ReportRunTable } from './api.ts';
import { isScheduled, queryPositionInFile, type Rule } from './rule.ts';
import type { ScheduledRun } from './schedule.ts';
import { isoTime, type ReportRow } from './values.ts';
import { watchlistAliasOf } from '../workspace/watchlists.ts';
import { isWindowed, setRunVariables, windowedTableSql } from './windows.ts';
import { discovery } from './discovery.ts';

/** A rule translated against the loaded data, with the tables it reads prepared. */
export interface PreparedQuery {
  readonly translation: Translation;
  /** Tables read, with their schema and whether the window applies. */
  readonly tables: readonly {
    readonly name: string;
    readonly schema: TableSchema;
    readonly windowed: boolean;
  }[];
  /** Tables created empty because the analyst did not load them (dropped after the replay). */
  readonly created: readonly string[];
}

/** Translates the rule's query; a KQL error is reported at its place in the rule file. */
export function translateRule(data: ReplayData, rule: Rule): Translation {
  // Watchlists the query reads that are not loaded: read as empty, so only their fixed columns exist.
  const missingWatchlists = new Set<string>();
  const resolveTable = (n: string) => {
    const alias = watchlistAliasOf(n);
    if (alias !== undefined && !data.isWatchlistLoaded?.(alias)) missingWatchlists.add(alias);
    return data.resolveTable(n);
  };
  try {
    // Bare KQL is not scheduled: its tables are read whole.
    const tableSql = isScheduled(rule) ? { tableSql: windowedTableSql } : {};
    return translate(rule.query, {
      resolveTable,
      suggestTables: (n) => data.suggestTables?.(n) ?? [],
      externalData: (url) => data.externalData?.(url),
      ...discovery(data),
      ...(data.resolveFunction && { resolveFunction: (n: string) => data.resolveFunction?.(n) }),
      hasGeoIpDatabase: () => hasGeoIpDatabase(data.engine),
      ...tableSql,
    });
  } catch (e) {
    if (isLoupeError(e) && e.stage === 'kql') {
      // The translator counts lines within the query; the analyst reads the rule file.
      const at =
        e.position.line !== undefined
          ? ` (query line ${e.position.line}, column ${e.position.column ?? 1})`
          : '';
      let message = e.message.replace(/\s*\(line \d+, column \d+\)$/, '') + at;
      let detail = e.detail;
      // A column the query reads that a watchlist's CSV would have defined: what it needs is that CSV.
      const [alias] = missingWatchlists;
      if (e.code === 'unknown-column' && alias !== undefined && !detail) {
        message += `; the watchlist "${alias}" is not loaded, so only its fixed columns (SearchKey, WatchlistItem, …) are known: load its CSV`;
        detail = { kind: 'watchlist-needs-file', alias };
      }
      // A query written inside quotes within a `|` block ('// … ' as some published rules are):
      // the block keeps the quotes, so Kusto (and Sentinel) reads a string literal, not the query.
      const quote = quotedWhole(rule.query);
      if (e.code === 'syntax' && quote)
        message += `; the whole query is wrapped in quotes (${quote}…${quote}), which the YAML block keeps: the query starts with a string literal, so it cannot run as written (remove the two quotes)`;
      throw new LoupeError('kql', e.code, message, queryPositionInFile(rule, e.position), detail);
    }
    throw e;
  }
}

/** The quote a query's whole text is wrapped in (`'…'`, `"…"`), if it is. */
function quotedWhole(query: string): string | undefined {
  const t = query.trim();
  const q = t[0];
  return t.length > 1 && (q === "'" || q === '"') && t.endsWith(q) ? q : undefined;
}

/** The query's warnings as "file:line:column: message", placed in the rule file. */
export function translationWarnings(rule: Rule, translation: Translation): string[] {
  return translation.warnings.map((w) =>
    new LoupeError(
      'kql',
      'warning',
      w.message,
      queryPositionInFile(rule, { line: w.line, column: w.column }),
    ).describe(),
  );
}

/** Watchlists the query reads that were not loaded (read as empty), as warnings. */
export function missingWatchlistWarnings(
  rule: Rule,
  data: ReplayData,
  tables: readonly string[],
): string[] {
  return tables.flatMap((t) => {
    const alias = watchlistAliasOf(t);
    return alias === undefined || data.isWatchlistLoaded?.(alias)
      ? []
      : [
          `${rule.file}: the watchlist "${alias}" is not loaded: _GetWatchlist('${alias}') read no item, as in a workspace without it (load its CSV under the alias ${alias})`,
        ];
  });
}

/**
 * Translates the rule and prepares the tables it reads. `created` lists tables created empty so far
 * (a discovery while translating may already have created some: discovery.ts); the prepared query
 * holds the whole list, to drop after the replay.
 */
export function prepare(data: ReplayData, rule: Rule, created: string[] = []): PreparedQuery {
  const translation = translateRule(data, rule);
  const tables = translation.tables.map((name) => {
    const schema = data.resolveTable(name);
    if (!schema)
      throw new LoupeError(
        'replay',
        'unknown-table',
        `the rule reads table "${name}", which is neither loaded nor in the schema catalog`,
        { file: rule.file },
      );
    createIfMissing(data, name, created);
    return { name, schema, windowed: isScheduled(rule) && isWindowed(schema) };
  });
  return { translation, tables, created };
}

/** A table the rule reads but no file provided: created empty, with the catalog's columns, and listed in `created`. */
export function createIfMissing(data: ReplayData, name: string, created: string[]): void {
  const schema = data.resolveTable(name);
  if (!schema || data.loadedTables().includes(name) || tableExists(data, name)) return;
  data.engine.exec(createEmptyTableSql(schema));
  created.push(name);
}

function tableExists(data: ReplayData, name: string): boolean {
  return (
    data.engine.queryParams(
      `SELECT 1 FROM duckdb_tables() WHERE table_name = ? AND schema_name = 'main'`,
      [name],
    ).rows.length > 0
  );
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
    const r = data.engine.query(
      `SELECT min("TimeGenerated") AS lo, max("TimeGenerated") AS hi FROM ${quoteIdent(name)}`,
    );
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
  return translation.ordered
    ? translation.sql
    : `SELECT * FROM (\n${translation.sql}\n) AS loupe_run_rows ORDER BY ALL`;
}

/** Runs the prepared query for one run and returns its rows in report form, in output order. */
export async function runQuery(
  data: ReplayData,
  translation: Translation,
  run: ScheduledRun,
  signal?: AbortSignal,
): Promise<ReportRow[]> {
  setRunVariables(data.engine, run.at, run.windowStart, run.windowEnd);
  const result = await data.engine.queryAsync(runSql(translation), signal ? { signal } : {});
  const columns = translation.columns;
  // Object.fromEntries defines each column as an own property: an output column named
  // `__proto__` is a column of the row (assigning it would replace the row's prototype instead).
  return result.rows.map((row): ReportRow =>
    Object.fromEntries(columns.map((c, i) => [c.name, decodeValue(row[i], c.type)])),
  );
}

export function runTables(q: PreparedQuery, run: ScheduledRun): ReportRunTable[] {
  return q.tables.map((t) =>
    t.windowed
      ? { name: t.name, windowStart: isoTime(run.windowStart), windowEnd: isoTime(run.windowEnd) }
      : { name: t.name, windowStart: null, windowEnd: null },
  );
}
