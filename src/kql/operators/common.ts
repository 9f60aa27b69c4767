/** Helpers shared by operator modules. */
import type { Span } from '../ast.ts';
import type { Parser } from '../parser.ts';
import { quoteIdent } from '../sql.ts';
import type { Relation, RowOrder } from '../types.ts';

/** `expr AS "Name", …`, the select list of an operator's CTE. */
export function selectList(cols: readonly { name: string; sql: string }[]): string {
  return cols.map((c) => (c.sql === quoteIdent(c.name) ? c.sql : `${c.sql} AS ${quoteIdent(c.name)}`)).join(', ');
}

/** The input's row order, if every column it reads passes through unchanged. */
export function carryOrder(input: Relation, unchanged: ReadonlySet<string>): RowOrder | undefined {
  const o = input.order;
  return o && o.columns.every((c) => unchanged.has(c)) ? o : undefined;
}

export function orderBySuffix(order: RowOrder | undefined): string {
  return order ? ` ORDER BY ${order.clause}` : '';
}

export function spanFrom(p: Parser, keyword: { start: number }): Span {
  return { start: keyword.start, end: p.lastEnd() };
}
