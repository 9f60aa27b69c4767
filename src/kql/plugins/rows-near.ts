/**
 * `T | evaluate rows_near(Condition, NumRows [, RowsAfter])` (Kusto docs, rows-near-plugin.md):
 * the rows within NumRows before, or NumRows (RowsAfter when given) after, a row where Condition
 * is true, in the input's order (sort first, as the reference example does), kept in that order.
 */
import { orderCarry, selectList } from '../operators/common.ts';
import { Scope } from '../scope.ts';
import { quoteIdent } from '../sql.ts';
import { ORDER_COLUMN } from '../types.ts';
import { definePlugin } from './spec.ts';

export const ROWS_NEAR = definePlugin({
  name: 'rows_near',
  translate(call, input, ctx) {
    const [cond, before, after] = call.args;
    if (cond?.kind !== 'scalar' || before?.kind !== 'scalar' || call.args.length > 3)
      throw ctx.error(
        'type',
        'rows_near() takes a condition, a row count and optionally a count of rows after',
        call.span,
      );
    const scope = Scope.of(input);
    const c = ctx.expr(cond.expr, scope);
    if (c.type !== 'bool')
      throw ctx.error('type', `rows_near(): the condition is ${c.type}, not bool`, cond.span);
    const count = (a: typeof before) => {
      const v = ctx.expr(a.expr, new Scope([])).literal;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
        throw ctx.error(
          'type',
          'rows_near(): row counts are constant non-negative integers',
          a.span,
        );
      return v;
    };
    const nBefore = count(before);
    const nAfter = after?.kind === 'scalar' ? count(after) : nBefore;
    const order = input.order ? quoteIdent(ORDER_COLUMN) : undefined;
    const numbered = ctx.addCte(
      'rows_near_numbered',
      `SELECT *, row_number() OVER (${order ? `ORDER BY ${order}` : ''}) AS "__n", CASE WHEN ${c.sql} THEN 1 ELSE 0 END AS "__hit" FROM ${input.cte}`,
    );
    // A row is kept when a hit lies between NumRows after it and RowsAfter before it.
    const near = `max("__hit") OVER (ORDER BY "__n" ROWS BETWEEN ${nAfter} PRECEDING AND ${nBefore} FOLLOWING)`;
    const cols = Scope.of(input).columns.map((x) => ({ name: x.name, sql: x.sql }));
    const carry = input.order ? orderCarry(input) : [{ name: ORDER_COLUMN, sql: '"__n"' }];
    const cte = ctx.addCte(
      'rows_near',
      `SELECT ${selectList([...cols, ...carry])} FROM (SELECT *, ${near} AS "__near" FROM ${numbered}) WHERE "__near" = 1`,
      call.span,
    );
    return { cte, columns: input.columns, order: { clause: quoteIdent(ORDER_COLUMN) } };
  },
});
