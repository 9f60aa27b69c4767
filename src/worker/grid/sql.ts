/**
 * SQL for the result grid: the source relation wrapped with WHERE (filters), ORDER BY (sort) and
 * LIMIT/OFFSET (paging). Filter values are user text: they only ever become SQL as string
 * literals with quotes doubled, or as numbers checked to be finite; column names are quoted
 * identifiers. Nothing the analyst types can change the query's structure.
 */
import type { ColumnSchema } from '../../schema/catalog.ts';
import type { ColumnFilter, GridSort } from './types.ts';

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function finite(n: number | undefined): number | undefined {
  return n !== undefined && Number.isFinite(n) ? n : undefined;
}

/** TIMESTAMP literal for an epoch-ms instant (UTC), with milliseconds. */
export function timestampLiteral(ms: number): string {
  return `TIMESTAMP '${new Date(ms).toISOString().replace('T', ' ').replace('Z', '')}'`;
}

/** The condition for one filter, or undefined when it constrains nothing (empty box). */
export function filterCondition(
  f: ColumnFilter,
  columns: readonly ColumnSchema[],
): string | undefined {
  if (!columns.some((c) => c.name === f.column))
    throw new Error(`no column "${f.column}" to filter on`);
  const col = quoteIdent(f.column);
  switch (f.kind) {
    case 'text':
      // Case-insensitive substring, over the value as text (dynamic values are JSON text).
      return f.contains === ''
        ? undefined
        : `contains(lower(CAST(${col} AS VARCHAR)), ${quoteString(f.contains.toLowerCase())})`;
    case 'number': {
      const parts = [];
      const min = finite(f.min);
      const max = finite(f.max);
      if (min !== undefined) parts.push(`${col} >= ${min}`);
      if (max !== undefined) parts.push(`${col} <= ${max}`);
      return parts.length ? parts.join(' AND ') : undefined;
    }
    case 'time': {
      const parts = [];
      const from = finite(f.from);
      const to = finite(f.to);
      if (from !== undefined) parts.push(`${col} >= ${timestampLiteral(from)}`);
      if (to !== undefined) parts.push(`${col} <= ${timestampLiteral(to)}`);
      return parts.length ? parts.join(' AND ') : undefined;
    }
  }
}

export function whereClause(
  filters: readonly ColumnFilter[],
  columns: readonly ColumnSchema[],
): string {
  const conds = filters
    .map((f) => filterCondition(f, columns))
    .filter((c): c is string => c !== undefined);
  return conds.length ? ` WHERE ${conds.map((c) => `(${c})`).join(' AND ')}` : '';
}

/** The ORDER BY list for a sort (without the keywords), or null for none. */
export function orderList(sort: GridSort | null, columns: readonly ColumnSchema[]): string | null {
  if (!sort) return null;
  if (!columns.some((c) => c.name === sort.column))
    throw new Error(`no column "${sort.column}" to sort by`);
  // Nulls last either way, as an analyst scanning a sorted column expects values first.
  return `${quoteIdent(sort.column)} ${sort.direction === 'asc' ? 'ASC' : 'DESC'} NULLS LAST`;
}

export function orderClause(sort: GridSort | null, columns: readonly ColumnSchema[]): string {
  const list = orderList(sort, columns);
  return list ? ` ORDER BY ${list}` : '';
}

/** The filtered, sorted relation (no paging). */
export function filteredSql(
  baseSql: string,
  columns: readonly ColumnSchema[],
  filters: readonly ColumnFilter[],
  sort: GridSort | null,
): string {
  return `SELECT * FROM (${baseSql}) AS loupe_grid${whereClause(filters, columns)}${orderClause(sort, columns)}`;
}

export function pageSql(filtered: string, offset: number, limit: number): string {
  const o = Math.max(0, Math.floor(offset));
  const l = Math.max(0, Math.floor(limit));
  return `${filtered} LIMIT ${l} OFFSET ${o}`;
}

export function countSql(
  baseSql: string,
  columns: readonly ColumnSchema[],
  filters: readonly ColumnFilter[],
): string {
  return `SELECT count(*) AS n FROM (${baseSql}) AS loupe_grid${whereClause(filters, columns)}`;
}
