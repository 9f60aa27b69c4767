/**
 * The comparison with a page's table: wrong answers it must reject, and the page's ways of
 * displaying a right one it must accept.
 */
import { describe, expect, it } from 'vitest';
import { resultSqlType, type ActualResult } from '../../../src/conformance/compare.ts';
import {
  compareWithDocTable,
  readDocCell,
} from '../../../src/conformance/reference/compare-doc.ts';
import type { KqlType } from '../../../src/schema/kql-types.ts';

const unordered = new Set<string>();
const cmp = (
  columns: [string, KqlType][],
  rows: unknown[][],
  doc: string[][],
  options: { orderedRows?: boolean; unorderedColumns?: Set<string> } = {},
) => {
  const actual: ActualResult = {
    columns: columns.map(([name, type]) => ({ name, type })),
    sqlTypes: columns.map(([, t]) => resultSqlType(t)),
    rows,
  };
  return compareWithDocTable({ columns: columns.map(([n]) => n), rows: doc }, actual, {
    orderedRows: options.orderedRows ?? false,
    unorderedColumns: options.unorderedColumns ?? unordered,
  });
};

const MS_2023 = Date.UTC(2023, 0, 1);

describe('comparison with a documented table', () => {
  it('accepts the displays of the same values', () => {
    expect(
      cmp(
        [
          ['l', 'long'],
          ['r', 'real'],
          ['b', 'bool'],
          ['s', 'string'],
        ],
        [[5, 0.3333333333333333, true, 'a b']],
        [['5', '0.333333333333333', 'True', 'a b']],
      ),
    ).toBeUndefined();
    expect(
      cmp(
        [
          ['d', 'datetime'],
          ['d2', 'datetime'],
          ['t', 'timespan'],
        ],
        [[MS_2023, MS_2023, 3_600_000_000]],
        [['2023-01-01T00:00:00Z', '2023-01-01 00:00:00.0000000', '01:00:00']],
      ),
    ).toBeUndefined();
    expect(
      cmp(
        [
          ['j', 'dynamic'],
          ['n', 'long'],
          ['e', 'string'],
        ],
        [['{"b":[1,2],"a":"x"}', null, '']],
        [['{"a": "x", "b": [1, 2]}', '', '']],
      ),
    ).toBeUndefined();
    expect(cmp([['b', 'bool']], [[false]], [['0']])).toBeUndefined();
  });

  it('rejects wrong answers', () => {
    expect(cmp([['x', 'long']], [[5]], [['6']])?.kind).toBe('value');
    expect(cmp([['x', 'long']], [[5]], [['5.0']])?.kind).toBe('value'); // not an integer display
    expect(cmp([['x', 'real']], [[0.34]], [['0.33']])?.kind).toBe('value'); // no rounding to the page's digits
    expect(cmp([['x', 'string']], [['5']], [['5 ']])?.kind).toBe('value');
    expect(cmp([['x', 'datetime']], [[MS_2023 + 1]], [['2023-01-01T00:00:00Z']])?.kind).toBe(
      'value',
    );
    expect(cmp([['x', 'datetime']], [[MS_2023]], [['2023-01-01T00:00:00.0000001Z']])?.kind).toBe(
      'value',
    ); // the 7th digit counts
    expect(cmp([['x', 'timespan']], [[1_000_000]], [['00:00:02']])?.kind).toBe('value');
    expect(cmp([['x', 'long']], [[null]], [['0']])?.kind).toBe('value'); // null is an empty cell, not 0
    expect(cmp([['x', 'dynamic']], [['[1,2]']], [['[2,1]']])?.kind).toBe('value');
    expect(cmp([['x', 'dynamic']], [['"[1,2]"']], [['[1,2]']])?.kind).toBe('value'); // a string is not the array
    expect(cmp([['x', 'bool']], [[true]], [['yes']])?.kind).toBe('value');
    expect(
      cmp(
        [
          ['a', 'long'],
          ['b', 'long'],
        ],
        [[1, 2]],
        [['1', '2']],
      ),
    ).toBeUndefined();
    const ab: ActualResult = {
      columns: [
        { name: 'a', type: 'long' },
        { name: 'b', type: 'long' },
      ],
      sqlTypes: ['BIGINT', 'BIGINT'],
      rows: [[1, 2]],
    };
    expect(
      compareWithDocTable({ columns: ['b', 'a'], rows: [['2', '1']] }, ab, {
        orderedRows: false,
        unorderedColumns: unordered,
      })?.kind,
    ).toBe('column-names');
    expect(
      compareWithDocTable(
        { columns: ['a', 'b'], rows: [['1', '2']] },
        { ...ab, sqlTypes: ['INTEGER', 'BIGINT'] },
        { orderedRows: false, unorderedColumns: unordered },
      )?.kind,
    ).toBe('sql-type');
    expect(cmp([['x', 'guid']], [['ABC']], [['abc']])?.kind).toBe('value');
    // An empty cell is a null guid: it matches Loupe's null, not an empty text.
    expect(cmp([['x', 'guid']], [[null]], [['']])).toBeUndefined();
    expect(cmp([['x', 'guid']], [['']], [['']])?.kind).toBe('value');
    expect(cmp([['x', 'long']], [[1], [1]], [['1']])?.kind).toBe('row-count');
  });

  it('compares rows in order only when the query sorts', () => {
    const rows = [[1], [2]];
    expect(cmp([['x', 'long']], rows, [['2'], ['1']])).toBeUndefined();
    expect(cmp([['x', 'long']], rows, [['2'], ['1']], { orderedRows: true })?.kind).toBe(
      'row-order',
    );
  });

  it('compares the outer array of a set column as a multiset, and nothing else', () => {
    const set = new Set(['s']);
    expect(
      cmp([['s', 'dynamic']], [['[1,2]']], [['[2,1]']], { unorderedColumns: set }),
    ).toBeUndefined();
    expect(
      cmp([['s', 'dynamic']], [['[1,1,2]']], [['[2,1,2]']], { unorderedColumns: set })?.kind,
    ).toBe('value');
    expect(
      cmp(
        [
          ['s', 'dynamic'],
          ['l', 'dynamic'],
        ],
        [['[1,2]', '[1,2]']],
        [['[2,1]', '[2,1]']],
        { unorderedColumns: set },
      )?.kind,
    ).toBe('value');
    expect(
      cmp([['s', 'dynamic']], [['[[1,2],[3]]']], [['[[3],[2,1]]']], { unorderedColumns: set })
        ?.kind,
    ).toBe('value');
  });

  it('reads each type strictly', () => {
    expect(readDocCell('1,000', 'long').k).toBe('unreadable');
    expect(readDocCell('NaN', 'real')).toEqual({ k: 'real', v: NaN });
    expect(readDocCell('-Infinity', 'real')).toEqual({ k: 'real', v: -Infinity });
    expect(readDocCell('1.5e-3', 'real')).toEqual({ k: 'real', v: 0.0015 });
    expect(readDocCell('hello', 'dynamic')).toEqual({ k: 'json', v: 'hello' });
    expect(readDocCell('', 'string')).toEqual({ k: 'text', v: '' });
    expect(readDocCell('', 'real')).toEqual({ k: 'null' });
  });
});
