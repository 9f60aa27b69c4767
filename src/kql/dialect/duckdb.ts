/**
 * DuckDB's dialect (1.4.3, the version DuckDB-WASM 1.32.0 carries; native DuckDB is pinned to the
 * same): quoting, timestamps without zone holding UTC, intervals built from microseconds only (never
 * months or days, so comparisons and arithmetic behave like KQL's ticks), RE2 regexes, and the
 * replay's per-run values as session variables (`SET VARIABLE loupe_now = …`).
 */
import { quoteIdent, quoteString } from '../../db/sql-text.ts';
import type { SqlDialect } from './sql-dialect.ts';

export const DUCKDB: SqlDialect = {
  name: 'duckdb',
  identifier: quoteIdent,
  string: quoteString,
  intervalFromMicros: (micros) => `to_microseconds(CAST(${micros} AS BIGINT))`,
  microsFromInterval: (interval) => `epoch_us(TIMESTAMP '1970-01-01 00:00:00' + ${interval})`,
  epochMicros: (datetime) => `epoch_us(${datetime})`,
  datetimeFromMicros: (micros) => `make_timestamp(CAST(${micros} AS BIGINT))`,
  datetimeLiteral: (text) => `TIMESTAMP ${quoteString(text)}`,
  // TIMESTAMP_NS spans 1677-09-21 … 2262-04-11: outside it these give null rather than an error.
  ticksLiteral: (text) => `TIMESTAMP_NS ${quoteString(text)}`,
  ticksFromNanos: (nanos) => `try(make_timestamp_ns(CAST(${nanos} AS BIGINT)))`,
  epochNanos: (datetime) => `try(epoch_ns(${datetime}))`,
  // CAST(TIMESTAMP_NS AS TIMESTAMP) truncates toward zero (before 1970 too): floor in integers.
  ticksFloorMicros: (ticks) =>
    `make_timestamp((epoch_ns(${ticks}) - (epoch_ns(${ticks}) % 1000 + 1000) % 1000) // 1000)`,
  ticksCeilMicros: (ticks) =>
    `make_timestamp((epoch_ns(${ticks}) + (1000 - epoch_ns(${ticks}) % 1000) % 1000) // 1000)`,
  runVariable: (name) => `CAST(getvariable(${quoteString(name)}) AS TIMESTAMP)`,
  regexMatches: (text, pattern) => `regexp_matches(${text}, ${pattern})`,
  regexExtract: (text, pattern, group) => `regexp_extract(${text}, ${pattern}, ${group})`,
};
