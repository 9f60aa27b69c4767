/** Conditionals and null tests. */
import { expectType, type CallSite, type ScalarFunction } from './registry.ts';
import { CONVERSION_FUNCTIONS } from './conversion.ts';
import { DATETIME_FUNCTIONS } from './datetime.ts';
import { sqlString } from '../sql.ts';
import type { Typed } from '../types.ts';

/** The common type of branches (KQL requires them to agree; null adapts). */
function unify(xs: readonly Typed[], fail: (m: string) => never): Typed['type'] {
  const types = [...new Set(xs.map((x) => x.type).filter((t) => t !== 'null'))];
  if (types.length === 0) return 'null';
  if (types.length === 1) return types[0]!;
  if (types.every((t) => t === 'long' || t === 'int' || t === 'real'))
    return types.includes('real') ? 'real' : 'long';
  return fail(`the branches have different types: ${types.join(', ')}`);
}

/**
 * The branches of iff() and case() in their common type. Kusto types both "CommonNonDynamic"
 * (Kusto.Language's catalog): dynamic branches do not count when another branch has a scalar
 * type, and are converted to it (`iff(isnotempty(d), d, "")` is a string; Sentinel rules write
 * this), as `to<type>()` converts them.
 */
function branches(xs: readonly Typed[], s: CallSite): { type: Typed['type']; values: string[] } {
  const scalar = xs.filter((x) => x.type !== 'dynamic');
  const mixed = scalar.some((x) => x.type !== 'null') && scalar.length < xs.length;
  const type = unify(mixed ? scalar : xs, (m) => s.fail(m));
  if (!mixed) return { type, values: xs.map((x) => x.sql) };
  const convert = [...CONVERSION_FUNCTIONS, ...DATETIME_FUNCTIONS].find(
    (f) => f.name === `to${type}`,
  );
  if (!convert) return s.fail(`the branches have different types: dynamic, ${type}`);
  return {
    type,
    values: xs.map((x) => (x.type === 'dynamic' ? convert.translate([x], s).sql : x.sql)),
  };
}

export const LOGIC_FUNCTIONS: readonly ScalarFunction[] = [
  {
    // assert(condition, "message"): true, or the query fails with Kusto's message (docs: the
    // condition is a constant, typically a check of a function's parameters). Loupe checks it when
    // the rows are computed, so a query over no rows does not fail.
    name: 'assert',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => {
      const cond = expectType(a, 0, s, 'bool');
      const message = a[1]!.literal;
      if (a[1]!.type !== 'string' || typeof message !== 'string' || a[1]!.folded)
        return s.fail('assert() takes a string literal as its message', 1);
      return {
        sql: `(CASE WHEN ${cond.sql} THEN true ELSE error(${sqlString(`assert() has failed with message: '${message}'`)}) END)`,
        type: 'bool',
      };
    },
  },
  {
    name: 'iff',
    aliases: ['iif'],
    minArgs: 3,
    maxArgs: 3,
    translate: (a, s) => {
      if (a[0]!.type !== 'bool') s.fail('iff() expects a bool condition', 0);
      const { type, values } = branches([a[1]!, a[2]!], s);
      // A null condition takes the else branch, as in KQL.
      return { sql: `CASE WHEN ${a[0]!.sql} THEN ${values[0]} ELSE ${values[1]} END`, type };
    },
  },
  {
    name: 'coalesce',
    minArgs: 1,
    maxArgs: 64,
    translate: (a, s) => {
      const type = unify(a, (m) => s.fail(m));
      // For strings, KQL's coalesce skips empty strings (they are its "null").
      if (type === 'string')
        return { sql: `coalesce(${a.map((x) => `nullif(${x.sql}, '')`).join(', ')}, '')`, type };
      return { sql: `coalesce(${a.map((x) => x.sql).join(', ')})`, type };
    },
  },
  {
    // case(p1, v1, p2, v2, …, else): the first true predicate's value; a null predicate is not true.
    name: 'case',
    minArgs: 3,
    maxArgs: 255,
    translate: (a, s) => {
      if (a.length % 2 === 0)
        return s.fail('case() needs predicate/value pairs and a final else value');
      const { type, values } = branches(
        a.filter((_, i) => i % 2 === 1 || i === a.length - 1),
        s,
      );
      const whens: string[] = [];
      for (let i = 0; i + 1 < a.length; i += 2) {
        if (a[i]!.type !== 'bool' && a[i]!.type !== 'null')
          s.fail(`case() expects a bool predicate as argument ${i + 1}`, i);
        whens.push(`WHEN ${a[i]!.sql} THEN ${values[i / 2]}`);
      }
      return { sql: `CASE ${whens.join(' ')} ELSE ${values[values.length - 1]} END`, type };
    },
  },
  {
    // around(value, center, delta): center - delta <= value <= center + delta.
    name: 'around',
    minArgs: 3,
    maxArgs: 3,
    translate: (a) => ({
      sql: `coalesce(${a[0]!.sql} BETWEEN ${a[1]!.sql} - ${a[2]!.sql} AND ${a[1]!.sql} + ${a[2]!.sql}, FALSE)`,
      type: 'bool',
    }),
  },
  {
    name: 'isnull',
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({
      // A guid is null as SQL NULL, or as the empty guid "" Loupe gives elsewhere (docs/kql.md).
      sql:
        a[0]!.type === 'string'
          ? 'FALSE'
          : a[0]!.type === 'guid'
            ? `(coalesce(${a[0]!.sql}, '') = '')`
            : `(${a[0]!.sql} IS NULL)`,
      type: 'bool',
    }),
  },
  {
    name: 'isnotnull',
    aliases: ['notnull'],
    minArgs: 1,
    maxArgs: 1,
    translate: (a) => ({
      sql:
        a[0]!.type === 'string'
          ? 'TRUE'
          : a[0]!.type === 'guid'
            ? `(coalesce(${a[0]!.sql}, '') <> '')`
            : `(${a[0]!.sql} IS NOT NULL)`,
      type: 'bool',
    }),
  },
  {
    name: 'not',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => {
      if (a[0]!.type !== 'bool') s.fail('not() expects a bool', 0);
      return { sql: `(NOT ${a[0]!.sql})`, type: 'bool' };
    },
  },
];
