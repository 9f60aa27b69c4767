/** `project-keep A, B*`: only the columns named or matched, in their input order (not the list's). */
import { orderCarry, selectList } from './common.ts';
import { elementsOf } from '../syntax/kusto-language.ts';
import { columnPattern } from '../syntax/lower-clauses.ts';
import { matchColumns } from './column-patterns.ts';
import { defineOperator } from './spec.ts';
import { Scope } from '../scope.ts';

export const PROJECT_KEEP = defineOperator({
  kind: 'project-keep',
  syntax: ['ProjectKeepOperator'],
  lower(node: Kusto.Language.Syntax.ProjectKeepOperator, l) {
    return {
      kind: 'project-keep',
      patterns: elementsOf(node.Expressions).map((e) => columnPattern(e, l)),
      span: l.span(node),
    };
  },
  translate(op, input, ctx) {
    const names = input.columns.map((c) => c.name);
    const keep = new Set(
      op.patterns.flatMap((pat) => matchColumns(pat, names, ctx, 'project-keep')),
    );
    const columns = input.columns.filter((c) => keep.has(c.name));
    if (columns.length === 0)
      throw ctx.error('unsupported', 'project-keep that keeps no column', op.span);
    const read = Scope.of(input);
    const items = [
      ...columns.map((c) => ({ name: c.name, sql: read.get(c.name)!.sql })),
      ...orderCarry(input),
    ];
    const cte = ctx.addCte(
      'project_keep',
      `SELECT ${selectList(items)} FROM ${input.cte}`,
      op.span,
    );
    return { cte, columns, order: input.order };
  },
});
