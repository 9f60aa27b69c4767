/**
 * KQL lexer: text → tokens, each with its [start, end) character offsets.
 *
 * Kusto specifics handled here because the parser cannot see them in a plain token stream:
 * - string forms: '…' and "…" with backslash escapes, verbatim @'…'/@"…" (quote doubled inside),
 *   obfuscated h'…', and multi-line ```…``` strings;
 * - timespan literals: a number glued to a unit (`1h`, `30m`, `5d`, `100ms`, `1tick`);
 * - `datetime(…)`/`timespan(…)` literals whose content is not KQL tokens (`datetime(2024-01-01 10:00)`);
 * - hyphenated operator names (`project-away`, `mv-expand`) and negated/insensitive operators
 *   (`!in`, `in~`, `!has_cs`, `!contains`), so that `a-b` stays a subtraction.
 */
import { KqlError, lineColumn } from '../../kql/errors.ts';
import { TIMESPAN_UNITS } from '../../kql/syntax/literal-values.ts';

export type TokenKind =
  'ident' | 'string' | 'long' | 'real' | 'timespan' | 'datetime' | 'punct' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** For ident/punct: the text; for string: the decoded value; for numbers: the source text. */
  readonly value: string;
  /** timespan: microseconds; long/real: the number. */
  readonly num?: number;
  readonly start: number;
  readonly end: number;
}

/** Operator names that contain a hyphen (`project-away`), read as one identifier. */
const HYPHENATED = new Set([
  'project-away',
  'project-keep',
  'project-rename',
  'project-reorder',
  'mv-expand',
  'mv-apply',
  'make-series',
  'top-nested',
  'top-hitters',
  'parse-where',
  'parse-kv',
  'sample-distinct',
]);

const PUNCT2 = ['==', '!=', '<>', '<=', '>=', '=~', '!~', '=>', '..'];
const PUNCT1 = '|()[]{},;.=<>+-*/%:$!@~?';

