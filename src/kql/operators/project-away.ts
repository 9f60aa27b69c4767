/**
 * `project-away A, B*, *1`: every input column except those named or matched, in input order.
 * Wildcards match whole names only: `project-away *1` removes `Name1` but not `Name10`'s
 * neighbour `Name` (each name is tested against the complete pattern, case-sensitively).
 */
import { orderCarry, selectList, spanFrom } from './common.ts';
import { matchColumns, parseColumnPatterns } from './column-patterns.ts';
import { defineOperator } from './registry.ts';
import { quoteIdent } from '../sql.ts';

export const PROJECT_AWAY = defineOperator({
  kind: 'project-away',
  names: ['project-away'],
  parse(p, kw) {
    return { kind: 'project-away', patterns: parseColumnPatterns(p), span: spanFrom(p, kw) };
  },
  translate(op, input, ctx) {
    const names = input.columns.map((c) => c.name);
    const away = new Set(op.patterns.flatMap((pat) => matchColumns(pat, names, ctx, 'project-away')));
    const columns = input.columns.filter((c) => !away.has(c.name));
    if (columns.length === 0) throw ctx.error('unsupported', 'project-away that removes every column', op.span);
    const items = [...columns.map((c) => ({ name: c.name, sql: quoteIdent(c.name) })), ...orderCarry(input)];
    const cte = ctx.addCte('project_away', `SELECT ${selectList(items)} FROM ${input.cte}`, op.span);
    return { cte, columns, order: input.order };
  },
});
