/**
 * IP address functions (runtime in ../runtime/ip.ts). Addresses are strings in the data; results
 * that are longs come back from the UDFs as decimal text (an IPv4 address needs 32 unsigned bits,
 * more than an INTEGER UDF result holds) and booleans as 1/0.
 */
import { toJsonSql, toStringSql } from '../convert.ts';
import type { Typed } from '../types.ts';
import { expectType, type CallSite, type ScalarFunction } from './registry.ts';
import {
  FORMAT_IPV4,
  HAS_ANY_IPV4,
  IPV4_COMPARE,
  IPV4_IN_ANY_RANGE,
  IPV4_IS_PRIVATE,
  IPV4_NETMASK_SUFFIX,
  IPV4_RANGE_TO_CIDR_LIST,
  IPV6_COMPARE,
  IPV6_IN_ANY_RANGE,
  PARSE_IPV4,
  PARSE_IPV4_MASK,
  PARSE_IPV6_MASK,
} from '../runtime/ip.ts';

const text = (a: readonly Typed[], i: number, s: CallSite) =>
  toStringSql(expectType(a, i, s, 'string', 'dynamic'));
const optDouble = (a: readonly Typed[], i: number, s: CallSite) =>
  a[i] ? `CAST(${expectType(a, i, s, 'long', 'int').sql} AS DOUBLE)` : 'CAST(NULL AS DOUBLE)';
/** Every argument from `from` on as VARCHAR JSON (a string or an array of strings). */
const jsonArgs = (a: readonly Typed[], from: number) => a.slice(from).map(toJsonSql);
const bool = (sql: string): Typed => ({ sql: `CAST(${sql} AS BOOLEAN)`, type: 'bool' });

export const IP_FUNCTIONS: readonly ScalarFunction[] = [
  {
    name: 'parse_ipv4',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({
      sql: `CAST(${PARSE_IPV4.call(text(a, 0, s))} AS BIGINT)`,
      type: 'long',
    }),
  },
  {
    name: 'parse_ipv4_mask',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => ({
      sql: `CAST(${PARSE_IPV4_MASK.call(text(a, 0, s), optDouble(a, 1, s))} AS BIGINT)`,
      type: 'long',
    }),
  },
  {
    name: 'ipv4_is_private',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => bool(IPV4_IS_PRIVATE.call(text(a, 0, s))),
  },
  {
    name: 'ipv4_compare',
    minArgs: 2,
    maxArgs: 3,
    translate: (a, s) => ({
      sql: `CAST(${IPV4_COMPARE.call(text(a, 0, s), text(a, 1, s), optDouble(a, 2, s))} AS BIGINT)`,
      type: 'long',
    }),
  },
  {
    name: 'ipv4_is_match',
    minArgs: 2,
    maxArgs: 3,
    translate: (a, s) =>
      bool(`(${IPV4_COMPARE.call(text(a, 0, s), text(a, 1, s), optDouble(a, 2, s))} = 0)`),
  },
  // ipv4_is_in_range(ip, range): the range's prefix decides (as ipv4_is_match without an explicit prefix).
  {
    name: 'ipv4_is_in_range',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) =>
      bool(`(${IPV4_COMPARE.call(text(a, 0, s), text(a, 1, s), `CAST(NULL AS DOUBLE)`)} = 0)`),
  },
  {
    name: 'ipv4_is_in_any_range',
    minArgs: 2,
    maxArgs: 64,
    translate: (a, s) => bool(IPV4_IN_ANY_RANGE.call(text(a, 0, s), ...jsonArgs(a, 1))),
  },
  {
    name: 'ipv4_netmask_suffix',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({
      sql: `CAST(${IPV4_NETMASK_SUFFIX.call(text(a, 0, s))} AS BIGINT)`,
      type: 'long',
    }),
  },
  ...(
    [
      ['format_ipv4', 0],
      ['format_ipv4_mask', 1],
    ] as const
  ).map(([name, withMask]): ScalarFunction => ({
    name,
    minArgs: 1,
    maxArgs: 2,
    translate: (a, s) => {
      const ip =
        a[0]!.type === 'long' || a[0]!.type === 'int'
          ? `CAST(${a[0]!.sql} AS VARCHAR)`
          : text(a, 0, s);
      return { sql: FORMAT_IPV4.call(ip, optDouble(a, 1, s), `${withMask}`), type: 'string' };
    },
  })),
  {
    name: 'has_ipv4',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => bool(HAS_ANY_IPV4.call(text(a, 0, s), '0', ...jsonArgs(a, 1))),
  },
  {
    name: 'has_any_ipv4',
    minArgs: 2,
    maxArgs: 64,
    translate: (a, s) => bool(HAS_ANY_IPV4.call(text(a, 0, s), '0', ...jsonArgs(a, 1))),
  },
  {
    name: 'has_ipv4_prefix',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => bool(HAS_ANY_IPV4.call(text(a, 0, s), '1', ...jsonArgs(a, 1))),
  },
  {
    name: 'has_any_ipv4_prefix',
    minArgs: 2,
    maxArgs: 64,
    translate: (a, s) => bool(HAS_ANY_IPV4.call(text(a, 0, s), '1', ...jsonArgs(a, 1))),
  },
  {
    name: 'ipv4_range_to_cidr_list',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => ({
      sql: IPV4_RANGE_TO_CIDR_LIST.call(text(a, 0, s), text(a, 1, s)),
      type: 'dynamic',
    }),
  },
  {
    name: 'parse_ipv6',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({
      sql: `coalesce(${PARSE_IPV6_MASK.call(text(a, 0, s), `CAST(NULL AS DOUBLE)`)}, '')`,
      type: 'string',
    }),
  },
  {
    name: 'parse_ipv6_mask',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => ({
      sql: `coalesce(${PARSE_IPV6_MASK.call(text(a, 0, s), optDouble(a, 1, s))}, '')`,
      type: 'string',
    }),
  },
  {
    name: 'ipv6_compare',
    minArgs: 2,
    maxArgs: 3,
    translate: (a, s) => ({
      sql: `CAST(${IPV6_COMPARE.call(text(a, 0, s), text(a, 1, s), optDouble(a, 2, s))} AS BIGINT)`,
      type: 'long',
    }),
  },
  {
    name: 'ipv6_is_match',
    minArgs: 2,
    maxArgs: 3,
    translate: (a, s) =>
      bool(`(${IPV6_COMPARE.call(text(a, 0, s), text(a, 1, s), optDouble(a, 2, s))} = 0)`),
  },
  {
    name: 'ipv6_is_in_range',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) =>
      bool(`(${IPV6_COMPARE.call(text(a, 0, s), text(a, 1, s), `CAST(NULL AS DOUBLE)`)} = 0)`),
  },
  {
    name: 'ipv6_is_in_any_range',
    minArgs: 2,
    maxArgs: 64,
    translate: (a, s) => bool(IPV6_IN_ANY_RANGE.call(text(a, 0, s), ...jsonArgs(a, 1))),
  },
];
