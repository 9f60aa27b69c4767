/**
 * Undoing what wraps a log file before its shape can be read: gzip (`.gz` exports, compressed blobs)
 * and UTF-16 text (Excel's "Unicode text", PowerShell's default `Out-File`). The result is a stream
 * of UTF-8 chunks that the readers take as they come: the unwrapped file is never held whole (a 1 GB
 * CSV inside a 60 MB .gz must not become a 1 GB buffer in the tab). gzip is inflated with the
 * platform's DecompressionStream (Node 18+ and every current browser), UTF-16 is transcoded with a
 * streaming TextDecoder; no library is needed.
 *
 * DuckDB-WASM could read a `.csv.gz` itself, but measured: a truncated archive reads as a shorter
 * file without any error (145 of 302 rows), so Loupe inflates it and reports `bad-gzip` instead.
 */
import { ingestError } from './errors.ts';
import { DEFAULT_LIMITS, gzipRatioFloor, megabytes, RAISE_HINTS } from './limits.ts';
import type { ByteSource } from './source.ts';

export type Wrapping = 'gzip' | 'utf-16le' | 'utf-16be';

/** A chunk of unwrapped bytes, with how many bytes of the original file were consumed so far (for progress). */
export interface ByteChunk {
  readonly bytes: Uint8Array;
  readonly consumed: number;
}

export function wrappingOf(head: Uint8Array): Wrapping | undefined {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return undefined;
}

export function sourceOfBytes(name: string, bytes: Uint8Array): ByteSource {
  return {
    name,
    size: bytes.byteLength,
    bytes,
    read: async (s, e) => bytes.subarray(Math.max(0, s), Math.min(bytes.byteLength, e)),
  };
}

/**
 * Size of the slices a wrapped file is read in (bytes given whole are cut the same way); tests make
 * it tiny. 1 MB: a gzip's inflation is checked against what was read of it, so a bomb is refused
 * after ~100 MB of text rather than ~400 MB (measured: 23 s and 896 MB peak with 4 MB slices).
 */
export const unwrapReadSize = { bytes: 1024 * 1024 };

/** The original file's bytes, slice by slice, with the running count. */
async function* rawChunks(src: ByteSource, step = unwrapReadSize.bytes): AsyncGenerator<ByteChunk> {
  for (let at = 0; at < src.size; at += step) {
    const end = Math.min(src.size, at + step);
    yield { bytes: await src.read(at, end), consumed: end };
  }
}

function badGzip(file: string, e: unknown): Error {
  const why = e instanceof Error ? e.message : String(e);
  return ingestError(
    'bad-gzip',
    file,
    `${file} is a damaged or truncated gzip file (${why}); expected a complete .gz archive: download it again.`,
  );
}

/**
 * gzip inflated chunk by chunk; a damaged or truncated archive throws `bad-gzip` when it is
 * reached, and one that inflates past `ratio` times what was read of it (once past
 * gzipRatioFloor) throws `inflates-too-much` there, before the rest is inflated: a 5 MB
 * gzip of 2 GB of text otherwise filled memory (4.9 GB peak) before failing.
 */
async function* gunzipChunks(
  file: string,
  input: AsyncIterable<ByteChunk>,
  ratio: number,
): AsyncGenerator<ByteChunk> {
  const inflate = new DecompressionStream('gzip');
  const writer = inflate.writable.getWriter();
  const reader = inflate.readable.getReader();
  let consumed = 0;
  let inflated = 0;
  let failure: unknown;
  // The compressed side is written as the inflated side is read (backpressure keeps one chunk or
  // so in flight); a write error surfaces on the reader, which is where it is reported.
  const feeding = (async () => {
    try {
      for await (const c of input) {
        await writer.ready;
        consumed = c.consumed;
        await writer.write(c.bytes as Uint8Array<ArrayBuffer>);
      }
      await writer.close();
    } catch (e) {
      failure ??= e;
      await writer.abort(e).catch(() => {});
    }
  })();
  try {
    for (;;) {
      let r: ReadableStreamReadResult<Uint8Array>;
      try {
        r = await reader.read();
      } catch (e) {
        throw failure !== undefined && isIngestFailure(failure) ? failure : badGzip(file, e);
      }
      if (r.done) break;
      inflated += r.value.byteLength;
      if (inflated > gzipRatioFloor.bytes && inflated > ratio * consumed)
        throw inflatesTooMuch(file, inflated, consumed, ratio);
      yield { bytes: r.value, consumed };
    }
    await feeding;
    if (failure !== undefined) throw isIngestFailure(failure) ? failure : badGzip(file, failure);
  } finally {
    // Abandoned early (a head read, a failed load): cancelling the inflated side errors the
    // compressed side, which ends the feeding loop instead of leaving it waiting forever.
    await reader.cancel().catch(() => {});
    await feeding.catch(() => {});
  }
}

