/**
 * Quoting for SQL text. Loupe builds SQL from identifiers and values that come from log files and
 * rules; everything goes through these two functions (or a bound parameter) so that content can
 * never change a statement's structure.
 */

/** A DuckDB identifier: double quotes, inner quotes doubled. Case is preserved exactly. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * A DuckDB string literal: single quotes, inner quotes doubled (DuckDB's standard strings have no
 * backslash escapes). NUL cannot live in a VARCHAR literal, so it is spliced in as chr(0).
 */
export function quoteString(text: string): string {
  if (text.includes('\0')) return text.split('\0').map(quoteString).join(' || chr(0) || ');
  return `'${text.replaceAll("'", "''")}'`;
}
