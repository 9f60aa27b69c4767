/**
 * Scalar predicates with list or range operands: `between`/`!between`, `has_any`/`has_all`, and
 * the expansion of constant dynamic arrays inside `in (…)` lists (`x in (dynamic(["a","b"]))` and
 * `let L = dynamic([…]); … x in (L)` test each element, as in Kusto).
 */
import type { Span } from './ast.ts';
import { inList, microsBound } from './compare.ts';
import { keepTicks } from './ticks.ts';
import type { TranslateContext } from './context.ts';
import { toStringSql } from './convert.ts';
import { escapeRegex, sqlString } from './sql.ts';
import { isNumeric, type Typed } from './types.ts';
import { DYN_CONTAINS, HAS_TERMS } from './runtime/arrays.ts';
import { DYN_TOSTRING } from './runtime/dynamic.ts';

/**
 * The value of a constant dynamic expression (a `dynamic(…)` literal, possibly through a scalar
 * `let`): its SQL is the quoted canonical JSON text. Undefined for anything computed per row.
 */
export function constantDynamic(x: Typed): unknown {
  if (x.type !== 'dynamic') return undefined;
  const m = /^'((?:[^']|'')*)'$/.exec(x.sql);
  if (!m) return undefined;
  try {
    return JSON.parse(m[1]!.replace(/''/g, "'")) as unknown;
  } catch {
    return undefined;
  }
}

/** A JSON scalar as a typed SQL constant (used when a constant array is spread into a list). */
function scalarConstant(v: unknown): Typed {
  if (typeof v === 'string') return { sql: sqlString(v), type: 'string', literal: v };
  if (typeof v === 'boolean') return { sql: v ? 'TRUE' : 'FALSE', type: 'bool', literal: v };
  if (typeof v === 'number') {
    return Number.isInteger(v)
      ? { sql: `CAST(${v} AS BIGINT)`, type: 'long', literal: v }
      : { sql: `CAST(${v} AS DOUBLE)`, type: 'real', literal: v };
  }
  if (v === null) return { sql: 'NULL', type: 'null', literal: null };
  return { sql: sqlString(JSON.stringify(v)), type: 'dynamic' };
}

/** List items with constant dynamic arrays replaced by their elements. */
export function spreadConstantArrays(items: readonly Typed[]): Typed[] {
  const out: Typed[] = [];
  for (const i of items) {
    const v = constantDynamic(i);
    if (Array.isArray(v)) out.push(...v.map(scalarConstant));
    else out.push(i);
  }
  return out;
}

/**
 * `x in (…)` with KQL's treatment of dynamic items: constant arrays are spread into the list;
 * dynamic values computed by the query (`let s = toscalar(T | summarize make_set(X)); … X in (s)`,
 * the usual Sentinel pattern) are searched element by element at run time (kql_dyn_contains)
 * instead of being compared as JSON text.
 */
export function inValues(
  op: 'in' | '!in' | 'in~' | '!in~',
  left: Typed,
  rawItems: readonly Typed[],
  ctx: TranslateContext,
  span: Span,
): Typed {
  const items = spreadConstantArrays(rawItems);
  const sets = left.type === 'dynamic' ? [] : items.filter((i) => i.type === 'dynamic');
  if (sets.length === 0) return inList(op, left, items, ctx, span);
  const plain = items.filter((i) => !sets.includes(i));
  const insensitive = op.endsWith('~');
  const positive = (insensitive ? 'in~' : 'in') as 'in' | 'in~';
  const text = toStringSql(left);
  const tests = sets.map(
    (d) => `(${DYN_CONTAINS.call(d.sql, text, `${insensitive ? 1 : 0}`)} = 1)`,
  );
  if (plain.length) tests.unshift(inList(positive, left, plain, ctx, span).sql);
  // A null (non-string) value is in no list.
  const any =
    left.type === 'string' || left.type === 'guid'
      ? `(${tests.join(' OR ')})`
      : `(${left.sql} IS NOT NULL AND (${tests.join(' OR ')}))`;
  return {
    sql: op.startsWith('!') ? `(NOT coalesce(${any}, FALSE))` : `coalesce(${any}, FALSE)`,
    type: 'bool',
  };
}

