/**
 * Conversions between KQL types in SQL, shared by functions and operators: tostring (KQL's text
 * forms), and the JSON encoding of a scalar as a `dynamic` element (make_set, make_list, pack…).
 */
import { microsFromInterval } from './sql.ts';
import { fractionText } from './ticks.ts';
import type { Typed } from './types.ts';
import { DYN_TOSTRING, JSON_REAL, JSON_STRING } from './runtime/dynamic.ts';
import { REAL_TOSTRING, TIMESPAN_TEXT } from './runtime/format.ts';

/** KQL's datetime text: `2024-01-02T03:04:05Z`, or with 7 fraction digits when there is a fraction. */
function datetimeText(x: Typed): string {
  const f = fractionText(x);
  return (
    `(strftime(${x.sql}, '%Y-%m-%dT%H:%M:%S') || CASE WHEN ${f.isZero} THEN '' ` +
    `ELSE '.' || ${f.digits} END || 'Z')`
  );
}

/**
 * `tostring(x)`: never null (KQL: tostring(null) is ""). Dynamic strings lose their quotes, other
 * dynamic values become their JSON text.
 */
export function toStringSql(x: Typed): string {
  switch (x.type) {
    case 'string':
      return x.sql;
    case 'guid':
      // A guid may be SQL NULL (the null guid: base64_decode_toguid of text that is no guid).
      return `coalesce(${x.sql}, '')`;
    case 'null':
      return `''`;
    case 'dynamic':
      return DYN_TOSTRING.call(x.sql);
    case 'long':
    case 'int':
      return `coalesce(CAST(${x.sql} AS VARCHAR), '')`;
    case 'real':
    case 'decimal':
      return `coalesce(${REAL_TOSTRING.call(x.sql)}, '')`;
    case 'bool':
      return `CASE WHEN ${x.sql} IS NULL THEN '' WHEN ${x.sql} THEN 'true' ELSE 'false' END`;
    case 'datetime':
      return `coalesce(${datetimeText(x)}, '')`;
    case 'timespan':
      return `coalesce(${TIMESPAN_TEXT.call(microsFromInterval(x.sql))}, '')`;
  }
}

/** The canonical JSON text of a scalar as a dynamic value; SQL NULL for KQL null. */
export function toJsonSql(x: Typed): string {
  switch (x.type) {
    case 'dynamic':
      return x.sql;
    case 'null':
      return 'NULL';
    case 'string':
    case 'guid':
      // Escaping `\` and `"` in SQL is ~4× faster than a JavaScript UDF per row (docs/kql.md);
      // the rare strings with control characters (which JSON writes as \uXXXX) take the UDF.
      return (
        `CASE WHEN regexp_matches(${x.sql}, '[\\x00-\\x1f]') THEN ${JSON_STRING.call(x.sql)} ` +
        `ELSE '"' || replace(replace(${x.sql}, '\\', '\\\\'), '"', '\\"') || '"' END`
      );
    case 'long':
    case 'int':
      return `CAST(${x.sql} AS VARCHAR)`;
    case 'real':
    case 'decimal':
      return JSON_REAL.call(x.sql);
    case 'bool':
      return `CASE WHEN ${x.sql} THEN 'true' WHEN NOT ${x.sql} THEN 'false' END`;
    case 'datetime':
      // Inside dynamic values Kusto always writes the 7 fraction digits ("…T00:00:00.0000000Z"),
      // unlike tostring, which drops a zero fraction.
      return `('"' || strftime(${x.sql}, '%Y-%m-%dT%H:%M:%S') || '.' || ${fractionText(x, 'Z"').digits})`;
    case 'timespan':
      return `('"' || ${TIMESPAN_TEXT.call(microsFromInterval(x.sql))} || '"')`;
  }
}
