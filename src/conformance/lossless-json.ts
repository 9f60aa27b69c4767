/**
 * JSON.parse that keeps integers beyond ±2^53 exact, as BigInt. Kusto's `long` is 64-bit and the
 * corpus has such values (e.g. `hash()` results); a plain JSON.parse would round them to the
 * nearest double, and the comparison would then accept a wrong answer or reject a right one.
 */

/** A prefix no corpus string has: a NUL character (written as the JSON escape below). */
const MARK = '\u0000bigint:';
const MARK_JSON = '\\u0000bigint:';

export function parseJsonLossless(text: string): unknown {
  let out = '';
  let last = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') {
      // Skip a string literal, honouring escapes, so digits inside strings are left alone.
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (ch === '-' || (ch >= '0' && ch <= '9')) {
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      if (!m) throw new SyntaxError(`bad number at offset ${i}`);
      const token = m[0];
      if (m[1] === undefined && m[2] === undefined && !Number.isSafeInteger(Number(token))) {
        out += `${text.slice(last, i)}"${MARK_JSON}${token}"`;
        last = i + token.length;
      }
      i += token.length;
      continue;
    }
    i++;
  }
  out += text.slice(last);
  return JSON.parse(out, (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith(MARK) ? BigInt(value.slice(MARK.length)) : value,
  );
}
