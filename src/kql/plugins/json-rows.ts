/**
 * Plugins that compute their result in JavaScript (basket's Apriori, the activity metrics…) hand
 * it back to SQL as one JSON array of rows, each row a JSON array of cell values. This turns such
 * a value into a typed relation: one row per element, each cell converted from dynamic to its
 * column's type as `to<type>()` converts (so a JSON `null` is null, `""` for strings).
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import type { Span } from '../ast.ts';
import type { TranslateContext } from '../context.ts';
import { selectList } from '../operators/common.ts';
import { ORDER_COLUMN, type Relation } from '../types.ts';
import { convertTo } from './arguments.ts';

/**
 * `rowsSql` is a SELECT giving one row with a column `rows` (the JSON array). The relation keeps
 * the array's order as its row order when `ordered` (a result whose order Kusto defines).
 */
export function relationFromJsonRows(
  ctx: TranslateContext,
  label: string,
  rowsSql: string,
  columns: readonly ColumnSchema[],
  span: Span,
  ordered = false,
): Relation {
  const rows = ctx.addCte(`${label}_rows`, rowsSql);
  const items = ctx.addCte(
    `${label}_items`,
    `SELECT kql_mv_item("rows", CAST("i" AS DOUBLE), 0) AS "row", "i" FROM (SELECT "rows", unnest(range(CAST(kql_mv_count("rows") AS BIGINT))) AS "i" FROM ${rows} WHERE "rows" IS NOT NULL)`,
  );
  const cells = columns.map((c, k) => ({
    name: c.name,
    sql: convertTo({ sql: `kql_dyn_index("row", ${k})`, type: 'dynamic' }, c.type, ctx, span).sql,
  }));
  const order = ordered ? [{ name: ORDER_COLUMN, sql: '"i"' }] : [];
  const cte = ctx.addCte(label, `SELECT ${selectList([...cells, ...order])} FROM ${items}`, span);
  return { cte, columns, ...(ordered && { order: { clause: `"${ORDER_COLUMN}"` } }) };
}
