/**
 * The comparator must catch every kind of difference; each "fails" test below is a wrong answer
 * that a lenient comparison would let through.
 */
import { describe, expect, it } from 'vitest';
import {
  compareResults,
  describeMismatch,
  resultSqlType,
  type ActualResult,
  type CompareOptions,
} from '../../../src/conformance/compare.ts';
import type { ExpectedResult, KustoType } from '../../../src/conformance/cases.ts';
import type { KqlType } from '../../../src/schema/kql-types.ts';

const unordered: CompareOptions = { orderedRows: false, unorderedColumns: new Set() };
const ordered: CompareOptions = { orderedRows: true, unorderedColumns: new Set() };
const setColumn = (name: string): CompareOptions => ({
  orderedRows: false,
  unorderedColumns: new Set([name]),
});

function exp(cols: [string, KustoType][], rows: unknown[][]): ExpectedResult {
  return { columns: cols.map((c) => c[0]), columnTypes: cols.map((c) => c[1]), rows };
}
/** Loupe's result; DuckDB's column types are those the translator's output has for each KQL type unless given. */
function act(cols: [string, KqlType][], rows: unknown[][], sqlTypes?: string[]): ActualResult {
  return {
    columns: cols.map(([name, type]) => ({ name, type })),
    rows,
    sqlTypes: sqlTypes ?? cols.map(([, t]) => resultSqlType(t)),
  };
}
/** The comparison's verdict as text: '' when equal. */
function verdict(e: ExpectedResult, a: ActualResult, o: CompareOptions = unordered): string {
  const m = compareResults(e, a, o);
  return m ? describeMismatch(m) : '';
}

describe('columns', () => {
  it('passes identical names and types', () => {
    expect(
      verdict(
        exp(
          [
            ['a', 'Int64'],
            ['b', 'String'],
          ],
          [[1, 'x']],
        ),
        act(
          [
            ['a', 'long'],
            ['b', 'string'],
          ],
          [[1, 'x']],
        ),
      ),
    ).toBe('');
  });
  it('fails reordered columns even when every value matches its name', () => {
    expect(
      verdict(
        exp(
          [
            ['a', 'Int64'],
            ['b', 'String'],
          ],
          [[1, 'x']],
        ),
        act(
          [
            ['b', 'string'],
            ['a', 'long'],
          ],
          [['x', 1]],
        ),
      ),
    ).toMatch(/columns differ/);
  });
  it('fails a missing or an extra column', () => {
    expect(
      verdict(
        exp(
          [
            ['a', 'Int64'],
            ['b', 'String'],
          ],
          [],
        ),
        act([['a', 'long']], []),
      ),
    ).toMatch(/columns differ/);
    expect(
      verdict(
        exp([['a', 'Int64']], []),
        act(
          [
            ['a', 'long'],
            ['a1', 'long'],
          ],
          [],
        ),
      ),
    ).toMatch(/columns differ/);
  });
  it('fails a column named differently only by case', () => {
    expect(verdict(exp([['Count', 'Int64']], []), act([['count', 'long']], []))).toMatch(
      /columns differ/,
    );
  });
  it('fails a column of another type even when the values are equal numbers', () => {
    expect(verdict(exp([['a', 'Int64']], [[1]]), act([['a', 'real']], [[1]]))).toBe(
      'column a: expected type Int64, got Double',
    );
    expect(verdict(exp([['a', 'Int32']], [[1]]), act([['a', 'long']], [[1]]))).toBe(
      'column a: expected type Int32, got Int64',
    );
    expect(verdict(exp([['a', 'Object']], [['x']]), act([['a', 'string']], [['x']]))).toMatch(
      /expected type Object, got String/,
    );
  });
  it('maps every Loupe type to its Kusto CLR name', () => {
    const pairs: [KqlType, KustoType, unknown, unknown][] = [
      ['string', 'String', 's', 's'],
      ['long', 'Int64', 1, 1],
      ['int', 'Int32', 1, 1],
      ['real', 'Double', 1.5, 1.5],
      ['decimal', 'SqlDecimal', 5, '5'],
      ['bool', 'SByte', true, true],
      ['datetime', 'DateTime', 0, '1970-01-01T00:00:00Z'],
      ['timespan', 'TimeSpan', 1_000_000, '00:00:01'],
      ['dynamic', 'Object', '[1]', [1]],
      [
        'guid',
        'Guid',
        '10e99626-bc2b-4c75-bb3e-fe606de25700',
        '10e99626-bc2b-4c75-bb3e-fe606de25700',
      ],
    ];
    for (const [loupe, kusto, a, e] of pairs)
      expect(verdict(exp([['c', kusto]], [[e]]), act([['c', loupe]], [[a]])), loupe).toBe('');
  });
});

