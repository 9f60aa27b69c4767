/** `take N` (alias `limit`): N rows; after a sort, the first N in that order. */
import { Scope } from '../context.ts';
import { orderBySuffix, spanFrom } from './common.ts';
import { defineOperator } from './registry.ts';

export const TAKE = defineOperator({
  kind: 'take',
  names: ['take', 'limit'],
  parse(p, kw) {
    return { kind: 'take', count: p.parseExpr(), span: spanFrom(p, kw) };
  },
  translate(op, input, ctx) {
    const n = ctx.expr(op.count, new Scope([]));
    if (n.type !== 'long' && n.type !== 'int') throw ctx.error('type', `take needs a long row count, this is a ${n.type}`, op.count.span);
    const cte = ctx.addCte('take', `SELECT * FROM ${input.cte}${orderBySuffix(input.order)} LIMIT greatest(${n.sql}, 0)`, op.span);
    return { cte, columns: input.columns, order: input.order };
  },
});
