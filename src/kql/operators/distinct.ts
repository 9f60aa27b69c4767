/**
 * `distinct A, B` / `distinct *`: the distinct combinations of the named columns (all columns for
 * `*`), in that order. Dynamic values are canonical JSON text, so equal arrays/bags compare equal
 * whatever their original spelling; strings compare case-sensitively.
 */
import { spanFrom } from './common.ts';
import { defineOperator } from './registry.ts';
import { quoteIdent } from '../sql.ts';

export const DISTINCT = defineOperator({
  kind: 'distinct',
  names: ['distinct'],
  parse(p, kw) {
    if (p.acceptPunct('*')) return { kind: 'distinct', columns: 'all', span: spanFrom(p, kw) };
    const columns = [];
    do columns.push(p.parseName('a column name'));
    while (p.acceptPunct(','));
    return { kind: 'distinct', columns, span: spanFrom(p, kw) };
  },
  translate(op, input, ctx) {
    const columns =
      op.columns === 'all'
        ? input.columns
        : op.columns.map((n) => {
            const c = input.columns.find((x) => x.name === n.text);
            if (!c) throw ctx.error('unknown-column', `distinct: no column "${n.text}"`, n.span);
            return c;
          });
    ctx.checkColumns(columns, op.span);
    const cte = ctx.addCte('distinct', `SELECT DISTINCT ${columns.map((c) => quoteIdent(c.name)).join(', ')} FROM ${input.cte}`, op.span);
    return { cte, columns };
  },
});
