/**
 * `mv-apply [Name =] Expr [to typeof(T)], … on ( Operators )`: expands each row's dynamic values
 * (as mv-expand does) and runs the operators on that row's expanded rows; the output is the input
 * row's columns followed by the columns the operators produce (an expanded column of an input
 * name replaces it in place).
 *
 * Supported subquery operators are the row-by-row ones (where, extend, project, project-away/
 * -keep/-rename/-reorder): applied to all expanded rows at once they give the same rows as per
 * input row. `project` inside the subquery keeps the input row's columns (Kusto re-attaches them).
 * Operators that look across rows (summarize, top, take, sort, …) would need a per-row partition
 * and are refused by name.
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import type { Assignment, Operator } from '../ast.ts';
import { quoteIdent } from '../sql.ts';
import type { Relation } from '../types.ts';
import { orderCarry, orderBySuffix, selectList, spanFrom } from './common.ts';
import { assignmentName } from './extend.ts';
import { expandRelation, parseMvExpandArgs } from './mv-expand.ts';
import { defineOperator, operatorFor } from './registry.ts';

const ROW_BY_ROW = new Set(['where', 'extend', 'project', 'project-away', 'project-keep', 'project-rename', 'project-reorder']);

export const MV_APPLY = defineOperator({
  kind: 'mv-apply',
  names: ['mv-apply'],
  parse(p, kw) {
    const expand = parseMvExpandArgs(p);
    p.expectWord('on');
    p.expectPunct('(', 'to open the mv-apply subquery');
    const operators: Operator[] = [];
    p.acceptPunct('|');
    do operators.push(p.parseOperator());
    while (p.acceptPunct('|'));
    p.expectPunct(')', 'to close the mv-apply subquery');
    return { kind: 'mv-apply', expand, operators, span: spanFrom(p, kw) };
  },
  translate(op, input, ctx) {
    const expanded = expandRelation(input, op.expand, ctx, op.span);
    const inputNames = input.columns.map((c) => c.name);
    let rel: Relation = { cte: expanded.cte, columns: expanded.columns, order: expanded.order };
    for (const sub of op.operators) {
      if (!ROW_BY_ROW.has(sub.kind)) throw ctx.error('unsupported', `"${sub.kind}" inside mv-apply (only row-by-row operators: ${[...ROW_BY_ROW].join(', ')})`, sub.span);
      let o: Operator = sub;
      if (o.kind === 'project') {
        // Keep the input row's columns through the subquery's project.
        const named = new Set(o.items.map((i) => assignmentName(i, ctx, 'project')));
        const keep: Assignment[] = inputNames
          .filter((n) => !named.has(n) && rel.columns.some((c) => c.name === n))
          .map((n) => ({ expr: { kind: 'name', name: n, span: sub.span }, span: sub.span }));
        o = { ...o, items: [...o.items, ...keep] };
      }
      rel = operatorFor(o.kind)!.translate(o as never, rel, ctx);
      ctx.checkColumns(rel.columns, sub.span);
    }
    // Input columns first (in their order), then what the subquery added.
    const columns: ColumnSchema[] = [
      ...inputNames.map((n) => rel.columns.find((c) => c.name === n)).filter((c): c is ColumnSchema => c !== undefined),
      ...rel.columns.filter((c) => !inputNames.includes(c.name)),
    ];
    const items = [...columns.map((c) => ({ name: c.name, sql: quoteIdent(c.name) })), ...orderCarry(rel)];
    const cte = ctx.addCte('mv_apply', `SELECT ${selectList(items)} FROM ${rel.cte}${orderBySuffix(rel.order)}`, op.span);
    return { cte, columns, order: rel.order };
  },
});