function inflatesTooMuch(file: string, inflated: number, consumed: number, ratio: number): Error {
  return ingestError(
    'inflates-too-much',
    file,
    `${file} inflates to more than ${ratio} times its compressed size (${megabytes(inflated)} from the first ${megabytes(consumed)}): ` +
      `log exports inflate 5 to 20 times, so this looks like a gzip bomb and was not read further; ${RAISE_HINTS.gzipRatio}.`,
  );
}

function isIngestFailure(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { stage?: unknown }).stage === 'ingest';
}

/** UTF-16 text transcoded to UTF-8 chunk by chunk (a character split across chunks is kept whole). */
async function* transcodeChunks(
  encoding: 'utf-16le' | 'utf-16be',
  input: AsyncIterable<ByteChunk>,
): AsyncGenerator<ByteChunk> {
  const decoder = new TextDecoder(encoding); // the BOM is consumed by the decoder
  const encoder = new TextEncoder();
  let consumed = 0;
  for await (const c of input) {
    consumed = c.consumed;
    const text = decoder.decode(c.bytes, { stream: true });
    if (text) yield { bytes: encoder.encode(text), consumed };
  }
  const rest = decoder.decode();
  if (rest) yield { bytes: encoder.encode(rest), consumed };
}

function applyLayersOf(
  src: ByteSource,
  layers: readonly Wrapping[],
  ratio: number,
  readBytes?: number,
): AsyncGenerator<ByteChunk> {
  let chunks = rawChunks(src, readBytes);
  for (const w of layers)
    chunks = w === 'gzip' ? gunzipChunks(src.name, chunks, ratio) : transcodeChunks(w, chunks);
  return chunks;
}

/**
 * Slices read for a look at the head: small, because what a slice inflates to is inflated whole
 * even when only its first bytes are wanted (a 4 MB slice of a gzipped CSV is ~25 MB of text).
 */
const HEAD_READ_BYTES = 64 * 1024;

/** The first `n` bytes of a chunk stream (fewer at its end); the stream is then abandoned. */
async function headOf(chunks: AsyncGenerator<ByteChunk>, n: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let have = 0;
  try {
    while (have < n) {
      const r = await chunks.next();
      if (r.done) break;
      parts.push(r.value.bytes);
      have += r.value.bytes.byteLength;
    }
  } finally {
    await chunks.return(undefined);
  }
  return concat(parts).subarray(0, n);
}

/** A wrapped file's UTF-8 content, produced anew chunk by chunk on each pass. */
export interface UnwrappedText {
  readonly name: string;
  /** Size of the original (wrapped) file: progress counts its bytes. */
  readonly size: number;
  readonly unwrapped: readonly Wrapping[];
  /** The first `n` bytes of the content. */
  head(n: number): Promise<Uint8Array>;
  /** One pass over the content. */
  chunks(): AsyncGenerator<ByteChunk>;
  /**
   * The whole content in one buffer: only for what needs random access to it (reporting the
   * position of a bad record, an Entra download's transform), never for a clean load.
   */
  whole(): Promise<Uint8Array>;
}

/** The file's wrappings (up to three layers, e.g. a gzipped UTF-16 export), or undefined when it has none. */
export async function unwrapText(
  src: ByteSource,
  gzipRatio: number = DEFAULT_LIMITS.gzipRatio,
): Promise<UnwrappedText | undefined> {
  const layers: Wrapping[] = [];
  const applyLayers = (src: ByteSource, layers: readonly Wrapping[], readBytes?: number) =>
    applyLayersOf(src, layers, gzipRatio, readBytes);
  for (let i = 0; i < 3; i++) {
    const w = wrappingOf(await headOf(applyLayers(src, layers, HEAD_READ_BYTES), 4));
    if (!w) break;
    layers.push(w);
  }
  if (layers.length === 0) return undefined;
  let whole: Promise<Uint8Array> | undefined;
  return {
    name: src.name,
    size: src.size,
    unwrapped: layers,
    head: (n) => headOf(applyLayers(src, layers, HEAD_READ_BYTES), n),
    chunks: () => applyLayers(src, layers),
    whole: () =>
      (whole ??= (async () => {
        const parts: Uint8Array[] = [];
        for await (const c of applyLayers(src, layers)) parts.push(c.bytes);
        return concat(parts);
      })()),
  };
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
