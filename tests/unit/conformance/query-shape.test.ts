import { describe, expect, it } from 'vitest';
import type { ConformanceCase } from '../../../src/conformance/cases.ts';
import { sortsRows, stripRender, unorderedColumns } from '../../../src/conformance/query-shape.ts';
import { parseJsonLossless } from '../../../src/conformance/lossless-json.ts';
import { caseCategory } from '../../../src/conformance/categories.ts';

const kase = (
  kql: string,
  operators: string[] = [],
  functions: string[] = [],
): ConformanceCase => ({
  id: 't',
  source: '',
  kql,
  operators,
  functions,
  expected: { columns: [], columnTypes: [], rows: [] },
});

describe('row order', () => {
  it('is defined after sort, order, top and serialize, from the tags or the text', () => {
    expect(sortsRows(kase('T | sort by x'))).toBe(true);
    expect(sortsRows(kase('T\n| order by x asc'))).toBe(true);
    expect(sortsRows(kase('T | top 3 by x'))).toBe(true);
    expect(sortsRows(kase('T | serialize | extend r = row_number()'))).toBe(true);
    expect(sortsRows(kase('T | top-nested 2 of a by count()'))).toBe(true);
    expect(sortsRows(kase('T | extend x = 1', ['sort']))).toBe(true);
  });
  it('is not defined otherwise, even when a string or a column name says "sort"', () => {
    expect(sortsRows(kase('T | summarize count() by x'))).toBe(false);
    expect(sortsRows(kase("print s = '| sort by x'"))).toBe(false);
    expect(sortsRows(kase('T | extend sortKey = 1 // | order by x'))).toBe(false);
  });
  it('is lost when partition, summarize, join, union or distinct follows the last sort (Kusto: no defined order)', () => {
    const partitioned = 'T | sort by x | partition by k (sort by t asc | take 1) | project t, k';
    expect(sortsRows(kase(partitioned))).toBe(false);
    expect(sortsRows(kase(partitioned, ['sort', 'partition']))).toBe(false);
    expect(sortsRows(kase('let a = 1;\nT | sort by x | summarize count() by k'))).toBe(false);
    expect(sortsRows(kase('T | summarize count() by x | sort by x | where x > 1'))).toBe(true);
    expect(sortsRows(kase('T | top 3 by x | extend y = 1'))).toBe(true);
  });
});

describe('array order', () => {
  const T = "datatable(x:long, g:string)[1, 'a', 2, 'b']";
  it('is undefined only in the result columns a set function produced', () => {
    expect(
      [
        ...unorderedColumns(
          `${T} | summarize s = make_set(x), l = make_list(x), make_set_if(g, x > 1) by g`,
        ),
      ].sort(),
    ).toEqual(['s', 'set_g']);
    expect(
      [
        ...unorderedColumns(
          'print u = set_union(dynamic([1]), dynamic([2])), i = set_intersect(dynamic([1]), dynamic([1]))',
        ),
      ].sort(),
    ).toEqual(['i', 'u']);
    expect([...unorderedColumns('print s = dynamic([2, 1])')]).toEqual([]);
  });
  it('follows renames and copies of such a column, not expressions built on it', () => {
    const q = `${T} | summarize s = make_set(x) | extend t = s, z = array_sort_asc(s), j = tostring(s), b = bag_pack("k", s) | project-rename r = t`;
    expect([...unorderedColumns(q)].sort()).toEqual(['r', 's']);
  });
  it('is defined everywhere in a query without set functions, or one Kusto cannot read', () => {
    expect([
      ...unorderedColumns(`${T} | summarize make_list(x), make_bag(bag_pack("k", x))`),
    ]).toEqual([]);
    expect([...unorderedColumns('print s = (')]).toEqual([]);
  });
});

describe('render', () => {
  it('is cut off with its options, leaving the table before it', () => {
    expect(stripRender('T | summarize count() by x\n| render timechart with (title="a | b")')).toBe(
      'T | summarize count() by x',
    );
    expect(stripRender('T | where s == "| render" | render piechart')).toBe(
      'T | where s == "| render"',
    );
    expect(stripRender('T | take 1')).toBe('T | take 1');
  });
});

describe('lossless JSON', () => {
  it('keeps integers beyond 2^53 exact and leaves everything else to JSON.parse', () => {
    const v = parseJsonLossless(
      '{"a":[1846988464401551951,-1440138333540407281,1.5,9007199254740991,"1846988464401551951"],"b":1e300}',
    ) as {
      a: unknown[];
      b: number;
    };
    expect(v.a).toEqual([
      1846988464401551951n,
      -1440138333540407281n,
      1.5,
      9007199254740991,
      '1846988464401551951',
    ]);
    expect(v.b).toBe(1e300);
  });
  it('is not fooled by digits and escaped quotes inside strings', () => {
    expect(parseJsonLossless('["a\\"12345678901234567890", 12345678901234567890]')).toEqual([
      'a"12345678901234567890',
      12345678901234567890n,
    ]);
  });
});

describe('categories', () => {
  it('sets plugins, graph and geospatial cases apart, then those depending on chance or the clock', () => {
    expect(caseCategory(kase('T | evaluate bag_unpack(d)'))).toBe('plugin-graph-geo');
    expect(caseCategory(kase('print geo_point_to_s2cell(1, 2)'))).toBe('plugin-graph-geo');
    expect(caseCategory(kase('range x from 1 to 3 step 1 | extend r = rand()'))).toBe(
      'nondeterministic',
    );
    expect(caseCategory(kase('T | sample 3'))).toBe('nondeterministic');
    expect(caseCategory(kase("print s = 'rand()'"))).toBe('core');
    expect(caseCategory(kase('print x = 1'))).toBe('core');
  });
});
