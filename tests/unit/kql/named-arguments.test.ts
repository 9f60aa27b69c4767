/**
 * Named arguments of built-in calls (`make_set(ResultReason, MaxSize=8)`, as published analytics
 * rules write them): put in parameter order by the names of Kusto.Language's signatures, matched
 * without regard to case.
 */
import { describe, expect, it } from 'vitest';
import { parameterNames } from '../../../src/kql/functions/named-arguments.ts';
import { functionCases } from './function-cases.ts';

describe('parameter names of a Kusto.Language signature', () => {
  it('lists the names, optional ones included', () => {
    expect(parameterNames('(expr: Scalar, [maxSize: Integer])')).toEqual(['expr', 'maxSize']);
    expect(parameterNames('(expr: Scalar, predicate: bool, [maxSize: Integer])')).toEqual([
      'expr',
      'predicate',
      'maxSize',
    ]);
  });
});

functionCases(
  'named arguments of built-in calls',
  [
    {
      rule: 'make_set(x, MaxSize=2) is make_set(x, 2): at most two distinct values (AuthenticationMethodsChangedforPrivilegedAccount writes MaxSize=8)',
      kql: 'N | summarize s = make_set(x, MaxSize=2) | extend n = array_length(s) | project n',
      rows: [{ n: 2 }],
    },
    {
      rule: 'the exact name (maxSize) and a named argument after the positional ones of make_list_if',
      kql: 'N | summarize a = make_list(x, maxSize=3), b = make_list_if(x, x > 1, maxsize=2) | project n = array_length(a), b',
      rows: [{ n: 3, b: [2, 3] }],
    },
    {
      rule: 'make_list_if/make_set_if with a size count only the rows the predicate keeps (naive: rejected rows, NULLs, take places)',
      kql: 'N | summarize a = make_list_if(x, x > 2, 2), b = make_set_if(x, x > 3, 1)',
      rows: [{ a: [3, 4], b: [4] }],
    },
    {
      rule: 'an unnamed aggregate keeps its automatic name (set_x) with a named size',
      kql: 'N | where x < 3 | summarize make_set(x, MaxSize=5)',
      rows: [{ set_x: [1, 2] }],
    },
    {
      rule: 'a scalar function too: split(source, delimiter, requestedIndex=1)',
      kql: 'print s = split("a@b", "@", requestedIndex=1)',
      rows: [{ s: ['b'] }],
    },
  ],
  [
    {
      rule: 'a name the function has no parameter of is a type error naming its parameters',
      kql: 'N | summarize make_set(x, Size=2)',
      code: 'type',
      message: /make_set\(\) has no parameter "Size" \(its parameters: expr, maxSize\)/,
    },
    {
      rule: 'a parameter given twice',
      kql: 'N | summarize make_set(x, 2, maxSize=3)',
      code: 'type',
      message: /"maxSize" is given twice/,
    },
  ],
  (h) => {
    h.table('N', [{ name: 'x', type: 'long' }], ['1', '2', '3', '4', '5']);
  },
);
