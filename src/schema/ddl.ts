/** SQL for tables of the catalog, e.g. a table a rule reads that the analyst did not load. */
import { quoteIdent } from '../db/sql-text.ts';
import type { TableSchema } from './catalog.ts';
import { sqlStorageType } from './kql-types.ts';
import { sqlNames } from '../kql/sql-names.ts';

/**
 * A catalog table may list columns that differ only in case (AzureDiagnostics: `clientIP_s` and
 * `clientIp_s`), which DuckDB cannot hold under their own names: they are stored as the translator
 * names them in SQL (`clientIp_s~2`, src/kql/sql-names.ts), which is how it reads every table.
 */
export function createEmptyTableSql(schema: TableSchema): string {
  const names = sqlNames(schema.columns);
  const cols = schema.columns
    .map((c, i) => `${quoteIdent(names[i]!)} ${sqlStorageType(c.type)}`)
    .join(', ');
  return `CREATE TABLE IF NOT EXISTS ${quoteIdent(schema.name)} (${cols})`;
}
