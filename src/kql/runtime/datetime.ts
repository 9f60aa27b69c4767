/**
 * Run-time datetime helpers: Kusto's format_datetime/format_timespan patterns (.NET-style
 * specifiers), and reading datetime/timespan text that DuckDB's casts do not accept (RFC 822
 * dates, ISO texts with a zone offset, `d.hh:mm:ss` timespans). Datetimes cross the UDF boundary as
 * epoch microseconds (DOUBLE: exact up to year 2255) and come back as decimal text for SQL to
 * CAST (a DOUBLE UDF result is only float32 precise in DuckDB-WASM 1.32, see ./arrays.ts).
 */
import { timespanParts } from './format.ts';
import { udf } from './udf.ts';

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Splits a format into runs of one repeated letter and literal text. */
function tokens(format: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < format.length;) {
    const c = format[i]!;
    let j = i + 1;
    if (/[A-Za-z]/.test(c)) while (format[j] === c) j++;
    out.push(format.slice(i, j));
    i = j;
  }
  return out;
}

/** f…f: the first n fraction digits; F…F: the same without trailing zeros. */
function fraction(frac7: string, spec: string): string {
  const digits = frac7.slice(0, spec.length);
  return spec[0] === 'F' ? digits.replace(/0+$/, '') : digits;
}

/**
 * format_datetime(dt, format). Unknown letters are kept as they are. `tick`: the 100 ns tick below
 * the microsecond (0 … 9) of a datetime that carries one (docs/kql.md, "Datetime precision").
 */
export function formatDatetime(us: number | null, format: string | null, tick = 0): string {
  if (us === null || format === null) return '';
  const ms = Math.floor(us / 1000);
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  const frac7 = pad(((us % 1_000_000) + 1_000_000) % 1_000_000, 6) + String(tick);
  const h = d.getUTCHours();
  return tokens(format)
    .map((t) => {
      switch (t[0]) {
        case 'y':
          return t.length >= 4
            ? pad(d.getUTCFullYear(), t.length)
            : t.length === 2
              ? pad(d.getUTCFullYear() % 100, 2)
              : String(d.getUTCFullYear() % 100);
        case 'M':
          return t.length >= 2 ? pad(d.getUTCMonth() + 1, 2) : String(d.getUTCMonth() + 1);
        case 'd':
          return t.length >= 2 ? pad(d.getUTCDate(), 2) : String(d.getUTCDate());
        case 'H':
          return t.length >= 2 ? pad(h, 2) : String(h);
        case 'h':
          return t.length >= 2 ? pad(h % 12 || 12, 2) : String(h % 12 || 12);
        case 'm':
          return t.length >= 2 ? pad(d.getUTCMinutes(), 2) : String(d.getUTCMinutes());
        case 's':
          return t.length >= 2 ? pad(d.getUTCSeconds(), 2) : String(d.getUTCSeconds());
        case 'f':
        case 'F':
          return fraction(frac7, t);
        case 't':
          return t.length >= 2 ? (h < 12 ? 'AM' : 'PM') : h < 12 ? 'A' : 'P';
        default:
          return t;
      }
    })
    .join('');
}

/** format_timespan(ts, format): d = days, h/hh = hours of the day, H/HH = hours too (Kusto docs), m, s, f, F. */
export function formatTimespan(us: number | null, format: string | null): string {
  if (us === null || format === null) return '';
  const { neg, days, h, m, s, frac } = timespanParts(us);
  const frac7 = pad(frac, 6) + '0';
  const text = tokens(format)
    .map((t) => {
      switch (t[0]) {
        case 'd':
          return pad(days, t.length);
        case 'h':
        case 'H':
          return pad(h, t.length >= 2 ? 2 : 1);
        case 'm':
          return pad(m, t.length >= 2 ? 2 : 1);
        case 's':
          return pad(s, t.length >= 2 ? 2 : 1);
        case 'f':
        case 'F':
          return fraction(frac7, t);
        default:
          return t;
      }
    })
    .join('');
  return neg ? `-${text}` : text;
}

/** todatetime of text DuckDB cannot cast: the instant as epoch-µs text, or null. */
export function parseDatetime(text: string | null): string | null {
  if (!text || !/\d/.test(text)) return null;
  const ms = Date.parse(/^\d{4}-\d\d-\d\d \d/.test(text) ? text.replace(' ', 'T') : text);
  return Number.isNaN(ms) ? null : String(ms * 1000);
}

/** totimespan of text: `[-][d.]hh:mm[:ss[.fffffff]]` or a number with a unit (`2h`); µs as text, or null. */
export function parseTimespan(text: string | null): string | null {
  if (text === null) return null;
  const s = text.trim();
  const m = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/.exec(s);
  if (m) {
    const us =
      ((Number(m[2] ?? 0) * 24 + Number(m[3])) * 60 + Number(m[4])) * 60e6 +
      Number(m[5] ?? 0) * 1e6 +
      Math.round(Number(`0.${m[6] ?? '0'}`) * 1e6);
    return String(m[1] ? -us : us);
  }
  const u = /^(-?\d+(?:\.\d+)?)\s*(d|h|m|s|ms|microsecond|tick)$/.exec(s);
  if (u) {
    const scale: Record<string, number> = {
      d: 86_400e6,
      h: 3_600e6,
      m: 60e6,
      s: 1e6,
      ms: 1e3,
      microsecond: 1,
      tick: 0.1,
    };
    return String(Math.round(Number(u[1]) * scale[u[2]!]!));
  }
  return null;
}

// The UDFs of this module (registered by ./index.ts, called by the translator).
export const FORMAT_DATETIME = udf(
  'kql_format_datetime',
  ['DOUBLE', 'VARCHAR'],
  'VARCHAR',
  formatDatetime,
);
/** format_datetime of a datetime with ticks: its microseconds (floored), format, and its tick below them. */
export const FORMAT_DATETIME_TICKS = udf(
  'kql_format_datetime_ticks',
  ['DOUBLE', 'VARCHAR', 'INTEGER'],
  'VARCHAR',
  (us, format, tick) => formatDatetime(us, format, tick ?? 0),
);
export const FORMAT_TIMESPAN = udf(
  'kql_format_timespan',
  ['DOUBLE', 'VARCHAR'],
  'VARCHAR',
  formatTimespan,
);
export const PARSE_DATETIME = udf('kql_parse_datetime', ['VARCHAR'], 'VARCHAR', parseDatetime);
export const PARSE_TIMESPAN = udf('kql_parse_timespan', ['VARCHAR'], 'VARCHAR', parseTimespan);
