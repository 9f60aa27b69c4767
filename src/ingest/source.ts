/**
 * Random access to the bytes of a file being loaded, whether it arrived as bytes (Node, tests) or
 * as a browser Blob/File (read in slices, never copied whole into JavaScript memory).
 */
import type { LoadSource } from './api.ts';

export interface ByteSource {
  readonly name: string;
  readonly size: number;
  /** Bytes [start, end) (clamped to the file). */
  read(start: number, end: number): Promise<Uint8Array>;
  readonly bytes?: Uint8Array;
  readonly blob?: Blob;
}

export function byteSource(source: LoadSource): ByteSource {
  const { bytes, blob, name } = source;
  if (bytes) {
    return {
      name,
      size: bytes.byteLength,
      bytes,
      read: async (s, e) => bytes.subarray(Math.max(0, s), Math.min(bytes.byteLength, e)),
    };
  }
  if (blob) {
    return {
      name,
      size: blob.size,
      blob,
      read: async (s, e) =>
        new Uint8Array(await blob.slice(Math.max(0, s), Math.min(blob.size, e)).arrayBuffer()),
    };
  }
  throw new Error(`loadFile: source ${name} has neither bytes nor blob`);
}
