/** `project-rename New = Old, …`: renames columns in place (same position, same values). */
import type { ColumnSchema } from '../../schema/catalog.ts';
import { orderCarry, selectList, spanFrom } from './common.ts';
import { defineOperator } from './registry.ts';
import { quoteIdent } from '../sql.ts';

export const PROJECT_RENAME = defineOperator({
  kind: 'project-rename',
  names: ['project-rename'],
  parse(p, kw) {
    const renames = [];
    do {
      const to = p.parseName('the new column name');
      p.expectPunct('=', 'in project-rename New = Old');
      const from = p.parseName('the column to rename');
      renames.push({ to, from });
    } while (p.acceptPunct(','));
    return { kind: 'project-rename', renames, span: spanFrom(p, kw) };
  },
  translate(op, input, ctx) {
    const newName = new Map<string, string>();
    for (const r of op.renames) {
      if (!input.columns.some((c) => c.name === r.from.text)) throw ctx.error('unknown-column', `project-rename: no column "${r.from.text}"`, r.from.span);
      newName.set(r.from.text, r.to.text);
    }
    const columns: ColumnSchema[] = input.columns.map((c) => ({ ...c, name: newName.get(c.name) ?? c.name }));
    ctx.checkColumns(columns, op.span);
    const items = [...input.columns.map((c, i) => ({ name: columns[i]!.name, sql: quoteIdent(c.name) })), ...orderCarry(input)];
    const cte = ctx.addCte('project_rename', `SELECT ${selectList(items)} FROM ${input.cte}`, op.span);
    return { cte, columns, order: input.order };
  },
});
