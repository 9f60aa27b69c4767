/** Functions over dynamic arrays, bags and sets (runtime/arrays.ts UDFs and SQL-built JSON). */
import { functionCases } from './function-cases.ts';

functionCases(
  'KQL dynamic functions',
  [
    {
      rule: 'pack_array keeps each element its type; timespans become KQL text, nulls stay null',
      kql: 'P | project a = pack_array(x, tostring(x * 2), 2s, long(null))',
      rows: [{ a: [1, '2', '00:00:02', null] }],
    },
    {
      rule: 'bag_pack/pack nest bags (Kusto docs example)',
      kql: 'P | project b = bag_pack("Level", "Information", "ProcessID", 1234, "Data", bag_pack("url", "www.bing.com")), c = pack("k", "v")',
      rows: [
        {
          b: { Level: 'Information', ProcessID: 1234, Data: { url: 'www.bing.com' } },
          c: { k: 'v' },
        },
      ],
    },
    {
      rule: 'bag_pack_columns keys the bag by the column names',
      kql: 'P | extend s = "v" | project b = bag_pack_columns(x, s)',
      rows: [{ b: { x: 1, s: 'v' } }],
    },
    {
      rule: 'array_length: null for a bag or a scalar, not 1 or an error',
      kql: 'P | project a = array_length(dynamic([1, 2])), b = array_length(dynamic({"a": 1})), c = array_length(dynamic(5)), d = array_length(dynamic([]))',
      rows: [{ a: 2, b: null, c: null, d: 0 }],
    },
    {
      rule: 'obsolete spellings Kusto still accepts behave as their replacements (arraylength, parsejson, parseurlquery, extractall, make_string)',
      kql: 'P | project a = arraylength(dynamic([1, 2])), b = parsejson("{\\"k\\": 1}"), c = parseurlquery("a=1&b=2")["Query Parameters"]["a"], d = extractall(@"(\\d)", "a1b2"), e = make_string(65, 66)',
      rows: [{ a: 2, b: { k: 1 }, c: '1', d: ['1', '2'], e: 'AB' }],
    },
    {
      rule: 'gettype names arrays "array" and bags "dictionary"',
      kql: 'P | project a = gettype(dynamic([1])), b = gettype(dynamic({})), c = gettype(x), d = gettype(dynamic(1.5)), e = gettype("s"), f = gettype(dynamic(null))',
      rows: [{ a: 'array', b: 'dictionary', c: 'long', d: 'real', e: 'string', f: 'null' }],
    },
    {
      rule: 'array_concat; null when an argument is not an array',
      kql: 'P | project a = array_concat(dynamic([1]), dynamic([2, 3])), b = array_concat(dynamic([1]), dynamic({"a": 1}))',
      rows: [{ a: [1, 2, 3], b: null }],
    },
    {
      rule: 'array_slice: end inclusive, negative indexes from the end',
      kql: 'P | project a = array_slice(dynamic([1, 2, 3, 4]), 1, -2), b = array_slice(dynamic([1, 2, 3]), 2, 10), c = array_slice(dynamic([1, 2, 3]), 2, 1)',
      rows: [{ a: [2, 3], b: [3], c: [] }],
    },
    {
      rule: 'array_sort_asc/desc put nulls last by default, first when asked',
      kql: 'P | project a = array_sort_asc(dynamic([3, null, 1, 2])), b = array_sort_desc(dynamic(["b", "a", "c"])), c = array_sort_asc(dynamic([2, null, 1]), false)',
      rows: [{ a: [1, 2, 3, null], b: ['c', 'b', 'a'], c: [null, 1, 2] }],
    },
    {
      rule: 'array_sort_asc of several arrays sorts the first and reorders the others to match; an array of another length gives null (Kusto docs)',
      kql: 'let a = dynamic([1, 3, 4, 5, 2]); let b = dynamic(["a", "b", "c", "d", "e"]); P | extend array_sort_asc(a, b) | extend (d1, d2, d3) = array_sort_desc(a, b, dynamic([1]), false) | project a_sorted, b_sorted, d2, d3',
      rows: [
        {
          a_sorted: [1, 2, 3, 4, 5],
          b_sorted: ['a', 'e', 'b', 'c', 'd'],
          d2: ['d', 'c', 'b', 'e', 'a'],
          d3: null,
        },
      ],
    },
    {
      rule: 'array_sort_asc(t, c)[1] indexes the sorted results (docs: commands in chronological order); nulls of the first array go last, taking their partners along',
      kql: 'P | project c = array_sort_asc(dynamic([3, null, 1]), dynamic(["x", "n", "y"]))[1], s = strcat_array(array_sort_asc(split("b,c,a", ",")), ",")',
      rows: [{ c: ['y', 'x', 'n'], s: 'a,b,c' }],
    },
    {
      rule: 'print spreads a multi-result function over columns named after its arguments (docs: array1_sorted, array2_sorted)',
      kql: 'let array1 = dynamic([2, 1]); let array2 = dynamic(["b", "a"]); print array_sort_asc(array1, array2), n = 1',
      rows: [{ array1_sorted: [1, 2], array2_sorted: ['a', 'b'], n: 1 }],
    },
    {
      rule: 'array_index_of: -1 when absent, null for a non-array',
      kql: 'P | project a = array_index_of(dynamic(["a", "b", "a"]), "a", 1), b = array_index_of(dynamic([1, 2]), 3), c = array_index_of(dynamic({"a": 1}), 1)',
      rows: [{ a: 2, b: -1, c: null }],
    },
    {
      rule: 'array_shift_* fill with null or the given value; array_rotate_* wrap around',
      kql: 'P | project a = array_shift_left(dynamic([1, 2, 3]), 1), b = array_shift_right(dynamic([1, 2, 3]), 1, -1), c = array_rotate_left(dynamic([1, 2, 3, 4]), 1), d = array_rotate_right(dynamic([1, 2, 3, 4]), 1)',
      rows: [{ a: [2, 3, null], b: [-1, 1, 2], c: [2, 3, 4, 1], d: [4, 1, 2, 3] }],
    },
    {
      rule: 'array_split at one index or several; array_reverse; array_sum (a real)',
      kql: 'P | project a = array_split(dynamic([1, 2, 3, 4, 5]), dynamic([2, 4])), b = array_split(dynamic([1, 2, 3]), 1), c = array_reverse(dynamic([1, "a"])), d = array_sum(dynamic([0.5, 2]))',
      rows: [{ a: [[1, 2], [3, 4], [5]], b: [[1], [2, 3]], c: ['a', 1], d: 2.5 }],
    },
    {
      rule: 'array_iff picks element-wise, broadcasting scalars',
      kql: 'P | project a = array_iff(dynamic([true, false, true]), dynamic([1, 2, 3]), 0)',
      rows: [{ a: [1, 0, 3] }],
    },
    {
      rule: 'strcat_array joins elements as text (strings without quotes)',
      kql: 'P | project a = strcat_array(dynamic([1, "a", true]), "-"), b = strcat_array(dynamic([]), ",")',
      rows: [{ a: '1-a-true', b: '' }],
    },
    {
      rule: 'bag_keys, bag_merge (first wins), bag_remove_keys, bag_has_key with a path',
      kql: 'P | project a = bag_keys(dynamic({"a": 1, "b": 2})), b = bag_merge(dynamic({"a": 1}), dynamic({"a": 2, "c": 3})), c = bag_remove_keys(dynamic({"a": 1, "b": 2}), dynamic(["a"])), d = bag_has_key(dynamic({"a": {"b": 1}}), "$.a.b"), e = bag_has_key(dynamic({"a": 1}), "z")',
      rows: [{ a: ['a', 'b'], b: { a: 1, c: 3 }, c: { b: 2 }, d: true, e: false }],
    },
    {
      rule: 'set functions are distinct; set_has_element; jaccard_index',
      kql: 'P | project a = set_union(dynamic([1, 2]), dynamic([2, 3])), b = set_intersect(dynamic([1, 2, 2]), dynamic([2, 3])), c = set_difference(dynamic([1, 2, 3]), dynamic([2]), dynamic([3])), d = set_has_element(dynamic(["a"]), "a"), e = jaccard_index(dynamic([1, 2]), dynamic([2, 3]))',
      rows: [{ a: [1, 2, 3], b: [2], c: [1], d: true, e: 1 / 3 }],
    },
    {
      rule: 'split of "" is [""] (naive string_split gives []); split with an index is a one-element array',
      kql: 'P | project a = split("", ","), b = split("a_b_c", "_"), c = split("a_b_c", "_", 1), d = split("a_b", "_", 5)',
      rows: [{ a: [''], b: ['a', 'b', 'c'], c: ['b'], d: [] }],
    },
    {
      rule: 'in (dynamic array) tests each element; has_any with a dynamic list is a term match',
      kql: 'let L = dynamic(["b", "c"]); P | project a = "c" in (L), b = "cc" in (L), c = "a-b x" has_any (L), d = "abc" has_any (L)',
      rows: [{ a: true, b: false, c: true, d: false }],
    },
    {
      rule: "in (a dynamic computed by the query) searches its elements (naive: compares x with the array's JSON text, never equal)",
      kql: 'let L = toscalar(W | summarize make_set(w)); W | project w, a = w in (L), b = toupper(w) in~ (L), c = strcat(w, "x") !in (L), d = toupper(w) in (L)',
      rows: [
        { w: 'a', a: true, b: true, c: true, d: false },
        { w: 'b', a: true, b: true, c: true, d: false },
      ],
    },
    {
      rule: 'has_any/has_all with a list computed by the query are term matches too',
      kql: 'let L = toscalar(W | summarize make_set(w)); P | project a = "x-A y" has_any (L), b = "ab" has_any (L), c = "a b" has_all (L), d = "a" has_all (L), e = "q b" has_any (L, "zz")',
      rows: [{ a: true, b: false, c: true, d: false, e: true }],
    },
    {
      rule: 'has_any/has_all of a one-column table (a let-bound table, as `in` takes one; Sentinel IOC rules: `msg has_any (IPList)`)',
      kql: 'let IPs = datatable(ip:string)["10.1.2.3", "192.0.2.9"]; P | project a = "from 192.0.2.9:443" has_any (IPs), b = "from 192.0.2.99" has_any (IPs), c = "10.1.2.3 and 192.0.2.9" has_all (IPs), d = "10.1.2.3" has_all (IPs)',
      rows: [{ a: true, b: false, c: true, d: false }],
    },
    {
      rule: 'has_any/has_all of a subquery written in the list (has_any reference page: State has_any ((PopulationData | where … | project State)))',
      kql: 'let Pop = datatable(State:string, Population:long)["TEXAS", 29, "OHIO", 11, "UTAH", 3]; datatable(State:string)["TEXAS", "NEW TEXAS", "UTAH", "OHIO RIVER"] | where State has_any ((Pop | where Population > 10 | project State)) | extend all = State has_all ((Pop | where Population > 20 | project State))',
      rows: [
        { State: 'TEXAS', all: true },
        { State: 'NEW TEXAS', all: true },
        { State: 'OHIO RIVER', all: false },
      ],
    },
    {
      rule: 'in (a dynamic column) matches an element, or the value itself when it is not an array',
      kql: 'D | project a = "x" in (d)',
      rows: [{ a: true }, { a: true }, { a: false }, { a: false }],
    },
  ],
  [
    {
      rule: 'bag_pack needs pairs',
      kql: 'P | project b = bag_pack("a")',
      code: 'type',
      message: /key\/value pairs/,
    },
    {
      rule: 'array functions need a dynamic',
      kql: 'P | project b = array_reverse("abc")',
      code: 'type',
      message: /array_reverse\(\) expects dynamic/,
    },
  ],
  (h) => {
    h.table('W', [{ name: 'w', type: 'string' }], [`'a'`, `'b'`]);
    h.table('D', [{ name: 'd', type: 'dynamic' }], [`'["x","y"]'`, `'"x"'`, `'{"x":1}'`, 'NULL']);
  },
);

