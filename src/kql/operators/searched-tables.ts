/**
 * The tables `search` and `find` look in (Kusto docs: without `in (…)`, "all tables and views of
 * the database"; in Loupe the database is the analyst's workspace, the tables loaded, as
 * TranslateOptions.tableNames lists them). Named tables are taken as named; a name with `*` matches
 * the loaded tables, in name order, as `union Sign*` does.
 */
import type { Span } from '../ast.ts';
import type { TranslateContext } from '../context.ts';

export interface TableName {
  readonly text: string;
  readonly span: Span;
}

export function searchedTables(
  named: readonly TableName[] | undefined,
  views: readonly string[],
  ctx: TranslateContext,
  span: Span,
): TableName[] {
  const loaded = [...ctx.tableNames()].sort();
  if (!named) {
    const all = [...new Set([...views, ...loaded])];
    return all.map((text) => ({ text, span }));
  }
  return named.flatMap((t) => {
    if (!t.text.includes('*')) return [t];
    const re = new RegExp(`^${t.text.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    return loaded.filter((n) => re.test(n)).map((text) => ({ text, span: t.span }));
  });
}
