/**
 * A raw (all-VARCHAR) staging table filled from JavaScript values, for the shapes that must be
 * transformed in JavaScript (JSON documents). Values are bound as parameters, never spliced into
 * SQL text, in multi-row INSERTs to keep the number of statements small.
 */
import type { SqlEngine } from '../db/engine.ts';
import { rawColumn } from './raw-relation.ts';
import { quoteIdent } from './sql-text.ts';

/** DuckDB binds up to this many parameters per statement comfortably. */
const PARAMS_PER_STATEMENT = 4000;

export class RawTableWriter {
  private pending: (string | null)[] = [];
  private pendingRows = 0;
  private readonly rowsPerStatement: number;
  private fullStatement: string | undefined;
  rows = 0;

  constructor(
    private readonly engine: SqlEngine,
    readonly table: string,
    private readonly width: number,
  ) {
    this.rowsPerStatement = Math.max(1, Math.floor(PARAMS_PER_STATEMENT / Math.max(1, width)));
    const cols = Array.from({ length: width }, (_, i) => `${quoteIdent(rawColumn(i))} VARCHAR`).join(', ');
    engine.exec(`CREATE TABLE ${quoteIdent(table)} (${cols || 'c0 VARCHAR'})`);
  }

  add(row: readonly (string | null)[]): void {
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
    const tuple = `(${Array.from({ length: this.width }, () => '?').join(', ')})`;
    return `INSERT INTO ${quoteIdent(this.table)} VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`;
  }
}
