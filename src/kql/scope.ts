/**
 * The columns an expression can name: those of the relation it runs on (with the SQL that reads
 * each), plus what operators add as they go (extend sees its own earlier assignments).
 */
import type { ColumnSchema } from '../schema/catalog.ts';
import { sqlColumns } from './sql-names.ts';
import type { Relation, ScopeColumn } from './types.ts';

/** Columns of a relation, in scope for an expression evaluated on its rows. */
export class Scope {
  private readonly byName: Map<string, ScopeColumn>;
  /** Names of the columns the expressions read (for keeping a sort order alive). */
  readonly used = new Set<string>();
  constructor(
    readonly columns: readonly ScopeColumn[],
    /** The relation whose rows the expression runs on (window functions need its CTE and row order). */
    readonly relation?: Relation,
  ) {
    this.byName = new Map(columns.map((c) => [c.name, c]));
  }
  static of(rel: Relation | readonly ColumnSchema[]): Scope {
    const cols = 'cte' in rel ? rel.columns : rel;
    const sql = sqlColumns(cols);
    return new Scope(
      cols.map((c, i) => ({ name: c.name, type: c.type, sql: sql[i]! })),
      'cte' in rel ? rel : undefined,
    );
  }
  get(name: string): ScopeColumn | undefined {
    const c = this.byName.get(name);
    if (c) this.used.add(name);
    return c;
  }
  with(col: ScopeColumn): Scope {
    const cols = this.columns.some((c) => c.name === col.name)
      ? this.columns.map((c) => (c.name === col.name ? col : c))
      : [...this.columns, col];
    const s = new Scope(cols, this.relation);
    for (const u of this.used) s.used.add(u);
    return s;
  }
}
