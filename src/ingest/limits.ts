/**
 * How large, how deep and how inflated one piece of a log file may be. Log files come from a
 * compromised tenant: a record of a gigabyte, a JSON value nested a million levels deep or a gzip
 * that inflates a thousandfold must end in a clear refusal within bounded time and memory, never in
 * a hang, a crash or a row dropped in silence. Each limit is stated in the error that hits it, with
 * the way to raise it (LoadOptions.limits; on the command line `--max-record-mb`, `--max-gzip-ratio`,
 * `--max-json-depth`). docs/ingest.md ("Limits") lists them.
 */
import { ingestError } from './errors.ts';

export interface IngestLimits {
  /**
   * Bytes of one record: a CSV record (its physical line, with any quoted multi-line cells) or one
   * JSON record. Every cell and every string value is within its record, so this bounds them too.
   * Kusto's own ingestion refuses a record or a value over 64 MB (Kusto docs, string data type).
   */
  readonly recordBytes: number;
  /**
   * How many times its compressed size a gzip file may inflate to, once it is past
   * gzipRatioFloor: log exports inflate 5–20×; a gzip bomb a thousandfold.
   */
  readonly gzipRatio: number;
  /**
   * Nesting depth of a JSON value: a JSON record, or a dynamic cell. .NET's JSON serializer, which
   * writes Azure's exports, stops at 64 by default.
   */
  readonly jsonDepth: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: IngestLimits = {
  recordBytes: 64 * MiB,
  gzipRatio: 100,
  jsonDepth: 128,
};

/**
 * The most each limit may be raised to. A record is held as one JavaScript string on its way
 * (V8 strings stop at 2^29 characters) and DuckDB's reader keeps a few such lines in its buffers.
 */
export const LIMIT_CEILINGS: IngestLimits = {
  recordBytes: 256 * MiB,
  gzipRatio: 100_000,
  jsonDepth: 10_000,
};

/**
 * Inflated bytes a gzip may always reach, whatever its ratio (a small export may compress well).
 * An object, not a constant, so that tests can lower it.
 */
export const gzipRatioFloor = { bytes: 64 * MiB };

/** How the analyst raises each limit, for the messages that name it. */
export const RAISE_HINTS: Readonly<Record<keyof IngestLimits, string>> = {
  recordBytes: 'the command line raises it with --max-record-mb',
  gzipRatio: 'the command line raises it with --max-gzip-ratio',
  jsonDepth: 'the command line raises it with --max-json-depth',
};

/** The limits of a load: the defaults, with the caller's raised (or lowered) values, within the ceilings. */
export function limitsOf(file: string, given: Partial<IngestLimits> | undefined): IngestLimits {
  const out = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof IngestLimits)[]) {
    const v = given?.[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 1 || v > LIMIT_CEILINGS[key]) {
      throw ingestError(
        'bad-limit',
        file,
        `the limit ${key} must be a number from 1 to ${LIMIT_CEILINGS[key]}, not ${String(v)}.`,
      );
    }
    out[key] = Math.floor(v);
  }
  return out;
}

/**
 * DuckDB read_csv options that make `recordBytes` its longest line. The reader's buffer must be
 * larger than its longest line, and left to itself it would be 16 times that (1 GB for 64 MB,
 * which runs the wasm heap out of memory): it is set just above it instead (and never below
 * DuckDB's default, 32 MB).
 */
export function csvLineOptions(recordBytes: number): string {
  return `max_line_size = ${recordBytes}, buffer_size = ${Math.max(recordBytes + MiB, 32 * MiB)}`;
}

/**
 * The longest line of a first, strict read, with DuckDB's default 32 MB buffer: DuckDB's memory
 * grows with its longest line whatever the file holds (measured, 160 MB portal CSV in parts, peak
 * RSS: 2 MB lines 743–755 MB, 4 MB 754–763 MB, 16 MB 805–815 MB, 64 MB 840–852 MB). Nearly every
 * record of a real export is shorter; a read that meets a longer one fails and is read again with
 * lines up to the record limit.
 */
export const NARROW_LINE_BYTES = 4 * MiB;

/** The longest line of a first strict read: NARROW_LINE_BYTES, or the record limit if lower. */
export function narrowLineBytes(recordBytes: number): number {
  return Math.min(recordBytes, NARROW_LINE_BYTES);
}

/** read_csv options of a first strict read (narrowLineBytes), with DuckDB's default 32 MB buffer. */
export function narrowLineOptions(recordBytes: number): string {
  return csvLineOptions(narrowLineBytes(recordBytes));
}

/** "64 MB" (binary megabytes, as the limits are set), or "1.5 MB". */
export function megabytes(bytes: number): string {
  const mb = bytes / MiB;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
