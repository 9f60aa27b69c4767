/**
 * `top-hitters N of Value [by Summing]` (Kusto docs): the N values with the most rows (or the
 * largest sum of Summing), as `Value, approximate_count_Value` (`approximate_sum_Value` with
 * `by`), largest first. Kusto estimates with a count-min sketch; Loupe counts exactly, which is
 * what the docs give as its equivalent: `summarize C = count() by Value | top N by C desc`.
 */
import type { Assignment } from '../ast.ts';
import { derivedName } from './column-names.ts';
import { spanFrom } from './common.ts';
import { defineOperator, operatorFor } from './registry.ts';

export const TOP_HITTERS = defineOperator({
  kind: 'top-hitters',
  names: ['top-hitters'],
  parse(p, kw) {
    const count = p.parseExpr();
    p.expectWord('of');
    const value = p.parseExpr();
    const by = p.acceptWord('by') ? p.parseExpr() : undefined;
    return { kind: 'top-hitters', count, value, by, span: spanFrom(p, kw) };
  },
  translate(op, input, ctx) {
    const name = derivedName(op.value);
    if (name === undefined) throw ctx.error('unsupported', 'top-hitters of an expression without a column name (extend it as a column first)', op.value.span);
    const measure = `${op.by ? 'approximate_sum' : 'approximate_count'}_${name}`;
    const span = op.span;
    const aggregate: Assignment = {
      name: { text: measure, span },
      expr: op.by ? { kind: 'call', name: 'sum', nameSpan: span, args: [op.by], span: op.by.span } : { kind: 'call', name: 'count', nameSpan: span, args: [], span },
      span,
    };
    const grouped = operatorFor('summarize')!.translate({ kind: 'summarize', aggregates: [aggregate], by: [{ name: { text: name, span: op.value.span }, expr: op.value, span: op.value.span }], span } as never, input, ctx);
    const key = { expr: { kind: 'name', name: measure, span }, desc: true, nullsFirst: false, span };
    return operatorFor('top')!.translate({ kind: 'top', count: op.count, key, span } as never, grouped, ctx);
  },
});
