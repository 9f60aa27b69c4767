/**
 * `top-hitters N of Value [by Summing]` (Kusto docs): the N values with the most rows (or the
 * largest sum of Summing), as `Value, approximate_count_Value` (`approximate_sum_Value` with
 * `by`), largest first. Kusto estimates with a count-min sketch; Loupe counts exactly, which is
 * what the docs give as its equivalent: `summarize C = count() by Value | top N by C desc`.
 */
import { lowerExpr } from '../syntax/lower-expr.ts';
import type { Assignment, SortKey } from '../ast.ts';
import { derivedName } from './column-names.ts';
import { defineOperator } from './spec.ts';

export const TOP_HITTERS = defineOperator({
  kind: 'top-hitters',
  syntax: ['TopHittersOperator'],
  lower(node: Kusto.Language.Syntax.TopHittersOperator, l) {
    const by = node.ByClause?.Expression;
    return {
      kind: 'top-hitters',
      count: lowerExpr(node.Expression, l),
      value: lowerExpr(node.OfExpression, l),
      ...(by && { by: lowerExpr(by, l) }),
      span: l.span(node),
    };
  },
  translate(op, input, ctx) {
    const name = derivedName(op.value);
    if (name === undefined)
      throw ctx.error(
        'unsupported',
        'top-hitters of an expression without a column name (extend it as a column first)',
        op.value.span,
      );
    const measure = `${op.by ? 'approximate_sum' : 'approximate_count'}_${name}`;
    const span = op.span;
    const aggregate: Assignment = {
      name: { text: measure, span },
      expr: op.by
        ? { kind: 'call', name: 'sum', nameSpan: span, args: [op.by], span: op.by.span }
        : { kind: 'call', name: 'count', nameSpan: span, args: [], span },
      span,
    };
    const grouped = ctx.translateOperator(
      {
        kind: 'summarize',
        aggregates: [aggregate],
        by: [{ name: { text: name, span: op.value.span }, expr: op.value, span: op.value.span }],
        span,
      },
      input,
    );
    const key: SortKey = {
      expr: { kind: 'name', name: measure, span },
      desc: true,
      nullsFirst: false,
      span,
    };
    return ctx.translateOperator({ kind: 'top', count: op.count, key, span }, grouped);
  },
});
