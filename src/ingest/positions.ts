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
export async function positionOfOffset(src: ByteSource, offset: number): Promise<{ line: number; column: number }> {
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
export async function linesOfRecords(src: ByteSource, sortedRecordIndices: readonly number[]): Promise<number[]> {
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
