/**
 * Kusto column names are case-sensitive: `AppId` and `AppID` are two columns (published Sentinel
 * rules have both). DuckDB's identifiers ignore case, even quoted, so a CTE cannot hold both under
 * their own names. Every relation therefore names its columns in SQL by this mapping of its ordered
 * column list: a column keeps its Kusto name unless an earlier column's SQL name equals it ignoring
 * case; then it takes `Name~2`, `Name~3`… (the first not used, ignoring case). The mapping depends
 * only on the list, so whoever holds a relation finds any column's SQL name from the relation
 * itself; the report, the CLI and the UI see Kusto's names (`Translation.columns`).
 */
import { quoteIdent } from './sql.ts';

type Named = { readonly name: string };

/**
 * The SQL identifier (unquoted) of each column of an ordered column list. Each name depends only on
 * the columns before it, so appending columns never renames earlier ones (`SELECT *, x AS "New"`
 * keeps the input's names valid).
 */
export function sqlNames(columns: readonly Named[]): string[] {
  const used = new Set<string>();
  return columns.map((c) => {
    let name = c.name;
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${c.name}~${i}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/** The quoted SQL identifier of each column. */
export function sqlColumns(columns: readonly Named[]): string[] {
  return sqlNames(columns).map(quoteIdent);
}

/** The quoted SQL identifier of the column named `name` (Kusto's exact name) in `columns`. */
export function sqlColumn(columns: readonly Named[], name: string): string {
  const i = columns.findIndex((c) => c.name === name);
  if (i < 0) throw new Error(`internal: no column "${name}" in the relation`);
  return quoteIdent(sqlNames(columns)[i]!);
}
