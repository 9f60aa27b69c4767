/**
 * Cutting a large CSV file into consecutive parts at record boundaries, so that the typed table is
 * built part by part. Why: DuckDB keeps the rows of an uncommitted statement uncompressed in memory
 * (it writes compressed row groups early only for databases on disk), so one `CREATE TABLE … AS
 * SELECT` over a 530 MB export held ~580 MB of uncompressed rows at its peak; committed part by part
 * into the compressed in-memory database (src/db/bindings-engine.ts), each part is compressed before
 * the next is read (measured: the table shrinks ~10×, the wasm heap's peak ~4×).
 *
 * A record boundary is a newline outside double quotes. A part's end is first *guessed*: the first
 * newline after the target size, found by reading a few kilobytes there. Why not count quotes from
 * the start of the file to know? That pass read the whole file in JavaScript before DuckDB started
 * and took 1.95 s of a 13 s load in Chromium (1M rows, 530 MB). The guess needs no proof of its
 * own, because DuckDB's reading of the part proves it: the part starts at a record boundary and is
 * read strictly, so a guess that fell inside a quoted value leaves that value unterminated at the
 * end of the part, and the read fails. Only then is the part's end found by counting quotes from its
 * start (with `"` as both quote and escape, as every export here writes, a position is inside a
 * quoted value exactly when an odd number of quotes precede it) and the part read again. A file
 * this reasoning does not fit can at worst make a part unreadable, which the loader answers by
 * reading the whole file in one statement: cutting never changes what is loaded or which error is
 * reported.
 */
import type { SqlEngine } from '../db/engine.ts';
import { concat, type UnwrappedText } from './decode.ts';
import { ingestError } from './errors.ts';
import { DEFAULT_LIMITS, megabytes, RAISE_HINTS } from './limits.ts';
import type { PartReading, RelationPart } from './raw-relation.ts';
import type { ByteSource } from './source.ts';

/**
 * Target size of a part: of a file read in place, and of a stream unwrapped in JavaScript (smaller:
 * the part is held in JavaScript and copied into the wasm heap), and how much text is read between
 * two checkpoints. Compressing costs about as much time as reading (measured in Chromium: a 1M-row
 * CSV took 12.0 s compressed throughout against 6.2 s), so it is done only per 256 MB and never
 * after the last part: a file under 256 MB is not compressed at all, and a larger one holds at
 * most ~256 MB of uncompressed rows at a time. Tests lower them to exercise cuts in small fixtures.
 */
export const csvPartSize = {
  bytes: 64 * 1024 * 1024,
  streamBytes: 16 * 1024 * 1024,
  checkpointBytes: 256 * 1024 * 1024,
};

const NL = 0x0a;
const QUOTE = 0x22;
const CHUNK = 8 * 1024 * 1024;
/** How much is read at a time after the target to find the guessed end's newline. */
const WINDOW = 64 * 1024;

/** A part of a file: bytes [start, end). `proven`: the end was found by counting quotes, not guessed. */
export interface CsvRange {
  readonly start: number;
  readonly end: number;
  readonly proven: boolean;
}

/** Whether a file is large enough to be read in parts at all (two parts or more). */
export function isCutInParts(src: ByteSource, partBytes = csvPartSize.bytes): boolean {
  return src.size >= 2 * partBytes;
}

/**
 * The end of the part from `start` when the first cut candidate is `cut` (just after a newline):
 * a remainder smaller than half a part joins this part rather than being read on its own.
 */
function endFrom(src: ByteSource, cut: number | undefined, partBytes: number): number {
  return cut === undefined || src.size - cut < partBytes / 2 ? src.size : cut;
}

/**
 * The part that starts at record boundary `start`, its end guessed: just after the first newline
 * at or past `start + partBytes` (the whole rest when that leaves less than half a part).
 */
export async function guessedCsvRange(
  src: ByteSource,
  start: number,
  partBytes = csvPartSize.bytes,
): Promise<CsvRange> {
  const target = start + partBytes;
  let cut: number | undefined;
  for (let at = target; at < src.size && cut === undefined; at += WINDOW) {
    const window = await src.read(at, Math.min(src.size, at + WINDOW));
    const i = window.indexOf(NL);
    if (i >= 0) cut = at + i + 1;
  }
  const end = endFrom(src, cut, partBytes);
  return { start, end, proven: end === src.size };
}

/**
 * The part that starts at record boundary `start`, its end proven: the first newline outside double
 * quotes at or past `start + partBytes`, counting quotes from `start` (one pass over the part).
 */
export async function provenCsvRange(
  src: ByteSource,
  start: number,
  partBytes = csvPartSize.bytes,
): Promise<CsvRange> {
  const target = start + partBytes;
  let odd = 0;
  let cut: number | undefined;
  for (let base = start; base < src.size && cut === undefined; base += CHUNK) {
    const chunk = await src.read(base, Math.min(src.size, base + CHUNK));
    const n = chunk.length;
    let i = 0;
    // Before the target only the quote parity matters: the tight loop counts quotes.
    const stop = Math.max(0, Math.min(n, target - base));
    for (; i < stop; i++) if (chunk[i] === QUOTE) odd ^= 1;
    // At or past the target: the first newline outside quotes ends the part.
    for (; i < n; i++) {
      const b = chunk[i];
      if (b === QUOTE) odd ^= 1;
      else if (b === NL && odd === 0) {
        cut = base + i + 1;
        break;
      }
    }
  }
  return { start, end: endFrom(src, cut, partBytes), proven: true };
}

