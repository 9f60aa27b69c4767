/**
 * The text an analyst types into a time filter box, read as a UTC instant. Loupe shows every time
 * as "2026-06-15 16:00:00 UTC" (format.ts), so a time copied from a cell, a run or the timeline
 * pastes straight back in; the browser's datetime-local box would instead show the machine's
 * locale (a 12-hour clock, month first) and could not take that text.
 */

/** "2026-06-15", "2026-06-15 16:00", "…16:00:05.250", a T instead of the space, " UTC" or "Z". */
const UTC_TEXT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?\s*(?:UTC|Z)?$/i;

/** Epoch ms of the text; undefined for an empty box; 'invalid' for text that is not a UTC time. */
export function parseUtcText(text: string): number | undefined | 'invalid' {
  const s = text.trim();
  if (s === '') return undefined;
  const m = UTC_TEXT.exec(s);
  if (!m) return 'invalid';
  const [y, mo, d, h = '0', mi = '0', sec = '0', frac = ''] = m.slice(1) as string[];
  const ms = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +sec, frac ? +frac.padEnd(3, '0') : 0);
  // Date.UTC rolls 2026-02-30 over into March: a date that does not exist is a typo, not a time.
  const back = new Date(ms);
  if (
    back.getUTCMonth() !== +mo! - 1 ||
    back.getUTCDate() !== +d! ||
    +h > 23 ||
    +mi > 59 ||
    +sec > 59
  )
    return 'invalid';
  return ms;
}

/** The box's text for an instant (a filter restored from the URL): Loupe's UTC form without " UTC". */
export function utcText(ms: number | undefined): string {
  if (ms === undefined) return '';
  const iso = new Date(ms).toISOString(); // 2026-06-15T16:00:00.000Z
  const text = iso.slice(0, 10) + ' ' + iso.slice(11, 19);
  return iso.slice(20, 23) === '000' ? text : `${text}.${iso.slice(20, 23)}`;
}
