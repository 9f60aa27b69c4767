/**
 * The schema catalog: Sentinel tables with their columns and KQL types. Ingest types loaded files
 * by it, the KQL translator type-checks queries against it, and the rule engine creates tables a
 * rule reads but the analyst did not load (empty, with the right columns).
 *
 * Each table is a JSON file under ./tables/ (data, with its source), listed in ./tables/index.ts.
 */
import type { KqlType } from './kql-types.ts';
import { parseKqlType } from './kql-types.ts';

export interface ColumnSchema {
  readonly name: string;
  readonly type: KqlType;
}

export interface TableSchema {
  readonly name: string;
  readonly columns: readonly ColumnSchema[];
}

import { TABLE_FILES, type TableFile } from './tables/index.ts';

function toSchema(f: TableFile): TableSchema {
  return {
    name: f.name,
    columns: f.columns.map((c) => {
      const type = parseKqlType(c.type);
      if (!type) throw new Error(`schema catalog: ${f.name}.${c.name} has unknown type "${c.type}"`);
      return { name: c.name, type };
    }),
  };
}

const catalog = new Map<string, TableSchema>(TABLE_FILES.map((f) => [f.name, toSchema(f)]));

/** The schema of a Sentinel table by name (exact, as KQL table names are case-sensitive). */
export function knownTable(name: string): TableSchema | undefined {
  return catalog.get(name);
}

export function knownTableNames(): string[] {
  return [...catalog.keys()].sort();
}

export function columnType(table: TableSchema, column: string): KqlType | undefined {
  return table.columns.find((c) => c.name === column)?.type;
}
