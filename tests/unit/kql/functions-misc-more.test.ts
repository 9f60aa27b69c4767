import { functionCases } from './function-cases.ts';

functionCases(
  'more scalar functions',
  [
    {
      rule: 'translate-function.md: each character of the search list becomes the one at its place in the replacement list',
      kql: 'print a = translate("krasp", "otsku", "spark")',
      rows: [{ a: 'kusto' }],
    },
    {
      rule: 'translate-function.md: a shorter replacement list repeats its last character; an empty one removes the characters',
      kql: 'print a = translate("abc", "x", "abc"), b = translate("abc", "", "ab"), c = translate("ab", "xy", "cab-ba")',
      rows: [{ a: 'xxx', b: '', c: 'cxy-yx' }],
    },
    {
      rule: 'translate: characters are code points, not UTF-16 halves',
      kql: 'print a = translate("😀", "x", "a😀b")',
      rows: [{ a: 'axb' }],
    },
    {
      rule: 'base64-encode-fromguid-function.md: the guid bytes in .NET order (first three groups little-endian)',
      kql: 'print Quine = base64_encode_fromguid(toguid("ae3133f2-6e22-49ae-b06a-16e6a9b212eb"))',
      rows: [{ Quine: '8jMxriJurkmwahbmqbIS6w==' }],
    },
    {
      rule: 'base64_encode_fromguid is the inverse of base64_decode_toguid',
      kql: 'print g = base64_decode_toguid(base64_encode_fromguid(guid(10e99626-bc2b-4c75-bb3e-fe606de25700)))',
      rows: [{ g: '10e99626-bc2b-4c75-bb3e-fe606de25700' }],
    },
    {
      rule: 'base64-decode-toguid-function.md: text that is not a guid gives the null guid (isnull, isempty true; shown as null)',
      kql: 'print Empty = base64_decode_toguid("abcd1231") | extend n = isnull(Empty), e = isempty(Empty), nn = isnotnull(Empty), s = tostring(Empty), b = base64_encode_fromguid(Empty)',
      rows: [{ Empty: null, n: true, e: true, nn: false, s: '', b: '' }],
    },
    {
      rule: 'repeat-function.md: count copies of the value; [] for 0, null for a negative count',
      kql: 'print a = repeat(1, 3), b = repeat("x", 0), c = repeat(true, -1), d = repeat(1.5, 2), e = repeat(datetime(2020-01-01), 1), f = repeat(long(null), 2)',
      rows: [
        {
          a: [1, 1, 1],
          b: [],
          c: null,
          d: [1.5, 1.5],
          e: ['2020-01-01T00:00:00.0000000Z'],
          f: [null, null],
        },
      ],
    },
    {
      rule: 'repeat: a string with quotes stays one JSON string per element',
      kql: 'print a = repeat(@"a""\\b", 2)',
      rows: [{ a: ['a"\\b', 'a"\\b'] }],
    },
    {
      rule: 'set_equals: the same distinct values whatever their order and repetitions; 1 and "1" differ',
      kql: 'print a = set_equals(dynamic([1, 2, 3]), dynamic([3, 2, 1, 1])), b = set_equals(dynamic([1, 2]), dynamic([1, 2, 4])), c = set_equals(dynamic([1]), dynamic(["1"])), d = set_equals(dynamic([]), dynamic([]))',
      rows: [{ a: true, b: false, c: false, d: true }],
    },
    {
      rule: "treepath-function.md: the path of every node, a bag key as ['key'], every array element as [0]",
      kql: `print a = treepath(parse_json('{"a":"b", "c":123}')), b = treepath(parse_json('{"prop1":[1,2,3,4], "prop2":"value2"}')), c = treepath(parse_json('{"listProperty":[100,200,300,"abcde",{"x":"y"}]}'))`,
      rows: [
        {
          a: ["['a']", "['c']"],
          b: ["['prop1']", "['prop1'][0]", "['prop2']"],
          c: ["['listProperty']", "['listProperty'][0]", "['listProperty'][0]['x']"],
        },
      ],
    },
    {
      rule: 'treepath: a quote in a key is escaped; a scalar has no paths',
      kql: `print a = treepath(parse_json('{"it\\'s":{"b":1}}')), b = treepath(dynamic(5))`,
      rows: [{ a: ["['it\\'s']", "['it\\'s']['b']"], b: [] }],
    },
    {
      rule: 'array_strcat: strcat_array under the hidden name',
      kql: 'print a = array_strcat(dynamic([1, "b", 3]), "-")',
      rows: [{ a: '1-b-3' }],
    },
    {
      rule: 'iscolumnexists: whether the input has the column',
      kql: 'P | extend a = iscolumnexists("x"), b = iscolumnexists("nope") | project a, b',
      rows: [{ a: true, b: false }],
    },
    {
      rule: 'columnifexists: column_ifexists under its obsolete name',
      kql: 'P | project a = columnifexists("x", 0), b = columnifexists("nope", 7)',
      rows: [{ a: 1, b: 7 }],
    },
    {
      rule: 'datetime_list_timezones: the zones datetime_utc_to_local accepts, UTC among them',
      kql: 'print z = datetime_list_timezones() | extend n = array_length(z) > 100, u = set_has_element(z, "UTC"), b = set_has_element(z, "Europe/Brussels")',
      rows: [{ z: expectArray(), n: true, u: true, b: true }],
    },
  ],
  [
    {
      rule: 'repeat of a dynamic value is a type error (Kusto: value is a scalar)',
      kql: 'print a = repeat(dynamic([1]), 2)',
      code: 'type',
      message: /repeat\(\) expects a scalar/,
    },
    {
      rule: 'iscolumnexists takes a constant name',
      kql: 'P | extend a = iscolumnexists(tostring(x))',
      code: 'type',
      message: /column name as a string constant/,
    },
  ],
);

/** Any array (the zone list depends on the runtime's ICU). */
function expectArray(): unknown {
  return {
    asymmetricMatch: (x: unknown) => Array.isArray(x),
    toAsymmetricMatcher: () => 'any array',
  };
}
