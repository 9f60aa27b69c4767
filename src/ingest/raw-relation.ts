/**
 * A file read as untyped text: one VARCHAR column per source field (`c0`, `c1`, …), as an SQL
 * relation the typed load selects from. Each reader (DuckDB's CSV reader, the JSON readers) makes
 * one; the typing, validation and table replacement that follow are shared.
 */
import type { SourcePosition } from '../errors.ts';
import type { SourceField } from './column-mapping.ts';
import type { IngestFormat } from './formats.ts';

/** A record set aside because it could not be read or typed (never dropped silently). */
export interface RejectedRow {
  readonly file: string;
  readonly line?: number;
  /** The column (table column name, or field number for unreadable CSV records). */
  readonly column?: string;
  readonly error: string;
  /** The record's text, or the cell that did not convert. */
  readonly text: string;
}

/** How many set-aside rows keep their details (all are counted). */
export const MAX_REJECT_DETAILS = 1000;

export interface RecordLocation {
  readonly position: Omit<SourcePosition, 'file'>;
  /** e.g. `line 12` or `tables[0].rows[5]`. */
  readonly label: string;
}

export interface RawRelation {
  readonly format: IngestFormat;
  readonly fields: readonly SourceField[];
  /**
   * SQL usable after FROM, yielding columns `c0`… in file order, one row per record, with the
   * records it cannot read set aside for checkScan.
   */
  readonly fromSql: string;
  /**
   * The same records read strictly, when the relation has such a reading and it can be trusted with
   * the text (see RelationPart.open): it fails on any record it cannot read instead of setting it
   * aside. Tried first; fromSql is read only when it fails or cannot be trusted.
   */
  strictFromSql?(): Promise<string | undefined>;
  /**
   * The same records as consecutive parts, read in order (a large CSV file cut at record
   * boundaries, see csv-parts.ts), or undefined when the relation is read in one statement. Parts
   * report no unreadable records: a part that fails to read makes the loader read fromSql instead.
   */
  parts?(): Promise<AsyncIterable<RelationPart> | undefined>;
  /**
   * After a part was read 'setting-aside': how many records it set aside, or undefined when one of
   * them makes the records after it uncertain (a quoted value that never ends), so that only a read
   * of the whole file can say where its records are.
   */
  partSetAside?(): number | undefined;
  /**
   * Makes fromSql (and rawCell) readable when the relation was built for reading in parts from a
   * stream (a gzip or UTF-16 file): unwraps the whole text. Called before fromSql is read after a
   * part failed.
   */
  prepareWhole?(): Promise<void>;
  /**
   * The first non-empty value of a field near the start of the file (trimmed), when the format
   * offers one cheaply: the sample that chooses how a datetime column is read (typing.ts).
   */
  headSample?(field: number): string | undefined;
  /**
   * The error to report when even fromSql cannot be read (DuckDB refuses the file as a whole, with
   * a message of its own and no place): the relation's diagnosis, as an ingest error.
   */
  explainReadFailure?(e: unknown): Promise<unknown>;
  /** The file's `Type` value (first record), when it has a Type column. */
  firstTypeValue(): string | undefined;
  /**
   * Records the scan could not read (called after the typed table is built, with the number of
   * rows it holds): throws for the first one, or with `setAside` returns them all (details for the
   * first MAX_REJECT_DETAILS). Throws too when the rows and the records set aside do not add up to
   * the file's records: no record is ever dropped in silence.
   */
  checkScan(
    setAside: boolean,
    loadedRows: number,
  ): Promise<{ count: number; details: RejectedRow[] }>;
  /** Where several data records are (indices ascending), in one pass over the file where it matters. */
  locateAll?(indices: readonly number[]): Promise<RecordLocation[]>;
  /** Where data record `index` (0-based, in file order) is in the file, and how to say so. */
  locate(index: number): Promise<RecordLocation>;
  /** The raw text of one cell, for error messages. */
  rawCell(index: number, field: number): string | null;
  readonly warnings: readonly string[];
  dispose(): void;
}

/**
 * Datetime fields that DuckDB's CSV reader types itself while reading a part, all in one strptime
 * form (read_csv takes one timestampformat): their columns come as TIMESTAMP, not text. A value
 * not in that form makes the part fail to read, and the loader reads it again as text, typed and
 * checked in SQL (typing.ts).
 */
export interface ReaderTyping {
  readonly format: string;
  readonly fields: ReadonlySet<number>;
}

/**
 * How a part is read: strictly (an unreadable record fails the read), with the datetime fields of
 * `typed` typed by the reader; or, for a part that cannot be read strictly, as text with its
 * unreadable records set aside in a rejects table of its own (DuckDB's store_rejects), so that the
 * rest of the file still loads in parts. `recordsBefore`: the file's records before the part, the
 * header included, to tell the set-aside records' places in the file.
 */
export type PartReading =
  | {
      readonly kind: 'strict';
      readonly typed?: ReaderTyping;
      /**
       * Lines up to the record limit (limits.ts). Without it a strict read takes lines up to
       * NARROW_LINE_BYTES only: DuckDB's memory grows with the longest line it is told to accept
       * (measured: +70 MB peak on a 160 MB file at 64 MB), which only a file with such long
       * records needs.
       */
      readonly wide?: boolean;
    }
  | { readonly kind: 'setting-aside'; readonly recordsBefore: number };

export interface RelationPart {
  /** Byte offset in the file where the part ends (for progress). */
  readonly end: number;
  /** Size of the part's text in bytes. */
  readonly bytes: number;
  /**
   * Makes the part readable; returns SQL usable after FROM with the columns of fromSql. Throws for
   * a strict reading that could not be trusted with this part (its last line is longer than the
   * reading takes: DuckDB drops such a last line without an error), which the loader takes as a
   * failed read.
   */
  open(how?: PartReading): string;
  /** Releases what open() registered. */
  close(): void;
  /**
   * When the part's end was guessed (csv-parts.ts) and reading it failed: the same start with its
   * end proven by counting quotes, when that is another end (the parts that follow then start
   * there); undefined when the guess was right, so that the failure is the file's own.
   */
  recut?(): Promise<RelationPart | undefined>;
}

/** SQL name of raw column `i`. */
export function rawColumn(i: number): string {
  return `c${i}`;
}
