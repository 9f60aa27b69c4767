/**
 * Reals inside dynamic values. Kusto keeps a dynamic number's type: `dynamic([111.0])` holds a
 * real and prints as `[111.0]`, `dynamic([111])` a long (the dynamic data type page; the
 * series_fill_linear page fills an array of reals with 73.5 and the same array of longs with 73).
 * JavaScript's JSON.parse reads both as the number 111, so Loupe writes a whole real with a
 * decimal point (`111.0`) in a dynamic value's canonical text, and the code that builds that text
 * from a parsed value marks reals with a marker string (`realMark`) and turns the marks back into
 * numbers after JSON.stringify (`unmarkReals`).
 *
 * The strings of a dynamic value come from the logs, so a log could hold text that looks like a
 * marker. Two things keep such text a string: the marker holds a nonce drawn when the module loads,
 * which no log can know, and a mark is replaced only by a JSON number token, never by other text
 * (which would let a string become JSON structure).
 */

/** The text of a real inside JSON: a whole finite real keeps a decimal point (`111.0`). */
export function realText(x: number): string {
  if (!Number.isFinite(x)) return JSON.stringify(x);
  return Number.isInteger(x) && Math.abs(x) < 1e21 ? `${x === 0 ? 0 : x}.0` : JSON.stringify(x);
}

/** Hex digits no log can predict: the marker of this process's reals. */
const NONCE = Array.from(globalThis.crypto.getRandomValues(new Uint8Array(8)), (b) =>
  b.toString(16).padStart(2, '0'),
).join('');
const MARK = `\u0000\u0001real${NONCE}:`;

/** A real as a marker string to put in a value before JSON.stringify; non-finite reals stay numbers. */
export function realMark(x: number): string | number {
  return Number.isFinite(x) ? `${MARK}${realText(x)}` : x;
}

// The marker as JSON.stringify writes it (the control characters escaped), followed by a number.
const MARKED_PREFIX = `\\u0000\\u0001real${NONCE}:`;
const MARKED = new RegExp(
  `"${MARKED_PREFIX.replaceAll('\\', '\\\\')}(-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)"`,
  'g',
);

/** JSON text with every real marker replaced by the number it stands for. */
export function unmarkReals(json: string): string {
  return json.includes(MARKED_PREFIX) ? json.replace(MARKED, '$1') : json;
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * JSON.parse that keeps reals: every number written with a fraction or an exponent comes back as a
 * real marker (`realMark`), integers as numbers. Throws on invalid JSON as JSON.parse does.
 */
export function parseKeepingReals(text: string): unknown {
  if (!/[.eE]/.test(text)) return JSON.parse(text);
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      // Skip the string, escapes included.
      i++;
      while (i < text.length && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 ? 2 : 1;
      i++;
      continue;
    }
    if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) {
        i++;
        continue;
      }
      const token = m[0];
      if (/[.eE]/.test(token)) {
        const mark = realMark(Number(token));
        out += text.slice(from, i) + JSON.stringify(mark);
        from = i + token.length;
      }
      i += token.length;
      continue;
    }
    i++;
  }
  return JSON.parse(out + text.slice(from));
}
