/**
 * Scalar expressions → typed SQL. Types follow KQL: the type of every sub-expression is known, so
 * operators and functions choose the SQL that gives KQL's answer (e.g. integer division truncates,
 * string comparison is case-sensitive, `dynamic` indexing goes through Loupe's runtime).
 */
import type { Expr } from './ast.ts';
import { compare, inList, type ComparisonOp } from './compare.ts';
import type { Scope } from './scope.ts';
import { sqlColumns } from './sql-names.ts';
import type { TranslateContext } from './context.ts';
import { toStringSql } from './convert.ts';
import { aggregateFunction, scalarFunction, type CallSite } from './functions/index.ts';
import { positionalArguments } from './functions/named-arguments.ts';
import { normalizeDatetimeText } from './syntax/literal-values.ts';
import { between, hasList, inValues } from './predicates.ts';
import { scopedCall } from './scoped-calls.ts';
import { SQL } from './dialect/index.ts';
import {
  epochMicros,
  escapeRegex,
  intervalFromMicros,
  microsFromInterval,
  sqlString,
} from './sql.ts';
import { inTabular, tabularAsArray, tabularInSide, toScalar } from './subqueries.ts';
import { invokeScalar } from './user-functions.ts';
import { WINDOW_FUNCTIONS, windowCall } from './window.ts';
import { re2PatternSql } from './runtime/regex.ts';
import { isIntegral, isNumeric, isStringy, type Typed } from './types.ts';
import { keepTicks } from './ticks.ts';
import { DYN_GET, DYN_INDEX } from './runtime/dynamic.ts';

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=', '=~', '!~']);

export function translateExpr(e: Expr, scope: Scope, ctx: TranslateContext): Typed {
  switch (e.kind) {
    case 'literal':
      return literal(e, ctx);
    case 'name': {
      const col = scope.get(e.name);
      if (col) return { sql: col.sql, type: col.type };
      const v = ctx.scalarBinding(e.name);
      if (v) return v;
      const b = ctx.binding(e.name);
      // A function without (required) parameters can be named without parentheses (`let f = () {…}; print f`).
      if (b?.kind === 'function') return invokeScalar(e.name, [], e.span, scope, ctx);
      if (b || ctx.options.resolveTable(e.name))
        throw ctx.error('type', `"${e.name}" is a table, not a scalar`, e.span);
      throw ctx.error('unknown-column', `unknown column or variable "${e.name}"`, e.span);
    }
    case 'side':
      throw ctx.error('syntax', `$${e.side} is only valid in a join condition`, e.span);
    case 'star':
      throw ctx.error('unsupported', '"*" is not supported here', e.span);
    case 'unary': {
      const x = translateExpr(e.operand, scope, ctx);
      if (!isNumeric(x.type) && x.type !== 'timespan' && x.type !== 'null')
        throw ctx.error('type', `cannot negate a ${x.type}`, e.span);
      return e.op === '-' ? { sql: `(-${x.sql})`, type: x.type } : x;
    }
    case 'member':
    case 'index': {
      const target = translateExpr(e.target, scope, ctx);
      if (target.type !== 'dynamic')
        throw ctx.error(
          'type',
          `only dynamic values can be indexed, this is a ${target.type}`,
          e.span,
        );
      if (e.kind === 'member')
        return { sql: DYN_GET.call(target.sql, sqlString(e.name)), type: 'dynamic' };
      const i = translateExpr(e.index, scope, ctx);
      if (isIntegral(i.type)) return { sql: DYN_INDEX.call(target.sql, i.sql), type: 'dynamic' };
      if (i.type === 'string') return { sql: DYN_GET.call(target.sql, i.sql), type: 'dynamic' };
      throw ctx.error(
        'type',
        `an index must be a long or a string, this is a ${i.type}`,
        e.index.span,
      );
    }
    case 'in': {
      const left = translateExpr(e.left, scope, ctx);
      const set = tabularInSide(e, scope, ctx);
      if (set) return inTabular(e.op, left, set, ctx, e.span);
      return inValues(
        e.op,
        left,
        e.items.map((i) => translateExpr(i, scope, ctx)),
        ctx,
        e.span,
      );
    }
    case 'toscalar':
      return toScalar(e.pipeline, ctx, e.span);
    case 'between':
      return between(
        e.negated,
        translateExpr(e.left, scope, ctx),
        translateExpr(e.low, scope, ctx),
        translateExpr(e.high, scope, ctx),
        ctx,
        e.span,
      );
    case 'has-list': {
      const left = translateExpr(e.left, scope, ctx);
      const table = tabularInSide(e, scope, ctx);
      const items = table
        ? [tabularAsArray(table, ctx, e.span)]
        : e.items.map((i) => translateExpr(i, scope, ctx));
      return hasList(e.op, left, items, ctx, e.span);
    }
    case 'binary':
      return binary(e as Extract<Expr, { kind: 'binary' }>, scope, ctx);
    case 'call':
      return call(e as Extract<Expr, { kind: 'call' }>, scope, ctx);
  }
}

