/**
 * Collects records mapped in JavaScript (JSON shapes, Entra CSV downloads) into a raw VARCHAR table,
 * adding a column whenever a record brings a field not seen before (records of one export do not
 * all carry the same fields). Values are bound as parameters.
 */
import type { SqlEngine } from '../db/engine.ts';
import type { SourceField } from './column-mapping.ts';
import type { IngestFormat } from './formats.ts';
import { ingestError } from './errors.ts';
import { cellText } from './json-text.ts';
import { DEFAULT_LIMITS, megabytes, RAISE_HINTS, type IngestLimits } from './limits.ts';
import { RawCsvBuffer } from './raw-csv-buffer.ts';
import { rawColumn, type RawRelation, type RecordLocation } from './raw-relation.ts';
import type { MappedField } from './record-shapes.ts';
import { quoteIdent } from './sql-text.ts';

export class RecordSink {
  private readonly buffer: RawCsvBuffer;
  private readonly columns = new Map<string, number>();
  readonly fields: SourceField[] = [];
  private readonly lines: number[] = [];

  constructor(
    private readonly engine: SqlEngine,
    private readonly file: string,
    private readonly limits: IngestLimits = DEFAULT_LIMITS,
  ) {
    // A record's line as written (quoted, quotes doubled) is held to the record limit too.
    this.buffer = new RawCsvBuffer(engine, limits.recordBytes);
  }

  get rows(): number {
    return this.lines.length;
  }

  /** Adds one record; `line` is where it starts in the file (0 when unknown). */
  add(mapped: readonly MappedField[], line: number): void {
    const row: (string | null)[] = new Array(this.fields.length).fill(null);
    for (const m of mapped) {
      const key = m.column.toLowerCase();
      let i = this.columns.get(key);
      if (i === undefined) {
        i = this.fields.length;
        this.columns.set(key, i);
        this.fields.push({ source: m.source, column: m.column });
        row.push(null);
      }
      row[i] = cellText(m.value);
    }
    const bytes = this.buffer.add(row);
    if (bytes > this.buffer.maxLineBytes) {
      throw ingestError(
        'record-too-large',
        this.file,
        `this record is ${megabytes(bytes)} once written as text, over Loupe's limit of ${megabytes(this.limits.recordBytes)} for one record; ${RAISE_HINTS.recordBytes}.`,
        line > 0 ? { line } : {},
      );
    }
    this.lines.push(line);
  }

  dispose(): void {
    this.buffer.dispose();
  }

  /** The collected records as a raw relation for the typed load. */
  relation(
    format: IngestFormat,
    tableHint: string | undefined,
    warnings: readonly string[],
    locate?: (index: number) => Promise<RecordLocation>,
  ): RawRelation {
    this.buffer.setWidth(this.fields.length);
    const fromSql = this.buffer.fromSql();
    const { engine, lines } = this;
    return {
      format,
      fields: this.fields,
      fromSql,
      warnings,
      firstTypeValue: () => tableHint,
      async checkScan() {
        return { count: 0, details: [] };
      },
      locate:
        locate ??
        (async (index) => {
          const line = lines[index];
          return line
            ? { position: { line }, label: `line ${line}` }
            : { position: {}, label: `record ${index + 1}` };
        }),
      rawCell(index, field) {
        const r = engine.query(
          `SELECT ${quoteIdent(rawColumn(field))} FROM ${fromSql} LIMIT 1 OFFSET ${Math.trunc(index)}`,
        );
        const v = r.rows[0]?.[0];
        return typeof v === 'string' ? v : null;
      },
      dispose: () => this.dispose(),
    };
  }
}
