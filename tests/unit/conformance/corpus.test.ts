/** The corpus itself: it parses, and every value Kusto returned is readable as its column's type. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCases } from '../../../src/conformance/cases.ts';
import { normalizeExpected } from '../../../src/conformance/normalize.ts';
import { DEFAULT_CASES_PATH } from '../../../src/conformance/paths.ts';

describe('conformance corpus', () => {
  it('parses, and every expected cell reads as its CLR type', () => {
    expect(existsSync(DEFAULT_CASES_PATH), `${DEFAULT_CASES_PATH} is missing`).toBe(true);
    const cases = parseCases(readFileSync(DEFAULT_CASES_PATH, 'utf8'), DEFAULT_CASES_PATH);
    expect(cases.length).toBe(510);
    const unreadable: string[] = [];
    for (const c of cases) {
      c.expected.rows.forEach((row, r) =>
        row.forEach((v, i) => {
          const t = c.expected.columnTypes[i]!;
          if (normalizeExpected(v, t).k === 'unreadable')
            unreadable.push(
              `${c.id} row ${r} ${c.expected.columns[i]} (${t}): ${JSON.stringify(v)}`,
            );
        }),
      );
    }
    expect(unreadable).toEqual([]);
  });
  it('keeps the 64-bit hashes exact', () => {
    const cases = parseCases(readFileSync(DEFAULT_CASES_PATH, 'utf8'), DEFAULT_CASES_PATH);
    const hash = cases.find((c) => c.id === 'hash-function-00')!;
    expect(hash.expected.rows.flat()).toContain(1846988464401551951n);
  });
  it('rejects a malformed case with its id', () => {
    const bad = JSON.stringify({
      cases: [
        {
          id: 'x',
          kql: 'print 1',
          tags: {},
          expected: { columns: ['a'], column_types: ['Int64'], rows: [[1, 2]] },
        },
      ],
    });
    expect(() => parseCases(bad, 'c.json')).toThrow('c.json: case x: row 0 does not have 1 cells');
    const badType = JSON.stringify({
      cases: [
        {
          id: 'y',
          kql: 'print 1',
          expected: { columns: ['a'], column_types: ['Int128'], rows: [] },
        },
      ],
    });
    expect(() => parseCases(badType, 'c.json')).toThrow('unknown column type "Int128"');
  });
});
