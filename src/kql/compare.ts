/**
 * Comparisons and `in` with KQL's rules:
 * - string `==`/`!=`/`in` are case-sensitive (DuckDB's default binary collation), `=~`/`!~`/`in~`
 *   compare lower-cased text;
 * - a string compared with a non-string compares with that value's tostring: Sentinel templates
 *   write `ResultType == 0` where ResultType is a string, and it must match "0";
 * - non-string nulls: `null == v` is false, `null != v` is true (SQL would give null for both).
 */
import type { Span } from './ast.ts';
import type { TranslateContext } from './context.ts';
import { toStringSql } from './convert.ts';
import { isNumeric, isStringy, type Typed } from './types.ts';
import { DYN_TOSTRING } from './runtime/dynamic.ts';
import { ticksCeilMicros, ticksFloorMicros } from './sql.ts';

export type ComparisonOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | '=~' | '!~';

function comparable(a: Typed['type'], b: Typed['type']): boolean {
  if (a === 'null' || b === 'null') return true;
  if (isNumeric(a) && isNumeric(b)) return true;
  return a === b;
}

/** Brings both sides to a type SQL can compare; strings win (by tostring of the other side). */
function align(
  l: Typed,
  r: Typed,
  ctx: TranslateContext,
  span: Span,
): [string, string, 'string' | 'other'] {
  if (isStringy(l.type) || isStringy(r.type)) {
    return [toStringSql(l), toStringSql(r), 'string'];
  }
  if (l.type === 'dynamic' || r.type === 'dynamic') {
    if (l.type === r.type || l.type === 'null' || r.type === 'null') return [l.sql, r.sql, 'other'];
    // A dynamic scalar compared with a typed value is read as that type (null when it is not one),
    // so that `d.n > 9` compares numbers, not text.
    const other = l.type === 'dynamic' ? r : l;
    const sqlType = isNumeric(other.type)
      ? 'DOUBLE'
      : other.type === 'datetime'
        ? 'TIMESTAMP'
        : other.type === 'bool'
          ? 'BOOLEAN'
          : undefined;
    if (!sqlType)
      throw ctx.error('unsupported', `comparing a dynamic value with a ${other.type}`, span);
    const read = (x: Typed) =>
      x.type === 'dynamic' ? `TRY_CAST(${DYN_TOSTRING.call(x.sql)} AS ${sqlType})` : x.sql;
    return [read(l), read(r), 'other'];
  }
  if (!comparable(l.type, r.type))
    throw ctx.error('type', `cannot compare ${l.type} with ${r.type}`, span);
  return [l.sql, r.sql, 'other'];
}

export function compare(
  op: ComparisonOp,
  l: Typed,
  r: Typed,
  ctx: TranslateContext,
  span: Span,
): Typed {
  if (
    l.type === 'datetime' &&
    r.type === 'datetime' &&
    !l.ticks !== !r.ticks &&
    op !== '=~' &&
    op !== '!~'
  )
    return compareWithTicks(op, l, r);
  const [a, b, kind] = align(l, r, ctx, span);
  switch (op) {
    case '==':
      return { sql: `(${a} = ${b})`, type: 'bool' };
    case '!=':
      // Strings are never null; for other types one null side makes `!=` true.
      if (kind === 'string') return { sql: `(${a} <> ${b})`, type: 'bool' };
      return { sql: `coalesce(${a} <> ${b}, (${a} IS NULL) <> (${b} IS NULL))`, type: 'bool' };
    case '=~':
    case '!~': {
      if (kind !== 'string')
        throw ctx.error('type', `${op} compares strings, got ${l.type} and ${r.type}`, span);
      return { sql: `(lower(${a}) ${op === '=~' ? '=' : '<>'} lower(${b}))`, type: 'bool' };
    }
    default:
      return { sql: `(${a} ${op} ${b})`, type: 'bool' };
  }
}

export function inList(
  op: 'in' | '!in' | 'in~' | '!in~',
  left: Typed,
  items: readonly Typed[],
  ctx: TranslateContext,
  span: Span,
): Typed {
  if (items.length === 0) return { sql: op.startsWith('!') ? 'TRUE' : 'FALSE', type: 'bool' };
  const insensitive = op.endsWith('~');
  const negate = op.startsWith('!');
  let l: string;
  let rs: string[];
  if (isStringy(left.type) || items.some((i) => isStringy(i.type)) || insensitive) {
    l = toStringSql(left);
    rs = items.map(toStringSql);
    if (insensitive) {
      l = `lower(${l})`;
      rs = rs.map((x) => `lower(${x})`);
    }
  } else {
    for (const i of items)
      if (!comparable(left.type, i.type))
        throw ctx.error('type', `cannot look for a ${left.type} among ${i.type} values`, span);
    l = left.sql;
    rs = items.map((i) => i.sql);
    // `null in (…)` is false and `null !in (…)` true, never SQL's null.
    const test = `coalesce(${l} IN (${rs.join(', ')}), FALSE)`;
    return { sql: negate ? `(NOT ${test})` : `(${test})`, type: 'bool' };
  }
  return { sql: `(${l} ${negate ? 'NOT IN' : 'IN'} (${rs.join(', ')}))`, type: 'bool' };
}

const FLIPPED: Record<string, ComparisonOp> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/**
 * A microsecond datetime (a stored column, usually) compared with one carrying ticks below the
 * microsecond (`x <= endofday(t)`): the engine would cast the column to nanoseconds, which fails on
 * values outside 1677–2262 and keeps the filter from its zone maps. The ticks side is rounded to the
 * microsecond instead, down or up as the operator needs, which gives the same answer for every
 * microsecond value (docs/kql.md, "Datetime precision").
 */
function compareWithTicks(op: ComparisonOp, l: Typed, r: Typed): Typed {
  const [x, v, o] = l.ticks ? [r.sql, l.sql, FLIPPED[op] ?? op] : [l.sql, r.sql, op];
  switch (o) {
    case '<':
    case '>=':
      return { sql: `(${x} ${o} ${ticksCeilMicros(v)})`, type: 'bool' };
    case '<=':
    case '>':
      return { sql: `(${x} ${o} ${ticksFloorMicros(v)})`, type: 'bool' };
  }
  const equal = `(${x} = ${ticksFloorMicros(v)} AND ${ticksFloorMicros(v)} = ${ticksCeilMicros(v)})`;
  return o === '=='
    ? { sql: equal, type: 'bool' }
    : { sql: `coalesce(NOT ${equal}, (${x} IS NULL) <> (${v} IS NULL))`, type: 'bool' };
}

/** A bound of a range over a microsecond datetime (`between`), its ticks rounded inward. */
export function microsBound(bound: Typed, side: 'low' | 'high'): string {
  if (!bound.ticks) return bound.sql;
  return side === 'low' ? ticksCeilMicros(bound.sql) : ticksFloorMicros(bound.sql);
}
