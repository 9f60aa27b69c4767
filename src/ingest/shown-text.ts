/**
 * Text from a log file as messages and set-aside rows show it: cut to a readable length, because a
 * hostile record can be megabytes long and a message is read by a person (and printed to a
 * terminal: the CLI escapes control characters on the way out, src/cli/terminal-text.ts).
 */

/** Characters of a record's text kept with a row set aside. */
export const SHOWN_RECORD_CHARS = 2000;

/** A record's text, cut after SHOWN_RECORD_CHARS characters (marked with an ellipsis). */
export function shownRecord(text: string | null | undefined, max = SHOWN_RECORD_CHARS): string {
  const t = text ?? '';
  // Never cut a surrogate pair in two.
  if (t.length <= max) return t;
  const cut = /[\uD800-\uDBFF]/.test(t.charAt(max - 1)) ? max - 1 : max;
  return `${t.slice(0, cut)}…`;
}

/** A value quoted for a message, cut after `max` characters: `"15.06.2026 10:03"`. */
export function quotedValue(value: string, max = 80): string {
  return JSON.stringify(shownRecord(value, max));
}
