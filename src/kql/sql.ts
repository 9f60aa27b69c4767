/**
 * Quoting: the only way KQL text (names, string literals) reaches SQL. Identifiers are always
 * double-quoted with inner quotes doubled (KQL names are case-sensitive, DuckDB's unquoted ones are
 * not); string literals single-quoted with inner quotes doubled. DuckDB's standard strings do not
 * treat backslash as an escape, so nothing else needs escaping.
 */
export { quoteIdent, quoteString as sqlString } from '../db/sql-text.ts';

/** Escapes text for use inside an RE2 pattern (the regex dialect of DuckDB and of KQL). */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/** A timespan in microseconds as a DuckDB INTERVAL (µs only, never months/days: see kql-types.ts). */
export function intervalFromMicros(sqlMicros: string): string {
  return `to_microseconds(CAST(${sqlMicros} AS BIGINT))`;
}

/** An INTERVAL as a BIGINT count of microseconds. */
export function microsFromInterval(sqlInterval: string): string {
  return `epoch_us(TIMESTAMP '1970-01-01 00:00:00' + ${sqlInterval})`;
}