function literal(e: Extract<Expr, { kind: 'literal' }>, ctx: TranslateContext): Typed {
  switch (e.type) {
    case 'string':
      return { sql: sqlString(e.value as string), type: 'string', literal: e.value };
    case 'long':
    case 'int': {
      const sqlType = e.type === 'int' ? 'INTEGER' : 'BIGINT';
      // Typed nulls (`long(null)`) are null values of that type.
      if (e.value === null) return { sql: `CAST(NULL AS ${sqlType})`, type: e.type };
      // A long beyond ±2^53 arrives as its decimal text (syntax/lower-expr.ts): exact in SQL, but
      // no `literal` (which is a double) for the rules that read constants.
      if (e.type === 'long' && typeof e.value === 'string' && /^-?\d+$/.test(e.value))
        return { sql: `CAST(${e.value} AS BIGINT)`, type: 'long' };
      if (!Number.isSafeInteger(e.value))
        throw ctx.error('unsupported', 'integer literals beyond ±2^53', e.span);
      return { sql: `CAST(${e.value} AS ${sqlType})`, type: e.type, literal: e.value };
    }
    case 'real': {
      if (e.value === null) return { sql: 'CAST(NULL AS DOUBLE)', type: 'real' };
      const x = Number(e.value);
      // real(nan), real(+inf): DuckDB reads these spellings of the special values.
      if (!Number.isFinite(x))
        return {
          sql: `CAST('${Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity'}' AS DOUBLE)`,
          type: 'real',
        };
      return { sql: `CAST(${String(x)} AS DOUBLE)`, type: 'real', literal: x };
    }
    case 'bool':
      if (e.value === null) return { sql: 'CAST(NULL AS BOOLEAN)', type: 'bool' };
      return { sql: e.value ? 'TRUE' : 'FALSE', type: 'bool', literal: e.value };
    case 'null':
      return { sql: 'NULL', type: 'null', literal: null };
    case 'dynamic':
      // Canonical JSON text (see literals.ts); dynamic(null) is SQL NULL.
      return {
        sql: e.value === null ? 'CAST(NULL AS VARCHAR)' : sqlString(String(e.value)),
        type: 'dynamic',
      };
    case 'timespan':
      if (e.value === null) return { sql: 'CAST(NULL AS INTERVAL)', type: 'timespan' };
      return { sql: intervalFromMicros(String(e.value)), type: 'timespan' };
    case 'datetime':
      return datetimeLiteral(String(e.value), e.span, ctx);
  }
}

/** `datetime(2024-01-02 03:04:05.1234567)` and its ISO forms, UTC; fractions kept to the µs. */
function datetimeLiteral(
  text: string,
  span: Extract<Expr, { kind: 'literal' }>['span'],
  ctx: TranslateContext,
): Typed {
  if (text === 'null') return { sql: 'CAST(NULL AS TIMESTAMP)', type: 'datetime' };
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*Z?$/i.exec(
      normalizeDatetimeText(text),
    );
  if (!m) throw ctx.error('syntax', `cannot read the datetime "${text}"`, span);
  const [, y, mo, d, h = '0', mi = '0', s = '0', f = ''] = m;
  const check = new Date(
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)),
  );
  if (
    check.getUTCDate() !== Number(d) ||
    check.getUTCHours() !== Number(h) ||
    Number(mi) > 59 ||
    Number(s) > 59
  ) {
    throw ctx.error('syntax', `the datetime "${text}" does not exist`, span);
  }
  const p = (x: string, n = 2) => x.padStart(n, '0');
  const date = `${y}-${p(mo!)}-${p(d!)} ${p(h)}:${p(mi)}:${p(s)}`;
  // A 7th fractional digit is a tick below the microsecond: kept where the engine's nanosecond
  // timestamp reaches (1678–2261), else dropped as before (docs/kql.md, "Datetime precision").
  if (f.length === 7 && f[6] !== '0' && Number(y) >= 1678 && Number(y) <= 2261)
    return { sql: SQL.ticksLiteral(`${date}.${f}`), type: 'datetime', ticks: true };
  const frac = f ? `.${f.slice(0, 6).padEnd(6, '0')}` : '';
  return {
    sql: SQL.datetimeLiteral(`${date}${frac}`),
    type: 'datetime',
  };
}

