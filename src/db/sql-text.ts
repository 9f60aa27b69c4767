/**
 * Quoting for SQL text. Loupe builds SQL from identifiers and values that come from log files and
 * rules; everything goes through these two functions (or a bound parameter) so that content can
 * never change a statement's structure.
 */

/** A DuckDB identifier: double quotes, inner quotes doubled. Case is preserved exactly. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A DuckDB string literal: single quotes, inner quotes doubled (DuckDB has no backslash escapes). */
export function quoteString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
