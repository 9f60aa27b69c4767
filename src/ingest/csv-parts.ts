/**
 * Cutting a large CSV file into consecutive parts at record boundaries, so that the typed table is
 * built part by part. Why: DuckDB keeps the rows of an uncommitted statement uncompressed in memory
 * (it writes compressed row groups early only for databases on disk), so one `CREATE TABLE … AS
 * SELECT` over a 530 MB export held ~580 MB of uncompressed rows at its peak; committed part by part
 * into the compressed in-memory database (src/db/bindings-engine.ts), each part is compressed before
 * the next is read (measured: the table shrinks ~10×, the wasm heap's peak ~4×).
 *
 * A record boundary is a newline outside double quotes: with `"` as both quote and escape (RFC 4180,
 * what every export here writes) a position is inside a quoted value exactly when an odd number of
 * quotes precede it, so one pass counting quotes finds the cuts. A file this reasoning does not fit
 * (say, a stray quote inside an unquoted value) can at worst make a part unreadable, which the loader
 * notices and answers by reading the whole file in one statement, as before: cutting never changes
 * what is loaded or which error is reported.
 */
import type { SqlEngine } from '../db/engine.ts';
import { concat, type UnwrappedText } from './decode.ts';
import type { RelationPart } from './raw-relation.ts';
import type { ByteSource } from './source.ts';

/**
 * Target size of a part: of a file read in place, and of a stream unwrapped in JavaScript (smaller:
 * the part is held in JavaScript and copied into the wasm heap), and how much text is read between
 * two checkpoints. Compressing costs about as much time as reading (measured in Chromium: a 1M-row
 * CSV took 12.0 s compressed throughout against 6.2 s), so it is done only per 256 MB and never
 * after the last part: a file under 256 MB is not compressed at all, and a larger one holds at
 * most ~256 MB of uncompressed rows at a time. Tests lower them to exercise cuts in small fixtures.
 */
export const csvPartSize = { bytes: 64 * 1024 * 1024, streamBytes: 16 * 1024 * 1024, checkpointBytes: 256 * 1024 * 1024 };

const NL = 0x0a;
const QUOTE = 0x22;
const CHUNK = 8 * 1024 * 1024;

/**
 * Offsets [start, end) of the parts, the first starting at 0 (it keeps the header), or a single
 * part when the file is smaller than two parts. Reads the file once, in chunks.
 */
export async function csvPartRanges(src: ByteSource, partBytes = csvPartSize.bytes): Promise<[number, number][]> {
  if (src.size < 2 * partBytes) return [[0, src.size]];
  const cuts: number[] = [0];
  let target = partBytes;
  let odd = 0;
  for (let base = 0; base < src.size && target < src.size; base += CHUNK) {
    const chunk = await src.read(base, Math.min(src.size, base + CHUNK));
    const n = chunk.length;
    let i = 0;
    // Before the target only the quote parity matters: the tight loop counts quotes.
    for (;;) {
      const stop = Math.min(n, target - base);
      for (; i < stop; i++) if (chunk[i] === QUOTE) odd ^= 1;
      if (i >= n) break;
      // At or past the target: the first newline outside quotes ends the part.
      for (; i < n; i++) {
        const b = chunk[i];
        if (b === QUOTE) odd ^= 1;
        else if (b === NL && odd === 0) break;
      }
      if (i >= n) break;
      const cut = base + i + 1;
      i++;
      // A last part smaller than half a part joins the one before it.
      if (src.size - cut < partBytes / 2) {
        target = src.size;
        break;
      }
      cuts.push(cut);
      target = cut + partBytes;
    }
  }
  cuts.push(src.size);
  const ranges: [number, number][] = [];
  for (let k = 0; k + 1 < cuts.length; k++) if (cuts[k + 1]! > cuts[k]!) ranges.push([cuts[k]!, cuts[k + 1]!]);
  return ranges;
}

/**
 * The parts of an unwrapped stream (gzip, UTF-16), cut as the text arrives: each part is the text up
 * to the last record boundary after csvPartSize.streamBytes, registered as a buffer when opened and
 * dropped when closed, so memory holds about one part whatever the file's size. A damaged gzip
 * throws (bad-gzip) from the iteration itself, never from reading a part.
 */
export async function* streamParts(
  engine: SqlEngine,
  text: UnwrappedText,
  namePrefix: string,
  partSql: (name: string, index: number) => string,
): AsyncGenerator<RelationPart> {
  const target = csvPartSize.streamBytes;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  /** Offset in the pending text just after its last newline outside quotes (0: none yet). */
  let lastCut = 0;
  let odd = 0;
  let consumed = 0;
  let k = 0;
  const part = (bytes: Uint8Array, end: number): RelationPart => {
    const name = `${namePrefix}${k}.csv`;
    const index = k++;
    return {
      end,
      bytes: bytes.byteLength,
      open: () => {
        engine.registerFileBuffer(name, bytes);
        return partSql(name, index);
      },
      close: () => engine.dropFile(name),
    };
  };
  for await (const chunk of text.chunks()) {
    const b = chunk.bytes;
    consumed = chunk.consumed;
    for (let i = 0; i < b.length; i++) {
      const c = b[i];
      if (c === QUOTE) odd ^= 1;
      else if (c === NL && odd === 0) lastCut = pendingBytes + i + 1;
    }
    pending.push(b);
    pendingBytes += b.length;
    if (pendingBytes >= target && lastCut > 0) {
      const all = concat(pending);
      const rest = all.slice(lastCut);
      yield part(all.subarray(0, lastCut), consumed);
      pending = rest.length ? [rest] : [];
      pendingBytes = rest.length;
      lastCut = 0;
    }
  }
  if (pendingBytes > 0 || k === 0) yield part(concat(pending), consumed);
}
