/**
 * A raw (all-VARCHAR) staging table filled from JavaScript values, for the shapes that must be
 * transformed in JavaScript (JSON documents). Values are bound as parameters, never spliced into
 * SQL text, in multi-row INSERTs to keep the number of statements small.
 */
import type { SqlEngine } from '../db/engine.ts';
import { rawColumn } from './raw-relation.ts';
import { quoteIdent } from './sql-text.ts';

/** A placeholder column for a table created before any field is known (dropped by nobody: never selected). */
const ROW_MARK = 'loupe_row';

/** DuckDB binds up to this many parameters per statement comfortably. */
const PARAMS_PER_STATEMENT = 4000;

export class RawTableWriter {
  private pending: (string | null)[] = [];
  private pendingRows = 0;
  private rowsPerStatement: number;
  private fullStatement: string | undefined;
  rows = 0;

  constructor(
    private readonly engine: SqlEngine,
    readonly table: string,
    private width: number,
  ) {
    this.rowsPerStatement = Math.max(1, Math.floor(PARAMS_PER_STATEMENT / Math.max(1, width)));
    // A table whose fields are not known yet (record shapes) starts with a placeholder column.
    const cols = Array.from({ length: width }, (_, i) => `${quoteIdent(rawColumn(i))} VARCHAR`).join(', ');
    engine.exec(`CREATE TABLE ${quoteIdent(table)} (${cols || `${quoteIdent(ROW_MARK)} VARCHAR`})`);
  }

  /** Adds a column (existing rows get NULL), for record shapes whose fields appear as they are read. */
  widen(): number {
    this.flush();
    const i = this.width;
    this.engine.exec(`ALTER TABLE ${quoteIdent(this.table)} ADD COLUMN ${quoteIdent(rawColumn(i))} VARCHAR`);
    this.width++;
    this.fullStatement = undefined;
    if (this.width === 1) this.pending = [];
    this.rowsPerStatement = Math.max(1, Math.floor(PARAMS_PER_STATEMENT / this.width));
    return i;
  }

  get columns(): number {
    return this.width;
  }

  add(row: readonly (string | null)[]): void {
    if (this.width === 0) this.pending.push(null);
    for (let i = 0; i < this.width; i++) this.pending.push(row[i] ?? null);
    this.pendingRows++;
    if (this.pendingRows >= this.rowsPerStatement) this.flush();
  }

  flush(): void {
    if (this.pendingRows === 0) return;
    const sql =
      this.pendingRows === this.rowsPerStatement && this.fullStatement
        ? this.fullStatement
        : this.insertSql(this.pendingRows);
    if (this.pendingRows === this.rowsPerStatement) this.fullStatement = sql;
    this.engine.queryParams(sql, this.pending);
    this.rows += this.pendingRows;
    this.pending = [];
    this.pendingRows = 0;
  }

  private insertSql(rows: number): string {
    const names = this.width === 0 ? [quoteIdent(ROW_MARK)] : Array.from({ length: this.width }, (_, i) => quoteIdent(rawColumn(i)));
    const tuple = `(${names.map(() => '?').join(', ')})`;
    return `INSERT INTO ${quoteIdent(this.table)} (${names.join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`;
  }
}
