/**
 * Searching the schema catalog by table or column name, for the UI's catalog panel: what does
 * `AWSCloudTrail` hold, which tables have a `UserPrincipalName`? Case-insensitive substring
 * matching, ranked so that the table the analyst typed comes first, then tables whose name starts
 * or contains it, then tables with such a column.
 */
import {
  knownTable,
  knownTableNames,
  tableProvenance,
  type ColumnSchema,
  type TableProvenance,
} from './catalog.ts';

export interface CatalogMatch {
  readonly table: string;
  readonly columns: readonly ColumnSchema[];
  /** Whether the table's name contains the query. */
  readonly nameMatches: boolean;
  /** The columns whose names contain the query, in the table's order. */
  readonly matchingColumns: readonly string[];
  readonly provenance: TableProvenance;
}

export interface CatalogSearchResult {
  readonly query: string;
  /** The best matches, at most the limit asked for. */
  readonly matches: readonly CatalogMatch[];
  /** How many tables match in all. */
  readonly total: number;
  /** How many tables the catalog holds. */
  readonly tableCount: number;
}

/** Longer queries name no table or column; cut so a pasted blob costs nothing. */
export const MAX_QUERY_LENGTH = 128;

/** Rank of a name against the query (lower is better), or undefined when it does not contain it. */
function rank(name: string, q: string): number | undefined {
  const n = name.toLowerCase();
  if (n === q) return 0;
  if (n.startsWith(q)) return 1;
  return n.includes(q) ? 2 : undefined;
}

/** The tables whose name or a column's name contains `query` (all tables when it is empty), best first. */
export function searchCatalog(query: string, limit = 50): CatalogSearchResult {
  const q = query.trim().slice(0, MAX_QUERY_LENGTH).toLowerCase();
  const names = knownTableNames();
  const scored: {
    table: string;
    score: number;
    nameMatches: boolean;
    columns: readonly ColumnSchema[];
    matchingColumns: string[];
  }[] = [];
  for (const table of names) {
    const schema = knownTable(table)!;
    const byName = q === '' ? 2 : rank(table, q);
    const matchingColumns =
      q === ''
        ? []
        : schema.columns.filter((c) => rank(c.name, q) !== undefined).map((c) => c.name);
    if (byName === undefined && matchingColumns.length === 0) continue;
    const byColumn = Math.min(...matchingColumns.map((c) => rank(c, q)!));
    scored.push({
      table,
      score: byName ?? 3 + byColumn,
      nameMatches: byName !== undefined && q !== '',
      columns: schema.columns,
      matchingColumns,
    });
  }
  scored.sort((a, b) => a.score - b.score || (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
  return {
    query,
    total: scored.length,
    tableCount: names.length,
    matches: scored.slice(0, Math.max(0, limit)).map((s) => ({
      table: s.table,
      columns: s.columns,
      nameMatches: s.nameMatches,
      matchingColumns: s.matchingColumns,
      provenance: tableProvenance(s.table)!,
    })),
  };
}
