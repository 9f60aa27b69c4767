/**
 * Quoting for SQL text that ingest builds. Log content never reaches SQL text: values travel as
 * bound parameters or through DuckDB's own readers. What does appear in SQL text is names (tables,
 * columns, registered files) and constants chosen by Loupe, and they are always quoted here.
 */

export { quoteIdent, quoteString } from '../db/sql-text.ts';
