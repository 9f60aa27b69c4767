/**
 * Numeric functions. KQL math functions return real unless the doc says otherwise (abs keeps an
 * integer type); where DuckDB would raise an error (ln(0), sqrt(-1)) KQL gives null,
 * -inf or NaN, so the SQL guards those inputs instead of failing the whole query.
 */
import { expectType, type CallSite, type ScalarFunction } from './registry.ts';
import { isIntegral, type Typed } from '../types.ts';
import { BETA_CDF, BETA_INV, WELCH_TEST } from '../runtime/stats.ts';
import { BETA_PDF, ERF, ERFC, GAMMA, LOGGAMMA } from '../runtime/special.ts';
import { realCall, type KqlUdf } from '../runtime/udf.ts';

const NUMERIC = ['long', 'int', 'real', 'decimal'] as const;

/** The argument as a DOUBLE expression (numbers only). */
function real(a: readonly Typed[], i: number, s: CallSite): string {
  return `CAST(${expectType(a, i, s, ...NUMERIC).sql} AS DOUBLE)`;
}

/** A one-argument real function `name(x)` whose SQL is `sql(x)` over a DOUBLE. */
function unaryReal(name: string, sql: (x: string) => string, aliases?: string[]): ScalarFunction {
  return {
    name,
    aliases,
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({ sql: sql(real(a, 0, s)), type: 'real' }),
  };
}

/** A function of `arity` numbers computed by a UDF that returns its real as text (runtime/udf.ts). */
function realUdf(name: string, fn: KqlUdf, arity: number): ScalarFunction {
  return {
    name,
    minArgs: arity,
    maxArgs: arity,
    translate: (a, s) => ({
      sql: realCall(fn.call(...a.map((_, i) => real(a, i, s)))),
      type: 'real',
    }),
  };
}

/** Logarithms: null below 0 (KQL), -inf at 0 (DuckDB raises an error for both). */
function logarithm(name: string, fn: string): ScalarFunction {
  return unaryReal(
    name,
    (x) =>
      `CASE WHEN ${x} < 0 THEN NULL WHEN ${x} = 0 THEN CAST('-Infinity' AS DOUBLE) WHEN isnan(${x}) THEN ${x} ELSE ${fn}(${x}) END`,
  );
}

/** Bitwise functions work on longs (`binary_and(x, y)`). */
function bitwise(name: string, op: (x: string, y: string) => string): ScalarFunction {
  return {
    name,
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => ({
      sql: op(
        `CAST(${expectType(a, 0, s, 'long', 'int').sql} AS BIGINT)`,
        `CAST(${expectType(a, 1, s, 'long', 'int').sql} AS BIGINT)`,
      ),
      type: 'long',
    }),
  };
}

/** min_of/max_of: nulls are ignored (KQL), all-null gives null; the result type is the widest argument. */
function extremeOf(name: string, fn: 'least' | 'greatest'): ScalarFunction {
  return {
    name,
    minArgs: 2,
    maxArgs: 64,
    translate: (a, s) => {
      const types = new Set(a.map((x) => x.type).filter((t) => t !== 'null'));
      let type: Typed['type'];
      if ([...types].every((t) => isIntegral(t)))
        type = types.has('long') ? 'long' : types.size ? 'int' : 'null';
      else if ([...types].every((t) => (NUMERIC as readonly string[]).includes(t))) type = 'real';
      else if (types.size === 1) type = [...types][0]!;
      else return s.fail(`${name}() needs arguments of one type, got ${[...types].join(', ')}`);
      // DuckDB's least/greatest already skip NULLs.
      return { sql: `${fn}(${a.map((x) => x.sql).join(', ')})`, type };
    },
  };
}

