/**
 * Turning what DuckDB reports (a byte offset, or the index of a record) into the line and column
 * an analyst sees in a text editor. CSV records may span several lines (quoted JSON cells with
 * newlines), so a record index is not a line number: these scans count physical lines.
 */
import type { ByteSource } from './source.ts';

const NL = 0x0a;
const QUOTE = 0x22;
const CHUNK = 1 << 20;

/** 1-based line and column (in characters) of a byte offset. */
export async function positionOfOffset(
  src: ByteSource,
  offset: number,
): Promise<{ line: number; column: number }> {
  let line = 1;
  let lineStart = 0;
  for (let base = 0; base < offset; base += CHUNK) {
    const chunk = await src.read(base, Math.min(offset, base + CHUNK));
    for (let i = 0; i < chunk.length; i++) {
      if (chunk[i] === NL) {
        line++;
        lineStart = base + i + 1;
      }
    }
  }
  const prefix = await src.read(lineStart, offset);
  const column = new TextDecoder().decode(prefix).replace(/^\uFEFF/, '').length + 1;
  return { line, column };
}

/**
 * Byte offset where CSV record `recordIndex` (0 = the header) starts: newlines inside double
 * quotes belong to the cell, so they do not end a record.
 */
export async function offsetOfRecord(src: ByteSource, recordIndex: number): Promise<number> {
  let record = 0;
  let inQuotes = false;
  if (recordIndex === 0) return 0;
  for (let base = 0; base < src.size; base += CHUNK) {
    const chunk = await src.read(base, base + CHUNK);
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === QUOTE) inQuotes = !inQuotes;
      else if (b === NL && !inQuotes) {
        record++;
        if (record === recordIndex) return base + i + 1;
      }
    }
  }
  return src.size;
}

/** Line and column of a character offset in a decoded text (for JSON errors). */
export function positionInText(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === NL) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Lines (1-based) where each of the given CSV records starts, in one pass (indices sorted ascending). */
export async function linesOfRecords(
  src: ByteSource,
  sortedRecordIndices: readonly number[],
): Promise<number[]> {
  const out: number[] = [];
  if (sortedRecordIndices.length === 0) return out;
  let record = 0;
  let line = 1;
  let inQuotes = false;
  let next = 0;
  while (next < sortedRecordIndices.length && sortedRecordIndices[next] === 0) {
    out.push(1);
    next++;
  }
  for (let base = 0; base < src.size && next < sortedRecordIndices.length; base += CHUNK) {
    const chunk = await src.read(base, base + CHUNK);
    for (let i = 0; i < chunk.length && next < sortedRecordIndices.length; i++) {
      const b = chunk[i];
      if (b === QUOTE) inQuotes = !inQuotes;
      else if (b === NL) {
        line++;
        if (!inQuotes) {
          record++;
          while (next < sortedRecordIndices.length && sortedRecordIndices[next] === record) {
            out.push(line);
            next++;
          }
        }
      }
    }
  }
  while (out.length < sortedRecordIndices.length) out.push(line);
  return out;
}

/**
 * The text of the CSV record that starts at byte `offset` (without its line ending), read up to
 * `maxBytes`: `complete` is false when the record goes on past them. For messages about a record
 * DuckDB set aside, whose own copy of the line may be cut short.
 */
export async function recordTextAt(
  src: ByteSource,
  offset: number,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; complete: boolean }> {
  let inQuotes = false;
  const end = Math.min(src.size, offset + maxBytes);
  for (let base = offset; base < end; base += CHUNK) {
    const chunk = await src.read(base, Math.min(end, base + CHUNK));
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === QUOTE) inQuotes = !inQuotes;
      else if (b === NL && !inQuotes) {
        const stop =
          base + i > offset && (await src.read(base + i - 1, base + i))[0] === 0x0d
            ? base + i - 1
            : base + i;
        return { bytes: await src.read(offset, stop), complete: true };
      }
    }
  }
  return { bytes: await src.read(offset, end), complete: end === src.size };
}

/** The number of fields of one CSV record's bytes (delimiters outside double quotes, plus one). */
export function fieldCount(record: Uint8Array, delimiter: number): number {
  let inQuotes = false;
  let n = 1;
  for (let i = 0; i < record.length; i++) {
    const b = record[i];
    if (b === QUOTE) inQuotes = !inQuotes;
    else if (b === delimiter && !inQuotes) n++;
  }
  return n;
}

/** What one pass over a CSV text says about its records (countRecords). */
export interface RecordCount {
  /** Records, the header included; blank lines are not records (DuckDB's reader skips them too). */
  readonly records: number;
  /** The first record longer than the limit: its first line and its length in bytes. */
  readonly firstTooLong?: { readonly line: number; readonly bytes: number };
}

