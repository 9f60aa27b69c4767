/** Conversions, case(), and the less common string/dynamic functions, checked against the Kusto docs' answers. */
import { functionCases } from './function-cases.ts';

functionCases(
  'KQL conversions and miscellaneous functions',
  [
    {
      rule: 'case() takes the first true predicate; a null predicate falls through',
      kql: 'P | project a = case(x > 3, "big", x > 0, "small", "neg"), b = case(bool(null), 1, 2)',
      rows: [{ a: 'small', b: 2 }],
    },
    {
      rule: "iff() and case() type their result CommonNonDynamic (Kusto.Language): a dynamic branch is converted to the other branches' type",
      kql: 'P | project a = iff(x > 0, dynamic("text"), "none"), ta = gettype(iff(x > 0, dynamic("text"), "none")), b = case(x > 5, dynamic(7), 2), tb = gettype(case(x > 5, dynamic(7), 2)), c = iff(x < 0, dynamic("z"), "none")',
      rows: [{ a: 'text', ta: 'string', b: 2, tb: 'long', c: 'none' }],
    },
    {
      rule: 'make_datetime(value): the one-argument signature Kusto.Language has reads the value as a datetime (Sentinel rules call it on mv-expanded times)',
      kql: 'print a = make_datetime("2021-12-10T08:00:00Z"), b = make_datetime(dynamic("2021-12-10 09:30")), t = gettype(make_datetime("2021-12-10"))',
      rows: [{ a: '2021-12-10T08:00:00.000Z', b: '2021-12-10T09:30:00.000Z', t: 'datetime' }],
    },
    {
      rule: 'conversions return null instead of failing (naive CAST raises "Could not convert")',
      kql: 'P | project a = tolong("abc"), b = toint("12x"), c = toreal("1e3"), d = tobool("TRUE"), e = tobool("yes"), f = tobool(0), g = todecimal("123.45678"), h = toint(2.9), i = toint(-2.9)',
      rows: [{ a: null, b: null, c: 1000, d: true, e: null, f: false, g: 123.45678, h: 2, i: -2 }],
    },
    {
      rule: 'toint of a value beyond 32 bits is null like any failed conversion (naive CAST raises an overflow error)',
      kql: 'P | project a = toint(2147483648), b = toint("2147483647"), c = tolong("9007199254740993")',
      rows: [{ a: null, b: 2147483647, c: '9007199254740993' }],
    },
    {
      rule: "tohex: two's complement at the type's width, optional minimum length (Kusto docs)",
      kql: 'P | project a = tohex(256), b = tohex(-256), c = tohex(toint(-256), 8), d = tohex(256, 8), e = tohex(256, 2)',
      rows: [{ a: '100', b: 'ffffffffffffff00', c: 'ffffff00', d: '00000100', e: '100' }],
    },
    {
      rule: 'toguid accepts only the guid form; base64_decode_toguid reads .NET byte order (Kusto docs)',
      kql: 'P | project a = toguid("74BE27DE-1E4E-49D9-B579-FE0B331D3642"), b = toguid("nope"), c = base64_decode_toguid("JpbpECu8dUy7Pv5gbeJXAA=="), d = base64_encode_fromarray(dynamic([75, 117, 115, 116, 111]))',
      rows: [
        {
          a: '74be27de-1e4e-49d9-b579-fe0b331d3642',
          b: '',
          c: '10e99626-bc2b-4c75-bb3e-fe606de25700',
          d: 'S3VzdG8=',
        },
      ],
    },
    {
      rule: 'replace_strings makes one pass; a non-string rewrite keeps its match (Kusto docs examples)',
      kql: 'P | project a = replace_strings("A magic trick can turn a cat into a dog", dynamic(["cat", "dog"]), dynamic(["dog", "pigeon"])), b = replace_strings("This is an example", dynamic(["This", "is"]), dynamic([12345, "was"]))',
      rows: [{ a: 'A magic trick can turn a dog into a pigeon', b: 'This was an example' }],
    },
    {
      rule: 'bag_set_key creates nested bags for a $. path; bag_zip pads with null; zip pads the shorter array',
      kql: 'P | project a = bag_set_key(dynamic({"key1": 123}), "$.key2.prop1", "abc"), b = bag_zip(dynamic(["a", "b", "c"]), dynamic([1, "2"])), c = zip(dynamic(["A", 1, 1.5]), dynamic([{}, "B"]))',
      rows: [
        {
          a: { key1: 123, key2: { prop1: 'abc' } },
          b: { a: 1, b: '2', c: null },
          c: [
            ['A', {}],
            [1, 'B'],
            [1.5, null],
          ],
        },
      ],
    },
    {
      rule: 'regex_quote, erf, new_guid',
      kql: 'P | project a = regex_quote("(so$me.Te^xt)"), b = round(erf(1), 12), c = strlen(tostring(new_guid()))',
      rows: [{ a: '\\(so\\$me\\.Te\\^xt\\)', b: 0.84270079295, c: 36 }],
    },
    {
      rule: 'range() as a scalar over numbers, datetimes (default step 1h for times) and timespans',
      kql: 'P | project a = range(1, 5, 2), b = range(datetime(2007-01-01), datetime(2007-01-03), 1d), c = range(1h, 3h)',
      rows: [
        {
          a: [1, 3, 5],
          b: [
            '2007-01-01T00:00:00.0000000Z',
            '2007-01-02T00:00:00.0000000Z',
            '2007-01-03T00:00:00.0000000Z',
          ],
          c: ['01:00:00', '02:00:00', '03:00:00'],
        },
      ],
    },
    {
      rule: 'datetime() accepts quoted, comma and US forms; datetimes inside dynamic have 7 fraction digits',
      kql: 'P | project a = datetime("2015-12-14"), b = datetime(2025, 6, 14), c = datetime("01-31-2022"), d = pack_array(datetime(2020-01-01)), e = dynamic({"a": dynamic([1])})',
      rows: [
        {
          a: '2015-12-14T00:00:00.000Z',
          b: '2025-06-14T00:00:00.000Z',
          c: '2022-01-31T00:00:00.000Z',
          d: ['2020-01-01T00:00:00.0000000Z'],
          e: { a: [1] },
        },
      ],
    },
    {
      rule: 'column_ifexists reads the column when present, else the default; ingestion_time() is TimeGenerated',
      kql: 'L | project a = column_ifexists("TimeGenerated", datetime(2000-01-01)), b = column_ifexists("Missing", "none"), c = ingestion_time()',
      rows: [{ a: '2026-03-01T09:00:00.000Z', b: 'none', c: '2026-03-01T09:00:00.000Z' }],
    },
    {
      rule: 'column_ifexists/iscolumnexists take the name from a let or a function parameter bound to a string',
      kql: 'let c = "TimeGenerated"; let f = (n:string) { L | project b = column_ifexists(n, datetime(2000-01-01)), e = iscolumnexists(n) }; f(c) | extend a = column_ifexists(c, datetime(2001-01-01))', // the projection left no TimeGenerated,
      rows: [{ b: '2026-03-01T09:00:00.000Z', e: true, a: '2001-01-01T00:00:00.000Z' }],
    },
    {
      rule: "column_names_of(T) lists a let table's columns in order",
      kql: 'let T = datatable(A:string, B:int) []; P | project c = column_names_of(T), d = column_names_of(L)',
      rows: [{ c: ['A', 'B'], d: ['TimeGenerated'] }],
    },
    {
      rule: 'estimate_data_size counts fixed-width types by width and strings by UTF-8 bytes (docs: a long and a 10-character string are 18)',
      kql: 'P | extend s = "1234567890", u = "é", i = toint(1), b = true | project all = estimate_data_size(*), some = estimate_data_size(s, u, i), nul = estimate_data_size(long(null))',
      rows: [{ all: 8 + 10 + 2 + 4 + 1, some: 10 + 2 + 4, nul: 8 }],
    },
    {
      rule: "column_names_of(f(…)) lists the columns of a tabular function's result, with or without parameters (Kusto docs)",
      kql: 'let F = () { print A = "", B = 1 }; let G = (n:long) { range x from 1 to n step 1 | extend y = x }; P | project f = column_names_of(F()), g = column_names_of(G(2))',
      rows: [{ f: ['A', 'B'], g: ['x', 'y'] }],
    },
    {
      rule: 'ingestion_time() without a TimeGenerated column is null',
      kql: 'P | project c = ingestion_time()',
      rows: [{ c: null }],
    },
    {
      rule: 'datetime_local_to_utc in a spring-forward gap uses the new offset (Kusto docs: Brussels 02:00 → 00:00 UTC); unknown zones give null',
      kql: 'P | project a = datetime_local_to_utc(datetime(2022-03-27 01:00), "Europe/Brussels"), b = datetime_local_to_utc(datetime(2022-03-27 02:00), "Europe/Brussels"), c = datetime_local_to_utc(datetime(2022-03-27 03:00), "Europe/Brussels"), d = datetime_utc_to_local(datetime(2026-08-02 23:56:37), "US/Pacific"), e = isnull(datetime_utc_to_local(datetime(2022-01-01), "Nowhere/Zone"))',
      rows: [
        {
          a: '2022-03-27T00:00:00.000Z',
          b: '2022-03-27T00:00:00.000Z',
          c: '2022-03-27T01:00:00.000Z',
          d: '2026-08-02T16:56:37.000Z',
          e: true,
        },
      ],
    },
    {
      rule: 'dynamic_to_json sorts keys; extract_json follows a JSONPath and converts with typeof(T)',
      kql: 'let j = \'{"name": "John", "age": 30, "tags": ["a", "b"]}\'; P | project a = dynamic_to_json(dynamic({"b": 1, "a": {"d": 1, "c": 2}})), b = extract_json("$.name", j, typeof(string)), c = extract_json("$.age", j, typeof(long)), d = extract_json("$.tags[1]", j), e = extract_json("$.none", j)',
      rows: [{ a: '{"a":{"c":2,"d":1},"b":1}', b: 'John', c: 30, d: 'b', e: '' }],
    },
    {
      rule: 'punycode both ways (RFC 3492; Kusto docs examples); parse_version compares versions numerically',
      kql: 'P | project a = punycode_from_string("académie-française"), b = punycode_from_string("艺术"), c = punycode_to_string("acadmie-franaise-npb1a"), d = punycode_domain_from_string("艺术.com"), h = punycode_domain_to_string("xn--cqv902d.com"), i = punycode_domain_to_string("Riðill｡Skáldskaparmál｡org"), e = parse_version("0.2") < parse_version("1"), f = parse_version("1.3") > parse_version("1.2.99.99"), g = isnull(parse_version("x"))',
      rows: [
        {
          a: 'acadmie-franaise-npb1a',
          b: 'cqv902d',
          c: 'académie-française',
          d: 'xn--cqv902d.com',
          h: '艺术.com',
          i: 'xn--Riill-jta.xn--Skldskaparml-dbbj.org',
          e: true,
          f: true,
          g: true,
        },
      ],
    },
    {
      rule: 'parse_command_line (Windows quoting), parse_csv (first record, quoted fields), around',
      kql: 'P | project a = parse_command_line("echo \\"hello world!\\" x", "windows"), b = parse_csv("record1,\\"a,b\\",c\\nrecord2,x"), c = around(5, 4, 1), d = around(6, 4, 1)',
      rows: [{ a: ['echo', 'hello world!', 'x'], b: ['record1', 'a,b', 'c'], c: true, d: false }],
    },
    {
      rule: 'd.[expr] indexes like d[expr]',
      kql: 'let k = "p"; P | project a = tostring(dynamic({"q": {"p": 7}})["q"].[k])',
      rows: [{ a: '7' }],
    },
  ],
  [
    {
      rule: 'column_ifexists needs a constant name',
      kql: 'P | project a = column_ifexists(strcat("x"), 1)',
      code: 'type',
      message: /column_ifexists\(\) takes a column name/,
    },
    {
      rule: 'functions about the cluster or user are refused with the reason, not as unknown',
      kql: 'print current_principal()',
      code: 'unsupported',
      message: /current_principal\(\): .*offline/,
    },
    {
      rule: 'hash_combine is refused because its algorithm is undocumented',
      kql: 'print hash_combine(hash("a"), hash("b"))',
      code: 'unsupported',
      message: /how hash_combine and hash_many combine hashes/,
    },
  ],
  (h) => {
    h.table(
      'L',
      [{ name: 'TimeGenerated', type: 'datetime' }],
      [`TIMESTAMP '2026-03-01 09:00:00'`],
    );
  },
);
