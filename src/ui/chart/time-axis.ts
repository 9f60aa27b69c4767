/**
 * Labels of a timeline's UTC time axis. Within one day the 24-hour clock is enough; a range over
 * several days repeats "00:00 06:00 12:00…", so the first tick and every tick on a new UTC day
 * also carry the date (on a second line), and an analyst can tell which day a spike is on.
 */
import { formatUtcClock } from '../format.ts';

const DAY_MS = 86_400_000;

/** The date part of Loupe's UTC form: "2026-06-15". */
function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** One label per tick (epoch ms, ascending). */
export function timeTickLabels(splits: readonly number[]): string[] {
  if (splits.length === 0) return [];
  const oneDay =
    Math.floor(splits[0]! / DAY_MS) === Math.floor(splits[splits.length - 1]! / DAY_MS);
  let day = '';
  return splits.map((t) => {
    const clock = formatUtcClock(t);
    if (oneDay) return clock;
    const d = utcDate(t);
    if (d === day) return clock;
    day = d;
    return `${clock}\n${d}`;
  });
}
