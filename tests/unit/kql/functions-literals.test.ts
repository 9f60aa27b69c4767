/** Literal forms: dynamic(…) constants and typed nulls / special reals. */
import { functionCases } from './function-cases.ts';

functionCases(
  'KQL literals',
  [
    {
      rule: 'dynamic arrays and bags become canonical JSON; datetimes inside are ISO strings, timespans KQL text',
      kql: 'P | project a = dynamic([1, "x", \'y\', {"k": datetime(2020-01-02 03:04:05.5)}, -2.5, true, null]), b = dynamic({"t": [1h]})',
      rows: [
        {
          a: [1, 'x', 'y', { k: '2020-01-02T03:04:05.5000000Z' }, -2.5, true, null],
          b: { t: ['01:00:00'] },
        },
      ],
    },
    {
      rule: 'dynamic(null) is null, dynamic(5) a scalar',
      kql: 'P | project a = dynamic(null), b = dynamic(5), c = isnull(dynamic(null))',
      rows: [{ a: null, b: 5, c: true }],
    },
    {
      rule: 'a dynamic literal can be indexed',
      kql: 'P | project a = dynamic([10, 20, 30])[-1], b = dynamic({"k": {"j": "v"}}).k.j',
      rows: [{ a: 30, b: 'v' }],
    },
    {
      rule: 'equal bags written with different spacing are equal',
      kql: 'P | project e = dynamic({ "a" : 1 }) == dynamic({"a":1})',
      rows: [{ e: true }],
    },
    {
      rule: 'typed nulls are nulls of their type (naive: NULL without a type cannot be summed or compared)',
      kql: 'P | project a = long(null), b = int(null), c = real(null), d = bool(null), e = timespan(null), f = isnull(long(null)), g = long(null) + 1',
      rows: [{ a: null, b: null, c: null, d: null, e: null, f: true, g: null }],
    },
    {
      rule: 'typed literals with values',
      kql: 'P | project a = long(-3), b = int(7), c = real(2), d = bool(true), e = double(-1.5)',
      rows: [{ a: -3, b: 7, c: 2, d: true, e: -1.5 }],
    },
    {
      rule: 'real(nan) and real(±inf) are the IEEE special values',
      kql: 'P | project a = isnan(real(nan)), b = real(+inf) > 1e308, c = real(-inf) < -1e308, d = isinf(real(-inf))',
      rows: [{ a: true, b: true, c: true, d: true }],
    },
  ],
  [
    {
      rule: 'an unclosed dynamic bag names the problem',
      kql: 'P | project a = dynamic({"a": 1)',
      code: 'syntax',
      message: /Expected: }/,
    },
    {
      rule: 'an expression inside dynamic() is not a literal',
      kql: 'P | project a = dynamic([x])',
      code: 'syntax',
      message: /Expected: ]/,
    },
  ],
);
