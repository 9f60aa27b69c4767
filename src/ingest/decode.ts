/**
 * Undoing what wraps a log file before its shape can be read: gzip (`.gz` exports, compressed blobs)
 * and UTF-16 text (Excel's "Unicode text", PowerShell's default `Out-File`). Both become UTF-8 bytes
 * that the readers take as usual. gzip is inflated with the platform's DecompressionStream (Node 18+
 * and every current browser), so no library is needed.
 */
import { ingestError } from './errors.ts';
import type { ByteSource } from './source.ts';

export type Wrapping = 'gzip' | 'utf-16le' | 'utf-16be';

export function wrappingOf(head: Uint8Array): Wrapping | undefined {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return undefined;
}

function sourceOf(name: string, bytes: Uint8Array): ByteSource {
  return { name, size: bytes.byteLength, bytes, read: async (s, e) => bytes.subarray(Math.max(0, s), Math.min(bytes.byteLength, e)) };
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
