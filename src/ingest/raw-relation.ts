/**
 * A file read as untyped text: one VARCHAR column per source field (`c0`, `c1`, …), as an SQL
 * relation the typed load selects from. Each reader (DuckDB's CSV reader, the JSON readers) makes
 * one; the typing, validation and table replacement that follow are shared.
 */
import type { SourcePosition } from '../errors.ts';
import type { SourceField } from './column-mapping.ts';
import type { IngestFormat } from './formats.ts';

export interface RecordLocation {
  readonly position: Omit<SourcePosition, 'file'>;
  /** e.g. `line 12` or `tables[0].rows[5]`. */
  readonly label: string;
}

export interface RawRelation {
  readonly format: IngestFormat;
  readonly fields: readonly SourceField[];
  /** SQL usable after FROM, yielding columns `c0`… in file order, one row per record. */
  readonly fromSql: string;
  /** The file's `Type` value (first record), when it has a Type column. */
  firstTypeValue(): string | undefined;
  /** Throws for records the scan could not read (called after the typed table is built). */
  checkScan(): Promise<void>;
  /** Where data record `index` (0-based, in file order) is in the file, and how to say so. */
  locate(index: number): Promise<RecordLocation>;
  /** The raw text of one cell, for error messages. */
  rawCell(index: number, field: number): string | null;
  readonly warnings: readonly string[];
  dispose(): void;
}

/** SQL name of raw column `i`. */
export function rawColumn(i: number): string {
  return `c${i}`;
}
