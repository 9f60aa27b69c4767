/**
 * The values of KQL literal tokens, read from the text Kusto.Language kept for them. Kusto.Language
 * has already checked their syntax; what is decided here is Loupe's representation: longs that
 * JavaScript numbers hold exactly, timespans in microseconds (Loupe's resolution; docs/kql.md),
 * datetimes as text that `expr.ts` turns into a TIMESTAMP, dynamic constants as canonical JSON.
 */

/** Microseconds per timespan unit (Kusto's units; 1 tick = 100 ns, kept fractional here). */
export const TIMESPAN_UNITS: Readonly<Record<string, number>> = {
  d: 86_400e6,
  day: 86_400e6,
  days: 86_400e6,
  h: 3_600e6,
  hr: 3_600e6,
  hrs: 3_600e6,
  hour: 3_600e6,
  hours: 3_600e6,
  m: 60e6,
  min: 60e6,
  minute: 60e6,
  minutes: 60e6,
  s: 1e6,
  sec: 1e6,
  second: 1e6,
  seconds: 1e6,
  ms: 1e3,
  milli: 1e3,
  millis: 1e3,
  millisecond: 1e3,
  milliseconds: 1e3,
  microsecond: 1,
  microseconds: 1,
  tick: 0.1,
  ticks: 0.1,
};

/**
 * A timespan literal's microseconds, or null for `timespan(null)`, or undefined when the text is
 * not one Loupe reads. Forms: `1.5h`, `100ms`, `1tick` (a number glued to a unit, as a token or
 * inside `timespan(…)`/`time(…)`), and `d.hh:mm:ss[.fffffff]` / `hh:mm[:ss]`.
 */
export function timespanMicros(text: string): number | null | undefined {
  const s = text.trim();
  if (s === 'null') return null;
  const unit = /^([+-]?)(\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*([a-z]+)$/i.exec(s);
  if (unit) {
    const per = TIMESPAN_UNITS[unit[3]!.toLowerCase()];
    if (per === undefined) return undefined;
    const us = Math.round(Number(unit[2]) * per);
    return unit[1] === '-' ? -us : us;
  }
  // A bare number inside timespan(…) counts days (Kusto: `timespan(2)` is two days).
  if (/^[+-]?\d+(?:\.\d+)?$/.test(s)) return Math.round(Number(s) * TIMESPAN_UNITS.d!);
  const m = /^([+-])?(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/.exec(s);
  if (!m) return undefined;
  const us =
    ((Number(m[2] ?? 0) * 24 + Number(m[3])) * 60 + Number(m[4])) * 60e6 +
    Number(m[5] ?? 0) * 1e6 +
    Math.round(Number(`0.${m[6] ?? '0'}`) * 1e6);
  return m[1] === '-' ? -us : us;
}

/** The value of a numeric literal's text: `42`, `0x2A`, `-7`, `1.5e3`, `nan`, `+inf`, `-infinity`. */
export function numberValue(text: string): number | undefined {
  const s = text.trim();
  if (/^[+-]?0x[0-9a-f]+$/i.test(s))
    return (s.startsWith('-') ? -1 : 1) * Number(s.replace(/^[+-]/, ''));
  if (/^[+-]?nan$/i.test(s)) return Number.NaN;
  if (/^[+-]?inf(inity)?$/i.test(s))
    return s.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return undefined;
  return Number(s);
}

/**
 * The other spellings Kusto accepts inside `datetime(…)`, rewritten to `yyyy-mm-dd hh:mm:ss`:
 * quoted text (`datetime("2015-12-14")`), the comma form `datetime(2025, 6, 14[, h, m, s])`, and
 * US dates `MM-DD-YYYY` / `MM/DD/YYYY`. Other text is returned trimmed and unchanged.
 */
export function normalizeDatetimeText(raw: string): string {
  let text = raw.trim();
  const quoted = /^(['"])(.*)\1$/.exec(text);
  if (quoted) text = quoted[2]!.trim();
  const comma =
    /^(\d{4})\s*,\s*(\d{1,2})\s*,\s*(\d{1,2})(?:\s*,\s*(\d{1,2})(?:\s*,\s*(\d{1,2})(?:\s*,\s*(\d{1,2}(?:\.\d+)?))?)?)?$/.exec(
      text,
    );
  if (comma) {
    const [, y, mo, d, h = '0', mi = '0', sec = '0'] = comma;
    const [whole, frac] = sec.split('.');
    return `${y}-${mo}-${d} ${h}:${mi.padStart(2, '0')}:${whole!.padStart(2, '0')}${frac ? `.${frac}` : ''}`;
  }
  // `datetime(2017 - 08 - 01)`: Kusto reads the date with spaces around its dashes (sliding_window_counts' reference example).
  text = text.replace(/^(\d{4})\s+-\s*(\d{1,2})\s*-\s*(\d{1,2})\b/, '$1-$2-$3');
  const us = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})(.*)$/.exec(text);
  if (us) return `${us[3]}-${us[1]}-${us[2]}${us[4]}`;
  return text;
}

/** `datetime(2024-01-02 03:04:05.1234567)` text → Kusto's ISO form (`…T03:04:05.1234567Z`); undefined if unreadable. */
export function datetimeIso(text: string): string | undefined {
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*Z?$/i.exec(
      normalizeDatetimeText(text),
    );
  if (!m) return undefined;
  const p = (x: string | undefined, n = 2) => (x ?? '0').padStart(n, '0');
  // Always 7 fraction digits, as Kusto writes datetimes inside dynamic values (see convert.ts toJsonSql).
  const frac = `.${(m[7] ?? '').slice(0, 6).padEnd(6, '0')}0`;
  return `${m[1]}-${p(m[2])}-${p(m[3])}T${p(m[4])}:${p(m[5])}:${p(m[6])}${frac}Z`;
}
