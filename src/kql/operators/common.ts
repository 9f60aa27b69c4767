/** Helpers shared by operator modules. */
import type { DatatableColumn, Span } from '../ast.ts';
import type { Parser } from '../parser.ts';
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

export function spanFrom(p: Parser, keyword: { start: number }): Span {
  return { start: keyword.start, end: p.lastEnd() };
}

/**
 * The `(Name:type, …)` column list of a source that declares its schema (datatable,
 * externaldata); the opening parenthesis is the next token. `what` names the source in errors.
 */
export function parseColumnDeclarations(p: Parser, what: string): DatatableColumn[] {
  p.expectPunct('(');
  const columns: DatatableColumn[] = [];
  do {
    const name = p.parseName('a column name');
    p.expectPunct(':', `between ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what} column name and its type`);
    const type = p.expectIdent('a column type');
    columns.push({ name: name.text, type: type.value, span: { start: name.span.start, end: type.end } });
  } while (p.acceptPunct(','));
  p.expectPunct(')', `to close the ${what} columns`);
  return columns;
}
