import { describe, expect, it } from 'vitest';
import { LoupeError } from '../../../src/errors.ts';
import { describeProblem, problemOf, setsAsideRows } from '../../../src/ui/state/problem.ts';

describe('describeProblem (how the page words an error)', () => {
  it('puts the file and the place before the message', () => {
    const p = problemOf(
      new LoupeError('ingest', 'bad-json', 'expected a value', {
        file: 'a.json',
        line: 2,
        column: 4,
      }),
    );
    expect(describeProblem(p)).toBe('a.json (line 2, column 4): expected a value');
  });

  it('does not repeat a place or file the message already names', () => {
    const p = problemOf(
      new LoupeError('kql', 'syntax', 'unknown operator "x" (line 3, column 3)', {
        line: 3,
        column: 3,
      }),
    );
    expect(describeProblem(p)).toBe('unknown operator "x" (line 3, column 3)');
    const q = problemOf(new LoupeError('ingest', 'empty', 'a.csv is empty', { file: 'a.csv' }));
    expect(describeProblem(q)).toBe('a.csv is empty');
    const r = problemOf(
      new LoupeError('ingest', 'bad-json', 'b.json:2:4: invalid JSON', {
        file: 'b.json',
        line: 2,
        column: 4,
      }),
    );
    expect(describeProblem(r)).toBe('b.json:2:4: invalid JSON');
  });

  it('uses the file name the page knows when the error has none, and plain errors keep their message', () => {
    expect(
      describeProblem(
        problemOf(new LoupeError('rule', 'yaml', 'bad indentation', { line: 5 })),
        'r.yaml',
      ),
    ).toBe('r.yaml (line 5): bad indentation');
    expect(describeProblem(problemOf(new Error('worker crashed')))).toBe('worker crashed');
  });
});

describe('setsAsideRows (when the page offers to load the other rows)', () => {
  const ingest = (code: string, line?: number) =>
    problemOf(new LoupeError('ingest', code, 'x', line === undefined ? {} : { line }));
  it('offers it for bad records and values, not for a bad header, a whole-file problem or another stage', () => {
    for (const code of ['ragged-row', 'unbalanced-quote', 'bad-datetime', 'bad-value'])
      expect([code, setsAsideRows(ingest(code, 3))]).toEqual([code, true]);
    expect(setsAsideRows(ingest('bad-csv', 7))).toBe(true);
    expect(setsAsideRows(ingest('bad-csv', 1))).toBe(false); // the header row
    for (const code of [
      'bad-gzip',
      'bad-json',
      'empty',
      'header-only',
      'unknown-table',
      'mixed-tables',
    ])
      expect([code, setsAsideRows(ingest(code, 2))]).toEqual([code, false]);
    expect(setsAsideRows(problemOf(new LoupeError('kql', 'ragged-row', 'x', { line: 3 })))).toBe(
      false,
    );
  });
});