function binary(e: Extract<Expr, { kind: 'binary' }>, scope: Scope, ctx: TranslateContext): Typed {
  const l = translateExpr(e.left, scope, ctx);
  const r = translateExpr(e.right, scope, ctx);
  const op = e.op;
  if (op === 'and' || op === 'or') {
    for (const x of [l, r])
      if (x.type !== 'bool' && x.type !== 'null')
        throw ctx.error('type', `"${op}" needs bool operands, got ${x.type}`, e.span);
    return { sql: `(${l.sql} ${op.toUpperCase()} ${r.sql})`, type: 'bool' };
  }
  if (COMPARISONS.has(op)) return compare(op as ComparisonOp, l, r, ctx, e.span);
  if (op === '+' || op === '-' || op === '*' || op === '/' || op === '%')
    return arithmetic(op, l, r, ctx, e);
  return stringPredicate(op, l, r, ctx, e);
}

function arithmetic(
  op: '+' | '-' | '*' | '/' | '%',
  l: Typed,
  r: Typed,
  ctx: TranslateContext,
  e: Extract<Expr, { kind: 'binary' }>,
): Typed {
  const bad = (): never => {
    throw ctx.error('type', `cannot apply "${op}" to ${l.type} and ${r.type}`, e.opSpan);
  };
  if (isNumeric(l.type) && isNumeric(r.type)) {
    const integral = isIntegral(l.type) && isIntegral(r.type);
    // KQL: long / long truncates towards zero (DuckDB's `//` on integers does; `/` gives a double).
    if (op === '/')
      return integral
        ? { sql: `(${l.sql} // ${r.sql})`, type: 'long' }
        : { sql: `(CAST(${l.sql} AS DOUBLE) / ${r.sql})`, type: 'real' };
    if (op === '%') {
      // Kusto's modulo is never negative: 0 <= N % D < abs(D) (numerical-operators.md: -14 % 12
      // is 10), where SQL's remainder takes the dividend's sign.
      const rem = `(${l.sql} % ${r.sql})`;
      return {
        sql: `(CASE WHEN ${rem} < 0 THEN ${rem} + abs(${r.sql}) ELSE ${rem} END)`,
        type: integral ? 'long' : 'real',
      };
    }
    return { sql: `(${l.sql} ${op} ${r.sql})`, type: integral ? 'long' : 'real' };
  }
  // A datetime with ticks below the microsecond keeps them (ticks.ts); others as before.
  if (l.type === 'datetime' && r.type === 'timespan' && (op === '+' || op === '-'))
    return keepTicks(l, (d) => `(${d} ${op} ${r.sql})`);
  if (l.type === 'timespan' && r.type === 'datetime' && op === '+')
    return keepTicks(r, (d) => `(${d} + ${l.sql})`);
  if (l.type === 'datetime' && r.type === 'datetime' && op === '-') {
    return {
      sql: intervalFromMicros(`${epochMicros(l.sql)} - ${epochMicros(r.sql)}`),
      type: 'timespan',
    };
  }
  if (l.type === 'timespan' && r.type === 'timespan') {
    if (op === '+' || op === '-') return { sql: `(${l.sql} ${op} ${r.sql})`, type: 'timespan' };
    if (op === '/')
      return {
        sql: `(CAST(${microsFromInterval(l.sql)} AS DOUBLE) / ${microsFromInterval(r.sql)})`,
        type: 'real',
      };
  }
  if (l.type === 'timespan' && isNumeric(r.type) && (op === '*' || op === '/')) {
    return {
      sql: intervalFromMicros(`round(${microsFromInterval(l.sql)} ${op} CAST(${r.sql} AS DOUBLE))`),
      type: 'timespan',
    };
  }
  if (isNumeric(l.type) && r.type === 'timespan' && op === '*') {
    return {
      sql: intervalFromMicros(`round(${microsFromInterval(r.sql)} * CAST(${l.sql} AS DOUBLE))`),
      type: 'timespan',
    };
  }
  if (l.type === 'null' || r.type === 'null')
    return { sql: 'NULL', type: l.type === 'null' ? r.type : l.type };
  return bad();
}

/**
 * String predicates: default case-insensitive, `_cs` sensitive, `!` negates. `has` is a whole-term
 * match: the needle must sit between non-alphanumeric characters (or the ends) of the text.
 */
