/**
 * KQL regular expressions, one module for all of Loupe: the SQL side (DuckDB's regexp_*) and the
 * JavaScript side (extract_all, countof, parse_kv… as runtime functions) both run RE2, a
 * linear-time engine with no backtracking, as Kusto's regexes are (Kusto moved from RE2 to the Rust
 * regex crate in 2024, the same design: Kusto docs, regex.md). JavaScript's own RegExp backtracks:
 * `extract_all(@"((a+)+)$", …)` over 40 characters did not finish in 60 s, inside the engine
 * worker where no Cancel reaches. The JavaScript side uses re2js (a port of RE2 to JavaScript,
 * pure JS, MIT; measured against re2-wasm in docs/kql.md).
 *
 * Kusto's syntax is translated to RE2's (re2Syntax), so that both engines read a pattern as Kusto
 * does: `\d`, `\w`, `\s` are Unicode classes in Kusto and ASCII in RE2; `(?<name>…)`, `\u{…}`,
 * `\U…` and the verbose flag `x` are Kusto's and not RE2's. What RE2 cannot express (class set
 * operations `&&` `--` `~~`, nested classes, word-boundary variants `\<` `\>` `\b{…}`, the CRLF
 * flag `R`) is refused with a message rather than run with another meaning. Backreferences and
 * look-around are refused by RE2 itself, as by Kusto.
 */
import { RE2JS } from 're2js';
import { LoupeError } from '../../errors.ts';
import { quoteString } from '../../db/sql-text.ts';
import { udf } from './udf.ts';

/** A pattern Kusto's regex syntax (as Loupe runs it) does not accept; `offset` is where. */
export class RegexSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Kusto's Unicode classes (regex.md, "Perl character classes"), as RE2 class items. */
const UNICODE_ITEMS = {
  d: '\\p{Nd}',
  // White_Space: tab to CR, space, NEL, NBSP, the Z separators.
  s: '\\t-\\r \\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}',
  // Alphabetic (letters, letter numbers; Other_Alphabetic marks are in M) + M + Nd + Pc + Join_Control.
  w: '\\p{L}\\p{Nl}\\p{M}\\p{Nd}\\p{Pc}\\x{200C}\\x{200D}',
} as const;

const HEX = /^[0-9A-Fa-f]+$/;

/** Flags a group sets that change how Loupe reads the pattern (the rest pass to RE2 as they are). */
interface Mode {
  readonly verbose: boolean;
  readonly unicode: boolean;
}

/**
 * The RE2 pattern (DuckDB's regexp_*, re2js) that matches what a Kusto pattern matches. Throws
 * RegexSyntaxError for what RE2 cannot express; RE2 itself refuses the rest of what Kusto refuses.
 */
