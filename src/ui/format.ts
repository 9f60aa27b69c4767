/**
 * How Loupe writes numbers and times: always UTC (KQL datetimes are UTC; analysts compare them
 * with Sentinel's), ISO-like so they sort and read the same everywhere, with the zone shown.
 */
import { stringifyJson } from '../json/stringify.ts';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** "2026-06-15 16:00:00 UTC" (milliseconds shown only when present). */
export function formatUtc(t: number | string | null | undefined): string {
  if (t === null || t === undefined || t === '') return '—';
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return String(t);
  const ms = d.getUTCMilliseconds();
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${ms ? `.${pad(ms, 3)}` : ''} UTC`
  );
}

/** "16:00" — for dense places (the run strip) where the date is shown around it. */
export function formatUtcClock(t: number | string): string {
  const d = new Date(t);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** "1 alert", "2 alerts", "1,204 rules": a count with its noun, in the singular for one. */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/**
 * A number column's value: thousands separated, every fraction digit kept (the shortest text that
 * reads back as the same double), NaN and infinities as JavaScript writes them.
 */
export function formatNumber(n: number): string {
  return Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: 20 }) : String(n);
}

/**
 * A result cell as shown (the grid, alert rows): datetimes in Loupe's UTC form, numbers with
 * separators, everything else as formatValue writes it. Copies and exports keep the raw value.
 */
export function formatCell(v: unknown, type: string | undefined): string {
  if (type === 'datetime' && (typeof v === 'string' || typeof v === 'number')) return formatUtc(v);
  if (
    (type === 'long' || type === 'int' || type === 'real' || type === 'decimal') &&
    typeof v === 'number'
  )
    return formatNumber(v);
  return formatValue(v);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** The ISO-8601 text the replay report gives datetimes in (src/rules/values.ts isoTime; 7 digits: src/db/ticks.ts). */
const REPORT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.(\d{3}|\d{7})Z$/;

/**
 * A value of a replay report's result rows as shown: the report is JSON without column types, so
 * a datetime arrives as its ISO text and is shown in Loupe's UTC form (a string holding exactly
 * that text names the same instant); numbers get separators.
 */
export function formatReportValue(v: unknown): string {
  if (typeof v === 'string' && REPORT_TIME.test(v)) return formatUtc(v);
  if (typeof v === 'number') return formatNumber(v);
  return formatValue(v);
}

/** A result value as text: strings as they are, dynamic values (arrays, bags) as JSON. */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return stringifyJson(v);
}
