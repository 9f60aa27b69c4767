/**
 * `project-away A, B*, *1`: every input column except those named or matched, in input order.
 * Wildcards match whole names only: `project-away *1` removes `Name1` but not `Name10`'s
 * neighbour `Name` (each name is tested against the complete pattern, case-sensitively).
 */
import { orderCarry, selectList } from './common.ts';
import { elementsOf } from '../syntax/kusto-language.ts';
import { columnPattern } from '../syntax/lower-clauses.ts';
import { matchColumns } from './column-patterns.ts';
import { defineOperator } from './spec.ts';
import { Scope } from '../scope.ts';

export const PROJECT_AWAY = defineOperator({
  kind: 'project-away',
  syntax: ['ProjectAwayOperator'],
  lower(node: Kusto.Language.Syntax.ProjectAwayOperator, l) {
    return {
      kind: 'project-away',
      patterns: elementsOf(node.Expressions).map((e) => columnPattern(e, l)),
      span: l.span(node),
    };
  },
  translate(op, input, ctx) {
    const names = input.columns.map((c) => c.name);
    const away = new Set(
      op.patterns.flatMap((pat) => matchColumns(pat, names, ctx, 'project-away')),
    );
    const columns = input.columns.filter((c) => !away.has(c.name));
    if (columns.length === 0)
      throw ctx.error('unsupported', 'project-away that removes every column', op.span);
    const read = Scope.of(input);
    const items = [
      ...columns.map((c) => ({ name: c.name, sql: read.get(c.name)!.sql })),
      ...orderCarry(input),
    ];
    const cte = ctx.addCte(
      'project_away',
      `SELECT ${selectList(items)} FROM ${input.cte}`,
      op.span,
    );
    return { cte, columns, order: input.order };
  },
});
