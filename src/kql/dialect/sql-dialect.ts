/**
 * The seam between Loupe's KQL translation and the SQL engine that runs it. Everything the
 * translator writes that depends on the engine's dialect, and that several operators and
 * functions share, is one method here; `duckdb.ts` is the dialect Loupe runs (DuckDB-WASM in the
 * browser and the CLI, native DuckDB with `--engine native`: the same version, the same SQL).
 *
 * A second dialect (Spark SQL, Trino: docs/scale.md) is a second implementation of this interface
 * plus, for the functions whose SQL is written per function in `functions/<family>.ts` and the
 * JavaScript runtime (`runtime/`, DuckDB UDFs), that dialect's own entries: the function registry
 * and the runtime declarations are the other two seams, keyed by the same names.
 */
export interface SqlDialect {
  readonly name: string;
  /** A column, table or CTE name, quoted so that it means exactly itself. */
  identifier(name: string): string;
  /** A string literal. */
  string(text: string): string;
  /** A count of microseconds (BIGINT) as the engine's duration type, which holds KQL timespans. */
  intervalFromMicros(micros: string): string;
  /** A duration as a BIGINT count of microseconds. */
  microsFromInterval(interval: string): string;
  /** A timestamp (KQL datetime, UTC, no zone) as BIGINT microseconds since the Unix epoch. */
  epochMicros(datetime: string): string;
  /** BIGINT microseconds since the Unix epoch as a timestamp. */
  datetimeFromMicros(micros: string): string;
  /** A timestamp literal from `yyyy-mm-dd hh:mm:ss[.ffffff]`. */
  datetimeLiteral(text: string): string;
  /**
   * KQL datetimes have 100 ns ticks; Loupe's timestamps have microseconds, except where a value
   * carries ticks below the microsecond (docs/kql.md, "Datetime precision"): those are the
   * engine's nanosecond timestamp, made by the methods below. A literal from
   * `yyyy-mm-dd hh:mm:ss.fffffff`.
   */
  ticksLiteral(text: string): string;
  /** BIGINT nanoseconds since the Unix epoch as a nanosecond timestamp (null outside its range). */
  ticksFromNanos(nanos: string): string;
  /** A timestamp of either precision as BIGINT nanoseconds since the epoch (null outside the range). */
  epochNanos(datetime: string): string;
  /** A nanosecond timestamp rounded down / up to the microsecond, as a microsecond timestamp. */
  ticksFloorMicros(ticks: string): string;
  ticksCeilMicros(ticks: string): string;
  /** The value a replay sets per scheduled run (`loupe_now`: the run's now()), as a timestamp. */
  runVariable(name: string): string;
  /** Whether `pattern` (an RE2 pattern, as SQL text) matches anywhere in `text`. */
  regexMatches(text: string, pattern: string): string;
  /** Group `group` of the first match of `pattern` in `text` ('' when none). */
  regexExtract(text: string, pattern: string, group: number): string;
}