describe('values', () => {
  it('fails one differing value among equal ones', () => {
    const e = exp(
      [
        ['a', 'Int64'],
        ['b', 'String'],
      ],
      [
        [1, 'x'],
        [2, 'y'],
      ],
    );
    expect(
      verdict(
        e,
        act(
          [
            ['a', 'long'],
            ['b', 'string'],
          ],
          [
            [1, 'x'],
            [2, 'Y'],
          ],
        ),
      ),
    ).toBe('row 1, column b (String): expected "y", got "Y"');
  });
  it('fails a different number of rows', () => {
    expect(verdict(exp([['a', 'Int64']], [[1], [1]]), act([['a', 'long']], [[1]]))).toBe(
      'expected 2 rows, got 1',
    );
  });
  it('accepts reals within 1e-9 relative and fails beyond', () => {
    const e = exp([['r', 'Double']], [[1000]]);
    expect(verdict(e, act([['r', 'real']], [[1000 * (1 + 1e-12)]]))).toBe('');
    expect(verdict(e, act([['r', 'real']], [[1000 * (1 + 1e-8)]]))).toMatch(
      /expected 1000, got 1000.00001/,
    );
    // No absolute tolerance: a tiny number is not zero.
    expect(verdict(exp([['r', 'Double']], [[0]]), act([['r', 'real']], [[1e-300]]))).not.toBe('');
  });
  it('reads NaN and infinities from Kusto text', () => {
    const e = exp([['r', 'Double']], [['NaN'], ['Infinity'], ['-Infinity']]);
    expect(verdict(e, act([['r', 'real']], [[NaN], [Infinity], [-Infinity]]), ordered)).toBe('');
    expect(verdict(exp([['r', 'Double']], [['NaN']]), act([['r', 'real']], [[0]]))).not.toBe('');
    expect(
      verdict(exp([['r', 'Double']], [['Infinity']]), act([['r', 'real']], [[-Infinity]])),
    ).not.toBe('');
  });
  it('tells null apart from zero, false, empty and NaN', () => {
    expect(verdict(exp([['a', 'Int64']], [[null]]), act([['a', 'long']], [[0]]))).toBe(
      'row 0, column a (Int64): expected null, got 0',
    );
    expect(verdict(exp([['a', 'SByte']], [[null]]), act([['a', 'bool']], [[false]]))).not.toBe('');
    expect(verdict(exp([['a', 'Double']], [[null]]), act([['a', 'real']], [[NaN]]))).not.toBe('');
    expect(verdict(exp([['a', 'Object']], [[null]]), act([['a', 'dynamic']], [['""']]))).not.toBe(
      '',
    );
  });
  it('treats a null Loupe string as empty, as KQL strings are never null', () => {
    expect(verdict(exp([['s', 'String']], [['']]), act([['s', 'string']], [[null]]))).toBe('');
  });
  it('compares longs exactly, beyond 2^53 too (where DuckDB-WASM gives the BIGINT as text)', () => {
    expect(verdict(exp([['h', 'Int64']], [[12]]), act([['h', 'long']], [[12]]))).toBe('');
    expect(
      verdict(
        exp([['h', 'Int64']], [[1846988464401551951n]]),
        act([['h', 'long']], [['1846988464401551951']]),
      ),
    ).toBe('');
    expect(
      verdict(
        exp([['h', 'Int64']], [[1846988464401551951n]]),
        act([['h', 'long']], [['1846988464401551952']]),
      ),
    ).not.toBe('');
    expect(verdict(exp([['h', 'Int64']], [[3]]), act([['h', 'long']], [[3.5]]))).toMatch(
      /unreadable/,
    );
  });
  it('reads Kusto bools as JSON booleans', () => {
    expect(
      verdict(
        exp([['b', 'SByte']], [[true], [false]]),
        act([['b', 'bool']], [[true], [false]]),
        ordered,
      ),
    ).toBe('');
    expect(verdict(exp([['b', 'SByte']], [[false]]), act([['b', 'bool']], [[true]]))).not.toBe('');
  });
  it('compares datetimes as instants, to the 100-ns tick', () => {
    const ms = Date.UTC(2017, 7, 1, 10, 0, 0, 123);
    expect(
      verdict(
        exp([['d', 'DateTime']], [['2017-08-01T10:00:00.1230000Z']]),
        act([['d', 'datetime']], [[ms]]),
      ),
    ).toBe('');
    expect(
      verdict(
        exp([['d', 'DateTime']], [['2017-08-01T10:00:00.123Z']]),
        act([['d', 'datetime']], [[ms]]),
      ),
    ).toBe('');
    expect(
      verdict(
        exp([['d', 'DateTime']], [['2017-08-01T10:00:00.1234Z']]),
        act([['d', 'datetime']], [[ms + 0.4]]),
      ),
    ).toBe('');
    // Microseconds of a present-day instant (beyond 2^53 when counted in ticks) are kept exactly.
    expect(
      verdict(
        exp([['d', 'DateTime']], [['2020-01-01T10:00:00.1234560Z']]),
        act([['d', 'datetime']], [[1577872800123.456]]),
      ),
    ).toBe('');
    expect(
      verdict(
        exp([['d', 'DateTime']], [['2020-01-01T10:00:00.1234570Z']]),
        act([['d', 'datetime']], [[1577872800123.456]]),
      ),
    ).not.toBe('');
    // Loupe keeping only milliseconds, or an hour of time-zone shift, is wrong.
    expect(
      verdict(
        exp([['d', 'DateTime']], [['2017-08-01T10:00:00.1234567Z']]),
        act([['d', 'datetime']], [[ms]]),
      ),
    ).toBe(
      'row 0, column d (DateTime): expected 2017-08-01T10:00:00.1234567Z, got 2017-08-01T10:00:00.1230000Z',
    );
    expect(
      verdict(
        exp([['d', 'DateTime']], [['2017-08-01T10:00:00.123Z']]),
        act([['d', 'datetime']], [[ms + 3_600_000]]),
      ),
    ).not.toBe('');
  });
  it('compares timespans as ticks, from Kusto text and Loupe microseconds', () => {
    const e = exp(
      [['t', 'TimeSpan']],
      [['1.02:03:04.5000000'], ['-12:00:00'], ['00:00:00.0000010']],
    );
    const us = ((26 * 60 + 3) * 60 + 4.5) * 1e6;
    expect(verdict(e, act([['t', 'timespan']], [[us], [-12 * 3600e6], [1]]), ordered)).toBe('');
    expect(
      verdict(exp([['t', 'TimeSpan']], [['-12:00:00']]), act([['t', 'timespan']], [[12 * 3600e6]])),
    ).toBe('row 0, column t (TimeSpan): expected -12:00:00, got 12:00:00');
    // One tick (100 ns) is below Loupe's microsecond: a difference, not a rounding.
    expect(
      verdict(exp([['t', 'TimeSpan']], [['00:00:00.0000001']]), act([['t', 'timespan']], [[0]])),
    ).not.toBe('');
  });
  it('compares guids as Kusto writes them, by content', () => {
    expect(
      verdict(
        exp([['g', 'Guid']], [['10e99626-bc2b-4c75-bb3e-fe606de25700']]),
        act([['g', 'guid']], [['10e99626-bc2b-4c75-bb3e-fe606de25701']]),
      ),
    ).not.toBe('');
  });
});