export const MATH_FUNCTIONS: readonly ScalarFunction[] = [
  {
    name: 'abs',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => {
      // Kusto.Language's signatures: an integer gives a long, a real a real, a timespan a timespan.
      const x = expectType(a, 0, s, ...NUMERIC, 'timespan');
      return isIntegral(x.type)
        ? { sql: `abs(CAST(${x.sql} AS BIGINT))`, type: 'long' }
        : { sql: `abs(${x.sql})`, type: x.type === 'null' ? 'real' : x.type };
    },
  },
  {
    name: 'sign',
    minArgs: 1,
    maxArgs: 1,
    // Always a real (Kusto.Language: sign returns real for every numeric argument).
    translate: (a, s) => ({ sql: `CAST(sign(${real(a, 0, s)}) AS DOUBLE)`, type: 'real' }),
  },
  {
    // round(x, precision = 0): half away from zero like DuckDB's round; the result is real.
    name: 'round',
    minArgs: 1,
    maxArgs: 2,
    translate: (a, s) => {
      const p = a[1] ? `CAST(${expectType(a, 1, s, 'long', 'int').sql} AS INTEGER)` : '0';
      return { sql: `round(${real(a, 0, s)}, ${p})`, type: 'real' };
    },
  },
  unaryReal('ceiling', (x) => `ceil(${x})`),
  unaryReal('sqrt', (x) => `CASE WHEN ${x} < 0 THEN CAST('NaN' AS DOUBLE) ELSE sqrt(${x}) END`),
  unaryReal('exp', (x) => `exp(${x})`),
  unaryReal('exp2', (x) => `pow(2.0, ${x})`),
  unaryReal('exp10', (x) => `pow(10.0, ${x})`),
  logarithm('log', 'ln'),
  logarithm('log10', 'log10'),
  logarithm('log2', 'log2'),
  {
    name: 'pow',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => ({ sql: `pow(${real(a, 0, s)}, ${real(a, 1, s)})`, type: 'real' }),
  },
  { name: 'pi', minArgs: 0, maxArgs: 0, translate: () => ({ sql: 'pi()', type: 'real' }) },
  {
    // Non-deterministic, as in Kusto: every row draws again; rand(N) is a long in [0, N).
    name: 'rand',
    minArgs: 0,
    maxArgs: 1,
    translate: (a, s) => {
      if (!a[0]) return { sql: 'random()', type: 'real' };
      // rand(N) is a real drawn from {0.0, 1.0, …, N - 1} (Kusto docs; the engine answers Double).
      return { sql: `floor(random() * ${real(a, 0, s)})`, type: 'real' };
    },
  },
  realUdf('erf', ERF, 1),
  realUdf('erfc', ERFC, 1),
  realUdf('gamma', GAMMA, 1),
  realUdf('loggamma', LOGGAMMA, 1),
  realUdf('beta_pdf', BETA_PDF, 3),
  realUdf('beta_cdf', BETA_CDF, 3),
  realUdf('beta_inv', BETA_INV, 3),
  // welch_test(mean1, variance1, count1, mean2, variance2, count2): the two-sided p-value.
  realUdf('welch_test', WELCH_TEST, 6),
  unaryReal('sin', (x) => `sin(${x})`),
  unaryReal('cos', (x) => `cos(${x})`),
  unaryReal('tan', (x) => `tan(${x})`),
  unaryReal('asin', (x) => `CASE WHEN abs(${x}) > 1 THEN NULL ELSE asin(${x}) END`),
  unaryReal('acos', (x) => `CASE WHEN abs(${x}) > 1 THEN NULL ELSE acos(${x}) END`),
  unaryReal('atan', (x) => `atan(${x})`),
  unaryReal('cot', (x) => `(1.0 / tan(${x}))`),
  unaryReal('degrees', (x) => `degrees(${x})`),
  unaryReal('radians', (x) => `radians(${x})`),
  {
    name: 'atan2',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => ({ sql: `atan2(${real(a, 0, s)}, ${real(a, 1, s)})`, type: 'real' }),
  },
  {
    name: 'isnan',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({ sql: `coalesce(isnan(${real(a, 0, s)}), FALSE)`, type: 'bool' }),
  },
  {
    name: 'isinf',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({ sql: `coalesce(isinf(${real(a, 0, s)}), FALSE)`, type: 'bool' }),
  },
  {
    name: 'isfinite',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({ sql: `coalesce(isfinite(${real(a, 0, s)}), FALSE)`, type: 'bool' }),
  },
  extremeOf('min_of', 'least'),
  extremeOf('max_of', 'greatest'),
  bitwise('binary_and', (x, y) => `(${x} & ${y})`),
  bitwise('binary_or', (x, y) => `(${x} | ${y})`),
  bitwise('binary_xor', (x, y) => `xor(${x}, ${y})`),
  bitwise('binary_shift_left', (x, y) => `(${x} << ${y})`),
  bitwise('binary_shift_right', (x, y) => `(${x} >> ${y})`),
  {
    name: 'binary_not',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({
      sql: `(~CAST(${expectType(a, 0, s, 'long', 'int').sql} AS BIGINT))`,
      type: 'long',
    }),
  },
  {
    name: 'bitset_count_ones',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => ({
      sql: `CAST(bit_count(CAST(${expectType(a, 0, s, 'long', 'int').sql} AS BIGINT)) AS BIGINT)`,
      type: 'long',
    }),
  },
];
