/**
 * ReplayData over tables built in SQL for the replay tests: each table gets the catalog's columns
 * (or a chosen subset, e.g. a Graph risky-users export without TimeGenerated) and the given rows.
 */
import type { SqlEngine } from '../../../src/db/engine.ts';
import { quoteIdent } from '../../../src/db/sql-text.ts';
import type { ReplayData } from '../../../src/rules/api.ts';
import { knownTable, type TableSchema } from '../../../src/schema/catalog.ts';
import { sqlStorageType } from '../../../src/schema/kql-types.ts';

export type FixtureRow = Record<string, string | number | boolean | null>;

export class FixtureData implements ReplayData {
  private readonly loaded = new Map<string, TableSchema>();
  /** The engine, or how to get it once it exists (useFixtureData creates it in beforeAll). */
  constructor(private readonly engineOf: SqlEngine | (() => SqlEngine)) {}

  get engine(): SqlEngine {
    return typeof this.engineOf === 'function' ? this.engineOf() : this.engineOf;
  }

  resolveTable(name: string): TableSchema | undefined {
    return this.loaded.get(name) ?? knownTable(name);
  }

  loadedTables(): readonly string[] {
    return [...this.loaded.keys()];
  }

  /** Creates `name` with the catalog's columns (or only `onlyColumns`) and inserts the rows. */
  load(name: string, rows: readonly FixtureRow[], onlyColumns?: readonly string[]): void {
    const catalog = knownTable(name);
    if (!catalog) throw new Error(`no catalog table ${name}`);
    const schema: TableSchema = onlyColumns
      ? { name, columns: catalog.columns.filter((c) => onlyColumns.includes(c.name)) }
      : catalog;
    this.engine.exec(
      `CREATE OR REPLACE TABLE ${quoteIdent(name)} (${schema.columns.map((c) => `${quoteIdent(c.name)} ${sqlStorageType(c.type)}`).join(', ')})`,
    );
    for (const row of rows) {
      const cols = Object.keys(row);
      const types = cols.map((c) => {
        const col = schema.columns.find((x) => x.name === c);
        if (!col) throw new Error(`${name} has no column ${c}`);
        return sqlStorageType(col.type);
      });
      this.engine.queryParams(
        `INSERT INTO ${quoteIdent(name)} (${cols.map(quoteIdent).join(', ')}) VALUES (${types.map((t) => `CAST(? AS ${t})`).join(', ')})`,
        cols.map((c) => row[c]!),
      );
    }
    this.loaded.set(name, schema);
  }

  tableExists(name: string): boolean {
    return (
      this.engine.queryParams(`SELECT 1 FROM duckdb_tables() WHERE table_name = ?`, [name]).rows
        .length > 0
    );
  }

  clear(): void {
    for (const name of this.loaded.keys())
      this.engine.exec(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
    this.loaded.clear();
  }
}

/** A successful non-interactive sign-in row. */
export function signIn(
  time: string,
  upn: string,
  ip = '10.0.0.1',
  extra: FixtureRow = {},
): FixtureRow {
  return {
    TimeGenerated: time,
    UserPrincipalName: upn,
    IPAddress: ip,
    ResultType: '0',
    Location: 'US',
    AppDisplayName: 'Microsoft Office',
    ...extra,
  };
}

/** An AADRiskyUsers row (Log Analytics table: with TimeGenerated). */
export function risky(
  time: string | null,
  upn: string,
  level = 'high',
  state = 'atRisk',
  detail = 'none',
): FixtureRow {
  return {
    ...(time === null ? {} : { TimeGenerated: time }),
    UserPrincipalName: upn,
    RiskLevel: level,
    RiskState: state,
    RiskDetail: detail,
  };
}
