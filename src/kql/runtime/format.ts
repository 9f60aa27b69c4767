/** KQL's text forms of values (tostring and the report), shared by SQL UDFs and decodeValue. */
import { udf } from './udf.ts';

/** A timespan in microseconds split into its sign and day/hour/minute/second/microsecond parts. */
export function timespanParts(us: number): {
  neg: boolean;
  days: number;
  h: number;
  m: number;
  s: number;
  frac: number;
} {
  let rest = Math.round(Math.abs(us));
  const frac = rest % 1_000_000;
  rest = (rest - frac) / 1_000_000;
  const s = rest % 60;
  rest = (rest - s) / 60;
  const m = rest % 60;
  rest = (rest - m) / 60;
  const h = rest % 24;
  return { neg: us < 0, days: (rest - h) / 24, h, m, s, frac };
}

/** A timespan in microseconds as KQL prints it: `[-][d.]hh:mm:ss[.fffffff]`. */
export function timespanText(us: number | null): string | null {
  if (us === null || !Number.isFinite(us)) return null;
  const { neg, days: d, h, m, s, frac } = timespanParts(us);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const f = frac ? `.${String(frac).padStart(6, '0')}0` : '';
  return `${neg ? '-' : ''}${d ? `${d}.` : ''}${p2(h)}:${p2(m)}:${p2(s)}${f}`;
}

/** A real as KQL's tostring prints it (shortest round-trip form, e.g. 1 not 1.0). */
export function realText(x: number | null): string | null {
  if (x === null) return null;
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  return String(x);
}

export const REAL_TOSTRING = udf('kql_real_tostring', ['DOUBLE'], 'VARCHAR', realText);
export const TIMESPAN_TEXT = udf('kql_timespan_text', ['DOUBLE'], 'VARCHAR', timespanText);
