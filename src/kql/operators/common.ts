/** Helpers shared by operator modules. */
import { quoteIdent } from '../sql.ts';
import { ORDER_COLUMN, type Relation, type RowOrder } from '../types.ts';
import { sqlColumns } from '../sql-names.ts';

/** `expr AS "Name", …`, the select list of an operator's CTE, named as sql-names.ts maps the columns. */
export function selectList(cols: readonly { name: string; sql: string }[]): string {
  const names = sqlColumns(cols);
  return cols.map((c, i) => (c.sql === names[i] ? c.sql : `${c.sql} AS ${names[i]}`)).join(', ');
}

/** Select-list items that carry the input's hidden order column, when it has one. */
export function orderCarry(input: Relation): { name: string; sql: string }[] {
  return input.order ? [{ name: ORDER_COLUMN, sql: quoteIdent(ORDER_COLUMN) }] : [];
}

export function orderBySuffix(order: RowOrder | undefined): string {
  return order ? ` ORDER BY ${order.clause}` : '';
}
