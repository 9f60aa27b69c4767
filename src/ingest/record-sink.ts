/**
 * Collects records mapped in JavaScript (JSON shapes, Entra CSV downloads) into a raw VARCHAR table,
 * adding a column whenever a record brings a field not seen before (records of one export do not
 * all carry the same fields). Values are bound as parameters.
 */
import type { SqlEngine } from '../db/engine.ts';
import type { SourceField } from './column-mapping.ts';
import type { IngestFormat } from './formats.ts';
import { cellText } from './json-text.ts';
import { RawTableWriter } from './raw-table.ts';
import { rawColumn, type RawRelation, type RecordLocation } from './raw-relation.ts';
import type { MappedField } from './record-shapes.ts';
import { quoteIdent } from './sql-text.ts';

let counter = 0;

export class RecordSink {
  readonly table = `loupe_ingest_raw_${++counter}`;
  private writer: RawTableWriter | undefined;
  private readonly columns = new Map<string, number>();
  readonly fields: SourceField[] = [];
  private readonly lines: number[] = [];

  constructor(private readonly engine: SqlEngine) {}

  get rows(): number {
    return this.lines.length;
  }

  /** Adds one record; `line` is where it starts in the file (0 when unknown). */
  add(mapped: readonly MappedField[], line: number): void {
    this.writer ??= new RawTableWriter(this.engine, this.table, 0);
    const row: (string | null)[] = new Array(this.writer.columns).fill(null);
    for (const m of mapped) {
      const key = m.column.toLowerCase();
      let i = this.columns.get(key);
      if (i === undefined) {
        i = this.writer.widen();
        this.columns.set(key, i);
        this.fields.push({ source: m.source, column: m.column });
        row.push(null);
      }
      row[i] = cellText(m.value);
    }
    this.writer.add(row);
    this.lines.push(line);
  }

  dispose(): void {
    this.engine.exec(`DROP TABLE IF EXISTS ${quoteIdent(this.table)}`);
  }

  /** The collected records as a raw relation for the typed load. */
  relation(
    format: IngestFormat,
    tableHint: string | undefined,
    warnings: readonly string[],
    locate?: (index: number) => Promise<RecordLocation>,
  ): RawRelation {
    this.writer?.flush();
    const { engine, table, lines } = this;
    return {
      format,
      fields: this.fields,
      fromSql: quoteIdent(table),
      warnings,
      firstTypeValue: () => tableHint,
      async checkScan() {},
      locate:
        locate ??
        (async (index) => {
          const line = lines[index];
          return line ? { position: { line }, label: `line ${line}` } : { position: {}, label: `record ${index + 1}` };
        }),
      rawCell(index, field) {
        const r = engine.queryParams(`SELECT ${quoteIdent(rawColumn(field))} FROM ${quoteIdent(table)} WHERE rowid = ?`, [index]);
        const v = r.rows[0]?.[0];
        return typeof v === 'string' ? v : null;
      },
      dispose: () => this.dispose(),
    };
  }
}
