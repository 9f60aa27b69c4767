/**
 * take_anyif/anyif, cnt, the obsolete argmax/argmin, percentilesw, hll_if, hll_merge,
 * tdigest_merge/merge_tdigest (aggregates) and tdigest_merge, percentiles_array_tdigest,
 * percentrank_tdigest (scalars), take_any(*) and take_any of several columns. Column names are the ones Kusto.Language gives.
 */
import { functionCases } from './function-cases.ts';

const D = `let D = datatable(g:string, x:long, w:long, b:bool) [
  "a", 1, 2, true,
  "a", 2, 1, false,
  "a", 3, 1, true,
  "b", 4, 3, false,
  "b", 5, 1, false];
`;
const W = `let W = datatable(ReqCount:long, LatencyBucket:long) [8, 10, 6, 20, 3, 30, 1, 40];
`;

// take_any(*): y is always x * 10 and s names x, so a row mixing two input rows would show.
const R = `let R = datatable(g:string, x:long, y:long, s:string) [
  "a", 1, 10, "one", "a", 2, 20, "two", "a", 3, 30, "three", "b", 4, 40, "four"];
`;

functionCases(
  'more KQL aggregates',
  [
    {
      rule: 'take_any(*) by g: every column but the by columns, all from one row of the group',
      kql: `${R}R | summarize take_any(*) by g | extend same_row = y == x * 10 and s == case(x == 1, "one", x == 2, "two", x == 3, "three", "four") | project g, same_row, in_group = iff(g == "a", x between (1 .. 3), x == 4) | sort by g asc`,
      rows: [
        { g: 'a', same_row: true, in_group: true },
        { g: 'b', same_row: true, in_group: true },
      ],
    },
    {
      rule: 'take_any(*) keeps the input columns in order, after the by columns, with their names and types',
      kql: `${R}R | summarize take_any(*) by g | getschema | project ColumnName, ColumnType`,
      rows: [
        { ColumnName: 'g', ColumnType: 'string' },
        { ColumnName: 'x', ColumnType: 'long' },
        { ColumnName: 'y', ColumnType: 'long' },
        { ColumnName: 's', ColumnType: 'string' },
      ],
    },
    {
      rule: 'take_any(x, y) without by: one row, both values from the same input row',
      kql: `${R}R | where g == "b" or x == 2 | summarize take_any(x, s) | extend same_row = s == iff(x == 2, "two", "four") | project same_row`,
      rows: [{ same_row: true }],
    },
    {
      rule: 'take_any(*) of a one-row group gives that row',
      kql: `${R}R | where g == "b" | summarize take_any(*)`,
      rows: [{ g: 'b', x: 4, y: 40, s: 'four' }],
    },
    {
      rule: 'take_anyif takes x from a row where the predicate holds (named after x); anyif is named anyif_x; no row: "" for a string',
      kql: `${D}D | summarize take_anyif(x, b and x > 2), anyif(g, x == 4), e = take_anyif(g, x > 100), n = take_anyif(x, x > 100)`,
      rows: [{ x: 3, anyif_g: 'b', e: '', n: null }],
    },
    {
      rule: 'cnt() counts rows like count(), named cnt_',
      kql: `${D}D | summarize cnt() by g | sort by g asc`,
      rows: [
        { g: 'a', cnt_: 3 },
        { g: 'b', cnt_: 2 },
      ],
    },
    {
      rule: 'argmax/argmin: arg_max/arg_min of the same row, columns max_X and max_X_Col (min_ for argmin)',
      kql: `${D}D | summarize argmax(x, g, w), argmin(x, *)`,
      rows: [
        {
          max_x: 5,
          max_x_g: 'b',
          max_x_w: 1,
          min_x: 1,
          min_x_g: 'a',
          min_x_w: 2,
          min_x_b: true,
        },
      ],
    },
    {
      rule: 'a name given to argmax renames only the maximized column',
      kql: `${D}D | summarize m = argmax(w, x) by g | sort by g asc`,
      rows: [
        { g: 'a', m: 2, max_w_x: 1 },
        { g: 'b', m: 3, max_w_x: 4 },
      ],
    },
    {
      rule: 'percentilesw weighs each row (the page: 20, 20, 40; unweighted nearest rank would give 20, 30, 40)',
      kql: `${W}W | summarize percentilesw(LatencyBucket, ReqCount, 50, 75, 99.9)`,
      rows: [
        {
          percentile_LatencyBucket_50: 20,
          percentile_LatencyBucket_75: 20,
          percentile_LatencyBucket_99_9: 40,
        },
      ],
    },
    {
      rule: 'hll_if counts only the rows where the predicate holds; null over no row',
      kql: `${D}D | summarize d = dcount_hll(hll_if(x, x > 1)), hll_if(w, b), e = hll_if(x, x > 100)`,
      rows: [{ d: 4, hll_if_w: [1, 2], e: null }],
    },
    {
      rule: 'hll_merge is the union of the sketches: values shared by groups count once (summing the dcounts gives 4)',
      kql: `${D}D | summarize h = hll(w) by g | summarize m = hll_merge(h) | project d = dcount_hll(m)`,
      rows: [{ d: 3 }],
    },
    {
      rule: 'hll_merge is named hll_merge_h',
      kql: `${D}D | summarize h = hll(x) by g | summarize hll_merge(h) | project d = dcount_hll(hll_merge_h)`,
      rows: [{ d: 5 }],
    },
    {
      rule: 'tdigest_merge/merge_tdigest keep every value of every digest (named merge_tdigests_t)',
      kql: `${D}D | summarize t = tdigest(x) by g | summarize tdigest_merge(t), m2 = merge_tdigest(t) | project p = percentile_tdigest(merge_tdigests_t, 50, typeof(long)), q = percentile_tdigest(m2, 100, typeof(long))`,
      rows: [{ p: 3, q: 5 }],
    },
    {
      rule: 'the sketch mergers are null over no rows',
      kql: `${D}D | summarize h = hll(x), t = tdigest(x) by g | where g == "z" | summarize m = hll_merge(h), n = tdigest_merge(t)`,
      rows: [{ m: null, n: null }],
    },
    {
      rule: 'percentiles_array_tdigest: one array of percentile_tdigest values, from a list or a dynamic array',
      kql: `${D}D | summarize t = tdigest(x), tw = tdigest(x, w) | project a = percentiles_array_tdigest(t, 0, 50, 100), b = percentiles_array_tdigest(t, dynamic([20, 80])), c = percentiles_array_tdigest(tw, 50)`,
      rows: [{ a: [1, 3, 5], b: [1, 4], c: [3] }],
    },
    {
      rule: 'percentiles_array_tdigest of a computed array (range) with typeof(T): the elements of that type',
      kql: `${D}D | summarize t = tdigest(x), h = tdigest(x * 1.5) | project a = percentiles_array_tdigest(t, range(0, 100, 50), typeof(long)), b = percentiles_array_tdigest(h, range(0, 100, 50), typeof(real)), c = percentiles_array_tdigest(h, dynamic([0]), typeof(int))`,
      rows: [{ a: [1, 3, 5], b: [1.5, 4.5, 7.5], c: [2] }],
    },
    {
      rule: 'percentrank_tdigest: the percentage of the weight at or below the value (weights count)',
      kql: `${D}D | summarize t = tdigest(x), tw = tdigest(x, w) | project r = percentrank_tdigest(t, 3), rw = percentrank_tdigest(tw, 3), z = percentrank_tdigest(t, 0)`,
      rows: [{ r: 60, rw: 50, z: 0 }],
    },
    {
      rule: 'tdigest_merge (scalar) merges digests of two columns: the median of all ten values',
      kql: `${D}D | summarize t1 = tdigest(x), t2 = tdigest(w) | project m = percentile_tdigest(tdigest_merge(t1, t2), 50, typeof(long))`,
      rows: [{ m: 2 }],
    },
    {
      rule: 'percentrank_tdigest and percentiles_array_tdigest of a null digest are null',
      kql: 'print r = percentrank_tdigest(dynamic(null), 3), a = percentiles_array_tdigest(dynamic(null), 50)',
      rows: [{ r: null, a: null }],
    },
  ],
  [
    {
      rule: 'argmax of an expression: its columns are named after a column',
      kql: `${D}D | summarize argmax(x + 1, g)`,
      code: 'unsupported',
      message: /argmax\(\) of an expression/,
    },
    {
      rule: 'percentilesw needs an integer weight',
      kql: `${D}D | summarize percentilesw(x, 1.5, 50)`,
      code: 'type',
      message: /integer weight/,
    },
  ],
);