const isIdStart = (c: string) => /[A-Za-z_]/.test(c);
const isIdPart = (c: string) => /[A-Za-z0-9_]/.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const fail = (msg: string, at: number, len = 1): never => {
    const { line, column } = lineColumn(text, at);
    throw new KqlError('syntax', `${msg} (line ${line}, column ${column})`, {
      line,
      column,
      length: len,
    });
  };

  while (i < text.length) {
    const c = text[i]!;
    // Whitespace and // comments.
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    const start = i;

    // Strings.
    if (c === '`' && text.startsWith('```', i)) {
      const close = text.indexOf('```', i + 3);
      if (close < 0) fail('unterminated multi-line string ```', start, 3);
      out.push({ kind: 'string', value: text.slice(i + 3, close), start, end: close + 3 });
      i = close + 3;
      continue;
    }
    // h@"…" / h@'…': an obfuscated verbatim string (Kusto hides its value in its logs), read as @"…".
    const obfuscatedVerbatim =
      (c === 'h' || c === 'H') &&
      text[i + 1] === '@' &&
      (text[i + 2] === '"' || text[i + 2] === "'");
    if (obfuscatedVerbatim) i++;
    const lead = obfuscatedVerbatim ? '@' : c;
    if (
      (lead === '@' || lead === 'h' || lead === 'H') &&
      (text[i + 1] === '"' || text[i + 1] === "'")
    ) {
      if (lead === '@') {
        const q = text[i + 1]!;
        let j = i + 2;
        let v = '';
        for (;;) {
          if (j >= text.length) fail('unterminated verbatim string', start, j - start);
          if (text[j] === q) {
            if (text[j + 1] === q) {
              v += q;
              j += 2;
              continue;
            }
            break;
          }
          v += text[j++];
        }
        out.push({ kind: 'string', value: v, start, end: j + 1 });
        i = j + 1;
        continue;
      }
      i++; // h'…' is an ordinary string whose value is hidden in Kusto's logs only.
    }
    if (text[i] === '"' || text[i] === "'") {
      const q = text[i]!;
      let j = i + 1;
      let v = '';
      for (;;) {
        if (j >= text.length || text[j] === '\n') fail('unterminated string', start, j - start);
        const ch = text[j]!;
        if (ch === q) break;
        if (ch === '\\') {
          const e = text[j + 1];
          const simple: Record<string, string> = {
            n: '\n',
            t: '\t',
            r: '\r',
            '\\': '\\',
            '"': '"',
            "'": "'",
            '0': '\0',
            b: '\b',
            f: '\f',
            v: '\v',
            a: '\x07',
          };
          if (e !== undefined && e in simple) {
            v += simple[e];
            j += 2;
            continue;
          }
          if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) {
            v += String.fromCharCode(parseInt(text.slice(j + 2, j + 6), 16));
            j += 6;
            continue;
          }
          if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(j + 2, j + 4))) {
            v += String.fromCharCode(parseInt(text.slice(j + 2, j + 4), 16));
            j += 4;
            continue;
          }
          fail(`unknown escape \\${e ?? ''} in string`, j, 2);
        }
        v += ch;
        j++;
      }
      out.push({ kind: 'string', value: v, start, end: j + 1 });
      i = j + 1;
      continue;
    }

    // Numbers, and timespans (a number glued to a unit).
    if (isDigit(c) || (c === '.' && isDigit(text[i + 1] ?? ''))) {
      let j = i;
      if (c === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X')) {
        j += 2;
        while (/[0-9a-fA-F]/.test(text[j] ?? '')) j++;
        out.push({
          kind: 'long',
          value: text.slice(i, j),
          num: Number(text.slice(i, j)),
          start,
          end: j,
        });
        i = j;
        continue;
      }
      while (isDigit(text[j] ?? '')) j++;
      let real = false;
      if (text[j] === '.' && isDigit(text[j + 1] ?? '')) {
        real = true;
        j++;
        while (isDigit(text[j] ?? '')) j++;
      }
      if (
        (text[j] === 'e' || text[j] === 'E') &&
        /[0-9+-]/.test(text[j + 1] ?? '') &&
        !isIdStart(text[j + 2] ?? '0')
      ) {
        real = true;
        j += 2;
        while (isDigit(text[j] ?? '')) j++;
      }
      const numText = text.slice(i, j);
      if (isIdStart(text[j] ?? '')) {
        let k = j;
        while (isIdPart(text[k] ?? '')) k++;
        const unit = text.slice(j, k).toLowerCase();
        const us = TIMESPAN_UNITS[unit];
        if (us === undefined) fail(`unknown timespan unit "${text.slice(j, k)}"`, j, k - j);
        out.push({
          kind: 'timespan',
          value: text.slice(i, k),
          num: Math.round(Number(numText) * us!),
          start,
          end: k,
        });
        i = k;
        continue;
      }
      out.push({
        kind: real ? 'real' : 'long',
        value: numText,
        num: Number(numText),
        start,
        end: j,
      });
      i = j;
      continue;
    }

    // Identifiers, literal-with-raw-content forms, hyphenated operators, `in~`, `has_cs`…
    if (isIdStart(c)) {
      let j = i;
      while (isIdPart(text[j] ?? '')) j++;
      let word = text.slice(i, j);
      const lower = word.toLowerCase();
      if (lower === 'datetime' || lower === 'timespan' || lower === 'time') {
        let k = j;
        while (text[k] === ' ' || text[k] === '\t') k++;
        if (text[k] === '(') {
          const close = text.indexOf(')', k);
          if (close < 0) fail(`unterminated ${word}(`, start, k - start + 1);
          out.push({
            kind: lower === 'datetime' ? 'datetime' : 'timespan',
            value: text.slice(k + 1, close).trim(),
            start,
            end: close + 1,
          });
          i = close + 1;
          continue;
        }
      }
      // `guid(74be27de-1e4e-…)`: raw hex content that would lex as numbers and units. Read as
      // `toguid("…")`, which gives the guid (Loupe's guids, like strings, are never null).
      if (lower === 'guid') {
        const m =
          /^[ \t]*\([ \t]*([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|null)[ \t]*\)/.exec(
            text.slice(j),
          );
        if (m) {
          const open = text.indexOf('(', j);
          const close = j + m[0].length - 1;
          out.push({ kind: 'ident', value: 'toguid', start, end: j });
          out.push({ kind: 'punct', value: '(', start: open, end: open + 1 });
          out.push({
            kind: 'string',
            value: m[1] === 'null' ? '' : m[1]!,
            start: open + 1,
            end: close,
          });
          out.push({ kind: 'punct', value: ')', start: close, end: close + 1 });
          i = close + 1;
          continue;
        }
      }
      if (text[j] === '-' && isIdStart(text[j + 1] ?? '')) {
        let k = j + 1;
        while (isIdPart(text[k] ?? '')) k++;
        if (HYPHENATED.has(text.slice(i, k))) {
          word = text.slice(i, k);
          j = k;
        }
      }
      if (text[j] === '~' && (word === 'in' || word === 'has_any' || word === 'has_all')) {
        word += '~';
        j++;
      }
      out.push({ kind: 'ident', value: word, start, end: j });
      i = j;
      continue;
    }
    // `!in`, `!has`, `!contains_cs`, `!in~`: one negated operator token.
    if (c === '!' && isIdStart(text[i + 1] ?? '')) {
      let j = i + 1;
      while (isIdPart(text[j] ?? '')) j++;
      if (text[j] === '~') j++;
      out.push({ kind: 'ident', value: text.slice(i, j), start, end: j });
      i = j;
      continue;
    }
    const p2 = PUNCT2.find((p) => text.startsWith(p, i));
    if (p2) {
      out.push({ kind: 'punct', value: p2, start, end: i + p2.length });
      i += p2.length;
      continue;
    }
    if (PUNCT1.includes(c)) {
      out.push({ kind: 'punct', value: c, start, end: i + 1 });
      i++;
      continue;
    }
    fail(`unexpected character "${c}"`, i);
  }
  out.push({ kind: 'eof', value: '', start: text.length, end: text.length });
  return out;
}
