import { describe, expect, it } from 'vitest';
import type { ConformanceCase } from '../../../src/conformance/cases.ts';
import { hasUnorderedArrays, sortsRows, stripRender } from '../../../src/conformance/query-shape.ts';
import { parseJsonLossless } from '../../../src/conformance/lossless-json.ts';
import { caseCategory } from '../../../src/conformance/categories.ts';

const kase = (kql: string, operators: string[] = [], functions: string[] = []): ConformanceCase => ({
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
});

describe('array order', () => {
  it('is undefined in results of make_set, make_bag and set_* only', () => {
    expect(hasUnorderedArrays(kase('T | summarize make_set(x)'))).toBe(true);
    expect(hasUnorderedArrays(kase('print set_union(dynamic([1]), dynamic([2]))'))).toBe(true);
    expect(hasUnorderedArrays(kase('T | summarize s = x', [], ['make_bag_if']))).toBe(true);
    expect(hasUnorderedArrays(kase('T | summarize make_list(x)'))).toBe(false);
    expect(hasUnorderedArrays(kase("print 'make_set(x)'"))).toBe(false);
  });
});

describe('render', () => {
  it('is cut off with its options, leaving the table before it', () => {
    expect(stripRender('T | summarize count() by x\n| render timechart with (title="a | b")')).toBe('T | summarize count() by x');
    expect(stripRender('T | where s == "| render" | render piechart')).toBe('T | where s == "| render"');
    expect(stripRender('T | take 1')).toBe('T | take 1');
  });
});

describe('lossless JSON', () => {
  it('keeps integers beyond 2^53 exact and leaves everything else to JSON.parse', () => {
    const v = parseJsonLossless('{"a":[1846988464401551951,-1440138333540407281,1.5,9007199254740991,"1846988464401551951"],"b":1e300}') as {
      a: unknown[];
      b: number;
    };
    expect(v.a).toEqual([1846988464401551951n, -1440138333540407281n, 1.5, 9007199254740991, '1846988464401551951']);
    expect(v.b).toBe(1e300);
  });
  it('is not fooled by digits and escaped quotes inside strings', () => {
    expect(parseJsonLossless('["a\\"12345678901234567890", 12345678901234567890]')).toEqual(['a"12345678901234567890', 12345678901234567890n]);
  });
});

describe('categories', () => {
  it('sets plugins, graph and geospatial cases apart, then those depending on chance or the clock', () => {
    expect(caseCategory(kase('T | evaluate bag_unpack(d)'))).toBe('plugin-graph-geo');
    expect(caseCategory(kase('print geo_point_to_s2cell(1, 2)'))).toBe('plugin-graph-geo');
    expect(caseCategory(kase('range x from 1 to 3 step 1 | extend r = rand()'))).toBe('nondeterministic');
    expect(caseCategory(kase('T | sample 3'))).toBe('nondeterministic');
    expect(caseCategory(kase("print s = 'rand()'"))).toBe('core');
    expect(caseCategory(kase('print x = 1'))).toBe('core');
  });
});
