/**
 * `sort by` / `order by`: KQL's default direction is **descending**; nulls go last when
 * descending and first when ascending unless `nulls first|last` says otherwise.
 */
import { elementsOf } from '../syntax/kusto-language.ts';
import { sortKey } from '../syntax/lower-clauses.ts';
import { Scope } from '../scope.ts';
import { quoteIdent } from '../sql.ts';
import { ORDER_COLUMN } from '../types.ts';
import { defineOperator } from './spec.ts';
import { sqlColumns } from '../sql-names.ts';

export const SORT = defineOperator({
  kind: 'sort',
  syntax: ['SortOperator'],
  lower(node: Kusto.Language.Syntax.SortOperator, l) {
    return {
      kind: 'sort',
      keys: elementsOf(node.Expressions).map((e) => sortKey(e, l)),
      span: l.span(node),
    };
  },
  translate(op, input, ctx) {
    const scope = Scope.of(input);
    const items = op.keys.map((k) => {
      const v = ctx.expr(k.expr, scope);
      if (v.type === 'dynamic')
        throw ctx.error('unsupported', 'sorting by a dynamic value', k.expr.span);
      return `${v.sql} ${k.desc ? 'DESC' : 'ASC'} NULLS ${k.nullsFirst ? 'FIRST' : 'LAST'}`;
    });
    const keys = items.join(', ');
    // The rank column keeps this order through later where/extend/project/take (see RowOrder).
    const cols = sqlColumns(input.columns).join(', ');
    const rank = `row_number() OVER (ORDER BY ${keys}) AS ${quoteIdent(ORDER_COLUMN)}`;
    const clause = quoteIdent(ORDER_COLUMN);
    const cte = ctx.addCte('sort', `SELECT ${cols}, ${rank} FROM ${input.cte}`, op.span);
    return { cte, columns: input.columns, order: { clause } };
  },
});
