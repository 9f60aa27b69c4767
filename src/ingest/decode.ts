/**
 * Undoing what wraps a log file before its shape can be read: gzip (`.gz` exports, compressed blobs)
 * and UTF-16 text (Excel's "Unicode text", PowerShell's default `Out-File`). Both become UTF-8 bytes
 * that the readers take as usual. gzip is inflated with the platform's DecompressionStream (Node 18+
 * and every current browser), so no library is needed.
 */
import { ingestError } from './errors.ts';
import type { ByteSource } from './source.ts';

export type Wrapping = 'gzip' | 'utf-16le' | 'utf-16be';

export function sourceOfBytes(name: string, bytes: Uint8Array): ByteSource {
  return sourceOf(name, bytes);
}

export function wrappingOf(head: Uint8Array): Wrapping | undefined {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return undefined;
}

function sourceOf(name: string, bytes: Uint8Array): ByteSource {
  return { name, size: bytes.byteLength, bytes, read: async (s, e) => bytes.subarray(Math.max(0, s), Math.min(bytes.byteLength, e)) };
}

/**
 * A gzip file inflated as it is read: chunks of the decompressed bytes, each with how many
 * compressed bytes were consumed so far (for progress). A damaged or truncated archive throws.
 */
export class GunzipChunks {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private consumed = 0;
  /** Chunks read ahead by peek() and not yet handed out. */
  private readonly pending: { bytes: Uint8Array; consumed: number }[] = [];

  constructor(private readonly src: ByteSource) {
    const counted = src.blob ? src.blob.stream() : new Blob([src.bytes as Uint8Array<ArrayBuffer>]).stream();
    const counter = new TransformStream<Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>>({
      transform: (chunk, controller) => {
        this.consumed += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    this.reader = counted.pipeThrough(counter).pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array<ArrayBuffer>>).getReader();
  }

  private async next(): Promise<{ bytes: Uint8Array; consumed: number } | undefined> {
    try {
      const { done, value } = await this.reader.read();
      return done ? undefined : { bytes: value, consumed: this.consumed };
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw ingestError('bad-gzip', this.src.name, `${this.src.name} is a damaged or truncated gzip file (${why}); expected a complete .gz archive: download it again.`);
    }
  }

  /** The first `bytes` decompressed bytes (or all of them if fewer), without consuming them. */
  async peek(bytes: number): Promise<Uint8Array> {
    let have = this.pending.reduce((n, c) => n + c.bytes.byteLength, 0);
    while (have < bytes) {
      const c = await this.next();
      if (!c) break;
      this.pending.push(c);
      have += c.bytes.byteLength;
    }
    return concat(this.pending.map((c) => c.bytes)).subarray(0, bytes);
  }

  async *chunks(): AsyncGenerator<{ bytes: Uint8Array; consumed: number }> {
    while (this.pending.length > 0) yield this.pending.shift()!;
    for (;;) {
      const c = await this.next();
      if (!c) return;
      yield c;
    }
  }

  /** Everything left, in one buffer (for readers that need the whole file, like DuckDB's CSV reader). */
  async all(): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    for await (const c of this.chunks()) parts.push(c.bytes);
    return concat(parts);
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

async function gunzip(src: ByteSource): Promise<Uint8Array> {
  const input = src.blob ? src.blob.stream() : new Blob([(src.bytes ?? (await src.read(0, src.size))) as Uint8Array<ArrayBuffer>]).stream();
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    const reader = input.pipeThrough(new DecompressionStream('gzip')).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      total += value.byteLength;
    }
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw ingestError('bad-gzip', src.name, `${src.name} is a damaged or truncated gzip file (${why}); expected a complete .gz archive: download it again.`);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** The file as plain UTF-8 text bytes, with what was undone (for LoadedTable.format and warnings). */
export async function unwrap(src: ByteSource, head: Uint8Array): Promise<{ src: ByteSource; unwrapped: Wrapping[] }> {
  const unwrapped: Wrapping[] = [];
  let current = src;
  let h = head;
  for (let i = 0; i < 3; i++) {
    const w = wrappingOf(h);
    if (!w) break;
    unwrapped.push(w);
    if (w === 'gzip') {
      current = sourceOf(current.name, await gunzip(current));
    } else {
      const bytes = current.bytes ?? (await current.read(0, current.size));
      const text = new TextDecoder(w).decode(bytes); // the BOM is consumed by the decoder
      current = sourceOf(current.name, new TextEncoder().encode(text));
    }
    h = await current.read(0, 4);
  }
  return { src: current, unwrapped };
}
