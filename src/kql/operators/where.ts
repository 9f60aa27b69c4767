/**
 * `where Predicate` (alias `filter`): rows whose predicate is true; a null predicate drops the row.
 * `* has "x"` in the predicate searches every column (search.ts, expandStarOperands).
 */
import { Scope } from '../scope.ts';
import { lowerExpr } from '../syntax/lower-expr.ts';
import { defineOperator } from './spec.ts';
import { usesWindowFunction } from '../window.ts';
import { expandStarOperands } from './search.ts';

export const WHERE = defineOperator({
  kind: 'where',
  syntax: ['FilterOperator'],
  lower(node: Kusto.Language.Syntax.FilterOperator, l) {
    return { kind: 'where', predicate: lowerExpr(node.Condition, l), span: l.span(node) };
  },
  translate(op, input, ctx) {
    const pred = ctx.expr(expandStarOperands(op.predicate, input.columns), Scope.of(input));
    if (pred.type !== 'bool' && pred.type !== 'null')
      throw ctx.error(
        'type',
        `where needs a bool predicate, this is a ${pred.type}`,
        op.predicate.span,
      );
    // prev()/next()/row_number() are SQL window functions, which WHERE cannot hold; QUALIFY filters after them.
    const filter = usesWindowFunction(op.predicate) ? 'QUALIFY' : 'WHERE';
    const cte = ctx.addCte('where', `SELECT * FROM ${input.cte} ${filter} ${pred.sql}`, op.span);
    return { cte, columns: input.columns, order: input.order };
  },
});
