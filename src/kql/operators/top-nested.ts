/**
 * `top-nested [N] of Key by Agg [asc|desc], top-nested [M] of Key2 by Agg2, …` (Kusto docs,
 * top-nested operator): a hierarchy of top-N selections. Level 1 groups the rows by Key and keeps
 * the N groups with the largest (or, with `asc`, smallest) Agg; level 2 groups the rows of each
 * kept level-1 group by Key2 and keeps the M best within that group; and so on. Without N every
 * group is kept. One output row per kept combination of keys: Key1, Agg1, Key2, Agg2, …
 *
 * SQL: per level, the aggregate grouped by that level's keys and all its parents', numbered within
 * its parent group (`row_number() OVER (PARTITION BY parent keys ORDER BY Agg)`); the levels are
 * joined on their keys (null keys are a group of their own, so `IS NOT DISTINCT FROM`) and each
 * level's number compared with its N. The output is ordered level by level (the best level-1
 * group first, within it the best level-2 group…); ties are broken by the key, in the
 * aggregate's direction (the Kusto engine lists the docs example's tied `Donald` before `Barak`).
 * `with others = V` (a row summing up the groups left out) is refused.
 */
import type { Assignment, TopNestedLevel } from '../ast.ts';
import type { ColumnSchema } from '../../schema/catalog.ts';
import { Scope } from '../scope.ts';
import { elementsOf, kindName } from '../syntax/kusto-language.ts';
import { assignment, lowerExpr } from '../syntax/lower-expr.ts';
import type { Lowerer } from '../syntax/lowerer.ts';
import { quoteIdent } from '../sql.ts';
import { ORDER_COLUMN } from '../types.ts';
import {
  isAggregateCall,
  translateAggregateCall,
  translateAggregateExpression,
} from './aggregate-expression.ts';
import { derivedName } from './column-names.ts';
import { columnType } from './extend.ts';
import { defineOperator } from './spec.ts';
import { sqlColumns } from '../sql-names.ts';

/** `[Name =] Expr`, one item (not a list). */
function level(clause: Kusto.Language.Syntax.TopNestedClause, l: Lowerer): TopNestedLevel {
  const count = clause.Expression;
  const others = clause.WithOthersClause?.Expression;
  let by = clause.ByExpression!;
  let desc = true;
  if (kindName(by) === 'OrderedExpression') {
    const o = by as Kusto.Language.Syntax.OrderedExpression;
    desc = o.Ordering?.AscOrDescKeyword?.Text !== 'asc';
    by = o.Expression!;
  }
  return {
    ...(count && { count: lowerExpr(count, l) }),
    key: assignment(clause.OfExpression!, l),
    ...(others && { others: lowerExpr(others, l) }),
    aggregate: assignment(by, l),
    desc,
    span: l.span(clause),
  };
}

export const TOP_NESTED = defineOperator({
  kind: 'top-nested',
  syntax: ['TopNestedOperator'],
  lower(node: Kusto.Language.Syntax.TopNestedOperator, l) {
    return {
      kind: 'top-nested',
      levels: elementsOf(node.Clauses).map((c) => level(c, l)),
      span: l.span(node),
    };
  },
  translate(op, input, ctx) {
    const scope = Scope.of(input);
    const columns: ColumnSchema[] = [];
    const keys: string[] = [];
    const levels: string[] = [];
    const limits: string[] = [];
    op.levels.forEach((level, i) => {
      if (level.others)
        throw ctx.error('unsupported', 'top-nested "with others = …"', level.others.span);
      const keyName = level.key.name?.text ?? derivedName(level.key.expr);
      if (keyName === undefined)
        throw ctx.error(
          'unsupported',
          'an unnamed top-nested expression (write of Name = …)',
          level.key.expr.span,
        );
      const key = ctx.expr(level.key.expr, scope);
      if (key.type === 'dynamic')
        throw ctx.error('unsupported', 'top-nested of a dynamic value', level.key.expr.span);
      const e = level.aggregate.expr;
      const agg = isAggregateCall(e, ctx)
        ? translateAggregateCall(e, scope, ctx)
        : translateAggregateExpression(e, scope, ctx);
      if (agg.type === 'dynamic')
        throw ctx.error('unsupported', 'top-nested by a dynamic aggregate', e.span);
      columns.push(
        { name: keyName, type: columnType(key) },
        { name: level.aggregate.name?.text ?? `aggregated_${keyName}`, type: columnType(agg) },
      );
      keys.push(key.sql);
      if (level.count) {
        const n = ctx.expr(level.count, new Scope([]));
        if (n.type !== 'long' && n.type !== 'int')
          throw ctx.error(
            'type',
            `top-nested needs a long count, this is a ${n.type}`,
            level.count.span,
          );
        limits.push(`l${i}.n <= ${n.sql}`);
      }
      const dir = level.desc ? 'DESC NULLS LAST' : 'ASC NULLS FIRST';
      const groupKeys = keys.map((k, j) => `${k} AS k${j}`).join(', ');
      const parents = keys.slice(0, i).map((_, j) => `k${j}`);
      const partition = parents.length ? `PARTITION BY ${parents.join(', ')} ` : '';
      const grouped = `SELECT ${groupKeys}, ${agg.sql} AS a FROM ${input.cte} GROUP BY ${keys.map((_, j) => j + 1).join(', ')}`;
      levels.push(
        `(SELECT *, row_number() OVER (${partition}ORDER BY a ${dir}, k${i} ${dir}) AS n FROM (${grouped})) AS l${i}`,
      );
    });
    ctx.checkColumns(columns, op.span);
    // Each level joins its parent on the parent's keys.
    let from = levels[0]!;
    for (let i = 1; i < levels.length; i++) {
      from += ` JOIN ${levels[i]} ON ${Array.from({ length: i }, (_, j) => `l${i}.k${j} IS NOT DISTINCT FROM l${i - 1}.k${j}`).join(' AND ')}`;
    }
    const out = sqlColumns(columns);
    const select = op.levels.flatMap((_, i) => [
      `l${i}.k${i} AS ${out[2 * i]}`,
      `l${i}.a AS ${out[2 * i + 1]}`,
    ]);
    const rank = `row_number() OVER (ORDER BY ${op.levels.map((_, i) => `l${i}.n`).join(', ')}) AS ${quoteIdent(ORDER_COLUMN)}`;
    const where = limits.length ? ` WHERE ${limits.join(' AND ')}` : '';
    const cte = ctx.addCte(
      'top_nested',
      `SELECT ${select.join(', ')}, ${rank} FROM ${from}${where}`,
      op.span,
    );
    return { cte, columns, order: { clause: quoteIdent(ORDER_COLUMN) } };
  },
});
