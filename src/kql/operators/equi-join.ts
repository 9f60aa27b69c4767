/**
 * What `join` and `lookup` share: their clause `[kind=K] [hint.*=…] (Right) on Key, $left.A ==
 * $right.B` and the SQL of an equi-join with KQL's output columns and key rules (null keys never
 * match; int joins long, string joins guid; right names already taken are renamed `Name1`…).
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import type { JoinCondition, Span } from '../ast.ts';
import type { TranslateContext } from '../context.ts';
import { isNumeric, isStringy, type Relation } from '../types.ts';
import { sqlColumn, sqlColumns } from '../sql-names.ts';

/** `l."A" = r."B" AND …` for the join conditions, checking that both columns exist and compare. */
export function joinKeys(
  left: Relation,
  right: Relation,
  on: readonly JoinCondition[],
  ctx: TranslateContext,
): string {
  return on
    .map((c) => {
      const l = left.columns.find((x) => x.name === c.left);
      const r = right.columns.find((x) => x.name === c.right);
      if (!l)
        throw ctx.error(
          'unknown-column',
          `the left side of the join has no column "${c.left}"`,
          c.span,
        );
      if (!r)
        throw ctx.error(
          'unknown-column',
          `the right side of the join has no column "${c.right}"`,
          c.span,
        );
      // int joins long, string joins guid (both text in Loupe); other mixes are Kusto errors too.
      if (
        l.type !== r.type &&
        !(isNumeric(l.type) && isNumeric(r.type)) &&
        !(isStringy(l.type) && isStringy(r.type))
      ) {
        throw ctx.error(
          'type',
          `join keys "${c.left}" (${l.type}) and "${c.right}" (${r.type}) have different types`,
          c.span,
        );
      }
      return `l.${sqlColumn(left.columns, l.name)} = r.${sqlColumn(right.columns, r.name)}`;
    })
    .join(' AND ');
}

/** A column read from one side of an outer join: a missing string is "" (never null in KQL). */
function sideColumn(
  alias: 'l' | 'r',
  side: Relation,
  c: ColumnSchema,
  mayBeMissing: boolean,
): string {
  const ref = `${alias}.${sqlColumn(side.columns, c.name)}`;
  return mayBeMissing && c.type === 'string' ? `coalesce(${ref}, '')` : ref;
}

/**
 * The SQL of an equi-join of two relations with KQL's output columns; `dropRightKeys` leaves out
 * the right key columns (lookup). Semi/anti kinds are handled by the caller.
 */
export function joinRelations(
  left: Relation,
  right: Relation,
  kind: 'innerunique' | 'inner' | 'leftouter' | 'rightouter' | 'fullouter',
  on: readonly JoinCondition[],
  ctx: TranslateContext,
  span: Span,
  dropRightKeys = false,
): Relation {
  const cond = joinKeys(left, right, on, ctx);
  const leftMissing = kind === 'rightouter' || kind === 'fullouter';
  const rightMissing = kind === 'leftouter' || kind === 'fullouter';
  const taken = new Set(left.columns.map((c) => c.name));
  const columns: ColumnSchema[] = [...left.columns];
  const select = left.columns.map((c) => sideColumn('l', left, c, leftMissing));
  const rightKeys = new Set(on.map((c) => c.right));
  for (const c of right.columns) {
    if (dropRightKeys && rightKeys.has(c.name)) continue;
    let name = c.name;
    for (let i = 1; taken.has(name); i++) name = `${c.name}${i}`;
    taken.add(name);
    columns.push({ name, type: c.type });
    select.push(sideColumn('r', right, c, rightMissing));
  }
  const out = sqlColumns(columns);
  const selectList = select.map((sql, i) => `${sql} AS ${out[i]}`);
  let leftSql = left.cte;
  if (kind === 'innerunique') {
    const partition = on.map((c) => sqlColumn(left.columns, c.left)).join(', ');
    // "First" is in the left side's defined order when it has one (a sorted left keeps its top
    // row per key), else in the order the rows are read.
    const first = left.order ? `ORDER BY ${left.order.clause}` : '';
    leftSql =
      `(SELECT * EXCLUDE ("__loupe_rn") FROM (SELECT *, row_number() OVER (${first}) AS "__loupe_rn" FROM ${left.cte}) ` +
      `QUALIFY row_number() OVER (PARTITION BY ${partition} ORDER BY "__loupe_rn") = 1)`;
  }
  const joinSql = {
    innerunique: 'JOIN',
    inner: 'JOIN',
    leftouter: 'LEFT JOIN',
    rightouter: 'RIGHT JOIN',
    fullouter: 'FULL OUTER JOIN',
  }[kind];
  const cte = ctx.addCte(
    'join',
    `SELECT ${selectList.join(', ')} FROM ${leftSql} AS l ${joinSql} ${right.cte} AS r ON ${cond}`,
    span,
  );
  return { cte, columns };
}
