/** `take N` (alias `limit`): N rows; after a sort, the first N in that order. */
import { Scope } from '../scope.ts';
import { orderBySuffix } from './common.ts';
import { lowerExpr } from '../syntax/lower-expr.ts';
import { defineOperator } from './spec.ts';

export const TAKE = defineOperator({
  kind: 'take',
  syntax: ['TakeOperator'],
  lower(node: Kusto.Language.Syntax.TakeOperator, l) {
    return { kind: 'take', count: lowerExpr(node.Expression, l), span: l.span(node) };
  },
  translate(op, input, ctx) {
    const n = ctx.expr(op.count, new Scope([]));
    if (n.type !== 'long' && n.type !== 'int')
      throw ctx.error('type', `take needs a long row count, this is a ${n.type}`, op.count.span);
    const cte = ctx.addCte(
      'take',
      `SELECT * FROM ${input.cte}${orderBySuffix(input.order)} LIMIT greatest(${n.sql}, 0)`,
      op.span,
    );
    return { cte, columns: input.columns, order: input.order };
  },
});
