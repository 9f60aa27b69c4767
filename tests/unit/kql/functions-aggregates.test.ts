/** Aggregates beyond the seed set: conditional forms, spread, bags, percentiles, arg_max/arg_min. */
import { functionCases } from './function-cases.ts';

functionCases(
  'KQL aggregate functions',
  [
    {
      rule: 'sumif/avgif/dcountif/maxif filter rows by the predicate (Kusto docs: sumif example gives 32)',
      kql: 'B | summarize sumif(day, strlen(name) > 4), avgif(day, day > 8), dcountif(name, day > 8), maxif(day, day < 20)',
      rows: [{ sumif_day: 32, avgif_day: 52 / 3, dcountif_name: 3, maxif_day: 18 }],
    },
    {
      rule: 'sumif over no matching row is 0, not null',
      kql: 'B | summarize s = sumif(day, day > 100)',
      rows: [{ s: 0 }],
    },
    {
      rule: 'stdev/variance are sample statistics, stdevp/variancep population ones (docs: stdevp(1..5) = √2)',
      kql: 'N | summarize stdevp(x), variancep(x), variance(x), s = stdevif(x, x % 2 == 0), v = variancepif(x, x % 2 == 0)',
      rows: [{ stdevp_x: Math.SQRT2, variancep_x: 2, variance_x: 2.5, s: Math.SQRT2, v: 1 }],
    },
    {
      rule: 'stdev of a single value is 0 (naive stddev_samp gives null)',
      kql: 'N | where x == 3 | summarize s = stdev(x)',
      rows: [{ s: 0 }],
    },
    {
      rule: 'make_set_if/make_list_if keep only rows passing the predicate; make_list_with_nulls keeps nulls',
      kql: 'B | summarize a = make_list_if(name, day > 10), b = make_set_if(day, day < 10), c = make_list_with_nulls(extra)',
      // A set's order is undefined in KQL; Loupe sorts it by the elements' JSON text ("7" < "9"), the same on every engine.
      rows: [{ a: ['Paul', 'George'], b: [7, 9], c: [null, 1, null, 2] }],
    },
    {
      rule: 'make_set of dynamic arrays is the set of their elements (Kusto docs; naive: a set of arrays)',
      kql: 'A | summarize s = make_set(Arr)',
      rows: [{ s: ['A1', 'A2', 'A3', 'C1', 'C2'] }],
    },
    {
      rule: 'make_bag merges bags across rows; make_bag_if filters them; non-bags are ignored',
      kql: 'B | extend p = iff(day > 20, dynamic(5), bag_pack(name, day)) | summarize a = make_bag(p), b = make_bag_if(p, day < 10)',
      rows: [{ a: { John: 9, Paul: 18, Ringo: 7 }, b: { John: 9, Ringo: 7 } }],
    },
    {
      rule: 'percentile is a nearest-rank value of the set, named percentile_X_P',
      kql: 'N | summarize percentile(x, 50), p = percentile(x, 100)',
      rows: [{ percentile_x_50: 3, p: 5 }],
    },
    {
      rule: 'percentiles gives one column per percentage (percentile_x_99_9); percentiles_array one array',
      kql: 'N | summarize percentiles(x, 20, 99.9), a = percentiles_array(x, 50, 100), b = percentiles_array(x, dynamic([0, 40]))',
      rows: [{ percentile_x_20: 1, percentile_x_99_9: 5, a: [3, 5], b: [1, 2] }],
    },
    {
      rule: 'a percentage bound by let or given to a function parameter is a constant, and names the column after its value (Kusto docs, invoke: clipped_average)',
      kql: 'let p = 50; let q = 99.9; let f = (T:(x:long), hi:real) { T | summarize percentiles(x, hi, 20) }; N | summarize percentile(x, p), percentiles(x, q), percentiles_array(x, p) | extend r = toscalar(N | invoke f(q))',
      rows: [{ percentile_x_50: 3, percentile_x_99_9: 5, percentiles_x: [3], r: 5 }],
    },
    {
      rule: 'binary_all_or/and/xor (docs: the four values OR to 0xCAFEF00D)',
      kql: 'H | summarize o = binary_all_or(num), a = binary_all_and(num), x = binary_all_xor(num)',
      rows: [{ o: 0xcafef00d, a: 0, x: (0x88888008 ^ 0x42000000 ^ 0x00767000 ^ 5) >>> 0 }],
    },
    {
      rule: 'count(x) counts rows, nulls included (Kusto docs), and is named count_x',
      kql: 'B | summarize count(extra)',
      rows: [{ count_extra: 4 }],
    },
    {
      rule: 'hll/dcount_hll/hll_merge count distinct values (exactly here); tdigest/percentile_tdigest/rank_tdigest/merge_tdigest',
      kql: 'N | extend y = x + 10 | summarize hx = hll(x), hy = hll(y), t = tdigest(x), w = tdigest(x, x) | project d = dcount_hll(hll_merge(hx, hy)), p = percentile_tdigest(t, 50), r = rank_tdigest(t, 3), m = percentile_tdigest(merge_tdigest(t, t), 100), pw = percentile_tdigest(w, 50), pl = percentile_tdigest(t, 100, typeof(long)), gp = gettype(percentile_tdigest(t, 50))',
      rows: [{ d: 10, p: 3, r: 3, m: 5, pw: 4, pl: 5, gp: 'long' }],
    },
    {
      rule: 'arg_max(X, *) returns the whole row of the maximum, X first; by columns are not repeated',
      kql: 'B | summarize arg_max(day, *)',
      rows: [{ day: 25, name: 'George', extra: null }],
    },
    {
      rule: 'arg_min with named columns and by; a named arg_max renames the key column',
      kql: 'B | summarize arg_min(day, name) by big = day > 10 | sort by big asc',
      rows: [
        { big: false, day: 7, name: 'Ringo' },
        { big: true, day: 18, name: 'Paul' },
      ],
    },
    {
      rule: 'arg_max columns come from one row even when the key ties (naive: separate arg_max per column may mix rows)',
      kql: 'T2 | summarize m = arg_max(k, a, b) | project m, same = (a == "x" and b == "y") or (a == "y" and b == "x")',
      rows: [{ m: 1, same: true }],
    },
    ...(['arg_max', 'arg_min'] as const).map((fn) => ({
      rule: `${fn}(X, *) of a group whose X is null on every row gives that group's first row with X null (${fn} docs, null handling; naive: SQL's ${fn} skips null keys and the other columns come out empty)`,
      kql: `datatable(Fruit: string, Color: string, Version: int) [
    "Apple", "Red", 1,
    "Apple", "Green", int(null),
    "Banana", "Yellow", int(null),
    "Banana", "Green", int(null),
    "Pear", "Brown", 1,
    "Pear", "Green", 2,
] | summarize ${fn}(Version, *) by Fruit | sort by Fruit asc`,
      rows: [
        { Fruit: 'Apple', Version: 1, Color: 'Red' },
        { Fruit: 'Banana', Version: null, Color: 'Yellow' },
        {
          Fruit: 'Pear',
          Version: fn === 'arg_max' ? 2 : 1,
          Color: fn === 'arg_max' ? 'Green' : 'Brown',
        },
      ],
    })),
    {
      rule: 'an expression over aggregates is computed per group from each aggregate (Sentinel: ratio = dcountif(…) * 100.0 / count())',
      kql: 'B | summarize r = countif(day > 8) * 100.0 / count(), s = tostring(make_list(day)), h = toupper(tohex(binary_all_or(day))), z = max(day) - min(day) by big = day > 10 | sort by big asc',
      rows: [
        { big: false, r: 50, s: '[9,7]', h: 'F', z: 2 },
        { big: true, r: 100, s: '[18,25]', h: '1B', z: 7 },
      ],
    },
    {
      rule: 'an aggregate inside a scalar function sees the rows, a let scalar around it stays visible',
      kql: 'let k = 2; B | summarize n = iff(count() > k, "many", "few"), a = strcat(max(name), "/", k)',
      rows: [{ n: 'many', a: 'Ringo/2' }],
    },
    {
      rule: 'aggregates name themselves after a conversion or dynamic path of a column, as extend does (Kusto: buildschema(todynamic(tostring(x))) is schema_x)',
      kql: 'B | extend d = bag_pack("k", name) | summarize dcount(tostring(day)), make_set(d.k)',
      rows: [{ dcount_day: 4, set_d_k: ['George', 'John', 'Paul', 'Ringo'] }],
    },
    {
      rule: 'buildschema: bags give containers, arrays the `indexer`, a place with several types a union, the container first (Kusto docs example as the engine answers it)',
      kql: 'S | summarize buildschema(value)',
      rows: [
        {
          schema_value: {
            x: ['long', 'string'],
            y: [{ w: 'string' }, 'double'],
            z: { '`indexer`': ['long', 'string'] },
            t: { '`indexer`': 'string' },
          },
        },
      ],
    },
    {
      rule: 'percentilew/percentilesw_array count each value weight times (docs: buckets 10×8, 20×6, 30×3, 40×1 → p50 20, p99.9 40)',
      kql: 'W | summarize percentilew(bucket, n, 50), percentilesw_array(bucket, n, dynamic([50, 75, 99.9])), p = percentilew(bucket, n, 40)',
      rows: [{ percentile_bucket_50: 20, percentiles_bucket: [20, 20, 40], p: 10 }],
    },
    {
      rule: 'an unnamed expression over aggregates gets the name Kusto gives it (Column1)',
      kql: 'B | summarize count() * 2',
      rows: [{ Column1: 8 }],
    },
    {
      rule: 'defaults over no rows (summarize docs): count, sum, sumif, stdev, variance 0; make_* []; hll, tdigest, buildschema, max null; avg NaN as the Kusto engine answers',
      kql: 'B | where day > 100 | extend d = bag_pack("a", day) | summarize count(), sum(day), sumif(day, day > 1), stdev(day), variance(day), make_set(day), hll(day), tdigest(day), buildschema(d), max(day), avg(day)',
      rows: [
        {
          count_: 0,
          sum_day: 0,
          sumif_day: 0,
          stdev_day: 0,
          variance_day: 0,
          set_day: [],
          hll_day: null,
          tdigest_day: null,
          schema_d: null,
          max_day: null,
          avg_day: NaN,
        },
      ],
    },
  ],
  [
    {
      rule: 'an aggregate inside an aggregate is not KQL',
      kql: 'B | summarize x = sum(count())',
      code: 'type',
      message: /count\(\) cannot be used inside another aggregate/,
    },
    {
      rule: 'a column outside the aggregates of a summarize expression is not in scope',
      kql: 'B | summarize x = count() + day',
      code: 'unknown-column',
      message: /"day"/,
    },
  ],
  (h) => {
    h.table(
      'B',
      [
        { name: 'name', type: 'string' },
        { name: 'day', type: 'long' },
        { name: 'extra', type: 'long' },
      ],
      [`'John', 9, NULL`, `'Paul', 18, 1`, `'George', 25, NULL`, `'Ringo', 7, 2`],
    );
    h.table(
      'A',
      [{ name: 'Arr', type: 'dynamic' }],
      [`'["A1","A2","A3"]'`, `'["A2","C1"]'`, `'["C2","A3"]'`, `'["C2","A1"]'`],
    );
    h.table('N', [{ name: 'x', type: 'long' }], ['1', '2', '3', '4', '5']);
    h.table(
      'H',
      [{ name: 'num', type: 'long' }],
      [String(0x88888008), String(0x42000000), String(0x00767000), '5'],
    );
    h.table(
      'S',
      [{ name: 'value', type: 'dynamic' }],
      [
        `'{"x":1,"y":3.5}'`,
        `'{"x":"somevalue","z":[1,2,3]}'`,
        `'{"y":{"w":"zzz"},"t":["aa","bb"],"z":["foo"]}'`,
        'NULL',
      ],
    );
    h.table(
      'W',
      [
        { name: 'n', type: 'long' },
        { name: 'bucket', type: 'long' },
      ],
      ['8, 10', '6, 20', '3, 30', '1, 40'],
    );
    h.table(
      'T2',
      [
        { name: 'k', type: 'long' },
        { name: 'a', type: 'string' },
        { name: 'b', type: 'string' },
      ],
      [`1, 'x', 'y'`, `1, 'y', 'x'`, `0, 'z', 'z'`],
    );
  },
);
