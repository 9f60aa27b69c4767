/**
 * Entity pivot: every loaded table's rows that mention an account, IP, host or app, with counts and
 * first/last seen — the analyst's "where else does this appear?". A value matches a text column
 * when equal ignoring case (UPNs and host names are case-insensitive in Entra ID); the value only
 * ever enters SQL as a quoted literal.
 */
import type { QueryControl, SqlEngine } from '../db/engine.ts';
import type { LoupeSession } from '../session/api.ts';
import { quoteIdent, quoteString } from './grid/sql.ts';

export interface PivotHit {
  readonly table: string;
  readonly rows: number;
  /** ISO times of the first and last matching row (TimeGenerated), when the table has it. */
  readonly first: string | null;
  readonly last: string | null;
  /** Columns that held the value, with how many rows each. */
  readonly columns: readonly { readonly name: string; readonly rows: number }[];
  /** SQL selecting the matching rows, oldest first (for the grid). */
  readonly sql: string;
}

/** Cancellable (control.signal): one query per table, each stopped within a poll slice. */
export async function pivot(
  engine: SqlEngine,
  session: LoupeSession,
  value: string,
  control: QueryControl = {},
): Promise<PivotHit[]> {
  const needle = quoteString(value.toLowerCase());
  const hits: PivotHit[] = [];
  for (const table of session.tables()) {
    const cols = table.schema.columns
      .filter((c) => c.type === 'string' || c.type === 'guid')
      .map((c) => c.name);
    if (cols.length === 0) continue;
    const match = (c: string) => `lower(${quoteIdent(c)}) = ${needle}`;
    const where = cols.map(match).join(' OR ');
    const hasTime = table.schema.columns.some(
      (c) => c.name === 'TimeGenerated' && c.type === 'datetime',
    );
    const select = [
      'count(*) AS n',
      hasTime
        ? 'min("TimeGenerated") AS first, max("TimeGenerated") AS last'
        : 'NULL AS first, NULL AS last',
      ...cols.map((c, i) => `count(*) FILTER (WHERE ${match(c)}) AS c${i}`),
    ].join(', ');
    const r = (
      await engine.queryAsync(
        `SELECT ${select} FROM ${quoteIdent(table.name)} WHERE ${where}`,
        control,
      )
    ).rows[0]!;
    const rows = Number(r[0] ?? 0);
    if (rows === 0) continue;
    const iso = (v: unknown) => (typeof v === 'number' ? new Date(v).toISOString() : null);
    hits.push({
      table: table.name,
      rows,
      first: iso(r[1]),
      last: iso(r[2]),
      columns: cols
        .map((name, i) => ({ name, rows: Number(r[3 + i] ?? 0) }))
        .filter((c) => c.rows > 0),
      sql: `SELECT * FROM ${quoteIdent(table.name)} WHERE ${where}${hasTime ? ' ORDER BY "TimeGenerated"' : ''}`,
    });
  }
  return hits.sort((a, b) => b.rows - a.rows);
}
