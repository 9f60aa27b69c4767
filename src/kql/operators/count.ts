/** `count`: one row with one long column `Count`, the number of input rows (0 for empty input). */
import { spanFrom } from './common.ts';
import { defineOperator } from './registry.ts';

export const COUNT = defineOperator({
  kind: 'count',
  names: ['count'],
  parse(p, kw) {
    return { kind: 'count', span: spanFrom(p, kw) };
  },
  translate(op, input, ctx) {
    // An aggregate without GROUP BY: exactly one row even when the input is empty.
    const cte = ctx.addCte('count', `SELECT count(*) AS "Count" FROM ${input.cte}`, op.span);
    return { cte, columns: [{ name: 'Count', type: 'long' }] };
  },
});