/** Each lenient spot of the audit (issue 12): a wrong answer the comparison used to let through. */
describe('strictness', () => {
  it('compares integers inside dynamic values exactly, reals with the tolerance', () => {
    const d = (v: unknown, a: string) =>
      verdict(exp([['d', 'Object']], [[v]]), act([['d', 'dynamic']], [[a]]));
    expect(d([1000000000], '[1000000001]')).not.toBe('');
    expect(d({ n: 4294967296 }, '{"n":4294967297}')).not.toBe('');
    expect(d([1000000000.5], '[1000000000.5000001]')).toBe('');
    // Beyond 2^53 a JSON number with an exponent is a real (a long that large is read as a BigInt).
    expect(d([1e20], '[1.0000000001e20]')).toBe('');
    expect(d([1e20], '[100000000000000000001]')).not.toBe('');
  });
  it('compares arrays unordered only in the columns a set function produced, and only at their outer level', () => {
    const e = exp(
      [
        ['s', 'Object'],
        ['l', 'Object'],
      ],
      [
        [
          [1, 2],
          [1, 2],
        ],
      ],
    );
    expect(
      verdict(
        e,
        act(
          [
            ['s', 'dynamic'],
            ['l', 'dynamic'],
          ],
          [['[2,1]', '[1,2]']],
        ),
        setColumn('s'),
      ),
    ).toBe('');
    expect(
      verdict(
        e,
        act(
          [
            ['s', 'dynamic'],
            ['l', 'dynamic'],
          ],
          [['[1,2]', '[2,1]']],
        ),
        setColumn('s'),
      ),
    ).not.toBe('');
    const nested = exp([['s', 'Object']], [[[[1, 2], [3]]]]);
    expect(verdict(nested, act([['s', 'dynamic']], [['[[3],[1,2]]']]), setColumn('s'))).toBe('');
    expect(verdict(nested, act([['s', 'dynamic']], [['[[3],[2,1]]']]), setColumn('s'))).not.toBe(
      '',
    );
  });
  it('does not coerce a value to the declared type: 5 is not "5", true is not 1', () => {
    expect(
      verdict(exp([['n', 'Int64']], [[5]]), act([['n', 'long']], [['5']], ['VARCHAR'])),
    ).not.toBe('');
    expect(verdict(exp([['n', 'Int64']], [['5']]), act([['n', 'long']], [[5]]))).not.toBe('');
    expect(
      verdict(exp([['b', 'SByte']], [[true]]), act([['b', 'bool']], [[1]], ['INTEGER'])),
    ).not.toBe('');
    expect(verdict(exp([['b', 'SByte']], [[1]]), act([['b', 'bool']], [[true]]))).not.toBe('');
    expect(
      verdict(exp([['r', 'Double']], [[1.5]]), act([['r', 'real']], [['1.5']], ['VARCHAR'])),
    ).not.toBe('');
  });
  it("checks DuckDB's column type against the declared one", () => {
    expect(verdict(exp([['n', 'Int64']], [[5]]), act([['n', 'long']], [[5]], ['INTEGER']))).toBe(
      'column n: declared long, but DuckDB returns INTEGER',
    );
    expect(
      verdict(exp([['r', 'Double']], [[1.5]]), act([['r', 'real']], [[1.5]], ['DECIMAL'])),
    ).toMatch(/declared real, but DuckDB returns DECIMAL/);
    // A column of SQL NULLs has DuckDB's NULL type: it holds nothing to misread.
    expect(verdict(exp([['n', 'Int64']], [[null]]), act([['n', 'long']], [[null]], ['NULL']))).toBe(
      '',
    );
  });
  it('compares guids case-sensitively (Kusto writes them lower-case)', () => {
    expect(
      verdict(
        exp([['g', 'Guid']], [['10e99626-bc2b-4c75-bb3e-fe606de25700']]),
        act([['g', 'guid']], [['10E99626-BC2B-4C75-BB3E-FE606DE25700']]),
      ),
    ).not.toBe('');
  });
  it('takes a null guid as null, not as an empty one', () => {
    expect(verdict(exp([['g', 'Guid']], [[null]]), act([['g', 'guid']], [[null]]))).toBe('');
    expect(verdict(exp([['g', 'Guid']], [[null]]), act([['g', 'guid']], [['']]))).not.toBe('');
  });
});