/** Examples of the functions' own reference pages (dataexplorer-docs, data-explorer/kusto/query/<name>…md) with their documented results. */
functionCases('KQL dynamic functions: reference examples', [
  {
    rule: 'pack-all-function.md: every column of the input row; with true, null and empty values left out (and not the column extend adds beside it)',
    kql: `datatable(SourceNumber:string, TargetNumber:string, CharsCount:long) ['555-555-1234','555-555-1212',46, '555-555-1234','555-555-1213',50, '555-555-1313','',42, '','555-555-3456',74] | extend Packed = pack_all(), PackedIgnoreNullEmpty = pack_all(true)`,
    rows: [
      {
        SourceNumber: '555-555-1234',
        TargetNumber: '555-555-1212',
        CharsCount: 46,
        Packed: { SourceNumber: '555-555-1234', TargetNumber: '555-555-1212', CharsCount: 46 },
        PackedIgnoreNullEmpty: {
          SourceNumber: '555-555-1234',
          TargetNumber: '555-555-1212',
          CharsCount: 46,
        },
      },
      {
        SourceNumber: '555-555-1234',
        TargetNumber: '555-555-1213',
        CharsCount: 50,
        Packed: { SourceNumber: '555-555-1234', TargetNumber: '555-555-1213', CharsCount: 50 },
        PackedIgnoreNullEmpty: {
          SourceNumber: '555-555-1234',
          TargetNumber: '555-555-1213',
          CharsCount: 50,
        },
      },
      {
        SourceNumber: '555-555-1313',
        TargetNumber: '',
        CharsCount: 42,
        Packed: { SourceNumber: '555-555-1313', TargetNumber: '', CharsCount: 42 },
        PackedIgnoreNullEmpty: { SourceNumber: '555-555-1313', CharsCount: 42 },
      },
      {
        SourceNumber: '',
        TargetNumber: '555-555-3456',
        CharsCount: 74,
        Packed: { SourceNumber: '', TargetNumber: '555-555-3456', CharsCount: 74 },
        PackedIgnoreNullEmpty: { TargetNumber: '555-555-3456', CharsCount: 74 },
      },
    ],
  },
  {
    rule: 'pack_all: Loupe writes the keys in column order (Kusto guarantees no order); a null long is null, or left out with true',
    kql: 'datatable(b:long, a:string) [long(null), "x"] | project t = tostring(pack_all()), u = tostring(pack_all(true))',
    rows: [{ t: '{"b":null,"a":"x"}', u: '{"a":"x"}' }],
  },
  {
    rule: 'range-function.md: numbers, the default step, timespans',
    kql: 'print r = range(1, 8, 3), a = range(1, 3), h = range(1h, 5h)',
    rows: [
      {
        r: [1, 4, 7],
        a: [1, 2, 3],
        h: ['01:00:00', '02:00:00', '03:00:00', '04:00:00', '05:00:00'],
      },
    ],
  },
  {
    rule: 'range-function.md: the array is truncated at 1,048,576 elements (naive: refused or null past the limit)',
    kql: 'print r = range(1,1000000000) | mv-expand r | count',
    rows: [{ Count: 1048576 }],
  },
  {
    rule: 'bag-remove-keys-function.md: first-level keys',
    kql: `datatable(input:dynamic) [ dynamic({'key1' : 123, 'key2': 'abc'}), dynamic({'key1' : 'value', 'key3': 42.0}), ] | extend result=bag_remove_keys(input, dynamic(['key2', 'key4']))`,
    rows: [
      { input: { key1: 123, key2: 'abc' }, result: { key1: 123 } },
      { input: { key1: 'value', key3: 42 }, result: { key1: 'value', key3: 42 } },
    ],
  },
  {
    rule: 'bag-remove-keys-function.md: a JSONPath removes an inner property (naive: "$.key2.prop1" taken as a first-level name)',
    kql: `datatable(input:dynamic) [ dynamic({'key1': 123, 'key2': {'prop1' : 'abc', 'prop2': 'xyz'}, 'key3': [100, 200]}), ] | extend result=bag_remove_keys(input, dynamic(['$.key2.prop1', 'key3']))`,
    rows: [
      {
        input: { key1: 123, key2: { prop1: 'abc', prop2: 'xyz' }, key3: [100, 200] },
        result: { key1: 123, key2: { prop2: 'xyz' } },
      },
    ],
  },
  {
    rule: 'bag_remove_keys: bracket paths, keys that are not there, a path with an array index removes nothing',
    kql: `print a = bag_remove_keys(dynamic({'a b': {'c': 1, 'd': 2}}), dynamic(["$['a b'].c", '$.x.y', '$.a[0]', 'zz']))`,
    rows: [{ a: { 'a b': { d: 2 } } }],
  },
  {
    rule: 'bag-zip.md: keys and values zipped; missing values null; extra values dropped; non-string keys skipped',
    kql: `print a = bag_zip(dynamic(['a', 'b', 'c']), dynamic([1, '2', 3.4])), b = bag_zip(dynamic(['a', 'b', 'c']), dynamic([1, '2'])), c = bag_zip(dynamic(['a', 'b']), dynamic([1, '2', 2.5])), d = bag_zip(dynamic(['a', 8, 'b']), dynamic([1, '2', 2.5]))`,
    rows: [
      {
        a: { a: 1, b: '2', c: 3.4 },
        b: { a: 1, b: '2', c: null },
        c: { a: 1, b: '2' },
        d: { a: 1, b: 2.5 },
      },
    ],
  },
  {
    rule: 'bag-zip.md: values that are not an array give every key null, keys that are not an array give null (naive: null for both)',
    kql: `let Data = datatable(KeysArray: dynamic, ValuesArray: dynamic) [ dynamic(['a', 8, 'b']), dynamic(1), dynamic('a'), dynamic([1, '2', 2.5]) ]; Data | extend NewBag = bag_zip(KeysArray, ValuesArray) | extend IsNewBagEmpty = isnull(NewBag)`,
    rows: [
      {
        KeysArray: ['a', 8, 'b'],
        ValuesArray: 1,
        NewBag: { a: null, b: null },
        IsNewBagEmpty: false,
      },
      { KeysArray: 'a', ValuesArray: [1, '2', 2.5], NewBag: null, IsNewBagEmpty: true },
    ],
  },
  {
    rule: 'a real inside a dynamic value stays a real, written 111.0 (dynamic data type page); a long stays 111 — through dynamic literals, parse_json/todynamic, pack and tostring',
    kql: `print a = tostring(dynamic([null, 111.0, 36, 1e3, {'k': 2.50}])), b = tostring(parse_json('[1.0, 2, 2.50, "x.5", 1E2]')), c = tostring(todynamic('{"x": 3.0}')), d = tostring(pack('a', 2.0, 'b', 2)), e = tostring(pack_array(1.0, 1)), f = tostring(dynamic([dynamic([5.0])]))`,
    rows: [
      {
        a: '[null,111.0,36,1000.0,{"k":2.5}]',
        b: '[1.0,2,2.5,"x.5",100.0]',
        c: '{"x":3.0}',
        d: '{"a":2.0,"b":2}',
        e: '[1.0,1]',
        f: '[[5.0]]',
      },
    ],
  },
]);
