/**
 * `serialize [Name = Expr, …]`: marks the rows as ordered so that window functions (prev, next,
 * row_number, row_window_session) can be used. A relation already sorted keeps its order; any
 * other gets its current order numbered into the hidden order column. The optional assignments
 * work as `extend` on the serialized rows.
 */
import { assignments } from '../syntax/lower-expr.ts';
import { quoteIdent } from '../sql.ts';
import { ORDER_COLUMN } from '../types.ts';
import { defineOperator } from './spec.ts';
import { sqlColumns } from '../sql-names.ts';

export const SERIALIZE = defineOperator({
  kind: 'serialize',
  syntax: ['SerializeOperator'],
  lower(node: Kusto.Language.Syntax.SerializeOperator, l) {
    return { kind: 'serialize', items: assignments(node.Expressions, l), span: l.span(node) };
  },
  translate(op, input, ctx) {
    let rel = input;
    if (!rel.order) {
      const cols = sqlColumns(input.columns).join(', ');
      const o = quoteIdent(ORDER_COLUMN);
      const cte = ctx.addCte(
        'serialize',
        `SELECT ${cols}${cols ? ', ' : ''}row_number() OVER () AS ${o} FROM ${input.cte}`,
        op.items.length ? undefined : op.span,
      );
      rel = { cte, columns: input.columns, order: { clause: o } };
    }
    if (op.items.length)
      return ctx.translateOperator({ kind: 'extend', items: op.items, span: op.span }, rel);
    return rel;
  },
});
