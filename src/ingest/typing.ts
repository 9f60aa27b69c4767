/**
 * SQL that turns a raw text cell (VARCHAR, NULL for an empty field) into its KQL type's storage
 * (src/schema/kql-types.ts), and SQL that tells a value that failed to convert from an empty one.
 * Conversion never silently yields NULL for a non-empty cell: the loader checks every typed column
 * and refuses the file, naming the line, when a value does not fit.
 */
import type { KqlType } from '../schema/kql-types.ts';
import { DYNAMIC_UDF } from './dynamic-text.ts';
import { DEFAULT_LIMITS } from './limits.ts';
import { quoteString } from './sql-text.ts';

/**
 * Datetime text forms read. The Log Analytics portal writes `6/15/2026, 9:56:49.975 AM` (UTC);
 * Excel re-saves drop the comma, the seconds or the AM/PM. Each form is recognised by a regular
 * expression before `try_strptime` is called with its one format: measured on DuckDB-WASM,
 * `try_strptime` is fast when the format matches but ~100× slower when it does not, so guessing
 * formats in turn would dominate the load. ISO-8601 (with `T` or a space, any fraction up to 7
 * digits, `Z` or an offset) goes through TIMESTAMPTZ, which applies the offset, then to TIMESTAMP,
 * which is the UTC instant.
 */
export const DATETIME_FORMATS: readonly { readonly shape: string; readonly format: string }[] = [
  {
    shape: '^\\d{1,2}/\\d{1,2}/\\d{4}, \\d{1,2}:\\d{2}:\\d{2}\\.\\d{3} [AP]M$',
    format: '%m/%d/%Y, %I:%M:%S.%g %p',
  },
  {
    shape: '^\\d{1,2}/\\d{1,2}/\\d{4}, \\d{1,2}:\\d{2}:\\d{2}\\.\\d{1,6} [AP]M$',
    format: '%m/%d/%Y, %I:%M:%S.%f %p',
  },
  {
    shape: '^\\d{1,2}/\\d{1,2}/\\d{4},? \\d{1,2}:\\d{2}:\\d{2} [AP]M$',
    format: '%m/%d/%Y, %I:%M:%S %p',
  },
  { shape: '^\\d{1,2}/\\d{1,2}/\\d{4} \\d{1,2}:\\d{2} [AP]M$', format: '%m/%d/%Y %I:%M %p' },
  {
    shape: '^\\d{1,2}/\\d{1,2}/\\d{4} \\d{1,2}:\\d{2}:\\d{2}\\.\\d{1,6}$',
    format: '%m/%d/%Y %H:%M:%S.%f',
  },
  { shape: '^\\d{1,2}/\\d{1,2}/\\d{4} \\d{1,2}:\\d{2}:\\d{2}$', format: '%m/%d/%Y %H:%M:%S' },
  { shape: '^\\d{1,2}/\\d{1,2}/\\d{4} \\d{1,2}:\\d{2}$', format: '%m/%d/%Y %H:%M' },
];

/**
 * The strptime format of a sample datetime's text form (one of DATETIME_FORMATS, the comma kept as
 * the sample has it), or undefined for ISO-8601 and unknown forms.
 */
export function datetimeFormatOf(sample: string | undefined): string | undefined {
  if (sample === undefined) return undefined;
  const form = DATETIME_FORMATS.find((f) => new RegExp(f.shape).test(sample));
  if (!form) return undefined;
  return form.shape.includes(',?') && !sample.includes(',')
    ? form.format.replace(',', '')
    : form.format;
}

function datetimeSql(v: string, raw: string, likely: string | undefined): string {
  const branches = DATETIME_FORMATS.map(
    (f) =>
      `WHEN regexp_matches(${v}, ${quoteString(f.shape)}) THEN try_strptime(${f.shape.includes(',?') ? `replace(${v}, ',', '')` : v}, ${quoteString(f.shape.includes(',?') ? f.format.replace(',', '') : f.format)})`,
  );
  // Every M/D/YYYY shape has a '/', ISO-8601 never does: a value without one skips the regular
  // expressions (measured: ISO datetimes from JSON exports ran through all seven first).
  const iso = `TRY_CAST(TRY_CAST(${v} AS TIMESTAMPTZ) AS TIMESTAMP)`;
  const checked = `CASE WHEN ${v} IS NULL THEN NULL WHEN NOT contains(${v}, '/') THEN ${iso} ${branches.join(' ')} ELSE ${iso} END`;
  // The file's own form, known from a sample, is tried first, before any regular expression: a
  // value in that form (every value, in an export) is then read by strptime alone. Measured in Node
  // on a 100,000-row portal export (two datetime columns): loaded in 0.57 s this way, 0.73 s without.
  // strptime accepts what the shapes would (and a little more: "am", doubled spaces), and a file's
  // sample comes from its first records, so a file reads the same whether it is read whole or in parts.
  return likely ? `COALESCE(try_strptime(${raw}, ${quoteString(likely)}), ${checked})` : checked;
}

