/**
 * `datatable(Name:type, …) [ v1, v2, …, ]`: a table written in the query. Values fill the
 * columns row by row; each is a constant of its column's type (typed nulls such as `long(null)`
 * and a bare `null` give a null of the column's type). Integers in a real column are widened,
 * scalars in a dynamic column become their JSON, and a string is never null (null → "").
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import { parseKqlType, sqlStorageType, type KqlType } from '../../schema/kql-types.ts';
import type { Expr, Span } from '../ast.ts';
import { Scope } from '../scope.ts';
import type { TranslateContext } from '../context.ts';
import { toJsonSql } from '../convert.ts';
import { isNumeric, isStringy, type Typed } from '../types.ts';
import { elementsOf } from '../syntax/kusto-language.ts';
import { rowSchema } from '../syntax/lower-clauses.ts';
import { lowerExpr } from '../syntax/lower-expr.ts';
import { defineSource } from './spec.ts';
import { sqlColumns } from '../sql-names.ts';

export const DATATABLE = defineSource({
  kind: 'datatable',
  syntax: ['DataTableExpression'],
  lower(node: Kusto.Language.Syntax.DataTableExpression, l) {
    l.rejectOtherParameters(l.parameters(node.Parameters), [], 'datatable');
    return {
      kind: 'datatable',
      columns: rowSchema(node.Schema, l),
      values: elementsOf(node.Values).map((v) => lowerExpr(v, l)),
      span: l.span(node),
    };
  },
  translate(src, ctx) {
    const columns: ColumnSchema[] = src.columns.map((c) => {
      const type = parseKqlType(c.type);
      if (!type) throw ctx.error('syntax', `unknown column type "${c.type}"`, c.span);
      return { name: c.name, type };
    });
    ctx.checkColumns(columns, src.span);
    const n = columns.length;
    if (src.values.length % n !== 0) {
      const last = src.values[src.values.length - 1]!;
      throw ctx.error(
        'syntax',
        `datatable has ${n} column(s) but ${src.values.length} value(s), not a whole number of rows`,
        last.span,
      );
    }
    const out = sqlColumns(columns);
    const names = out.join(', ');
    if (src.values.length === 0) {
      const nulls = columns.map((c, i) => `${typedNull(c.type)} AS ${out[i]}`).join(', ');
      return { cte: ctx.addCte('datatable', `SELECT ${nulls} WHERE false`, src.span), columns };
    }
    const scope = new Scope([]);
    const rows: string[] = [];
    for (let i = 0; i < src.values.length; i += n) {
      const cells = columns.map((c, j) => {
        const e = src.values[i + j]!;
        return coerce(ctx.expr(e, scope), c.type, e.span, ctx);
      });
      rows.push(`(${cells.join(', ')})`);
    }
    const cte = ctx.addCte(
      'datatable',
      `SELECT * FROM (VALUES ${rows.join(', ')}) AS v(${names})`,
      src.span,
    );
    return { cte, columns };
  },
});

function typedNull(t: KqlType): string {
  return isStringy(t) ? `''` : `CAST(NULL AS ${sqlStorageType(t)})`;
}

/** A datatable value as its column's type (Kusto refuses values of another type). */
function coerce(v: Typed, t: KqlType, span: Span, ctx: TranslateContext): string {
  if (v.type === 'null') return typedNull(t);
  if (isStringy(t) && isStringy(v.type)) return `coalesce(${v.sql}, '')`;
  if (v.type === t) return `CAST(${v.sql} AS ${sqlStorageType(t)})`;
  if (isNumeric(t) && isNumeric(v.type)) return `CAST(${v.sql} AS ${sqlStorageType(t)})`;
  if (t === 'dynamic') return toJsonSql(v);
  throw ctx.error('type', `a ${v.type} value in the ${t} column of a datatable`, span);
}