/** Offset just after the last newline outside double quotes in `bytes`, which start at a record boundary (0: none). */
export function lastRecordEnd(bytes: Uint8Array): number {
  let odd = 0;
  let cut = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === QUOTE) odd ^= 1;
    else if (b === NL && odd === 0) cut = i + 1;
  }
  return cut;
}

/**
 * The parts of an unwrapped stream (gzip, UTF-16), cut as the text arrives: each part is the text up
 * to the last newline once csvPartSize.streamBytes have come, registered as a buffer when opened and
 * dropped when closed, so memory holds about one part whatever the file's size. The cut is guessed
 * and proven by DuckDB's read, as for a file (see the top of this file): a part that fails is cut
 * again at its last newline outside quotes, and the text after that goes to the next part. A
 * damaged gzip throws (bad-gzip) from the iteration itself, never from reading a part.
 */
export async function* streamParts(
  engine: SqlEngine,
  text: UnwrappedText,
  namePrefix: string,
  partSql: (name: string, index: number, how: PartReading, start: number) => string,
  maxRecordBytes: number = DEFAULT_LIMITS.recordBytes,
  trustStrict: (lastLine: number, how: Extract<PartReading, { kind: 'strict' }>) => void = () => {},
): AsyncGenerator<RelationPart> {
  const target = csvPartSize.streamBytes;
  /** Text that came after the last part's end, in order. */
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  /**
   * Where the last newline in `pending` ends (bytes from its start), or 0: each chunk is searched
   * once, as it comes. Joining and searching the whole pending text for every chunk, as before,
   * was quadratic in a line's length (a 20 MB line took 24 s, a gzip of one 200 MB line hung).
   */
  let lastNewlineEnd = 0;
  let consumed = 0;
  /** Offset in the unwrapped text where the next part starts. */
  let textStart = 0;
  let k = 0;
  let names = 0;
  const part = (
    bytes: Uint8Array,
    end: number,
    index: number,
    start: number,
    recut?: () => RelationPart | undefined,
  ): RelationPart => {
    const name = `${namePrefix}${names++}.csv`;
    const lastLine = lastLineInBytes(bytes, maxRecordBytes);
    return {
      end,
      bytes: bytes.byteLength,
      open: (how = { kind: 'strict' }) => {
        if (how.kind === 'strict') trustStrict(lastLine, how);
        engine.registerFileBuffer(name, bytes);
        return partSql(name, index, how, start);
      },
      close: () => engine.dropFile(name),
      ...(recut ? { recut: async () => recut() } : {}),
    };
  };
  for await (const chunk of text.chunks()) {
    const nl = chunk.bytes.lastIndexOf(NL);
    if (nl >= 0) lastNewlineEnd = pendingBytes + nl + 1;
    pending.push(chunk.bytes);
    pendingBytes += chunk.bytes.length;
    consumed = chunk.consumed;
    // No line ends in the text held: it is one line, and past the limit it is refused here, before
    // it fills memory (a part is the text up to a newline, so it would never be cut).
    if (lastNewlineEnd === 0 && pendingBytes > maxRecordBytes)
      throw await lineTooLong(text, textStart, maxRecordBytes);
    if (pendingBytes < target || lastNewlineEnd === 0) continue;
    const all = concat(pending);
    const guess = lastNewlineEnd;
    pending = guess < all.length ? [all.slice(guess)] : [];
    pendingBytes = all.length - guess;
    lastNewlineEnd = 0;
    const index = k++;
    const end = consumed;
    const start = textStart;
    textStart += guess;
    yield part(all.subarray(0, guess), end, index, start, () => {
      const proven = lastRecordEnd(all.subarray(0, guess));
      if (proven === guess || proven === 0) return undefined;
      // The text between the proven and the guessed end opens the next part.
      pending = [all.slice(proven, guess), ...pending];
      pendingBytes += guess - proven;
      // That text holds the newline at its end (the guessed cut), so the pending text has one.
      lastNewlineEnd = guess - proven;
      textStart -= guess - proven;
      return part(all.subarray(0, proven), end, index, start);
    });
  }
  if (pendingBytes > 0 || k === 0) yield part(concat(pending), consumed, k++, textStart);
}

/** lastLineLength (positions.ts) of bytes in memory. */
function lastLineInBytes(bytes: Uint8Array, cap: number): number {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === NL || bytes[end - 1] === 0x0d)) end--;
  if (end === 0) return 0;
  const start = bytes.lastIndexOf(NL, end - 1) + 1;
  return Math.min(cap + 1, end - start);
}

/**
 * The error for a line of an unwrapped text (gzip, UTF-16) that goes on past the record limit from
 * byte `start`: its line number is counted in a second pass over the text up to there.
 */
async function lineTooLong(
  text: UnwrappedText,
  start: number,
  maxRecordBytes: number,
): Promise<Error> {
  let line = 1;
  let seen = 0;
  for await (const c of text.chunks()) {
    const upTo = Math.min(c.bytes.length, start - seen);
    for (let i = c.bytes.indexOf(NL); i >= 0 && i < upTo; i = c.bytes.indexOf(NL, i + 1)) line++;
    seen += c.bytes.length;
    if (seen >= start) break;
  }
  return ingestError(
    'record-too-large',
    text.name,
    `the line that starts here goes on for more than ${megabytes(maxRecordBytes)} without ending, over Loupe's limit for one record ` +
      `(Kusto refuses records over 64 MB too); ${RAISE_HINTS.recordBytes}.`,
    { line, column: 1 },
  );
}
