/** SQL for tables of the catalog, e.g. a table a rule reads that the analyst did not load. */
import { quoteIdent } from '../db/sql-text.ts';
import type { TableSchema } from './catalog.ts';
import { sqlStorageType } from './kql-types.ts';

export function createEmptyTableSql(schema: TableSchema): string {
  const cols = schema.columns.map((c) => `${quoteIdent(c.name)} ${sqlStorageType(c.type)}`).join(', ');
  return `CREATE TABLE IF NOT EXISTS ${quoteIdent(schema.name)} (${cols})`;
}
