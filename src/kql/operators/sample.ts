/** `sample N`: N rows picked at random (all rows when there are fewer); no defined order. */
import { lowerExpr } from '../syntax/lower-expr.ts';
import { Scope } from '../scope.ts';
import { defineOperator } from './spec.ts';
import { sqlColumns } from '../sql-names.ts';

export const SAMPLE = defineOperator({
  kind: 'sample',
  syntax: ['SampleOperator'],
  lower(node: Kusto.Language.Syntax.SampleOperator, l) {
    return { kind: 'sample', count: lowerExpr(node.Expression, l), span: l.span(node) };
  },
  translate(op, input, ctx) {
    const n = ctx.expr(op.count, new Scope([]));
    if (n.type !== 'long' && n.type !== 'int')
      throw ctx.error('type', `sample needs a long row count, this is a ${n.type}`, op.count.span);
    const cols = sqlColumns(input.columns).join(', ');
    const cte = ctx.addCte(
      'sample',
      `SELECT ${cols} FROM ${input.cte} ORDER BY random() LIMIT greatest(${n.sql}, 0)`,
      op.span,
    );
    return { cte, columns: input.columns };
  },
});
