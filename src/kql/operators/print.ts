/**
 * `print x = expr, expr, …`: a one-row table of scalar expressions (no input). An unnamed
 * expression is named after its position, `print_0`, `print_1`… as Kusto does — even when it is a
 * bare `let` name, since only column references carry a name and print has no columns to refer to.
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import { Scope } from '../scope.ts';
import { tupleColumns } from '../tuples.ts';
import { selectList } from './common.ts';
import { assignments } from '../syntax/lower-expr.ts';
import { columnType } from './extend.ts';
import { defineSource } from './spec.ts';

export const PRINT = defineSource({
  kind: 'print',
  syntax: ['PrintOperator'],
  lower(node: Kusto.Language.Syntax.PrintOperator, l) {
    return { kind: 'print', items: assignments(node.Expressions, l), span: l.span(node) };
  },
  translate(src, ctx) {
    const scope = new Scope([]);
    const out: { name: string; sql: string }[] = [];
    const columns: ColumnSchema[] = [];
    src.items.forEach((item, i) => {
      // Multi-result functions spread over columns here too (`print array_sort_asc(a, b)`).
      const tuple = tupleColumns(item, scope, ctx);
      if (tuple) {
        for (const t of tuple) {
          out.push({ name: t.name, sql: t.value.sql });
          columns.push({ name: t.name, type: columnType(t.value) });
        }
        return;
      }
      const name = item.name?.text ?? item.kustoName ?? `print_${i}`;
      const v = ctx.expr(item.expr, scope);
      out.push({ name, sql: v.type === 'null' ? 'CAST(NULL AS VARCHAR)' : v.sql });
      columns.push({ name, type: columnType(v) });
    });
    ctx.checkColumns(columns, src.span);
    return { cte: ctx.addCte('print', `SELECT ${selectList(out)}`, src.span), columns };
  },
});