describe('dynamic values', () => {
  const d = (v: unknown, a: string, o: CompareOptions = unordered) =>
    verdict(exp([['d', 'Object']], [[v]]), act([['d', 'dynamic']], [[a]]), o);
  it('compares JSON values, bags regardless of key order', () => {
    expect(d({ a: 1, b: [1, 'x', null] }, '{"b":[1,"x",null],"a":1}')).toBe('');
    expect(d({ a: 1 }, '{"a":1,"b":null}')).not.toBe('');
    expect(d({ a: 1 }, '{"A":1}')).not.toBe('');
  });
  it('takes a SQL NULL dynamic as the JSON null', () => {
    expect(d(null, null as unknown as string)).toBe('');
    expect(d(null, 'null')).toBe('');
    expect(d(null, '0')).not.toBe('');
  });
  it('tells a number from its text and an array from a bag', () => {
    expect(d(1, '"1"')).not.toBe('');
    expect(d([1], '{"0":1}')).not.toBe('');
    expect(d('2022-01-01T00:00:00.0000000Z', '"2022-01-01T00:00:00Z"')).not.toBe('');
  });
  it('compares arrays in order unless the column comes from a set function', () => {
    expect(d([1, 2, 3], '[3,1,2]')).not.toBe('');
    expect(d([1, 2, 3], '[3,1,2]', setColumn('d'))).toBe('');
    // A multiset, not a set: duplicates count.
    expect(d([1, 1, 2], '[1,2,2]', setColumn('d'))).not.toBe('');
  });
  it('applies the real tolerance inside JSON and keeps big longs exact', () => {
    expect(d([0.1 + 0.2], '[0.3]')).toBe('');
    expect(d([0.3], '[0.30001]')).not.toBe('');
    expect(d([1846988464401551951n], '[1846988464401551951]')).toBe('');
    expect(d([1846988464401551951n], '[1846988464401551952]')).not.toBe('');
  });
});

