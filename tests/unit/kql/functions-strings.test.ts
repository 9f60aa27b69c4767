/** String functions: Kusto's documented answers, and the traps a naive SQL translation falls into. */
import { functionCases } from './function-cases.ts';

functionCases(
  'KQL string functions',
  [
    {
      rule: 'hash() is xxHash64 of the UTF-8 text (Kusto docs: hash("World") = 1846988464401551951, mod 100 = 51)',
      kql: 'P | project a = hash("World"), b = hash("World", 100), c = hash("Hello"), d = hash("")',
      // Beyond 2^53 a long arrives as its exact decimal text.
      rows: [
        { a: '1846988464401551951', b: 51, c: '753694413698530628', d: '-1205034819632174695' },
      ],
    },
    {
      rule: 'hash() of a datetime is xxHash64 of its ticks as 8 little-endian bytes (Kusto docs: hash(datetime("2015-01-01")) = 1380966698541616202)',
      kql: 'P | project a = hash(datetime("2015-01-01")), b = hash_xxhash64(datetime(2015-01-01)), c = hash(datetime(2015-01-01), 100), d = hash(datetime(null))',
      rows: [{ a: '1380966698541616202', b: '1380966698541616202', c: 2, d: null }],
    },
    {
      rule: 'strlen counts Unicode code points, not UTF-8 bytes (naive octet_length gives 7 for "é👍x")',
      kql: 'P | project a = strlen("é👍x"), b = string_size("é👍x"), c = reverse("abc")',
      rows: [{ a: 3, b: 7, c: 'cba' }],
    },
    {
      rule: 'extract with no match is "" (naive: null)',
      kql: 'P | project a = extract(@"Email: (\\S+),", 1, "User: David, Age: 35"), b = extract("User: ([^,]+)", 1, "User: James, Email"), c = extract(@"\\d+", 0, "Age: 35")',
      rows: [{ a: '', b: 'James', c: '35' }],
    },
    {
      rule: 'extract(…, typeof(T)) converts the match; null when nothing matches or it does not convert (extract docs: Month = 12, 7, 3; Duration 123.45 s)',
      kql: 'P | project a = extract(@"-(\\d{2})-", 1, "21-07-2023", typeof(int)), b = extract(@"-(\\d{2})-", 1, "none", typeof(long)), c = extract("Duration=([0-9.]+)", 1, "A=1, Duration=123.45, …", typeof(real)) * time(1s), d = extract(@"(\\d+)", 1, "ab", typeof(real)), e = extract("(x)", 1, "x", typeof(string)), f = extract("(true)", 1, "true", typeof(bool)), g = extract(@"(\\d{4}-\\d\\d-\\d\\d)", 1, "at 2024-01-02", typeof(datetime)), h = extract(@"(\\d\\d:\\d\\d)", 1, "x 01:30", typeof(timespan))',
      rows: [
        {
          a: 7,
          b: null,
          c: '00:02:03.4500000',
          d: null,
          e: 'x',
          f: true,
          g: '2024-01-02T00:00:00.000Z',
          h: '01:30:00',
        },
      ],
    },
    {
      rule: 'extract_all: strings for one group, arrays for several, null when nothing matches',
      kql: 'P | project a = extract_all(@"(\\d+)", "numbers: 123, 567"), b = extract_all(@"(\\w)(\\w+)(\\w)", "82b8be2d-dfa7"), c = extract_all(@"(\\d+)", "none")',
      rows: [
        {
          a: ['123', '567'],
          b: [
            ['8', '2b8be2', 'd'],
            ['d', 'fa', '7'],
          ],
          c: null,
        },
      ],
    },
    {
      rule: 'indexof: `length` bounds where a match starts, not where it ends, as the Kusto engine answers (tests/conformance/cases.json: idx3 = 2; the page shows -1) and idx8 = 9',
      kql: 'P | project i1 = indexof("abcdefg", "cde"), i2 = indexof("abcdefg", "cde", 1, 4), i3 = indexof("abcdefg", "cde", 1, 2), i4 = indexof("abcdefg", "cde", 3, 4), i5 = indexof("abcdefg", "cde", -5), i6 = indexof(1234567, 5, 1, 4), i8 = indexof("abcdefgabcdefg", "cde", 1, 10, 2), i9 = indexof("abcdefgabcdefg", "cde", 1, -1, 3), n = indexof("abc", "z")',
      rows: [{ i1: 2, i2: 2, i3: 2, i4: -1, i5: 2, i6: 4, i8: 9, i9: -1, n: -1 }],
    },
    {
      rule: 'trim/trim_start/trim_end take a regex and remove repeated matches',
      kql: 'P | project a = trim(@"[^\\w]+", "-  Te st1// $"), b = trim_start("https://", "https://bing.com"), c = trim_end(".com", "bing.com"), d = trim("--", "--a--b----")',
      rows: [{ a: 'Te st1', b: 'bing.com', c: 'bing', d: 'a--b' }],
    },
    {
      rule: 'replace_string is case-sensitive and literal; replace_regex rewrites groups with \\1',
      kql: 'P | project a = replace_string("a.b.A", ".", "-"), b = replace_regex("Number is 1", @"is (\\d+)", @"was: \\1"), c = replace_string("cat Cat", "cat", "dog")',
      rows: [{ a: 'a-b-A', b: 'Number was: 1', c: 'dog Cat' }],
    },
    {
      rule: 'countof: plain search counts overlapping matches, regex does not',
      kql: 'P | project a = countof("aaa", "aa"), b = countof("aaa", "a{2}", "regex"), c = countof("abc", "")',
      rows: [{ a: 2, b: 1, c: 0 }],
    },
    {
      rule: 'strcat_delim and strrep convert every argument with tostring (Kusto docs examples)',
      kql: "P | project a = strcat_delim('-', 1, '2', 'A', 1s), b = strrep('ABC', 2), c = strrep(123, 3, '.'), d = strrep(3s, 2, ' '), e = strrep('x', 0)",
      rows: [{ a: '1-2-A-00:00:01', b: 'ABCABC', c: '123.123.123', d: '00:00:03 00:00:03', e: '' }],
    },
    {
      rule: 'base64 round trip through UTF-8; invalid or unpadded input decodes to "" / null (naive atob accepts missing padding)',
      kql: 'P | project a = base64_encode_tostring("Kusto"), b = base64_decode_tostring("S3VzdG8="), c = base64_decode_tostring("@@"), d = base64_encode_tostring("é"), e = isnull(base64_decode_toarray("S3VzdG8")), f = base64_decode_toarray("S3VzdG8=")',
      rows: [{ a: 'S3VzdG8=', b: 'Kusto', c: '', d: 'w6k=', e: true, f: [75, 117, 115, 116, 111] }],
    },
    {
      rule: 'url_encode uses + for spaces and lower-case hex, url_encode_component %20; url_decode reverses',
      kql: 'P | project a = url_encode("https://www.bing.com/hello world"), b = url_encode_component("a b/"), c = url_decode("a%20b+c")',
      rows: [{ a: 'https%3a%2f%2fwww.bing.com%2fhello+world', b: 'a%20b%2f', c: 'a b c' }],
    },
    {
      rule: 'hash_sha256/hash_md5/hash_sha1 give lower-case hex; a datetime is hashed in its 7-digit form (Kusto docs value)',
      kql: 'P | project a = hash_md5("a"), b = hash_sha1("World"), c = hash_sha256("a"), d = hash_sha1(datetime(2020-01-01))',
      rows: [
        {
          a: '0cc175b9c0f1b6a831c399e269772661',
          b: '70c07ec18ef89c5309bbb0937f3a6342411e1fdd',
          c: 'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb',
          d: 'e903e533f4d636b4fc0dcf3cf81e7b7f330de776',
        },
      ],
    },
    {
      rule: "parse_url splits a URL into Kusto's bag (docs example)",
      kql: 'P | project r = parse_url("scheme://username:password@host:1234/this/is/a/path?k1=v1&k2=v2#fragment")',
      rows: [
        {
          r: {
            Scheme: 'scheme',
            Host: 'host',
            Port: '1234',
            Path: '/this/is/a/path',
            Username: 'username',
            Password: 'password',
            'Query Parameters': { k1: 'v1', k2: 'v2' },
            Fragment: 'fragment',
          },
        },
      ],
    },
    {
      rule: 'parse_path: drive roots only, alternate data streams, URL schemes',
      kql: 'P | project a = parse_path("file://C:/temp/file.txt:some.exe"), b = parse_path("/usr/lib/temp/file.txt")',
      rows: [
        {
          a: {
            Scheme: 'file',
            RootPath: 'C:/',
            DirectoryPath: 'C:/temp',
            DirectoryName: 'temp',
            Filename: 'file.txt',
            Extension: 'txt',
            AlternateDataStreamName: 'some.exe',
          },
          b: {
            Scheme: '',
            RootPath: '',
            DirectoryPath: '/usr/lib/temp',
            DirectoryName: 'temp',
            Filename: 'file.txt',
            Extension: 'txt',
            AlternateDataStreamName: '',
          },
        },
      ],
    },
    {
      rule: 'range() of datetimes (built in SQL): inclusive, 1h by default, descending with a negative step, [] the wrong way, null for a zero step or a null bound',
      kql: 'P | project a = tostring(range(datetime(2007-01-01), datetime(2007-01-03), 1d)), b = tostring(range(datetime(2007-01-03), datetime(2007-01-01), 1d)), c = tostring(range(datetime(2007-01-02), datetime(2007-01-01), -1d)), d = array_length(range(datetime(2007-01-01), datetime(2007-01-01 02:30))), e = tostring(range(datetime(1969-12-31 23:59:59.5), datetime(1970-01-01), 250ms)), f = isnull(range(datetime(null), datetime(2007-01-01), 1d)), g = isnull(range(datetime(2007-01-01), datetime(2007-01-02), 0s))',
      rows: [
        {
          a: '["2007-01-01T00:00:00.0000000Z","2007-01-02T00:00:00.0000000Z","2007-01-03T00:00:00.0000000Z"]',
          b: '[]',
          c: '["2007-01-02T00:00:00.0000000Z","2007-01-01T00:00:00.0000000Z"]',
          d: 3,
          e: '["1969-12-31T23:59:59.5000000Z","1969-12-31T23:59:59.7500000Z","1970-01-01T00:00:00.0000000Z"]',
          f: true,
          g: true,
        },
      ],
    },
    {
      rule: 'Unicode code points both ways; range() as an array; to_utf8 bytes',
      kql: 'P | project a = unicode_codepoints_from_string("h👍"), b = unicode_codepoints_to_string(dynamic([75, 117]), 115, range(116, 116)), c = to_utf8("é")',
      rows: [{ a: [104, 128077], b: 'Kust', c: [195, 169] }],
    },
  ],
  [
    {
      rule: 'hash of a non-string is refused rather than hashed differently from Kusto',
      kql: 'P | project h = hash(x)',
      code: 'unsupported',
      message: /hash\(\) of a long/,
    },
  ],
);

