/**
 * Quoting and the SQL primitives every operator and function shares, from the dialect
 * (dialect/index.ts): the only way KQL text (names, string literals) reaches SQL. Identifiers are
 * always double-quoted with inner quotes doubled (KQL names are case-sensitive, DuckDB's unquoted
 * ones are not); string literals single-quoted with inner quotes doubled. DuckDB's standard
 * strings do not treat backslash as an escape, so nothing else needs escaping.
 */
import { SQL } from './dialect/index.ts';

export const quoteIdent = (name: string): string => SQL.identifier(name);
export const sqlString = (text: string): string => SQL.string(text);

/** Escapes text for use inside an RE2 pattern (the regex dialect of DuckDB and of KQL). */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/** A timespan in microseconds as the engine's interval (µs only, never months/days: see kql-types.ts). */
export const intervalFromMicros = (sqlMicros: string): string => SQL.intervalFromMicros(sqlMicros);

/** An interval as a BIGINT count of microseconds. */
export const microsFromInterval = (sqlInterval: string): string =>
  SQL.microsFromInterval(sqlInterval);

/** A datetime as BIGINT microseconds since the Unix epoch, and back. */
export const epochMicros = (sqlDatetime: string): string => SQL.epochMicros(sqlDatetime);
export const datetimeFromMicros = (sqlMicros: string): string => SQL.datetimeFromMicros(sqlMicros);

/**
 * Datetimes that carry 100 ns ticks (KQL's precision) below the microsecond: the dialect's
 * nanosecond timestamp (Typed.ticks marks an expression of it). docs/kql.md, "Datetime precision".
 */
export const ticksLiteral = (text: string): string => SQL.ticksLiteral(text);
export const ticksFromNanos = (sqlNanos: string): string => SQL.ticksFromNanos(sqlNanos);
export const epochNanos = (sqlDatetime: string): string => SQL.epochNanos(sqlDatetime);
export const ticksFloorMicros = (sqlTicks: string): string => SQL.ticksFloorMicros(sqlTicks);
export const ticksCeilMicros = (sqlTicks: string): string => SQL.ticksCeilMicros(sqlTicks);
