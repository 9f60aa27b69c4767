import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../src/ui/console/kql-tokens.ts';
import { KqlError } from '../../../src/kql/errors.ts';

const kinds = (text: string) =>
  tokenize(text).map((t) => [t.kind, t.kind === 'timespan' ? t.num : t.value]);

describe('KQL lexer', () => {
  it('reads every string form with its escapes', () => {
    const toks = tokenize(
      String.raw`"a\"b\\c\n" 'it''s' @"C:\dir\""x" @'a''b' 'tab\tq\'' h"hidden" "\u00e9"`,
    );
    expect(toks.filter((t) => t.kind === 'string').map((t) => t.value)).toEqual([
      'a"b\\c\n',
      'it',
      's',
      'C:\\dir\\"x',
      "a'b",
      "tab\tq'",
      'hidden',
      'é',
    ]);
  });

  it('reads timespan literals in microseconds, and tells them from numbers', () => {
    expect(kinds('1h 30m 5d 100ms 1.5s 2tick 10 2.5 1e3')).toEqual([
      ['timespan', 3_600_000_000],
      ['timespan', 1_800_000_000],
      ['timespan', 432_000_000_000],
      ['timespan', 100_000],
      ['timespan', 1_500_000],
      ['timespan', 0],
      ['long', '10'],
      ['real', '2.5'],
      ['real', '1e3'],
      ['eof', ''],
    ]);
  });

  it('keeps datetime(…) content raw and skips // comments', () => {
    expect(kinds('datetime(2024-01-02 03:04) // ignored | where\n| x')).toEqual([
      ['datetime', '2024-01-02 03:04'],
      ['punct', '|'],
      ['ident', 'x'],
      ['eof', ''],
    ]);
  });

  it('reads negated and case-insensitive operators and hyphenated operator names as one token', () => {
    expect(kinds('a !in~ b !contains c in~ d project-away e-f')).toEqual([
      ['ident', 'a'],
      ['ident', '!in~'],
      ['ident', 'b'],
      ['ident', '!contains'],
      ['ident', 'c'],
      ['ident', 'in~'],
      ['ident', 'd'],
      ['ident', 'project-away'],
      ['ident', 'e'],
      ['punct', '-'],
      ['ident', 'f'],
      ['eof', ''],
    ]);
  });

  it('gives every token its offsets', () => {
    const t = tokenize('T | where x == "ab"');
    expect(t.map((x) => [x.start, x.end])).toEqual([
      [0, 1],
      [2, 3],
      [4, 9],
      [10, 11],
      [12, 14],
      [15, 19],
      [19, 19],
    ]);
  });

  it.each([
    ['T | where x == "abc', 1, 16],
    ['T\n| where x == 1q', 2, 15],
    ['T | where x # 1', 1, 13],
  ])('reports %j at line %i column %i', (text, line, column) => {
    try {
      tokenize(text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(KqlError);
      expect((e as KqlError).code).toBe('syntax');
      expect((e as KqlError).position).toMatchObject({ line, column });
    }
  });
});
