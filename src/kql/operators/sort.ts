/**
 * `sort by` / `order by`: KQL's default direction is **descending**; nulls go last when
 * descending and first when ascending unless `nulls first|last` says otherwise.
 */
import type { SortKey } from '../ast.ts';
import type { Parser } from '../parser.ts';
import { Scope } from '../context.ts';
import { quoteIdent } from '../sql.ts';
import { ORDER_COLUMN } from '../types.ts';
import { spanFrom } from './common.ts';
import { defineOperator } from './registry.ts';

export const SORT = defineOperator({
  kind: 'sort',
  names: ['sort', 'order'],
  parse(p, kw) {
    p.expectWord('by');
    const keys: SortKey[] = [];
    do keys.push(parseSortKey(p));
    while (p.acceptPunct(','));
    return { kind: 'sort', keys, span: spanFrom(p, kw) };
  },
  translate(op, input, ctx) {
    const scope = Scope.of(input);
    const items = op.keys.map((k) => {
      const v = ctx.expr(k.expr, scope);
      if (v.type === 'dynamic') throw ctx.error('unsupported', 'sorting by a dynamic value', k.expr.span);
      return `${v.sql} ${k.desc ? 'DESC' : 'ASC'} NULLS ${k.nullsFirst ? 'FIRST' : 'LAST'}`;
    });
    const keys = items.join(', ');
    // The rank column keeps this order through later where/extend/project/take (see RowOrder).
    const cols = input.columns.map((c) => quoteIdent(c.name)).join(', ');
    const rank = `row_number() OVER (ORDER BY ${keys}) AS ${quoteIdent(ORDER_COLUMN)}`;
    const clause = quoteIdent(ORDER_COLUMN);
    const cte = ctx.addCte('sort', `SELECT ${cols}, ${rank} FROM ${input.cte}`, op.span);
    return { cte, columns: input.columns, order: { clause } };
  },
});

/**
 * One `expr [asc|desc] [nulls first|last]` of sort/order/top. KQL sorts descending by default,
 * with nulls last when descending and first when ascending.
 */
export function parseSortKey(p: Parser): SortKey {
  const expr = p.parseExpr();
  let desc = true;
  if (p.acceptWord('asc')) desc = false;
  else p.acceptWord('desc');
  let nullsFirst = !desc;
  if (p.acceptWord('nulls')) {
    if (p.acceptWord('first')) nullsFirst = true;
    else {
      p.expectWord('last');
      nullsFirst = false;
    }
  }
  return { expr, desc, nullsFirst, span: { start: expr.span.start, end: p.lastEnd() } };
}
