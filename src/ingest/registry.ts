/**
 * What ingest knows about the tables it loaded into an engine (files, format, warnings), next to
 * the tables themselves. The data lives in DuckDB; this is the metadata the table list shows.
 */
import type { SqlEngine } from '../db/engine.ts';
import type { LoadedTable } from './api.ts';
import { MAX_REJECT_DETAILS, type RejectedRow } from './raw-relation.ts';
import { quoteIdent } from './sql-text.ts';

const registries = new WeakMap<SqlEngine, Map<string, LoadedTable>>();
const rejected = new WeakMap<SqlEngine, Map<string, readonly RejectedRow[]>>();

/**
 * The rows set aside while loading a table (LoadOptions.badRows = 'set-aside'): file, line, column,
 * what was wrong and the text, for the first MAX_REJECT_DETAILS of them (LoadedTable.rejectedRows
 * counts them all).
 */
export function rejectedRowsOf(engine: SqlEngine, table: string): readonly RejectedRow[] {
  return rejected.get(engine)?.get(table) ?? [];
}

export function setRejected(engine: SqlEngine, table: string, rows: readonly RejectedRow[]): void {
  let m = rejected.get(engine);
  if (!m) {
    m = new Map();
    rejected.set(engine, m);
  }
  m.set(table, rows.slice(0, MAX_REJECT_DETAILS));
}

export function registryOf(engine: SqlEngine): Map<string, LoadedTable> {
  let r = registries.get(engine);
  if (!r) {
    r = new Map();
    registries.set(engine, r);
  }
  return r;
}

/** The tables loaded into this engine, by name. */
export function listTables(engine: SqlEngine): LoadedTable[] {
  return [...registryOf(engine).values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function loadedTable(engine: SqlEngine, name: string): LoadedTable | undefined {
  return registryOf(engine).get(name);
}

/** Removes a loaded table (the analyst's "remove"); other tables are untouched. */
export function dropTable(engine: SqlEngine, name: string): void {
  engine.exec(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
  registryOf(engine).delete(name);
  rejected.get(engine)?.delete(name);
}

export function tableExists(engine: SqlEngine, name: string): boolean {
  const r = engine.queryParams(
    `SELECT count(*) FROM duckdb_tables() WHERE lower(table_name) = lower(?) AND NOT temporary`,
    [name],
  );
  return (r.rows[0]?.[0] as number) > 0;
}
