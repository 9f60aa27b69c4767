/** `sample-distinct N of Column`: up to N distinct values of Column, picked at random (Kusto docs); no defined order. */
import { lowerExpr } from '../syntax/lower-expr.ts';
import { Scope } from '../scope.ts';
import { quoteIdent } from '../sql.ts';
import { columnType } from './extend.ts';
import { derivedName } from './column-names.ts';
import { defineOperator } from './spec.ts';

export const SAMPLE_DISTINCT = defineOperator({
  kind: 'sample-distinct',
  syntax: ['SampleDistinctOperator'],
  lower(node: Kusto.Language.Syntax.SampleDistinctOperator, l) {
    return {
      kind: 'sample-distinct',
      count: lowerExpr(node.Expression, l),
      value: lowerExpr(node.OfExpression, l),
      span: l.span(node),
    };
  },
  translate(op, input, ctx) {
    const n = ctx.expr(op.count, new Scope([]));
    if (n.type !== 'long' && n.type !== 'int')
      throw ctx.error(
        'type',
        `sample-distinct needs a long count, this is a ${n.type}`,
        op.count.span,
      );
    const name = derivedName(op.value);
    if (name === undefined)
      throw ctx.error(
        'unsupported',
        'sample-distinct of an expression without a column name (extend it as a column first)',
        op.value.span,
      );
    const v = ctx.expr(op.value, Scope.of(input));
    const sql = `SELECT ${quoteIdent(name)} FROM (SELECT DISTINCT ${v.sql} AS ${quoteIdent(name)} FROM ${input.cte}) ORDER BY random() LIMIT greatest(${n.sql}, 0)`;
    return {
      cte: ctx.addCte('sample_distinct', sql, op.span),
      columns: [{ name, type: columnType(v) }],
    };
  },
});
