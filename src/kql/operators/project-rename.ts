/** `project-rename New = Old, …`: renames columns in place (same position, same values). */
import type { ColumnSchema } from '../../schema/catalog.ts';
import { orderCarry, selectList } from './common.ts';
import { elementsOf, kindName } from '../syntax/kusto-language.ts';
import { defineOperator } from './spec.ts';
import { sqlColumns } from '../sql-names.ts';

export const PROJECT_RENAME = defineOperator({
  kind: 'project-rename',
  syntax: ['ProjectRenameOperator'],
  lower(node: Kusto.Language.Syntax.ProjectRenameOperator, l) {
    const renames = elementsOf(node.Expressions).map((e) => {
      if (kindName(e) !== 'SimpleNamedExpression')
        throw l.error('syntax', 'expected New = Old in project-rename', e);
      const n = e as Kusto.Language.Syntax.SimpleNamedExpression;
      return {
        to: l.declaredName(n.Name!),
        from: l.columnName(n.Expression, 'the column to rename'),
      };
    });
    return { kind: 'project-rename', renames, span: l.span(node) };
  },
  translate(op, input, ctx) {
    const newName = new Map<string, string>();
    for (const r of op.renames) {
      if (!input.columns.some((c) => c.name === r.from.text))
        throw ctx.error(
          'unknown-column',
          `project-rename: no column "${r.from.text}"`,
          r.from.span,
        );
      newName.set(r.from.text, r.to.text);
    }
    const columns: ColumnSchema[] = input.columns.map((c) => ({
      ...c,
      name: newName.get(c.name) ?? c.name,
    }));
    ctx.checkColumns(columns, op.span);
    const read = sqlColumns(input.columns);
    const items = [
      ...input.columns.map((_, i) => ({ name: columns[i]!.name, sql: read[i]! })),
      ...orderCarry(input),
    ];
    const cte = ctx.addCte(
      'project_rename',
      `SELECT ${selectList(items)} FROM ${input.cte}`,
      op.span,
    );
    return { cte, columns, order: input.order };
  },
});
