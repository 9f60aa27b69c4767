/**
 * Tabular expressions used as scalars: `toscalar(T | …)` (the first column of the first row, null
 * when T is empty) and the tabular right side of `in`/`!in`/`in~`/`!in~` (`x in (T | project c)`,
 * `x !in (letTable)`: the set is T's first column). Both become uncorrelated SQL subqueries over
 * the CTE of T, with `in`'s KQL rules (strings compared case-sensitively unless `~`; a non-string
 * null is never in the set, so `null !in (…)` is true).
 */
import type { Expr, Pipeline, Span } from './ast.ts';
import type { Scope } from './scope.ts';
import type { TranslateContext } from './context.ts';
import { toJsonSql, toStringSql } from './convert.ts';
import { orderBySuffix } from './operators/common.ts';
import { isNumeric, isStringy, type Relation, type Typed } from './types.ts';
import { sqlColumns } from './sql-names.ts';

function firstColumn(rel: Relation, ctx: TranslateContext, span: Span) {
  const c = rel.columns[0];
  if (!c) throw ctx.error('type', 'the tabular expression has no columns', span);
  return c;
}

export function toScalar(pipeline: Pipeline, ctx: TranslateContext, span: Span): Typed {
  const rel = ctx.translatePipeline(pipeline);
  const c = firstColumn(rel, ctx, span);
  return {
    sql: `(SELECT ${sqlColumns(rel.columns)[0]} FROM ${rel.cte}${orderBySuffix(rel.order)} LIMIT 1)`,
    type: c.type,
  };
}

export function inTabular(
  op: 'in' | '!in' | 'in~' | '!in~',
  left: Typed,
  rel: Relation,
  ctx: TranslateContext,
  span: Span,
): Typed {
  const c = firstColumn(rel, ctx, span);
  const col: Typed = { sql: sqlColumns(rel.columns)[0]!, type: c.type };
  const insensitive = op.endsWith('~');
  const negate = op.startsWith('!');
  let l: string;
  let r: string;
  let where = '';
  if (isStringy(left.type) || isStringy(c.type) || insensitive) {
    l = toStringSql(left);
    r = toStringSql(col);
    if (insensitive) {
      l = `lower(${l})`;
      r = `lower(${r})`;
    }
  } else {
    const ok =
      left.type === 'null' || left.type === c.type || (isNumeric(left.type) && isNumeric(c.type));
    if (!ok)
      throw ctx.error(
        'type',
        `cannot look for a ${left.type} among the ${c.type} values of "${c.name}"`,
        span,
      );
    l = left.sql;
    r = col.sql;
    // SQL's NOT IN is null when the set holds a null; KQL ignores nulls in the set.
    where = ` WHERE ${r} IS NOT NULL`;
  }
  const test = `coalesce(${l} IN (SELECT ${r} FROM ${rel.cte}${where}), FALSE)`;
  return { sql: negate ? `(NOT ${test})` : `(${test})`, type: 'bool' };
}

/**
 * The tabular right side of an `in` expression, if it has one: a pipeline written in the
 * parentheses, or a single name that is a tabular let or a table (and not a column or scalar).
 */
export function tabularInSide(
  e: { readonly tabular?: Pipeline; readonly items: readonly Expr[] },
  scope: Scope,
  ctx: TranslateContext,
): Relation | undefined {
  if (e.tabular) return ctx.translatePipeline(e.tabular);
  const only = e.items.length === 1 ? e.items[0]! : undefined;
  if (
    only?.kind !== 'name' ||
    scope.columns.some((c) => c.name === only.name) ||
    ctx.scalarBinding(only.name)
  )
    return undefined;
  const b = ctx.binding(only.name);
  if (
    b?.kind === 'tabular' ||
    b?.kind === 'table-alias' ||
    (!b && ctx.options.resolveTable(only.name))
  )
    return ctx.tabularByName(only.name, only.span);
  return undefined;
}

/**
 * A one-column table as a dynamic array of its values, for the operators that take a list of
 * terms (`x has_any (IPList)`, where `let IPList = externaldata(IP:string)[…]`: Kusto accepts a
 * tabular expression there, as for `in`).
 */
export function tabularAsArray(rel: Relation, ctx: TranslateContext, span: Span): Typed {
  const c = firstColumn(rel, ctx, span);
  const value = toJsonSql({ sql: sqlColumns(rel.columns)[0]!, type: c.type });
  return {
    sql: `(SELECT '[' || coalesce(string_agg(${value}, ','), '') || ']' FROM ${rel.cte})`,
    type: 'dynamic',
  };
}
