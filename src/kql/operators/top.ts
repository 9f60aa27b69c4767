/**
 * `top N by Expr [asc|desc] [nulls first|last]`: the first N rows in that order, which the output
 * keeps. As with sort, the default is `desc`, and nulls go last when descending and first when
 * ascending (DuckDB's default puts nulls last both ways, and SQL's default direction is ASC).
 */
import { Scope } from '../scope.ts';
import { quoteIdent } from '../sql.ts';
import { ORDER_COLUMN } from '../types.ts';
import { defineOperator } from './spec.ts';
import { lowerExpr } from '../syntax/lower-expr.ts';
import { sortKey } from '../syntax/lower-clauses.ts';
import { sqlColumns } from '../sql-names.ts';

export const TOP = defineOperator({
  kind: 'top',
  syntax: ['TopOperator'],
  lower(node: Kusto.Language.Syntax.TopOperator, l) {
    return {
      kind: 'top',
      count: lowerExpr(node.Expression, l),
      key: sortKey(node.ByExpression, l),
      span: l.span(node),
    };
  },
  translate(op, input, ctx) {
    const n = ctx.expr(op.count, new Scope([]));
    if (n.type !== 'long' && n.type !== 'int')
      throw ctx.error('type', `top needs a long row count, this is a ${n.type}`, op.count.span);
    const v = ctx.expr(op.key.expr, Scope.of(input));
    if (v.type === 'dynamic')
      throw ctx.error('unsupported', 'top by a dynamic value', op.key.expr.span);
    const key = `${v.sql} ${op.key.desc ? 'DESC' : 'ASC'} NULLS ${op.key.nullsFirst ? 'FIRST' : 'LAST'}`;
    const cols = sqlColumns(input.columns).join(', ');
    const rank = quoteIdent(ORDER_COLUMN);
    // The rank column keeps this order through later operators (see RowOrder), as sort does.
    const ranked = `SELECT ${cols}, row_number() OVER (ORDER BY ${key}) AS ${rank} FROM ${input.cte}`;
    const cte = ctx.addCte('top', `SELECT * FROM (${ranked}) WHERE ${rank} <= ${n.sql}`, op.span);
    return { cte, columns: input.columns, order: { clause: rank } };
  },
});
