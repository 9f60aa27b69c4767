/** Helpers shared by operator modules. */
import { quoteIdent } from '../sql.ts';
import { ORDER_COLUMN, type Relation, type RowOrder } from '../types.ts';

/** `expr AS "Name", …`, the select list of an operator's CTE. */
export function selectList(cols: readonly { name: string; sql: string }[]): string {
  return cols.map((c) => (c.sql === quoteIdent(c.name) ? c.sql : `${c.sql} AS ${quoteIdent(c.name)}`)).join(', ');
}

/** Select-list items that carry the input's hidden order column, when it has one. */
export function orderCarry(input: Relation): { name: string; sql: string }[] {
  return input.order ? [{ name: ORDER_COLUMN, sql: quoteIdent(ORDER_COLUMN) }] : [];
}

export function orderBySuffix(order: RowOrder | undefined): string {
  return order ? ` ORDER BY ${order.clause}` : '';
}