describe('rows', () => {
  const e = exp(
    [
      ['k', 'String'],
      ['n', 'Int64'],
    ],
    [
      ['a', 1],
      ['b', 2],
      ['a', 1],
    ],
  );
  it('compares as a multiset when the query does not sort', () => {
    expect(
      verdict(
        e,
        act(
          [
            ['k', 'string'],
            ['n', 'long'],
          ],
          [
            ['b', 2],
            ['a', 1],
            ['a', 1],
          ],
        ),
      ),
    ).toBe('');
  });
  it('counts duplicate rows', () => {
    expect(
      verdict(
        e,
        act(
          [
            ['k', 'string'],
            ['n', 'long'],
          ],
          [
            ['b', 2],
            ['a', 1],
            ['b', 2],
          ],
        ),
      ),
    ).not.toBe('');
  });
  it('fails rows in another order when the query sorts', () => {
    expect(
      verdict(
        e,
        act(
          [
            ['k', 'string'],
            ['n', 'long'],
          ],
          [
            ['b', 2],
            ['a', 1],
            ['a', 1],
          ],
        ),
        ordered,
      ),
    ).toBe('rows in a different order from row 0 (the query sorts)');
    expect(
      verdict(
        e,
        act(
          [
            ['k', 'string'],
            ['n', 'long'],
          ],
          [
            ['a', 1],
            ['b', 2],
            ['a', 1],
          ],
        ),
        ordered,
      ),
    ).toBe('');
  });
  it('names the differing cell of the closest row when the rows are a multiset', () => {
    expect(
      verdict(
        e,
        act(
          [
            ['k', 'string'],
            ['n', 'long'],
          ],
          [
            ['a', 1],
            ['b', 3],
            ['a', 1],
          ],
        ),
      ),
    ).toBe('row 1, column n (Int64): expected 2, got 3');
  });
});
