/**
 * Text from logs and rules on its way to a terminal. A log value is written by the attacker: an
 * ESC sequence can clear the screen or recolour it, a carriage return or newline can overwrite or
 * forge a report line, a bidi override can reverse what is read. So every control character (C0,
 * DEL, C1), line and paragraph separator and bidi control in what the CLI prints is shown as an
 * escape (`\x1b`, `\n`, `\u202e`) instead of being sent, and messages are cut to a readable length.
 */

/** Control characters, line/paragraph separators and bidi controls. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(c: string): string {
  if (Object.hasOwn(NAMED, c)) return NAMED[c]!;
  const code = c.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Characters of one message printed before it is cut (a message may quote megabytes of a file). */
export const MAX_MESSAGE_CHARS = 2000;

/** One value or line as it may be printed: every unsafe character escaped. */
export function terminalText(s: string): string {
  return s.replace(UNSAFE, escapeOne);
}

/** A message as printed: escaped, and cut after MAX_MESSAGE_CHARS characters. */
export function terminalMessage(s: string): string {
  const cut =
    s.length > MAX_MESSAGE_CHARS
      ? `${s.slice(0, MAX_MESSAGE_CHARS)}… (${s.length - MAX_MESSAGE_CHARS} more characters)`
      : s;
  return terminalText(cut);
}

/**
 * JSON text as printed: the same JSON, with the unsafe characters JSON.stringify leaves as they are
 * (DEL, C1 controls, separators, bidi controls: it escapes only C0) written as \u escapes. They can
 * only occur inside strings, so the text still parses to the same value.
 */
export function terminalJson(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** What JSON.stringify leaves unescaped of UNSAFE (its own newlines and indentation are structure). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