/** Examples of the functions' own reference pages (dataexplorer-docs, data-explorer/kusto/query/<name>…md) with their documented results. */
functionCases('KQL string functions: reference examples', [
  {
    rule: 'indexof-regex-function.md: idx1–idx5 (matches do not overlap; a negative start is null)',
    kql: 'print idx1 = indexof_regex("abcabc", @"a.c"), idx2 = indexof_regex("abcabcdefg", @"a.c", 0, 9, 2), idx3 = indexof_regex("abcabc", @"a.c", 1, -1, 2), idx4 = indexof_regex("ababaa", @"a.a", 0, -1, 2), idx5 = indexof_regex("abcabc", @"a|ab", -1)',
    rows: [{ idx1: 0, idx2: 3, idx3: -1, idx4: -1, idx5: null }],
  },
  {
    rule: 'indexof_regex counts code points, and the length bounds where a match may lie',
    kql: 'print a = indexof_regex("é👍xab", "ab"), b = indexof_regex("abcabc", "abc", 1, 3), c = indexof_regex("abcabc", "abc", 1, 5), d = indexof_regex("abc", "x", 0, -2)',
    rows: [{ a: 3, b: -1, c: 3, d: null }],
  },
  {
    rule: 'has-any-index-function.md: idx1–idx5 (an array of integers is looked up by its text)',
    kql: `print idx1 = has_any_index("this is an example", dynamic(['this', 'example'])), idx2 = has_any_index("this is an example", dynamic(['not', 'example'])), idx3 = has_any_index("this is an example", dynamic(['not', 'found'])), idx4 = has_any_index("Example number 2", range(1, 3, 1)), idx5 = has_any_index("this is an example", dynamic([]))`,
    rows: [{ idx1: 0, idx2: 1, idx3: -1, idx4: 1, idx5: -1 }],
  },
  {
    rule: 'has_any_index matches whole terms, case-insensitively (has, not contains)',
    kql: `print a = has_any_index("Examples here", dynamic(['example', 'HERE'])), b = has_any_index("a-b", dynamic(['x', 'B']))`,
    rows: [{ a: 1, b: 1 }],
  },
  {
    rule: 'strcmp-function.md: ordinal comparison, lower case after upper case',
    kql: 'datatable(string1:string, string2:string) ["ABC","ABC", "abc","ABC", "ABC","abc", "abcde","abc"] | extend result = strcmp(string1, string2)',
    rows: [
      { string1: 'ABC', string2: 'ABC', result: 0 },
      { string1: 'abc', string2: 'ABC', result: 1 },
      { string1: 'ABC', string2: 'abc', result: -1 },
      { string1: 'abcde', string2: 'abc', result: 1 },
    ],
  },
  {
    rule: 'isascii.md: "some string" is ASCII; one character at or above U+0080 is not',
    kql: 'print result = isascii("some string"), e = isascii(""), b = isascii("caf\u00e9"), c = isascii("\x7f")',
    rows: [{ result: true, e: true, b: false, c: true }],
  },
  {
    rule: 'format-bytes-function.md: v1–v5 (units of 1024, rounded to the precision)',
    kql: 'print v1 = format_bytes(564), v2 = format_bytes(10332, 1), v3 = format_bytes(20010332), v4 = format_bytes(20010332, 2), v5 = format_bytes(20010332, 0, "KB")',
    rows: [{ v1: '564 Bytes', v2: '10.1 KB', v3: '19 MB', v4: '19.08 MB', v5: '19541 KB' }],
  },
  {
    rule: 'replace-strings-function.md: simple replacement, replacement with an empty string',
    kql: `print Message="A magic trick can turn a cat into a dog" | extend Outcome = replace_strings(Message, dynamic(['cat', 'dog']), dynamic(['dog', 'pigeon'])), Gone = replace_strings(Message, dynamic(['turn', ' into a dog']), dynamic(['disappear', '']))`,
    rows: [
      {
        Message: 'A magic trick can turn a cat into a dog',
        Outcome: 'A magic trick can turn a dog into a pigeon',
        Gone: 'A magic trick can disappear a cat',
      },
    ],
  },
  {
    rule: 'replace-strings-function.md: the earlier lookup takes precedence, also inside a later lookup\'s match ("Thwas"; naive: the lookup matching first in the text wins)',
    kql: `print Message="This is an example of using replace_strings()" | extend Outcome1 = replace_strings(Message, dynamic(['This', 'is']), dynamic(['This', 'was'])), Outcome2 = replace_strings(Message, dynamic(['is', 'This']), dynamic(['was', 'This']))`,
    rows: [
      {
        Message: 'This is an example of using replace_strings()',
        Outcome1: 'This was an example of using replace_strings()',
        Outcome2: 'Thwas was an example of using replace_strings()',
      },
    ],
  },
  {
    rule: 'replace-strings-function.md: a rewrite that is not a string keeps the match, which still blocks later lookups',
    kql: `print Message="This is an example of using replace_strings()" | extend Outcome = replace_strings(Message, dynamic(['This', 'is']), dynamic([12345, 'was']))`,
    rows: [
      {
        Message: 'This is an example of using replace_strings()',
        Outcome: 'This was an example of using replace_strings()',
      },
    ],
  },
  {
    rule: 'reverse-function.md: a string, and numbers, datetimes (7 fraction digits; naive: tostring drops a zero fraction) and timespans through their text',
    kql: `print str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", ['int'] = 12345, ['double'] = 123.45, ['datetime'] = datetime(2017-10-15 12:00), ['timespan'] = 3h | project rstr = reverse(str), rint = reverse(['int']), rdouble = reverse(['double']), rdatetime = reverse(['datetime']), rtimespan = reverse(['timespan'])`,
    rows: [
      {
        rstr: 'ZYXWVUTSRQPONMLKJIHGFEDCBA',
        rint: '54321',
        rdouble: '54.321',
        rdatetime: 'Z0000000.00:00:21T51-01-7102',
        rtimespan: '00:00:30',
      },
    ],
  },
  {
    rule: 'toguid-function.md: 32 hex digits with or without hyphens give the guid (naive: only the 8-4-4-4-12 form); other text gives no guid ("" in Loupe, where guids are never null)',
    kql: 'datatable(str: string) [ "0123456789abcdef0123456789abcdef", "0123456789ab-cdef-0123-456789abcdef", "a string that is not a guid" ] | extend guid = toguid(str)',
    rows: [
      { str: '0123456789abcdef0123456789abcdef', guid: '01234567-89ab-cdef-0123-456789abcdef' },
      { str: '0123456789ab-cdef-0123-456789abcdef', guid: '01234567-89ab-cdef-0123-456789abcdef' },
      { str: 'a string that is not a guid', guid: '' },
    ],
  },
]);
