/**
 * Quoting for SQL text that ingest builds. Log content never reaches SQL text: values travel as
 * bound parameters or through DuckDB's own readers. What does appear in SQL text is names (tables,
 * columns, registered files) and constants chosen by Loupe, and they are always quoted here.
 */

/** A SQL identifier: double quotes, inner double quotes doubled. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A SQL string literal: single quotes, inner single quotes doubled. */
export function quoteString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
