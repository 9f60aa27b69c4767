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
 *
 * `with others = V` on a level (Kusto docs: "for each hierarchy level, one record is added with the
 * value that is the aggregation over all records that didn't make it to the top"): within each
 * parent group, the rows of the groups left out become one more group whose key is V, aggregated
 * like the others and listed after them. Deeper levels split that group like any other (the rows
 * are relabelled, not dropped). A flag, not the value V, marks the group: V may equal a real key.
 * Queries with `with others` take a longer path (othersTranslation): one relabelling step per level.
 */
import type { Assignment, Operator, TopNestedLevel } from '../ast.ts';
import type { TranslateContext } from '../context.ts';
import { sqlStorageType } from '../../schema/kql-types.ts';
import type { ColumnSchema } from '../../schema/catalog.ts';
import { Scope } from '../scope.ts';
import { elementsOf, kindName } from '../syntax/kusto-language.ts';
import { assignment, lowerExpr } from '../syntax/lower-expr.ts';
import type { Lowerer } from '../syntax/lowerer.ts';
import { quoteIdent } from '../sql.ts';
import { ORDER_COLUMN, type Relation, type Typed } from '../types.ts';
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
    if (op.levels.some((l) => l.others)) return othersTranslation(op, input, ctx);
    const { parts, columns } = levelParts(op, input, ctx);
    const keys = parts.map((p) => p.key.sql);
    const limits = parts.flatMap((p, i) =>
      p.count === undefined ? [] : [`l${i}.n <= ${p.count}`],
    );
    const levels = parts.map((p, i) => {
      const groupKeys = keys
        .slice(0, i + 1)
        .map((k, j) => `${k} AS k${j}`)
        .join(', ');
      const parents = keys.slice(0, i).map((_, j) => `k${j}`);
      const partition = parents.length ? `PARTITION BY ${parents.join(', ')} ` : '';
      const grouped = `SELECT ${groupKeys}, ${p.agg.sql} AS a FROM ${input.cte} GROUP BY ${keys
        .slice(0, i + 1)
        .map((_, j) => j + 1)
        .join(', ')}`;
      return `(SELECT *, row_number() OVER (${partition}ORDER BY a ${p.dir}, k${i} ${p.dir}) AS n FROM (${grouped})) AS l${i}`;
    });
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

interface LevelParts {
  readonly key: Typed;
  readonly agg: Typed;
  readonly count?: string;
  readonly others?: Typed;
  readonly dir: string;
}

/** Names, types and SQL of each level (shared checks of both translations). */
function levelParts(
  op: Extract<Operator, { kind: 'top-nested' }>,
  input: Relation,
  ctx: TranslateContext,
): { parts: LevelParts[]; columns: ColumnSchema[] } {
  const scope = Scope.of(input);
  const columns: ColumnSchema[] = [];
  const parts = op.levels.map((level): LevelParts => {
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
    let count: string | undefined;
    if (level.count) {
      const n = ctx.expr(level.count, new Scope([]));
      if (n.type !== 'long' && n.type !== 'int')
        throw ctx.error(
          'type',
          `top-nested needs a long count, this is a ${n.type}`,
          level.count.span,
        );
      count = n.sql;
    }
    let others: Typed | undefined;
    if (level.others) {
      others = ctx.expr(level.others, scope);
      if (others.literal === undefined && others.type !== 'null')
        throw ctx.error('type', 'top-nested "with others" takes a constant', level.others.span);
      others = { sql: castTo(others, key.type), type: key.type };
    }
    return {
      key,
      agg,
      ...(count !== undefined && { count }),
      ...(others && { others }),
      dir: level.desc ? 'DESC NULLS LAST' : 'ASC NULLS FIRST',
    };
  });
  ctx.checkColumns(columns, op.span);
  return { parts, columns };
}

/** The others value as the key's SQL type (`with others = "rest"` on a string key, `0` on a long…). */
function castTo(v: Typed, type: Typed['type']): string {
  return v.type === type || type === 'null' ? v.sql : `CAST(${v.sql} AS ${sqlStorageType(type)})`;
}

/**
 * top-nested with `with others` on some level. Rows carry every level's key (k<i>) and a flag
 * (o<i>, true in the others group); level i ranks the groups (k0…k<i>, o0…o<i>) within their
 * parent group and relabels the rows of the groups past its N: to its others value where it has
 * one, else they are dropped. Each level's aggregate is then computed over the rows as relabelled
 * by that level (so over the whole parent group, as without others); the others group ranks last.
 */
function othersTranslation(
  op: Extract<Operator, { kind: 'top-nested' }>,
  input: Relation,
  ctx: TranslateContext,
): Relation {
  const { parts, columns } = levelParts(op, input, ctx);
  const keyCols = (upTo: number) =>
    Array.from({ length: upTo }, (_, j) => [`__loupe_k${j}`, `__loupe_o${j}`]).flat();
  let rows = ctx.addCte(
    'top_nested_rows',
    `SELECT *, ${parts.map((p, i) => `${p.key.sql} AS __loupe_k${i}, FALSE AS __loupe_o${i}`).join(', ')} FROM ${input.cte}`,
  );
  const levels: string[] = [];
  parts.forEach((p, i) => {
    const group = keyCols(i + 1);
    const parents = keyCols(i);
    const partition = parents.length ? `PARTITION BY ${parents.join(', ')} ` : '';
    const ranked = `SELECT ${group.join(', ')}, row_number() OVER (${partition}ORDER BY ${p.agg.sql} ${p.dir}, __loupe_k${i} ${p.dir}) AS n FROM ${rows} GROUP BY ${group.join(', ')}`;
    if (p.count !== undefined) {
      const kept = `g.n <= ${p.count}`;
      const relabel = p.others
        ? `SELECT r.* REPLACE (CASE WHEN ${kept} THEN r.__loupe_k${i} ELSE ${p.others.sql} END AS __loupe_k${i}, NOT (${kept}) AS __loupe_o${i}) FROM ${rows} AS r JOIN (${ranked}) AS g ON ${group.map((c) => `r.${c} IS NOT DISTINCT FROM g.${c}`).join(' AND ')}`
        : `SELECT r.* FROM ${rows} AS r JOIN (${ranked}) AS g ON ${group.map((c) => `r.${c} IS NOT DISTINCT FROM g.${c}`).join(' AND ')} WHERE ${kept}`;
      rows = ctx.addCte(`top_nested_level${i + 1}`, relabel);
    }
    // The level's groups as relabelled, the others group last within its parent.
    levels.push(
      `(SELECT ${group.join(', ')}, ${p.agg.sql} AS a, row_number() OVER (${partition}ORDER BY __loupe_o${i}, ${p.agg.sql} ${p.dir}, __loupe_k${i} ${p.dir}) AS n FROM ${rows} GROUP BY ${group.join(', ')}) AS l${i}`,
    );
  });
  // The last level's rows are the kept combinations; each level's aggregate joins on its keys.
  let from = levels[levels.length - 1]!;
  for (let i = levels.length - 2; i >= 0; i--)
    from += ` JOIN ${levels[i]} ON ${keyCols(i + 1)
      .map((c) => `l${i}.${c} IS NOT DISTINCT FROM l${levels.length - 1}.${c}`)
      .join(' AND ')}`;
  const out = sqlColumns(columns);
  const select = parts.flatMap((_, i) => [
    `l${i}.__loupe_k${i} AS ${out[2 * i]}`,
    `l${i}.a AS ${out[2 * i + 1]}`,
  ]);
  const rank = `row_number() OVER (ORDER BY ${parts.map((_, i) => `l${i}.n`).join(', ')}) AS ${quoteIdent(ORDER_COLUMN)}`;
  const cte = ctx.addCte(
    'top_nested',
    `SELECT ${select.join(', ')}, ${rank} FROM ${from}`,
    op.span,
  );
  return { cte, columns, order: { clause: quoteIdent(ORDER_COLUMN) } };
}