/** What an analyst is told a datetime should look like. */
export const DATETIME_EXPECTED =
  'M/D/YYYY, h:mm:ss.fff AM/PM (Log Analytics export, UTC) or ISO-8601 such as 2026-06-15T09:56:49.975Z';

/**
 * SQL for the typed value of raw text `r` (an SQL expression of type VARCHAR). `datetimeFormat`:
 * the strptime format a datetime column's values most likely have (datetimeFormatOf a sample).
 */
export function typedSql(
  r: string,
  type: KqlType,
  datetimeFormat?: string,
  jsonDepth: number = DEFAULT_LIMITS.jsonDepth,
): string {
  const v = `NULLIF(trim(${r}), '')`;
  switch (type) {
    case 'string':
    case 'guid':
      // KQL strings are never null: a missing string is "".
      return `COALESCE(${r}, '')`;
    case 'dynamic':
      return `${DYNAMIC_UDF}(${r}, CAST(${Math.trunc(jsonDepth)} AS INTEGER))`;
    case 'long':
      return `TRY_CAST(${v} AS BIGINT)`;
    case 'int':
      return `TRY_CAST(${v} AS INTEGER)`;
    case 'real':
    case 'decimal':
      return `TRY_CAST(${v} AS DOUBLE)`;
    case 'bool':
      // Log Analytics writes true/false, Excel re-saves TRUE/FALSE; KQL also reads 1/0.
      return `CASE lower(${v}) WHEN 'true' THEN true WHEN '1' THEN true WHEN 'false' THEN false WHEN '0' THEN false END`;
    case 'datetime':
      return datetimeSql(v, r, datetimeFormat);
    case 'timespan':
      // KQL timespan text: [-][d.]hh:mm:ss[.fffffff], stored as an INTERVAL of microseconds only.
      return timespanSql(v);
  }
}

function timespanSql(v: string): string {
  const re = quoteString('^(-?)(?:(\\d+)\\.)?(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,7}))?$');
  const g = (n: number) => `regexp_extract(${v}, ${re}, ${n})`;
  const us =
    `(COALESCE(TRY_CAST(NULLIF(${g(2)}, '') AS BIGINT), 0) * 86400000000 + CAST(${g(3)} AS BIGINT) * 3600000000 + ` +
    `CAST(${g(4)} AS BIGINT) * 60000000 + CAST(${g(5)} AS BIGINT) * 1000000 + ` +
    `COALESCE(TRY_CAST(NULLIF(rpad(left(${g(6)}, 6), 6, '0'), '000000') AS BIGINT), 0))`;
  return `CASE WHEN regexp_matches(${v}, ${re}) THEN to_microseconds(CASE WHEN ${g(1)} = '-' THEN -1 ELSE 1 END * ${us}) END`;
}

/**
 * Whether a type's conversion can fail: strings take any text; dynamic takes any text too (text
 * that is not JSON is a dynamic string), except JSON nested past the depth limit.
 */
export function canFail(type: KqlType): boolean {
  return !(type === 'string' || type === 'guid');
}

/** What a value of the type should look like, for error messages. */
export function expectedText(type: KqlType): string {
  switch (type) {
    case 'datetime':
      return `a datetime: ${DATETIME_EXPECTED}`;
    case 'long':
    case 'int':
      return 'a whole number';
    case 'real':
    case 'decimal':
      return 'a number';
    case 'bool':
      return 'true or false';
    case 'timespan':
      return 'a timespan such as 00:05:00 or 1.02:03:04.5';
    default:
      return `a ${type}`;
  }
}