/**
 * Counts the records of a CSV text (newlines outside double quotes end them) in one pass, and finds
 * the first one longer than `maxRecordBytes`. The independent count behind the promise that no
 * record is dropped in silence: DuckDB's reader, asked to set unreadable records aside, dropped a
 * record longer than about its buffer without a word (measured on DuckDB-WASM 1.32).
 */
export async function countRecords(src: ByteSource, maxRecordBytes: number): Promise<RecordCount> {
  let records = 0;
  let inQuotes = false;
  let line = 1;
  let recordStart = 0;
  let recordLine = 1;
  /** Whether the record being read has a byte other than its line ending. */
  let hasContent = false;
  let firstTooLong: RecordCount['firstTooLong'];
  const end = (at: number) => {
    const bytes = at - recordStart;
    if (hasContent) {
      records++;
      if (firstTooLong === undefined && bytes > maxRecordBytes)
        firstTooLong = { line: recordLine, bytes };
    }
    hasContent = false;
  };
  for (let base = 0; base < src.size; base += CHUNK) {
    const chunk = await src.read(base, base + CHUNK);
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === NL) {
        line++;
        if (inQuotes) continue;
        end(base + i);
        recordStart = base + i + 1;
        recordLine = line;
      } else {
        if (b === QUOTE) inQuotes = !inQuotes;
        if (b !== 0x0d) hasContent = true;
      }
    }
  }
  end(src.size);
  return firstTooLong ? { records, firstTooLong } : { records };
}

/**
 * Bytes of the last line that is not blank in bytes [start, end) of a text, counting at most
 * `cap + 1` of them (any line longer than `cap` answers `cap + 1`). Read backwards in small windows:
 * for a real export the answer is in the last 64 KB.
 *
 * Why: read strictly, DuckDB's CSV reader raises an error for a line longer than it takes, except
 * for the last line of the text, which it drops without a word when that line is longer than its
 * buffer (measured on DuckDB-WASM 1.32, also when blank lines follow it). A strict read is trusted
 * only for a text whose last line fits.
 */
export async function lastLineLength(
  src: Pick<ByteSource, 'read'>,
  start: number,
  end: number,
  cap: number,
): Promise<number> {
  const WINDOW = 64 * 1024;
  let lineEnd = -1;
  for (let at = end; at > start;) {
    const from = Math.max(start, at - WINDOW);
    const window = await src.read(from, at);
    for (let i = window.length - 1; i >= 0; i--) {
      const b = window[i]!;
      if (lineEnd < 0) {
        // Only empty lines are blank to DuckDB (a line of spaces is a record).
        if (b !== NL && b !== 0x0d) lineEnd = from + i + 1;
      } else if (b === NL) return Math.min(cap + 1, lineEnd - (from + i + 1));
      if (lineEnd >= 0 && lineEnd - (from + i) > cap) return cap + 1;
    }
    at = from;
  }
  return lineEnd < 0 ? 0 : Math.min(cap + 1, lineEnd - start);
}

/**
 * The first line (1-based) whose ending outside double quotes is not the header's (CRLF in an LF
 * file, or LF in a CRLF one), or undefined. DuckDB's reader refuses such a file as a whole ("the
 * CSV Parser state machine reached an invalid state"), without a place.
 */
export async function firstOtherLineEnding(
  src: ByteSource,
  crlf: boolean,
): Promise<number | undefined> {
  let inQuotes = false;
  let line = 1;
  let previous = 0;
  for (let base = 0; base < src.size; base += CHUNK) {
    const chunk = await src.read(base, base + CHUNK);
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === QUOTE) inQuotes = !inQuotes;
      else if (b === NL) {
        if (!inQuotes && (previous === 0x0d) !== crlf) return line;
        line++;
      }
      previous = b;
    }
  }
  return undefined;
}

/**
 * Where the physical line holding byte `offset` starts. DuckDB's line_byte_position for a record
 * set aside can be one byte late (measured: a record starting with a quote), so a record's text is
 * read from the start of the line its position falls in.
 */
export async function lineStartAt(src: Pick<ByteSource, 'read'>, offset: number): Promise<number> {
  const WINDOW = 64 * 1024;
  for (let at = offset; at > 0; at -= WINDOW) {
    const from = Math.max(0, at - WINDOW);
    const i = (await src.read(from, at)).lastIndexOf(NL);
    if (i >= 0) return from + i + 1;
  }
  return 0;
}
