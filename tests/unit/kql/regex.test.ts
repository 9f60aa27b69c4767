/**
 * KQL regexes run with Kusto's semantics in linear time (issue 16), on both sides: DuckDB's
 * regexp_* (matches regex, extract, replace_regex, trim, parse kind=regex) and the runtime
 * functions on re2js (extract_all, countof, parse-kv regex=). The expectations are the rows of
 * Kusto's regex syntax reference (data-explorer/kusto/query/regex.md, MicrosoftDocs/dataexplorer-docs
 * at 1bbb122c; CC-BY-4.0), each checked on both sides where the function exists on both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type KqlHarness } from './harness.ts';
import { re2Syntax, RegexSyntaxError, kustoRegex } from '../../../src/kql/runtime/regex.ts';
import { extractAll, countOf } from '../../../src/kql/runtime/text.ts';
import { LoupeError } from '../../../src/errors.ts';

let h: KqlHarness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.engine.close());

/** Whether `pattern` matches `text`, asked of DuckDB (matches regex) and of re2js (countof). */
function matchesBothWays(pattern: string, text: string): [boolean, boolean] {
  const lit = (s: string) =>
    `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
  const [row] = h.run(
    `print duck = ${lit(text)} matches regex ${lit(pattern)}, js = countof(${lit(text)}, ${lit(pattern)}, "regex") > 0`,
  );
  return [row!.duck as boolean, row!.js as boolean];
}

describe("Kusto's regex syntax (regex.md), on DuckDB and on re2js alike", () => {
  const rows: [string, string, string, boolean][] = [
    // [what the reference says, pattern, text, matches]
    ['. is any character except new line', '^a.b$', 'a\nb', false],
    ['. includes new line with the s flag', '(?s)^a.b$', 'a\nb', true],
    ['[0-9] is an ASCII digit', '^[0-9]$', '٣', false],
    ['\\d is a digit (\\p{Nd}), Unicode', '^\\d$', '٣', true],
    ['\\D is not a digit', '^\\D$', '٣', false],
    ['\\pX: a one-letter Unicode class', '^\\pL+$', 'Zoë', true],
    ['\\p{Greek}: a script', '^\\p{Greek}+$', 'λόγος', true],
    ['\\P{Greek}: negated', '^\\P{Greek}+$', 'λόγος', false],
    ['[[:alpha:]] is ASCII', '^[[:alpha:]]+$', 'Zoë', false],
    ['[[:^alpha:]] negated', '^[[:^alpha:]]$', '1', true],
    ['[^xyz] excludes', '^[^xyz]+$', 'abc', true],
    ['x|y prefers x', '^(?:ab|a)$', 'ab', true],
    ['x{n,m}', '^a{2,3}$', 'aaaa', false],
    ['x{n}', '^a{2}$', 'aa', true],
    ['lazy x*? still matches', '^a*?b$', 'aaab', true],
    ['^ and $ at the haystack only', '^b$', 'a\nb', false],
    ['with m, at lines', '(?m)^b$', 'a\nb', true],
    ['\\A is the haystack start even with m', '(?m)\\Ab', 'a\nb', false],
    ['\\z is the haystack end', 'b\\z', 'ab', true],
    ['\\b is a word boundary', '\\bcat\\b', 'a cat!', true],
    ['\\B is not one', '\\Bcat', 'a cat', false],
    ['(?i) ignores case', '(?i)^HELLO$', 'hello', true],
    ['flags toggle: (?i)a+(?-i)b+ takes A but not B', '^(?i)a+(?-i)b+$', 'AAB', false],
    ['…and does take b', '^(?i)a+(?-i)b+$', 'AAb', true],
    ['(?i:exp) scopes the flag', '^(?i:a)b$', 'Ab', true],
    ['(?i:exp) ends with the group', '^(?i:a)b$', 'AB', false],
    ['U swaps greed', '(?U)^a+$', 'aaa', true],
    [
      'x verbose: whitespace and # comments ignored',
      '(?x) ^ a \\  b  # a comment\n $',
      'a b',
      true,
    ],
    ['\\x7F: two hex digits', '^\\x41$', 'A', true],
    ['\\x{10FFFF}: a code point', '^\\x{1F600}$', '😀', true],
    ['\\u007F: four hex digits', '^\\u0041$', 'A', true],
    ['\\u{7F}', '^\\u{41}$', 'A', true],
    ['\\U0000007F: eight hex digits', '^\\U0001F600$', '😀', true],
    ['\\s is White_Space, Unicode', '^\\s$', '\u3000', true],
    ['\\w is a word character, Unicode', '^\\w+$', 'Zoë_٣', true],
    ['\\W inverts it', '^\\W$', 'é', false],
    ['\\* a literal *', '^a\\*$', 'a*', true],
    ['(?:exp) does not capture', '^(?:ab)+$', 'abab', true],
  ];
  it.each(rows)('%s', (_, pattern, text, expected) => {
    expect(matchesBothWays(pattern, text)).toEqual([expected, expected]);
  });

  it('named groups (?P<name>…) and (?<name>…) name what extract_all and parse kind=regex return', () => {
    expect(
      h.run(
        `print a = extract_all(@"(?P<user>\\w+)@(?<dom>[a-z.]+)", dynamic(["dom", "user"]), "x ann@a.org, bob@b.net")`,
      )[0]!.a,
    ).toEqual([
      ['a.org', 'ann'],
      ['b.net', 'bob'],
    ]);
    expect(
      h.run(
        `print t = "id=٣٤ user=ann" | parse kind=regex t with @"id=(?<ignored>\\d+) user=" who:string`,
      )[0]!.who,
    ).toBe('ann');
    expect(h.run(`print x = extract(@"(?<n>\\d+)", 1, "id ٣٤")`)[0]!.x).toBe('٣٤');
  });

  it('replace_regex and trim read the pattern the same way', () => {
    expect(
      h.run(
        `print r = replace_regex("a١b٢", @"\\d", "#"), t = trim(@"\\s+", "\u3000 x \u3000")`,
      )[0],
    ).toEqual({ r: 'a#b#', t: 'x' });
  });

  it('refuses what Kusto refuses (backreferences, look-around) and what RE2 cannot express, at the pattern', () => {
    const refused: [string, RegExp][] = [
      ['(a)\\1', /backreference|escape/i],
      ['a(?=b)', /look-around/],
      ['(?<=a)b', /look-around/],
      ['(?!a)b', /look-around/],
      ['[a-y&&xyz]', /class set operations/],
      ['[0-9--4]', /class set operations/],
      ['[x[^xyz]]', /nested character classes/],
      ['\\<word', /word-boundary/],
      ['\\b{start}word', /word-boundary/],
      ['(?R)a', /CRLF flag/],
      ['(unclosed', /missing closing|missing \)/i],
    ];
    for (const [pattern, why] of refused) {
      const lit = `@"${pattern}"`;
      for (const kql of [
        `print x = "abc" matches regex ${lit}`,
        `print x = extract_all(${lit}, "abc")`,
        `print x = countof("abc", ${lit}, "regex")`,
        `print x = replace_regex("abc", ${lit}, "")`,
      ]) {
        const e = h.translationError(kql);
        expect(e.message, `${kql}`).toMatch(why);
        // The position is the pattern's.
        expect(e.position.column, kql).toBe(kql.indexOf('@"') + 1);
      }
    }
  });

  it('a pattern computed by the query is translated row by row, and refused with a typed error', async () => {
    h.table('P', [{ name: 'p', type: 'string' }], [`'^\\d+$'`]);
    expect(h.run(`P | extend ok = "٣٤" matches regex p`)[0]!.ok).toBe(true);
    h.table('P', [{ name: 'p', type: 'string' }], [`'(a)\\1'`]);
    const e = (() => {
      try {
        h.run(`P | extend ok = "a" matches regex p`);
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(LoupeError);
    expect((e as LoupeError).code).toBe('bad-regex');
  });
});

describe('linear time on hostile patterns and values', () => {
  const evil = `${'a'.repeat(40)}!`;
  it(
    'extract_all(@"((a+)+)$") over 40 characters answers at once (JavaScript RegExp did not in 60 s)',
    { timeout: 10_000 },
    () => {
      expect(h.run(`print x = extract_all(@"((a+)+)$", "${evil}")`)[0]!.x).toBe(null);
      expect(extractAll('((a+)+)$', null, `${'a'.repeat(100_000)}!`)).toBe(null);
      expect(countOf(`${'a'.repeat(100_000)}!`, '(a|aa)+$', 1)).toBe(0);
      expect(
        h.run(
          `print n = countof("${evil}", @"(a|a)*$", "regex"), m = "${evil}" matches regex @"^(a+)+$"`,
        )[0],
      ).toEqual({ n: 1, m: false });
    },
  );

  it('parse-kv with regex= runs the same engine', { timeout: 10_000 }, () => {
    const row = h.run(
      `print t = "k1=v1;k2=v2 ${'a'.repeat(50)}!" | parse-kv t as (k1:string, k2:string) with (regex=@"(\\w+)=((?:\\w+)+)")`,
    )[0]!;
    expect([row.k1, row.k2]).toEqual(['v1', 'v2']);
    const evil = h.run(
      `print t = "k=${'a'.repeat(50)}!" | parse-kv t as (k:string) with (regex=@"(\\w+)=((?:a+)+)$")`,
    )[0]!;
    expect(evil.k).toBe('');
  });
});

describe('re2Syntax', () => {
  it('writes Kusto forms as RE2 forms', () => {
    expect(re2Syntax('(?<n>\\d)')).toBe('(?P<n>\\p{Nd})');
    expect(re2Syntax('[\\d_]')).toBe('[\\p{Nd}_]');
    expect(re2Syntax('(?-u:\\d)\\d')).toBe('(?:\\d)\\p{Nd}');
    expect(re2Syntax('(?x) a b #c\n')).toBe('ab');
    expect(re2Syntax('(?xi) a')).toBe('(?i)a');
    expect(() => re2Syntax('a\\')).toThrow(RegexSyntaxError);
  });

  it('compiles what it writes, and caches it', () => {
    expect(kustoRegex('(?<n>\\d)x')).toBe(kustoRegex('(?<n>\\d)x'));
    expect(kustoRegex('(?<n>\\d)x').names.get('n')).toBe(1);
  });
});
