/** `project A, B = Expr, …`: exactly these columns, in this order, computed from the input row. */
import type { ColumnSchema } from '../../schema/catalog.ts';
import { Scope } from '../scope.ts';
import { orderCarry, selectList } from './common.ts';
import { assignments } from '../syntax/lower-expr.ts';
import { assignmentName, columnType } from './extend.ts';
import { defineOperator } from './spec.ts';
import { tupleColumns } from '../tuples.ts';

export const PROJECT = defineOperator({
  kind: 'project',
  syntax: ['ProjectOperator'],
  lower(node: Kusto.Language.Syntax.ProjectOperator, l) {
    return { kind: 'project', items: assignments(node.Expressions, l), span: l.span(node) };
  },
  translate(op, input, ctx) {
    const scope = Scope.of(input);
    const out: { name: string; sql: string }[] = [];
    const columns: ColumnSchema[] = [];
    for (const item of op.items) {
      const tuple = tupleColumns(item, scope, ctx);
      if (tuple) {
        for (const t of tuple) {
          out.push({ name: t.name, sql: t.value.sql });
          columns.push({ name: t.name, type: columnType(t.value) });
        }
        continue;
      }
      const name = assignmentName(item, ctx, 'project', new Set(out.map((c) => c.name)));
      const v = ctx.expr(item.expr, scope);
      out.push({ name, sql: v.type === 'null' ? 'CAST(NULL AS VARCHAR)' : v.sql });
      columns.push({ name, type: columnType(v) });
    }
    ctx.checkColumns(columns, op.span);
    const cte = ctx.addCte(
      'project',
      `SELECT ${selectList([...out, ...orderCarry(input)])} FROM ${input.cte}`,
      op.span,
    );
    return { cte, columns, order: input.order };
  },
});