/**
 * `x between (low .. high)`: inclusive on both ends. For datetimes and timespans the high end may
 * be a timespan, meaning `low + high` (`d between (start .. 1h)`). A null value is not between.
 */
export function between(
  negated: boolean,
  x: Typed,
  low: Typed,
  high: Typed,
  ctx: TranslateContext,
  span: Span,
): Typed {
  let hi = high.sql;
  let lo = low.sql;
  if (x.type === 'datetime' || x.type === 'null') {
    if (low.type !== 'datetime' && low.type !== 'null')
      throw ctx.error('type', `between on a datetime needs datetime bounds, got ${low.type}`, span);
    if (high.type !== 'timespan' && high.type !== 'datetime' && high.type !== 'null')
      throw ctx.error(
        'type',
        `between on a datetime needs a datetime or timespan upper bound, got ${high.type}`,
        span,
      );
    const upper: Typed =
      high.type === 'timespan' ? keepTicks(low, (l) => `(${l} + ${high.sql})`) : high;
    // A microsecond value between bounds with ticks: the bounds rounded inward (compare.ts).
    lo = x.ticks ? low.sql : microsBound(low, 'low');
    hi = x.ticks ? upper.sql : microsBound(upper, 'high');
  } else if (x.type === 'timespan') {
    for (const b of [low, high])
      if (b.type !== 'timespan' && b.type !== 'null')
        throw ctx.error('type', `between on a timespan needs timespan bounds, got ${b.type}`, span);
  } else if (isNumeric(x.type)) {
    for (const b of [low, high])
      if (!isNumeric(b.type) && b.type !== 'null')
        throw ctx.error('type', `between on a number needs numeric bounds, got ${b.type}`, span);
  } else if (x.type === 'dynamic') {
    const read = `TRY_CAST(${DYN_TOSTRING.call(x.sql)} AS DOUBLE)`;
    return between(negated, { sql: read, type: 'real' }, low, high, ctx, span);
  } else {
    throw ctx.error('type', `between needs a number, datetime or timespan, got ${x.type}`, span);
  }
  const test = `coalesce(${x.sql} BETWEEN ${lo} AND ${hi}, FALSE)`;
  return { sql: negated ? `(NOT ${test})` : `(${test})`, type: 'bool' };
}

/**
 * `has_any`/`has_all`: whole-term matches (as `has`), case-insensitive, of any/all of the listed
 * terms; constant dynamic arrays in the list are spread. An empty list: has_any is false, has_all true.
 */
export function hasList(
  op: 'has_any' | 'has_all',
  x: Typed,
  items: readonly Typed[],
  ctx: TranslateContext,
  span: Span,
): Typed {
  const terms: string[] = [];
  const runtime: string[] = [];
  const text = toStringSql(x);
  for (const i of spreadConstantArrays(items)) {
    // Terms known only at run time (a toscalar(make_set(…)) list, a column) are matched by a UDF.
    if (i.type === 'dynamic')
      runtime.push(`${HAS_TERMS.call(text, i.sql, `${op === 'has_all' ? 1 : 0}`)} = 1`);
    else if (i.literal === undefined || i.literal === null)
      throw ctx.error('unsupported', `${op} with a non-constant ${i.type} term`, span);
    else terms.push(String(i.literal));
  }
  if (runtime.length) {
    if (terms.length)
      runtime.push(
        hasList(
          op,
          x,
          terms.map((t) => ({ sql: sqlString(t), type: 'string', literal: t })),
          ctx,
          span,
        ).sql,
      );
    return { sql: `(${runtime.join(op === 'has_all' ? ' AND ' : ' OR ')})`, type: 'bool' };
  }
  if (terms.length === 0) return { sql: op === 'has_any' ? 'FALSE' : 'TRUE', type: 'bool' };
  const pattern = (alts: string[]) =>
    sqlString(`(?i)(^|[^[:alnum:]])(${alts.map(escapeRegex).join('|')})($|[^[:alnum:]])`);
  if (op === 'has_any') return { sql: `regexp_matches(${text}, ${pattern(terms)})`, type: 'bool' };
  return {
    sql: `(${terms.map((t) => `regexp_matches(${text}, ${pattern([t])})`).join(' AND ')})`,
    type: 'bool',
  };
}
