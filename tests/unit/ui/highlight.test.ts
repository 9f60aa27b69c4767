import { describe, expect, it } from 'vitest';
import { highlight, offsetOf } from '../../../src/ui/console/highlight.ts';

const join = (segs: { text: string }[]) => segs.map((s) => s.text).join('');
const classes = (segs: { text: string; cls: string }[]) =>
  segs.filter((s) => s.text.trim()).map((s) => `${s.cls}:${s.text}`);

describe('console highlighting', () => {
  it('covers KQL exactly and classifies operators, functions, strings, numbers and comments', () => {
    const text =
      'SigninLogs // all sign-ins\n| where ResultType == "0" and TimeGenerated > ago(1h)\n| summarize count() by UserPrincipalName';
    const segs = highlight(text, 'kql');
    expect(join(segs)).toBe(text);
    const c = classes(segs);
    expect(c).toContain('operator:where');
    expect(c).toContain('operator:summarize');
    expect(c).toContain('function:ago');
    expect(c).toContain('string:"0"');
    expect(c).toContain('number:1h');
    expect(c).toContain('keyword:by');
    expect(c).toContain('comment:// all sign-ins');
  });

  it('covers SQL exactly, with keywords, quoted names left plain, and strings', () => {
    const text = `SELECT "select", count(*) FROM t WHERE a = 'it''s' -- note`;
    const segs = highlight(text, 'sql');
    expect(join(segs)).toBe(text);
    const c = classes(segs);
    expect(c).toEqual(
      expect.arrayContaining([
        'keyword:SELECT',
        'function:count',
        'keyword:FROM',
        "string:'it''s'",
        'comment:-- note',
      ]),
    );
    // A quoted name is a name, even when it spells a keyword.
    expect(c.some((x) => x.startsWith('plain:') && x.includes('"select"'))).toBe(true);
    expect(c).not.toContain('keyword:select');
  });

  it('marks an error position, and text the lexer cannot read stays plain', () => {
    const text = 'T\n| frobnicate x';
    expect(offsetOf(text, 2, 3)).toBe(4);
    const segs = highlight(text, 'kql', { line: 2, column: 3, length: 10 });
    expect(
      segs
        .filter((s) => s.marked)
        .map((s) => s.text)
        .join(''),
    ).toBe('frobnicate');
    const open = 'T | where x == "unterminated';
    expect(join(highlight(open, 'kql'))).toBe(open);
  });
});