function stringPredicate(
  op: string,
  l: Typed,
  r: Typed,
  ctx: TranslateContext,
  e: Extract<Expr, { kind: 'binary' }>,
): Typed {
  const negate = op.startsWith('!');
  const base = negate ? op.slice(1) : op;
  const cs = base.endsWith('_cs');
  const name = cs ? base.slice(0, -3) : base;
  const text = toStringSql(l);
  if (!isStringy(r.type) && r.type !== 'dynamic' && r.literal === undefined)
    throw ctx.error('type', `"${op}" needs a string on its right`, e.span);
  const needle = toStringSql(r);
  const [a, b] = cs ? [text, needle] : [`lower(${text})`, `lower(${needle})`];
  let sql: string;
  switch (name) {
    case 'contains':
      sql = `contains(${a}, ${b})`;
      break;
    case 'startswith':
      sql = `starts_with(${a}, ${b})`;
      break;
    case 'endswith':
      sql = `suffix(${a}, ${b})`;
      break;
    case 'has':
    case 'hasprefix':
    case 'hassuffix': {
      if (typeof r.literal !== 'string')
        throw ctx.error('unsupported', `"${op}" with a non-literal right side`, e.span);
      const flags = cs ? '' : '(?i)';
      const before = name === 'hassuffix' ? '' : '(^|[^[:alnum:]])';
      const after = name === 'hasprefix' ? '' : '($|[^[:alnum:]])';
      sql = `regexp_matches(${text}, ${sqlString(`${flags}${before}${escapeRegex(r.literal)}${after}`)})`;
      break;
    }
    case 'matches':
      if (negate) throw ctx.error('syntax', '"!matches regex" is not KQL', e.opSpan);
      // Kusto's regex syntax as RE2 reads it (src/kql/runtime/regex.ts).
      sql = `regexp_matches(${text}, ${re2PatternSql(
        { sql: needle, ...(r.literal !== undefined && { literal: r.literal }) },
        (m) => {
          throw ctx.error('syntax', m, e.right.span);
        },
      )})`;
      break;
    default:
      throw ctx.error('unsupported', `the operator "${op}" is not supported yet`, e.opSpan);
  }
  return { sql: negate ? `(NOT ${sql})` : `(${sql})`, type: 'bool' };
}

/** What a function's translation sees of its call; `scope` gives the rows' order, when defined. */
export function callSite(
  e: Extract<Expr, { kind: 'call' }>,
  ctx: TranslateContext,
  scope?: Scope,
): CallSite {
  const rel = scope?.relation;
  // A defined order (sort, serialize…) when there is one; else, over rows whose arrival order the
  // engine's threads decide, the rows' own values, so that lists come out the same on every engine.
  const rowOrder =
    rel?.order?.clause ??
    (rel?.arrivalEngineDependent ? sqlColumns(rel.columns).join(', ') : undefined);
  return {
    ctx,
    name: e.name,
    span: e.span,
    args: e.args,
    ...(rowOrder !== undefined && { rowOrder }),
    fail(message: string, i?: number): never {
      throw ctx.error('type', message, i === undefined ? e.span : (e.args[i]?.span ?? e.span));
    },
  };
}

function call(e: Extract<Expr, { kind: 'call' }>, scope: Scope, ctx: TranslateContext): Typed {
  const scoped = scopedCall(e, scope, ctx, translateExpr);
  if (scoped) return scoped;
  // A user-defined function (a let) shadows a built-in of the same name.
  if (ctx.binding(e.name)?.kind === 'function')
    return invokeScalar(e.name, e.args, e.span, scope, ctx);
  // prev/next/row_number/row_window_session read neighbouring rows of a serialized row set.
  if (WINDOW_FUNCTIONS.has(e.name)) return windowCall(e, scope, ctx);
  const fn = scalarFunction(e.name);
  if (!fn) {
    if (aggregateFunction(e.name))
      throw ctx.error(
        'type',
        `the aggregate ${e.name}() can only be used in summarize`,
        e.nameSpan,
      );
    throw ctx.error('unknown-function', `unknown or unsupported function "${e.name}"`, e.nameSpan);
  }
  e = positionalArguments(e, ctx);
  if (e.args.length < fn.minArgs || e.args.length > fn.maxArgs) {
    const want = fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : `${fn.minArgs} to ${fn.maxArgs}`;
    throw ctx.error('type', `${e.name}() takes ${want} argument(s), got ${e.args.length}`, e.span);
  }
  const args = e.args.map((a) => translateExpr(a, scope, ctx));
  return fn.translate(args, callSite(e, ctx, scope));
}
