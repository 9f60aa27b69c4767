/**
 * Rule durations. Azure-Sentinel YAML templates write `1h`, `5d`, `30m`; the API and ARM exports
 * write ISO-8601 (`PT5H`, `P1D`, `PT1H30M`); SentinelHealth and some exports use .NET TimeSpan text
 * (`05:00:00`, `14.00:00:00`). All three are read, to milliseconds.
 */
import type { Duration } from './rule.ts';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const UNIT_MS: Record<string, number> = { ms: 1, s: SECOND, m: MINUTE, h: HOUR, d: DAY };

/** `1h`, `90m`, `1.5d`: one number and one unit (the Azure-Sentinel template form). */
const SHORT = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/i;
/** ISO-8601 duration without years/months (their length is not fixed): P1W, P1DT2H, PT0.5S. */
const ISO =
  /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;
/** .NET TimeSpan: [d.]hh:mm[:ss[.fffffff]]. */
const TIMESPAN = /^(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/;

/** Parses a duration, or returns undefined when the text is none of the accepted forms. */
export function parseDuration(text: string): Duration | undefined {
  const t = text.trim();
  const ms = durationMs(t);
  return ms === undefined ? undefined : { ms, text: t };
}

function durationMs(t: string): number | undefined {
  const short = SHORT.exec(t);
  if (short) return Math.round(Number(short[1]) * UNIT_MS[short[2]!.toLowerCase()]!);
  const iso = ISO.exec(t);
  // `P` and `PT` alone match the pattern with every part absent: not a duration.
  if (iso && iso.slice(1).some((p) => p !== undefined)) {
    const [w, d, h, m, s] = iso.slice(1).map((p) => (p === undefined ? 0 : Number(p)));
    return Math.round(w! * 7 * DAY + d! * DAY + h! * HOUR + m! * MINUTE + s! * SECOND);
  }
  const ts = TIMESPAN.exec(t);
  if (ts) {
    const [d, h, m, s] = ts.slice(1, 5).map((p) => (p === undefined ? 0 : Number(p)));
    const frac = ts[5] === undefined ? 0 : Number(`0.${ts[5]}`);
    if (h! > 23 || m! > 59 || s! > 59) return undefined;
    return Math.round(d! * DAY + h! * HOUR + m! * MINUTE + (s! + frac) * SECOND);
  }
  return undefined;
}

/** A short human form (`1h`, `5d`, `1h30m`), for messages. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of [
    ['d', DAY],
    ['h', HOUR],
    ['m', MINUTE],
    ['s', SECOND],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  if (rest > 0) parts.push(`${rest}ms`);
  return parts.join('');
}
