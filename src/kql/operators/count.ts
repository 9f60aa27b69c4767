/** `count`: one row with one long column `Count`, the number of input rows (0 for empty input). */
import { quoteIdent } from '../sql.ts';
import { defineOperator } from './spec.ts';

export const COUNT = defineOperator({
  kind: 'count',
  syntax: ['CountOperator'],
  lower(node: Kusto.Language.Syntax.CountOperator, l) {
    // `count as Name`: the column's name instead of Count.
    const name = node.AsIdentifier?.Identifier?.Text;
    return { kind: 'count', ...(name && { name }), span: l.span(node) };
  },
  translate(op, input, ctx) {
    const name = op.name ?? 'Count';
    // An aggregate without GROUP BY: exactly one row even when the input is empty.
    const cte = ctx.addCte(
      'count',
      `SELECT count(*) AS ${quoteIdent(name)} FROM ${input.cte}`,
      op.span,
    );
    return { cte, columns: [{ name, type: 'long' }] };
  },
});