export function re2Syntax(pattern: string): string {
  let out = '';
  let i = 0;
  const modes: Mode[] = [{ verbose: false, unicode: true }];
  const mode = () => modes[modes.length - 1]!;
  function fail(message: string, at = i): never {
    throw new RegexSyntaxError(message, at);
  }

  /** `\` at i: the escape's RE2 text, inside a class (items only) or not; advances i. */
  const escape = (inClass: boolean): string => {
    const start = i;
    const c = pattern.charAt(i + 1);
    if (c === '') fail('a pattern cannot end with a backslash');
    i += 2;
    const lower = c.toLowerCase() as 'd' | 's' | 'w';
    if (
      (c === 'd' || c === 's' || c === 'w' || c === 'D' || c === 'S' || c === 'W') &&
      mode().unicode
    ) {
      const items = UNICODE_ITEMS[lower];
      const negated = c !== lower;
      if (!inClass)
        return negated
          ? lower === 'd'
            ? '\\P{Nd}'
            : `[^${items}]`
          : lower === 'd'
            ? '\\p{Nd}'
            : `[${items}]`;
      if (!negated) return items;
      if (lower === 'd') return '\\P{Nd}';
      fail(
        `\\${c} inside a character class is not supported by Loupe's regex engine (RE2); write the class without it`,
        start,
      );
    }
    if (c === 'u' || c === 'U' || c === 'x') {
      // \x7F, \x{7F}, \u007F, \u{7F}, \U0000007F, \U{7F} → \x{7F}
      let hex: string;
      if (pattern.charAt(i) === '{') {
        const close = pattern.indexOf('}', i);
        if (close < 0) fail(`\\${c}{ is not closed`, start);
        hex = pattern.slice(i + 1, close);
        i = close + 1;
      } else {
        const n = c === 'x' ? 2 : c === 'u' ? 4 : 8;
        hex = pattern.slice(i, i + n);
        if (hex.length !== n) fail(`\\${c} takes ${n} hex digits`, start);
        i += n;
      }
      if (!HEX.test(hex) || Number.parseInt(hex, 16) > 0x10ffff)
        fail(`\\${c}${hex} is not a Unicode code point`, start);
      return `\\x{${hex}}`;
    }
    if (c === '<' || c === '>' || (c === 'b' && pattern.charAt(i) === '{')) {
      fail(
        `the word-boundary form \\${c}${c === 'b' ? '{…}' : ''} is not supported by Loupe's regex engine (RE2): use \\b`,
        start,
      );
    }
    return pattern.slice(start, i);
  };

  /** `[` at i: a character class, translated; advances past its `]`. */
  const charClass = (): string => {
    const start = i;
    let text = '[';
    i++;
    if (pattern.charAt(i) === '^') {
      text += '^';
      i++;
    }
    let first = true;
    for (;;) {
      if (i >= pattern.length) fail('a character class is not closed: expected ]', start);
      const c = pattern.charAt(i);
      if (mode().verbose && /\s/.test(c)) {
        i++;
        continue;
      }
      if (c === ']' && !first) {
        i++;
        return `${text}]`;
      }
      first = false;
      if (c === '\\') {
        text += escape(true);
        continue;
      }
      if (c === '[') {
        const posix = /^\[:\^?[a-z]+:\]/.exec(pattern.slice(i));
        if (!posix)
          fail("nested character classes are not supported by Loupe's regex engine (RE2)");
        text += posix[0];
        i += posix[0].length;
        continue;
      }
      const pair = pattern.slice(i, i + 2);
      if (pair === '&&' || pair === '--' || pair === '~~') {
        fail(`class set operations (${pair}) are not supported by Loupe's regex engine (RE2)`);
      }
      text += c;
      i++;
    }
  };

  /** `(?` at i: flags or a special group; returns its RE2 text and whether it opens a group. */
  const special = (): { text: string; opens: boolean } => {
    const start = i;
    const rest = pattern.slice(i + 2);
    const named = /^P?<([^>]*)>/.exec(rest);
    if (named && !rest.startsWith('<=') && !rest.startsWith('<!')) {
      i += 2 + named[0].length;
      return { text: `(?P<${named[1]}>`, opens: true };
    }
    if (
      rest.startsWith('=') ||
      rest.startsWith('!') ||
      rest.startsWith('<=') ||
      rest.startsWith('<!')
    ) {
      fail(
        'look-around ((?=, (?!, (?<=, (?<!) is not supported: Kusto runs regexes in linear time, without it',
        start,
      );
    }
    const flags = /^([A-Za-z]*)(?:-([A-Za-z]*))?([:)])/.exec(rest);
    if (!flags) fail('expected flags, a name or : after (?', start);
    const [all, on = '', off = '', end] = flags;
    let verbose = mode().verbose;
    let unicode = mode().unicode;
    let kept = '';
    let keptOff = '';
    for (const [set, value] of [
      [on, true],
      [off, false],
    ] as const) {
      for (const f of set) {
        if (f === 'x') verbose = value;
        else if (f === 'u') unicode = value;
        else if ('imsU'.includes(f)) value ? (kept += f) : (keptOff += f);
        else if (f === 'R')
          fail("the CRLF flag R is not supported by Loupe's regex engine (RE2)", start);
        else fail(`unknown regex flag ${f}`, start);
      }
    }
    i += 2 + all.length;
    const re2Flags = kept + (keptOff ? `-${keptOff}` : '');
    if (end === ')') {
      // Flags for the rest of the current group.
      modes[modes.length - 1] = { verbose, unicode };
      return { text: re2Flags ? `(?${re2Flags})` : '', opens: false };
    }
    modes.push({ verbose, unicode });
    return { text: `(?${re2Flags}:`, opens: false };
  };

  while (i < pattern.length) {
    const c = pattern.charAt(i);
    if (mode().verbose && /\s/.test(c)) {
      i++;
      continue;
    }
    if (mode().verbose && c === '#') {
      while (i < pattern.length && pattern.charAt(i) !== '\n') i++;
      continue;
    }
    if (c === '\\') out += escape(false);
    else if (c === '[') out += charClass();
    else if (c === '(') {
      if (pattern.charAt(i + 1) === '?') {
        const s = special();
        out += s.text;
        if (s.opens) modes.push({ ...mode() });
      } else {
        out += '(';
        i++;
        modes.push({ ...mode() });
      }
    } else if (c === ')') {
      if (modes.length > 1) modes.pop();
      out += ')';
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** One match: where it is, and its groups (undefined for a group that did not take part). */
export interface RegexMatch {
  readonly start: number;
  readonly end: number;
  /** Group 0 is the whole match. */
  readonly groups: readonly (string | undefined)[];
}

/** A compiled KQL regex (RE2 semantics, linear time). */
export interface KustoRegex {
  /** Number of capture groups. */
  readonly groupCount: number;
  /** Group number of each named group. */
  readonly names: ReadonlyMap<string, number>;
  /** Every match, left to right, none overlapping (an empty match moves the search on by one). */
  matches(text: string): Generator<RegexMatch>;
  test(text: string): boolean;
}

/** The typed error of a pattern that cannot be run, for KQL translation and runtime functions. */
export function badRegex(pattern: string, why: string): LoupeError {
  const shown = pattern.length > 120 ? `${pattern.slice(0, 120)}…` : pattern;
  return new LoupeError(
    'kql',
    'bad-regex',
    `the regular expression ${JSON.stringify(shown)} cannot be used: ${why}`,
  );
}

const cache = new Map<string, KustoRegex>();
const CACHE_SIZE = 256;

/**
 * The compiled form of a KQL pattern (cached: a runtime function sees the same pattern on every
 * row). Throws a LoupeError ('bad-regex') for a pattern Kusto or RE2 refuses.
 */
export function kustoRegex(pattern: string): KustoRegex {
  const hit = cache.get(pattern);
  if (hit) return hit;
  let re: RE2JS;
  try {
    re = RE2JS.compile(re2Syntax(pattern));
  } catch (e) {
    throw badRegex(
      pattern,
      e instanceof Error ? e.message.replace(/^error parsing regexp: /, '') : String(e),
    );
  }
  const names = new Map(Object.entries(re.namedGroups()));
  const groupCount = re.groupCount();
  const compiled: KustoRegex = {
    groupCount,
    names,
    *matches(text: string) {
      const m = re.matcher(text);
      let from = 0;
      while (from <= text.length && m.find(from)) {
        const groups: (string | undefined)[] = [];
        for (let g = 0; g <= groupCount; g++) groups.push(m.group(g) ?? undefined);
        const start = m.start(0);
        const end = m.end(0);
        yield { start, end, groups };
        from = end > start ? end : end + 1;
      }
    },
    test: (text: string) => re.matcher(text).find(),
  };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(pattern, compiled);
  return compiled;
}

/** Why a pattern cannot be run (Kusto's syntax as Loupe reads it, then RE2), or undefined. */
export function regexProblem(pattern: string): string | undefined {
  try {
    kustoRegex(pattern);
    return undefined;
  } catch (e) {
    return e instanceof LoupeError ? e.message : String(e);
  }
}

/**
 * A pattern computed by the query (not a literal, which the translator converts once) in RE2's
 * syntax, for DuckDB's regexp_* functions; a pattern Loupe cannot run is a typed error.
 */
export function re2Pattern(pattern: string | null): string | null {
  if (pattern === null) return null;
  // Compiled (and cached) here too: what RE2 refuses is refused with Loupe's message, not DuckDB's.
  kustoRegex(pattern);
  return re2Syntax(pattern);
}

export const RE2_PATTERN = udf('kql_re2', ['VARCHAR'], 'VARCHAR', re2Pattern);

/**
 * SQL for a KQL regex argument of DuckDB's regexp_* functions (RE2): a literal is translated to
 * RE2's syntax and checked once, at translation, where `fail` reports it at its place; any other
 * expression is translated row by row by the runtime function kql_re2.
 */
export function re2PatternSql(
  arg: { readonly sql: string; readonly literal?: unknown },
  fail: (message: string) => never,
): string {
  if (typeof arg.literal !== 'string') return RE2_PATTERN.call(arg.sql);
  const problem = regexProblem(arg.literal);
  if (problem !== undefined) fail(problem);
  return quoteString(re2Syntax(arg.literal));
}

/** A literal KQL regex argument of a runtime function, checked at translation (`fail` reports it). */
export function checkRegexLiteral(
  arg: { readonly literal?: unknown },
  fail: (message: string) => never,
): void {
  if (typeof arg.literal !== 'string') return;
  const problem = regexProblem(arg.literal);
  if (problem !== undefined) fail(problem);
}
