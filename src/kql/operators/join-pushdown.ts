/**
 * Kusto pushes a filter that follows a join down to the side it is about (join docs, "innerunique
 * join flavor": "Kusto is optimized to push filters that come after the join, towards the
 * appropriate join side, left or right, when possible"). For most join kinds that changes nothing,
 * but innerunique de-duplicates the left side on the key *after* the filter: in the page's example
 * `t1 | join kind=innerunique t2 on key | where value == "val1.2"` keeps the left row val1.2 (two
 * result rows), where filtering after the join finds no row, since the de-duplication kept val1.1.
 *
 * So `L | join kind=innerunique R on … | where P` runs as `L | where P | join …` when P reads only
 * columns of L (the join keeps their names), by plain names, with no window function (whose
 * answer depends on the rows around) and no tabular subquery.
 */
import type { Expr, Operator } from '../ast.ts';
import { rewriteExpr } from '../rewrite.ts';
import type { Relation } from '../types.ts';
import { WINDOW_FUNCTIONS } from '../window.ts';

/** Functions whose value depends on more than the row: never pushed. */
const ROW_DEPENDENT = new Set(['rand', 'new_guid', 'row_number']);

/** Whether `where` right after `join` is evaluated on the join's left input `left` first. */
export function pushesBelowJoin(
  join: Operator,
  where: Operator | undefined,
  left: Relation,
): boolean {
  if (join.kind !== 'join' || join.joinKind !== 'innerunique' || where?.kind !== 'where')
    return false;
  const leftNames = new Set(left.columns.map((c) => c.name));
  let pushable = true;
  let reads = 0;
  rewriteExpr(where.predicate, (e: Expr) => {
    if (e.kind === 'name') {
      if (!leftNames.has(e.name)) pushable = false;
      reads++;
    } else if (e.kind === 'side' || e.kind === 'star' || e.kind === 'toscalar') pushable = false;
    else if ((e.kind === 'in' || e.kind === 'has-list') && e.tabular) pushable = false;
    else if (e.kind === 'call' && (WINDOW_FUNCTIONS.has(e.name) || ROW_DEPENDENT.has(e.name)))
      pushable = false;
    return undefined;
  });
  return pushable && reads > 0;
}
